// Package office holds one PC's choice of where its data lives: its own
// selo.db ("Só este computador", the default) or the office's shared
// PostgreSQL ("Servidor do escritório"), the server's address, and the check
// "Testar conexão" runs.
//
// The choice is kept per PC in a small JSON file of the data home, not in
// the database, because the database is what it chooses. The password never
// enters that file: it lives in the OS keyring (secrets.Store) under
// PasswordKey.
package office

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"selo/backend/atomicfile"
	"selo/backend/crm"
)

// Modes a PC can run in.
const (
	// ModeLocal is "Só este computador": the PC's own selo.db.
	ModeLocal = "local"
	// ModeOffice is "Servidor do escritório": the office's PostgreSQL.
	ModeOffice = "office"
)

// TLS modes of the connection to the office server.
const (
	// TLSDisable talks in the clear (a server on the office LAN).
	TLSDisable = "disable"
	// TLSRequire encrypts but trusts any certificate.
	TLSRequire = "require"
	// TLSVerifyFull encrypts and checks the certificate against CAFile.
	TLSVerifyFull = "verify-full"
)

// DefaultPort is PostgreSQL's usual port.
const DefaultPort = 5432

// FileName is the settings file in the data home.
const FileName = "office.json"

// PasswordKey is the keyring entry holding the server password.
const PasswordKey = "office/password"

// Settings is what a PC remembers about where its data lives. Host and the
// rest are kept when the PC goes back to ModeLocal, so switching again does
// not mean typing them again.
type Settings struct {
	Mode     string `json:"mode"`
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Database string `json:"database"`
	User     string `json:"user"`
	// TLS is TLSDisable, TLSRequire or TLSVerifyFull.
	TLS string `json:"tls"`
	// CAFile is the CA certificate TLSVerifyFull checks the server against.
	CAFile string `json:"caFile"`
}

// Defaults is a PC that never chose: its own selo.db.
func Defaults() Settings {
	return Settings{Mode: ModeLocal, Port: DefaultPort, Database: "selo", TLS: TLSDisable}
}

// Load reads the settings file at path; a missing file is Defaults.
func Load(path string) (Settings, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Defaults(), nil
	}
	if err != nil {
		return Settings{}, err
	}
	s := Defaults()
	if err := json.Unmarshal(b, &s); err != nil {
		return Settings{}, fmt.Errorf("reading %s: %w", path, err)
	}
	return s.normalized(), nil
}

// Save writes s to path atomically, readable by this user only (0600).
func Save(path string, s Settings) error {
	b, err := json.MarshalIndent(s.normalized(), "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.Write(path, append(b, '\n')); err != nil {
		return crm.Unwritable(path, err)
	}
	// atomicfile's temporary file is already 0600; this covers a file an
	// older copy or the user made wider.
	return os.Chmod(path, 0o600)
}

// normalized trims what was typed and fills what was left empty.
func (s Settings) normalized() Settings {
	s.Host = strings.TrimSpace(s.Host)
	s.Database = strings.TrimSpace(s.Database)
	s.User = strings.TrimSpace(s.User)
	s.CAFile = strings.TrimSpace(s.CAFile)
	if s.Mode == "" {
		s.Mode = ModeLocal
	}
	if s.Port == 0 {
		s.Port = DefaultPort
	}
	if s.TLS == "" {
		s.TLS = TLSDisable
	}
	return s
}

// Validate lists every problem of s at once, each naming its field. Only
// office mode needs a server; a local PC's remembered fields are not checked.
func (s Settings) Validate() error {
	s = s.normalized()
	var inv crm.Invalid
	switch s.Mode {
	case ModeLocal:
		return nil
	case ModeOffice:
	default:
		inv.Add(crm.E(crm.CodeOutOfRange, "value", s.Mode).OnField("mode"))
		return inv.Err()
	}
	if s.Host == "" {
		inv.Add(crm.E(crm.CodeRequired).OnField("host"))
	} else if len(s.Host) > 253 || strings.ContainsAny(s.Host, " /\\@?#") {
		inv.Add(crm.E(CodeBadHost).OnField("host"))
	}
	if s.Port < 1 || s.Port > 65535 {
		inv.Add(crm.E(crm.CodeOutOfRange, "min", 1, "max", 65535).OnField("port"))
	}
	if s.Database == "" {
		inv.Add(crm.E(crm.CodeRequired).OnField("database"))
	} else if len(s.Database) > 63 {
		inv.Add(crm.E(crm.CodeOutOfRange, "min", 1, "max", 63).OnField("database"))
	}
	if s.User == "" {
		inv.Add(crm.E(crm.CodeRequired).OnField("user"))
	} else if len(s.User) > 63 {
		inv.Add(crm.E(crm.CodeOutOfRange, "min", 1, "max", 63).OnField("user"))
	}
	switch s.TLS {
	case TLSDisable, TLSRequire:
	case TLSVerifyFull:
		if s.CAFile == "" {
			inv.Add(crm.E(crm.CodeRequired).OnField("caFile"))
		} else if err := checkCAFile(s.CAFile); err != nil {
			inv.Add(err)
		}
	default:
		inv.Add(crm.E(crm.CodeOutOfRange, "value", s.TLS).OnField("tls"))
	}
	return inv.Err()
}

// CodeBadHost: the server name holds characters no host name has (a URL
// pasted whole, say).
const CodeBadHost = "office.bad_host"

// checkCAFile makes sure path holds at least one PEM certificate, so a
// wrong file is named at once rather than as a TLS failure later.
func checkCAFile(path string) *crm.Error {
	b, err := os.ReadFile(path)
	if err != nil {
		return crm.E(crm.CodeOfficeCAFile, "path", path).OnField("caFile").Wrap(err)
	}
	for {
		var block *pem.Block
		block, b = pem.Decode(b)
		if block == nil {
			return crm.E(crm.CodeOfficeCAFile, "path", path).OnField("caFile")
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		if _, err := x509.ParseCertificate(block.Bytes); err == nil {
			return nil
		}
	}
}
