package main

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"testing"

	"selo/backend/crm"
	"selo/backend/datahome"
	"selo/backend/office"
	"selo/backend/secrets"
)

func TestStartUpOpensTheEngineTheOfficeSettingsName(t *testing.T) {
	ctx := context.Background()
	home, err := datahome.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	keys := secrets.NewMemory()

	// No settings: this PC's selo.db, as always.
	db, host, err := openDatabase(ctx, home, keys)
	if err != nil {
		t.Fatal(err)
	}
	if db.Path() != home.DatabasePath() || host != "" {
		t.Fatalf("opened %q (office host %q), want selo.db", db.Path(), host)
	}
	db.Close()

	// Office mode on a port nothing listens on: the start-up window's
	// reason, naming host and port, and no selo.db fallback behind its back.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	s := office.Settings{Mode: office.ModeOffice, Host: "127.0.0.1", Port: port, Database: "selo", User: "selo", TLS: office.TLSDisable}
	if err := office.Save(filepath.Join(home.Dir, office.FileName), s); err != nil {
		t.Fatal(err)
	}
	keys.Set(ctx, office.PasswordKey, "senha")
	_, host, err = openDatabase(ctx, home, keys)
	var ce *crm.Error
	if !errors.As(err, &ce) || ce.Code != crm.CodeOfficeUnreachable || ce.Data["port"] != port || host != "127.0.0.1" {
		t.Fatalf("got %v (host %q), want %s for 127.0.0.1:%d", err, host, crm.CodeOfficeUnreachable, port)
	}

	// Without the password in this PC's keyring: said so, naming the host.
	keys.Delete(ctx, office.PasswordKey)
	_, _, err = openDatabase(ctx, home, keys)
	if !errors.As(err, &ce) || ce.Code != crm.CodeOfficeNoPassword {
		t.Fatalf("got %v, want %s", err, crm.CodeOfficeNoPassword)
	}

	// Back to "Só este computador": selo.db again.
	os.Remove(filepath.Join(home.Dir, office.FileName))
	s.Mode = office.ModeLocal
	office.Save(filepath.Join(home.Dir, office.FileName), s)
	db, host, err = openDatabase(ctx, home, keys)
	if err != nil || db.Path() != home.DatabasePath() || host != "" {
		t.Fatalf("local again: %v %q", err, host)
	}
	db.Close()
}
