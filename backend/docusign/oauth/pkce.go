package oauth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// randomString returns n random bytes in base64url without padding: 32
// bytes give 43 characters, the shortest PKCE verifier RFC 7636 allows and
// 256 bits of entropy, which is what both the verifier and the state need.
func randomString(n int) string {
	b := make([]byte, n)
	// crypto/rand.Read never fails on supported systems (it panics
	// otherwise), so there is no error to handle.
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// NewVerifier returns a fresh PKCE code_verifier (RFC 7636 §4.1).
func NewVerifier() string { return randomString(32) }

// Challenge returns the S256 code_challenge of a verifier:
// BASE64URL(SHA256(verifier)) without padding (RFC 7636 §4.2).
func Challenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// newState returns the unguessable state that ties the browser's return to
// the login that sent it.
func newState() string { return randomString(32) }
