package logging

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// Redactor scrubs secrets and personal data from text bound for a log.
// Known secrets (access tokens, webhook secrets) are registered when Selo
// handles them, so even a secret that slips into an error string from a
// library is masked; CPFs are recognised by shape.
type Redactor struct {
	mu      sync.RWMutex
	secrets map[string]struct{}
}

// minSecretLen keeps short values (a "1", a "true") from being registered by
// mistake and then blanking every log line that contains them.
const minSecretLen = 8

// cpfPattern matches a formatted CPF. Bare 11-digit runs are left alone in
// free text because they are as often phone numbers or ids; fields known to
// hold a CPF are masked by key instead.
var cpfPattern = regexp.MustCompile(`\b\d{3}\.\d{3}\.\d{3}-\d{2}\b`)

// NewRedactor returns an empty Redactor.
func NewRedactor() *Redactor {
	return &Redactor{secrets: map[string]struct{}{}}
}

// AddSecret registers a value that must never appear in a log.
func (r *Redactor) AddSecret(s string) {
	s = strings.TrimSpace(s)
	if len(s) < minSecretLen {
		return
	}
	r.mu.Lock()
	r.secrets[s] = struct{}{}
	r.mu.Unlock()
}

// Redact returns s with registered secrets replaced by their masked form and
// formatted CPFs masked.
func (r *Redactor) Redact(s string) string {
	r.mu.RLock()
	for secret := range r.secrets {
		if strings.Contains(s, secret) {
			s = strings.ReplaceAll(s, secret, MaskToken(secret))
		}
	}
	r.mu.RUnlock()
	return cpfPattern.ReplaceAllStringFunc(s, MaskCPF)
}

// MaskToken shows only the last four characters of a secret, which is what
// the keys screen shows too, so a log line can be matched to a key.
func MaskToken(s string) string {
	if utf8.RuneCountInString(s) <= 4 {
		return "••••"
	}
	r := []rune(s)
	return "••••" + string(r[len(r)-4:])
}

// MaskCPF keeps the two check digits only: enough to tell two people apart in
// a support conversation, not enough to identify anyone.
func MaskCPF(s string) string {
	digits := make([]byte, 0, 11)
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits = append(digits, s[i])
		}
	}
	if len(digits) < 2 {
		return "***.***.***-**"
	}
	return "***.***.***-" + string(digits[len(digits)-2:])
}
