package inbound

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestHashVerifier(t *testing.T) {
	set := NewTokenSet()
	tok, stored, err := NewToken("integration-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(tok) != 43 || stored.LastFour != tok[len(tok)-4:] || stored.Hash != HashToken(tok) {
		t.Fatalf("%q %+v", tok, stored)
	}
	set.Add(tok, "integration-1")
	set.Add("outro-token-qualquer-123456", "integration-2")
	v := HashVerifier{Source: set}
	ctx := context.Background()
	if ok, owner := v.Verify(ctx, tok); !ok || owner != "integration-1" {
		t.Errorf("valid token: %v %q", ok, owner)
	}
	for _, bad := range []string{"", tok[:len(tok)-1], tok + "x", strings.ToUpper(tok), strings.Repeat("a", MaxTokenLen+1)} {
		if ok, owner := v.Verify(ctx, bad); ok || owner != "" {
			t.Errorf("%q accepted", bad)
		}
	}
	set.Revoke(tok)
	if ok, _ := v.Verify(ctx, tok); ok {
		t.Error("revoked token accepted")
	}
	failing := HashVerifier{Source: TokenSourceFunc(func(context.Context) ([]TokenHash, error) {
		return []TokenHash{{Hash: HashToken("x")}}, errors.New("db locked")
	})}
	if ok, _ := failing.Verify(ctx, "x"); ok {
		t.Error("source error must reject")
	}
	if ok, _ := (HashVerifier{}).Verify(ctx, "x"); ok {
		t.Error("nil source accepted")
	}
	if LastFour("abc") != "abc" || LastFour("abcdef") != "cdef" {
		t.Error("LastFour")
	}
}
