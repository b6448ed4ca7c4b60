package sqlstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/inbound"
	"selo/backend/users"
)

func TestUsersStore(t *testing.T) {
	db, _ := openTemp(t)
	s := db.Users()
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

	var ana, bia int64
	err := s.Tx(ctx, func(tx users.Tx) error {
		var err error
		if ana, err = tx.InsertUser(crm.User{Name: "Ana", Email: "ana@imob.com.br", Role: crm.RoleGestor, Active: true, CreatedAt: now, UpdatedAt: now}); err != nil {
			return err
		}
		bia, err = tx.InsertUser(crm.User{Name: "Bia", Email: "bia@imob.com.br", Role: crm.RoleCorretor, Active: true, CreatedAt: now, UpdatedAt: now})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Tx(ctx, func(tx users.Tx) error {
		if taken, _ := tx.EmailTaken("ANA@imob.com.br", 0); !taken {
			t.Error("e-mail comparison must ignore case")
		}
		if taken, _ := tx.EmailTaken("ana@imob.com.br", ana); taken {
			t.Error("a user's own e-mail is not taken")
		}
		_, err := tx.InsertUser(crm.User{Name: "X", Email: "Ana@Imob.com.br", Role: crm.RoleGestor, CreatedAt: now, UpdatedAt: now})
		if !errors.Is(err, crm.E(crm.CodeDuplicate)) {
			t.Errorf("duplicate insert: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	_, h1, _ := inbound.NewToken("")
	_, h2, _ := inbound.NewToken("")
	_, h3, _ := inbound.NewToken("")
	var t1, t2, t3 crm.UserToken
	err = s.Tx(ctx, func(tx users.Tx) error {
		var err error
		if t1, err = tx.InsertToken(ana, "JivoChat", h1.Hash, h1.LastFour, now); err != nil {
			return err
		}
		if _, err := tx.InsertToken(ana, "jivochat", h2.Hash, h2.LastFour, now); !errors.Is(err, crm.E(crm.CodeDuplicate)) {
			t.Errorf("live name reused: %v", err)
		}
		if taken, _ := tx.LiveTokenNameTaken(ana, "JIVOCHAT"); !taken {
			t.Error("live name not reported taken")
		}
		if t2, err = tx.InsertToken(ana, "Site", h2.Hash, h2.LastFour, now.Add(time.Second)); err != nil {
			return err
		}
		t3, err = tx.InsertToken(bia, "JivoChat", h3.Hash, h3.LastFour, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if t1.Name != "JivoChat" || t1.Last4 != h1.LastFour || !t1.Active || t1.RevokedAt != nil || !t1.CreatedAt.Equal(now) {
		t.Errorf("token %+v", t1)
	}

	active := func() map[string]bool {
		hs, err := s.ActiveTokenHashes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]bool{}
		for _, h := range hs {
			m[h.OwnerID] = true
			if h.OwnerID == users.OwnerID(t1.ID) && h.Hash != h1.Hash {
				t.Error("hash does not round-trip")
			}
		}
		return m
	}
	if a := active(); len(a) != 3 || !a[users.OwnerID(t3.ID)] {
		t.Fatalf("active %v", a)
	}
	// Revoke t1, deactivate Bia: only t2 remains.
	err = s.Tx(ctx, func(tx users.Tx) error {
		if err := tx.RevokeToken(t1.ID, now.Add(time.Hour)); err != nil {
			return err
		}
		if err := tx.RevokeToken(t1.ID, now.Add(2*time.Hour)); err != nil { // no-op
			return err
		}
		return tx.SetActive(bia, false, now.Add(time.Hour))
	})
	if err != nil {
		t.Fatal(err)
	}
	if a := active(); len(a) != 1 || !a[users.OwnerID(t2.ID)] {
		t.Fatalf("active %v", a)
	}
	tok, _ := s.Token(ctx, t1.ID)
	if tok.Active || tok.RevokedAt == nil || !tok.RevokedAt.Equal(now.Add(time.Hour)) {
		t.Errorf("revoked token %+v", tok)
	}
	// The name is free again once revoked.
	_, h4, _ := inbound.NewToken("")
	if err := s.Tx(ctx, func(tx users.Tx) error {
		_, err := tx.InsertToken(ana, "JivoChat", h4.Hash, h4.LastFour, now.Add(3*time.Hour))
		return err
	}); err != nil {
		t.Fatalf("reissuing a revoked name: %v", err)
	}
	ts, err := s.ListTokens(ctx, ana)
	if err != nil || len(ts) != 3 || !ts[0].Active || !ts[1].Active || ts[2].Active || ts[0].CreatedAt.Before(ts[1].CreatedAt) {
		t.Errorf("ListTokens %+v %v", ts, err)
	}
	us, err := s.ListUsers(ctx)
	if err != nil || len(us) != 2 || us[0].Name != "Ana" || us[0].ActiveTokens != 2 || us[1].Active ||
		us[1].DeactivatedAt == nil || us[1].ActiveTokens != 1 {
		t.Errorf("ListUsers %+v %v", us, err)
	}
	if _, err := s.User(ctx, 999); !errors.Is(err, crm.E(crm.CodeNotFound)) {
		t.Errorf("missing user: %v", err)
	}
	if _, err := s.Token(ctx, 999); !errors.Is(err, crm.E(crm.CodeNotFound)) {
		t.Errorf("missing token: %v", err)
	}
	// Nothing secret is stored: hash and last four only.
	var hashes int
	_ = db.QueryRow(`SELECT COUNT(*) FROM admin_tokens WHERE length(token_hash) = 64`).Scan(&hashes)
	if hashes != 4 {
		t.Errorf("hashes %d", hashes)
	}
}
