package jivochat

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"selo/backend/crm"
)

// MemoryStore is a Store kept in memory, for tests and the app's preview
// mode. It has the semantics a database would: Apply runs one writer at a
// time and commits all of an event's changes or none.
type MemoryStore struct {
	mu        sync.Mutex
	leads     map[string]crm.Lead
	leadOrder []string
	messages  []crm.LeadMessage
	msgKeys   map[string]struct{}
	events    []RawEvent
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{
		leads:   map[string]crm.Lead{},
		msgKeys: map[string]struct{}{},
	}
}

var errTxClosed = errors.New("jivochat: transaction used after Apply returned")

// Apply implements Store. Writes go to an overlay that is merged only when fn
// returns nil, so an error or panic in fn leaves the store as it was.
func (s *MemoryStore) Apply(ctx context.Context, fn func(tx Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx := &memTx{
		s:       s,
		leads:   map[string]crm.Lead{},
		msgKeys: map[string]struct{}{},
	}
	err := fn(tx)
	tx.closed = true
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for id, l := range tx.leads {
		s.leads[id] = l
	}
	s.leadOrder = append(s.leadOrder, tx.leadOrder...)
	s.messages = append(s.messages, tx.messages...)
	for k := range tx.msgKeys {
		s.msgKeys[k] = struct{}{}
	}
	s.events = append(s.events, tx.events...)
	for _, u := range tx.updates {
		s.events[u.ID-1] = u
	}
	return nil
}

// Leads returns every lead in creation order.
func (s *MemoryStore) Leads() []crm.Lead {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]crm.Lead, 0, len(s.leadOrder))
	for _, id := range s.leadOrder {
		out = append(out, s.leads[id].Clone())
	}
	return out
}

// Lead returns one lead.
func (s *MemoryStore) Lead(id string) (crm.Lead, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.leads[id]
	return l.Clone(), ok
}

// Messages returns a lead's conversation ordered by time, then arrival.
func (s *MemoryStore) Messages(leadID string) []crm.LeadMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []crm.LeadMessage
	for _, m := range s.messages {
		if m.LeadID == leadID {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b crm.LeadMessage) int { return a.At.Compare(b.At) })
	return out
}

// RawEvents returns the stored events in arrival order.
func (s *MemoryStore) RawEvents() []RawEvent {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]RawEvent, 0, len(s.events))
	for _, ev := range s.events {
		ev.Body = append([]byte(nil), ev.Body...)
		out = append(out, ev)
	}
	return out
}

// Stats counts what the store holds. Tests compare two Stats to prove that a
// refused request stored nothing.
type Stats struct {
	Leads     int
	Messages  int
	RawEvents int
}

// Stats returns the current counts.
func (s *MemoryStore) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{Leads: len(s.leads), Messages: len(s.messages), RawEvents: len(s.events)}
}

type memTx struct {
	s         *MemoryStore
	closed    bool
	leads     map[string]crm.Lead
	leadOrder []string
	messages  []crm.LeadMessage
	msgKeys   map[string]struct{}
	events    []RawEvent
	updates   []RawEvent
}

// lastEvent finds the newest stored delivery that match accepts, preferring
// one that touched a lead, like the SQL store.
func (t *memTx) lastEvent(match func(RawEvent) bool) (RawEvent, bool) {
	var best RawEvent
	found := false
	for _, list := range [][]RawEvent{t.s.events, t.events} {
		for _, ev := range list {
			if !match(ev) {
				continue
			}
			if !found || ev.LeadID != "" || best.LeadID == "" {
				best, found = ev, true
			}
		}
	}
	return best, found
}

func (t *memTx) SeenEvent(key string) (string, bool, error) {
	if t.closed {
		return "", false, errTxClosed
	}
	ev, ok := t.lastEvent(func(ev RawEvent) bool { return ev.Key == key })
	return ev.LeadID, ok, nil
}

func (t *memTx) SeenBody(key, bodyHash string) (string, bool, error) {
	if t.closed {
		return "", false, errTxClosed
	}
	ev, ok := t.lastEvent(func(ev RawEvent) bool { return ev.Key == key && ev.BodyHash == bodyHash })
	return ev.LeadID, ok, nil
}

