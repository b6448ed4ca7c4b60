package office

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"selo/backend/crm"
)

type fakeUsers []crm.User

func (f *fakeUsers) List(context.Context) ([]crm.User, error) { return *f, nil }

// TestWhoRemembersThePersonPerPC: in office mode the PC asks until someone
// is chosen, remembers the choice across starts (and hands it to the store
// each time), follows a rename, and asks again once that user is
// deactivated. With no users it does not block.
func TestWhoRemembersThePersonPerPC(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), WhoFileName)
	us := &fakeUsers{}
	var stamped []crm.Actor
	use := func(a crm.Actor) { stamped = append(stamped, a) }

	v, err := NewWho(path, true, us, use).Restore(ctx)
	if err != nil || v.Ask || len(v.Users) != 0 || !v.Office {
		t.Fatalf("no users yet: %+v, %v; want office mode, no question", v, err)
	}

	*us = fakeUsers{{ID: 1, Name: "Ana Gestora", Role: crm.RoleGestor, Active: true},
		{ID: 2, Name: "Bruno Corretor", Role: crm.RoleCorretor, Active: true},
		{ID: 3, Name: "Antigo", Role: crm.RoleCorretor, Active: false}}
	w := NewWho(path, true, us, use)
	if v, _ := w.Restore(ctx); !v.Ask || len(v.Users) != 2 {
		t.Fatalf("users, nobody chosen: %+v; want the question with the 2 active users", v)
	}
	if _, err := w.Choose(ctx, 3); problemCode(err) != CodeWhoInvalid {
		t.Fatalf("choosing a deactivated user = %v, want %s", err, CodeWhoInvalid)
	}
	if v, err := w.Choose(ctx, 2); err != nil || v.Ask || v.Actor != (crm.Actor{UserID: 2, Name: "Bruno Corretor"}) {
		t.Fatalf("Choose(2) = %+v, %v", v, err)
	}

	// Next start on this PC: no question, the store gets Bruno again, under
	// the name another PC gave him meanwhile.
	(*us)[1].Name = "Bruno Corretor Lima"
	stamped = nil
	v, err = NewWho(path, true, us, use).Restore(ctx)
	if err != nil || v.Ask || v.Actor.Name != "Bruno Corretor Lima" || len(stamped) != 1 || stamped[0].UserID != 2 {
		t.Fatalf("restart: %+v, %v, stamped %v", v, err, stamped)
	}

	// Deactivated on another PC: the next start asks again, stamping nobody.
	(*us)[1].Active = false
	stamped = nil
	if v, _ := NewWho(path, true, us, use).Restore(ctx); !v.Ask || v.Actor.UserID != 0 || len(stamped) != 1 || stamped[0].UserID != 0 {
		t.Fatalf("after deactivation: %+v, stamped %v", v, stamped)
	}
}

// TestWhoOnOnePCChangesNothing: SQLite mode never asks and never touches
// the store's actor.
func TestWhoOnOnePCChangesNothing(t *testing.T) {
	us := &fakeUsers{{ID: 1, Name: "Ana Gestora", Role: crm.RoleGestor, Active: true}}
	called := false
	v, err := NewWho(filepath.Join(t.TempDir(), WhoFileName), false, us, func(crm.Actor) { called = true }).Restore(context.Background())
	if err != nil || v.Office || v.Ask || called {
		t.Fatalf("single PC: %+v, %v, store touched %v", v, err, called)
	}
}

func problemCode(err error) string {
	var e *crm.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// TestWhoIsRememberedPerOfficeDatabase: the person chosen on this PC for one
// office database is not assumed when the PC opens another one, where the
// same user id may be someone else; going back finds them again.
func TestWhoIsRememberedPerOfficeDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, WhoFileName)
	point := func(database string) {
		s := Defaults()
		s.Mode, s.Host, s.Database, s.User = ModeOffice, "servidor.local", database, "selo"
		if err := Save(filepath.Join(dir, FileName), s); err != nil {
			t.Fatal(err)
		}
	}
	us := &fakeUsers{{ID: 1, Name: "Ana Gestora", Role: crm.RoleGestor, Active: true}}
	use := func(crm.Actor) {}

	point("selo")
	if _, err := NewWho(path, true, us, use).Choose(ctx, 1); err != nil {
		t.Fatal(err)
	}
	point("selo_filial")
	if v, _ := NewWho(path, true, us, use).Restore(ctx); !v.Ask || v.Actor.UserID != 0 {
		t.Fatalf("on another office database: %+v; want the question, nobody assumed", v)
	}
	point("selo")
	if v, _ := NewWho(path, true, us, use).Restore(ctx); v.Ask || v.Actor.UserID != 1 {
		t.Fatalf("back on the first database: %+v; want Ana, no question", v)
	}
}
