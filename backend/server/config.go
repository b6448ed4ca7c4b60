// Package server is Selo's headless mode, `selo server`: the same binary,
// with no window and no display, serving the office's webhooks (JivoChat,
// Clicksign, /health) on one listener and holding status sync for the whole
// office. Its settings come from a JSON file; its secrets (the database
// password, the Clicksign tokens and webhook secrets) come from systemd
// credentials or from root-only files the config names, never from the
// database or an OS keyring, which a server has not.
package server

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// DefaultConfigPath is where `selo server` looks without --config.
const DefaultConfigPath = "/etc/selo/server.toml"

// DefaultListen is the listener's address: loopback, behind the office's
// reverse proxy, which terminates TLS.
const DefaultListen = "127.0.0.1:38410"

// Credential names looked up in $CREDENTIALS_DIRECTORY (systemd's
// LoadCredential=) when the config names no file for them.
const (
	CredDatabasePassword = "db-password"
	CredJivoChatToken    = "jivochat-token"
)

// CredClicksignToken names a key's API token credential.
func CredClicksignToken(keyID int64) string {
	return "clicksign-" + strconv.FormatInt(keyID, 10) + "-token"
}

// CredClicksignWebhookSecret names a key's webhook HMAC secret credential.
func CredClicksignWebhookSecret(keyID int64) string {
	return "clicksign-" + strconv.FormatInt(keyID, 10) + "-webhook-secret"
}

// Database is the office PostgreSQL, as backend/office's Settings name it.
type Database struct {
	Host     string `toml:"host"`
	Port     int    `toml:"port"`
	Database string `toml:"database"`
	User     string `toml:"user"`
	// TLS is "disable", "require" or "verify-full".
	TLS string `toml:"tls"`
	// CAFile is the CA certificate verify-full checks the server against.
	CAFile string `toml:"ca_file"`
	// PasswordFile holds the password (0600); empty means the
	// db-password credential.
	PasswordFile string `toml:"password_file"`
}

// ClicksignKey is one Clicksign key (Configurações → Integrações) whose
// token and webhook secret this server holds.
type ClicksignKey struct {
	// KeyID is the key's id in the office database.
	KeyID int64 `toml:"key_id"`
	// TokenFile and WebhookSecretFile hold the secrets (0600); empty means
	// the credentials clicksign-<id>-token and clicksign-<id>-webhook-secret.
	TokenFile         string `toml:"token_file"`
	WebhookSecretFile string `toml:"webhook_secret_file"`
}

// Web is how the internet reaches the server.
type Web struct {
	// Listen is host:port of the plain-HTTP listener (default DefaultListen).
	Listen string `toml:"listen"`
	// PublicURL is where the internet reaches the reverse proxy in front of
	// the listener, e.g. https://selo.imobiliaria.com.br; --check prints the
	// webhook URLs under it.
	PublicURL string `toml:"public_url"`
}

// JivoChat names where the gestor token of JivoChat's URL is kept.
type JivoChat struct {
	// TokenFile holds the token (only for --check's printout); empty means
	// the jivochat-token credential.
	TokenFile string `toml:"token_file"`
}

// Config is /etc/selo/server.toml.
type Config struct {
	Database Database `toml:"database"`
	Web      Web      `toml:"web"`
	JivoChat JivoChat `toml:"jivochat"`
	// Clicksign lists the keys whose tokens the server holds.
	Clicksign []ClicksignKey `toml:"clicksign"`
}

// Problem is a bad setting: the field, and what to do in pt-BR and English.
// It is what `selo server` prints before exiting non-zero.
type Problem struct {
	Field string
	PT    string
	EN    string
}

// Error is both languages, naming the field, with no secret in it.
func (p *Problem) Error() string {
	return fmt.Sprintf("%s: %s / %s", p.Field, p.PT, p.EN)
}

func problem(field, pt, en string) *Problem { return &Problem{Field: field, PT: pt, EN: en} }

// Load reads and checks the config file at path.
func Load(path string) (Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Config{}, unreadable("--config", path, err)
	}
	var c Config
	md, err := toml.Decode(string(b), &c)
	if err != nil {
		return Config{}, problem("--config", "o arquivo "+path+" não é um TOML válido: "+err.Error(),
			"the file "+path+" is not valid TOML: "+err.Error())
	}
	// A misspelt key would otherwise be ignored and its default used in
	// silence: name the first one.
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0].String()
		return Config{}, problem(k, "campo desconhecido em "+path+"; confira a grafia (veja o exemplo comentado em /usr/share/doc/selo/server.toml)",
			"unknown key in "+path+"; check its spelling (see the commented example in /usr/share/doc/selo/server.toml)")
	}
	c = c.withDefaults()
	return c, c.Validate()
}

// errText says why a file could not be read, in pt-BR and English.
func errText(err error) (pt, en string) {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "não existe", "does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "sem permissão", "permission denied"
	}
	return err.Error(), err.Error()
}

// unreadable is the problem of a file that could not be read.
func unreadable(field, what string, err error) *Problem {
	pt, en := errText(err)
	return problem(field, "não foi possível ler "+what+": "+pt, "cannot read "+what+": "+en)
}

