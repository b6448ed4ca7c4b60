package inbound

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"sync"
)

// TokenVerifier decides whether the token in a webhook URL is active, and for
// whom (the integration or user it belongs to). It is called on every
// request, so revoking a token takes effect on the next request; an
// implementation must not cache answers beyond that, except for a bound it
// documents (CachedTokens: the headless server's TTL).
type TokenVerifier interface {
	Verify(ctx context.Context, token string) (ok bool, ownerID string)
}

// MaxTokenLen bounds the tokens we bother hashing; NewToken makes 43
// characters.
const MaxTokenLen = 256

// TokenHash is what the database keeps of a webhook token: its SHA-256, the
// owner and the last four characters to show on screen. A plain hash is
// enough (no salt or slow KDF) because tokens are 256 random bits, not
// passwords.
type TokenHash struct {
	Hash     [sha256.Size]byte
	OwnerID  string
	LastFour string
}

// TokenSource lists the hashes of the tokens active right now. The SQLite
// store implements it with a query over non-revoked tokens.
type TokenSource interface {
	ActiveTokenHashes(ctx context.Context) ([]TokenHash, error)
}

// TokenSourceFunc adapts a function to TokenSource.
type TokenSourceFunc func(ctx context.Context) ([]TokenHash, error)

// ActiveTokenHashes implements TokenSource.
func (f TokenSourceFunc) ActiveTokenHashes(ctx context.Context) ([]TokenHash, error) { return f(ctx) }

// HashVerifier is the TokenVerifier Selo uses: it hashes the presented token
// and compares it with every active hash in constant time, asking Source
// afresh on each request. It fails closed: a Source error rejects.
type HashVerifier struct {
	Source TokenSource
}

// Verify implements TokenVerifier. The loop compares against all hashes
// without stopping at a match so the time taken does not tell which (or
// whether) one matched.
func (v HashVerifier) Verify(ctx context.Context, token string) (bool, string) {
	if token == "" || len(token) > MaxTokenLen || v.Source == nil {
		return false, ""
	}
	hashes, err := v.Source.ActiveTokenHashes(ctx)
	if err != nil {
		return false, ""
	}
	sum := sha256.Sum256([]byte(token))
	found := 0
	owner := ""
	for _, h := range hashes {
		eq := subtle.ConstantTimeCompare(sum[:], h.Hash[:])
		if eq == 1 && found == 0 {
			owner = h.OwnerID
		}
		found |= eq
	}
	return found == 1, owner
}

// HashToken returns the SHA-256 of a token, as stored.
func HashToken(token string) [sha256.Size]byte { return sha256.Sum256([]byte(token)) }

// LastFour returns the last four characters of a token: the only part that
// may be shown or logged.
func LastFour(token string) string {
	r := []rune(token)
	if len(r) <= 4 {
		return string(r)
	}
	return string(r[len(r)-4:])
}

// NewToken makes a URL-safe token of 256 random bits and what to store of it.
func NewToken(ownerID string) (token string, stored TokenHash, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", TokenHash{}, err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, TokenHash{Hash: HashToken(token), OwnerID: ownerID, LastFour: LastFour(token)}, nil
}

// TokenSet is an in-memory TokenSource, for tests and previews.
type TokenSet struct {
	mu     sync.Mutex
	active map[[sha256.Size]byte]TokenHash
}

// NewTokenSet returns an empty TokenSet.
func NewTokenSet() *TokenSet {
	return &TokenSet{active: map[[sha256.Size]byte]TokenHash{}}
}

// Add activates a token for an owner.
func (s *TokenSet) Add(token, ownerID string) TokenHash {
	th := TokenHash{Hash: HashToken(token), OwnerID: ownerID, LastFour: LastFour(token)}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.active[th.Hash] = th
	return th
}

// Revoke deactivates a token.
func (s *TokenSet) Revoke(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.active, HashToken(token))
}

// ActiveTokenHashes implements TokenSource.
func (s *TokenSet) ActiveTokenHashes(context.Context) ([]TokenHash, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]TokenHash, 0, len(s.active))
	for _, th := range s.active {
		out = append(out, th)
	}
	return out, nil
}