func (t *memTx) ChatLead(chatID string) (string, bool, error) {
	if t.closed {
		return "", false, errTxClosed
	}
	if chatID == "" {
		return "", false, nil
	}
	ev, ok := t.lastEvent(func(ev RawEvent) bool { return ev.ChatID == chatID && ev.LeadID != "" })
	return ev.LeadID, ok, nil
}

func (t *memTx) SaveRawEvent(ev RawEvent) error {
	if t.closed {
		return errTxClosed
	}
	ev.Body = append([]byte(nil), ev.Body...)
	ev.ID = int64(len(t.s.events) + len(t.events) + 1)
	t.events = append(t.events, ev)
	return nil
}

func (t *memTx) UpdateRawEvent(ev RawEvent) error {
	if t.closed {
		return errTxClosed
	}
	for i := range t.events {
		if t.events[i].ID == ev.ID {
			ev.Body = t.events[i].Body
			t.events[i] = ev
			return nil
		}
	}
	for _, old := range t.s.events {
		if old.ID == ev.ID {
			// Committed rows change only on commit, like the rest.
			ev.Body = old.Body
			t.updates = append(t.updates, ev)
			return nil
		}
	}
	return fmt.Errorf("jivochat: raw event %d not found", ev.ID)
}

func (t *memTx) get(id string) (crm.Lead, bool) {
	if l, ok := t.leads[id]; ok {
		return l, true
	}
	l, ok := t.s.leads[id]
	return l, ok
}

func (t *memTx) Lead(id string) (crm.Lead, bool, error) {
	if t.closed {
		return crm.Lead{}, false, errTxClosed
	}
	l, ok := t.get(id)
	return l.Clone(), ok, nil
}

func (t *memTx) FindLead(by LeadKey, value string) (crm.Lead, bool, error) {
	if t.closed {
		return crm.Lead{}, false, errTxClosed
	}
	if value == "" {
		return crm.Lead{}, false, nil
	}
	var field func(crm.Lead) string
	switch by {
	case ByVisitorID:
		field = func(l crm.Lead) string { return l.VisitorID }
	case ByClientID:
		field = func(l crm.Lead) string { return l.ClientID }
	case ByEmail:
		field = func(l crm.Lead) string { return l.Email }
	case ByPhone:
		field = func(l crm.Lead) string { return l.Phone }
	default:
		return crm.Lead{}, false, fmt.Errorf("jivochat: unknown lead key %q", by)
	}
	var best crm.Lead
	found := false
	consider := func(id string) {
		l, _ := t.get(id)
		if field(l) != value {
			return
		}
		if !found || l.CreatedAt.Before(best.CreatedAt) || (l.CreatedAt.Equal(best.CreatedAt) && l.ID < best.ID) {
			best, found = l, true
		}
	}
	for _, id := range t.s.leadOrder {
		consider(id)
	}
	for _, id := range t.leadOrder {
		consider(id)
	}
	return best.Clone(), found, nil
}

func (t *memTx) InsertLead(l crm.Lead) error {
	if t.closed {
		return errTxClosed
	}
	if l.ID == "" {
		return errors.New("jivochat: lead without id")
	}
	if _, ok := t.get(l.ID); ok {
		return fmt.Errorf("jivochat: lead %s already exists", l.ID)
	}
	t.leads[l.ID] = l.Clone()
	t.leadOrder = append(t.leadOrder, l.ID)
	return nil
}

func (t *memTx) UpdateLead(l crm.Lead) error {
	if t.closed {
		return errTxClosed
	}
	if _, ok := t.get(l.ID); !ok {
		return fmt.Errorf("jivochat: lead %s not found", l.ID)
	}
	t.leads[l.ID] = l.Clone()
	return nil
}

func (t *memTx) AppendMessages(msgs []crm.LeadMessage) (int, error) {
	if t.closed {
		return 0, errTxClosed
	}
	added := 0
	for _, m := range msgs {
		if _, ok := t.get(m.LeadID); !ok {
			return added, fmt.Errorf("jivochat: message for unknown lead %s", m.LeadID)
		}
		k := m.LeadID + "\x00" + m.Key
		if _, ok := t.msgKeys[k]; ok {
			continue
		}
		if _, ok := t.s.msgKeys[k]; ok {
			continue
		}
		t.msgKeys[k] = struct{}{}
		t.messages = append(t.messages, m)
		added++
	}
	return added, nil
}