func (c Config) withDefaults() Config {
	if c.Web.Listen == "" {
		c.Web.Listen = DefaultListen
	}
	if c.Database.Port == 0 {
		c.Database.Port = 5432
	}
	if c.Database.TLS == "" {
		c.Database.TLS = "disable"
	}
	c.Web.PublicURL = strings.TrimRight(strings.TrimSpace(c.Web.PublicURL), "/")
	return c
}

// Validate checks every field without touching the network.
func (c Config) Validate() error {
	d := c.Database
	switch {
	case strings.TrimSpace(d.Host) == "":
		return problem("database.host", "informe o endereço do servidor PostgreSQL do escritório",
			"set the office PostgreSQL server's address")
	case d.Port < 1 || d.Port > 65535:
		return problem("database.port", "a porta deve estar entre 1 e 65535", "the port must be between 1 and 65535")
	case strings.TrimSpace(d.Database) == "":
		return problem("database.database", "informe o nome do banco de dados", "set the database name")
	case strings.TrimSpace(d.User) == "":
		return problem("database.user", "informe o usuário do banco de dados", "set the database user")
	}
	switch d.TLS {
	case "disable", "require":
	case "verify-full":
		if d.CAFile == "" {
			return problem("database.ca_file", "com tls \"verify-full\", informe o certificado da autoridade (ca_file)",
				"with tls \"verify-full\", set the CA certificate (ca_file)")
		}
	default:
		return problem("database.tls", "use \"disable\", \"require\" ou \"verify-full\"",
			"use \"disable\", \"require\" or \"verify-full\"")
	}
	host, port, err := net.SplitHostPort(c.Web.Listen)
	if p, perr := strconv.Atoi(port); err != nil || perr != nil || p < 0 || p > 65535 {
		return problem("web.listen", "use host:porta, por exemplo 127.0.0.1:38410", "use host:port, e.g. 127.0.0.1:38410")
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		// Plain HTTP carries the JivoChat token in the URL: only a reverse
		// proxy on this machine may see it until the server speaks TLS.
		return problem("web.listen", "nesta versão o servidor escuta só em loopback (127.0.0.1), atrás de um proxy reverso com HTTPS",
			"in this version the server listens on loopback only (127.0.0.1), behind an HTTPS reverse proxy")
	}
	if c.Web.PublicURL != "" {
		u, err := url.Parse(c.Web.PublicURL)
		if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return problem("web.public_url", "use o endereço HTTPS público do proxy, por exemplo https://selo.imobiliaria.com.br",
				"use the proxy's public HTTPS address, e.g. https://selo.imobiliaria.com.br")
		}
	}
	seen := map[int64]bool{}
	for i, k := range c.Clicksign {
		f := "clicksign[" + strconv.Itoa(i) + "].key_id"
		if k.KeyID <= 0 {
			return problem(f, "informe o número da chave Clicksign (Configurações → Integrações)",
				"set the Clicksign key's id (Configurações → Integrações)")
		}
		if seen[k.KeyID] {
			return problem(f, "a chave "+strconv.FormatInt(k.KeyID, 10)+" aparece duas vezes",
				"key "+strconv.FormatInt(k.KeyID, 10)+" appears twice")
		}
		seen[k.KeyID] = true
	}
	return nil
}

// Secret reads one secret: from file when the config names one, which must
// be readable by its owner alone, else from the systemd credential name.
// field names the config field, for the message.
func Secret(field, file, name string) (string, error) {
	if file != "" {
		st, err := os.Stat(file)
		if err != nil {
			return "", unreadable(field, file, err)
		}
		if st.Mode().Perm()&0o077 != 0 {
			return "", problem(field, fmt.Sprintf("o arquivo %s pode ser lido por outros (permissões %04o): rode chmod 600 %s",
				file, st.Mode().Perm(), file),
				fmt.Sprintf("the file %s is readable by group or others (mode %04o): run chmod 600 %s", file, st.Mode().Perm(), file))
		}
		if uid, ok := ownerOK(st); !ok {
			return "", problem(field, fmt.Sprintf("o arquivo %s pertence a outro usuário (uid %d): deixe-o com o usuário do serviço ou root (chown)", file, uid),
				fmt.Sprintf("the file %s belongs to another user (uid %d): give it to the service's user or root (chown)", file, uid))
		}
		return readSecret(field, file)
	}
	dir := os.Getenv("CREDENTIALS_DIRECTORY")
	if dir == "" {
		return "", problem(field, "informe o arquivo no config ou a credencial systemd \""+name+"\" (LoadCredential=)",
			"set the file in the config or the systemd credential \""+name+"\" (LoadCredential=)")
	}
	return readSecret(field, filepath.Join(dir, name))
}

func readSecret(field, path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", unreadable(field, path, err)
	}
	v := strings.TrimRight(string(b), "\r\n")
	if strings.TrimSpace(v) == "" {
		return "", problem(field, "o arquivo "+path+" está vazio", "the file "+path+" is empty")
	}
	return v, nil
}
