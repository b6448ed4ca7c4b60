package secrets

import (
	"context"
	"sync"
)

// Memory is an in-process Store for unit tests and previews. Its FailNext
// hooks let tests make a save fail at a chosen point, to prove that callers
// never leave a database row without its secret or the reverse.
type Memory struct {
	mu   sync.Mutex
	data map[string]string
	// FailSet, when non-nil, is returned by the next Set and then cleared.
	FailSet error
	// FailDelete, when non-nil, is returned by the next Delete and then cleared.
	FailDelete error
}

// NewMemory returns an empty in-memory store.
func NewMemory() *Memory { return &Memory{data: map[string]string{}} }

// Set stores the secret unless a failure was armed or it is longer than
// MaxValueLen.
func (m *Memory) Set(_ context.Context, key, value string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.FailSet; err != nil {
		m.FailSet = nil
		return err
	}
	// The OS keyring's limit, so tests meet what a real computer would.
	if err := checkLen(value); err != nil {
		return err
	}
	m.data[key] = value
	return nil
}

// Get returns the secret or ErrNotFound.
func (m *Memory) Get(_ context.Context, key string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.data[key]
	if !ok {
		return "", ErrNotFound
	}
	return v, nil
}

// Delete removes the secret unless a failure was armed.
func (m *Memory) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.FailDelete; err != nil {
		m.FailDelete = nil
		return err
	}
	delete(m.data, key)
	return nil
}

// Keys lists the stored keys, for assertions.
func (m *Memory) Keys() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	ks := make([]string, 0, len(m.data))
	for k := range m.data {
		ks = append(ks, k)
	}
	return ks
}
