// Package server is Selo's headless mode, `selo server`: the same binary,
// with no window and no display, serving the office's webhooks (JivoChat,
// Clicksign, /health) on one listener and holding status sync for the whole
// office. Its settings come from a TOML file; its secrets (the database
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

// The three ways the internet reaches the server ([web] mode).
const (
	// ModeProxy is plain HTTP on loopback behind the office's own reverse
	// proxy, which terminates TLS (the default).
	ModeProxy = "proxy"
	// ModeACME is HTTPS with a certificate obtained and renewed
	// automatically (Let's Encrypt or another ACME CA) for web.domain.
	ModeACME = "acme"
	// ModeStatic is HTTPS with a certificate the office renews itself
	// (certbot, a bought one): web.cert_file and web.key_file.
	ModeStatic = "static"
)

// Defaults of the HTTPS modes.
const (
	DefaultHTTPSListen = ":443"
	// DefaultHTTPListen answers ACME http-01 challenges and redirects
	// browsers to HTTPS.
	DefaultHTTPListen = ":80"
	// DefaultStateDir is systemd's StateDirectory=selo-server; the ACME
	// account key and certificates live under it.
	DefaultStateDir = "/var/lib/selo-server"
	// DefaultACMEDirectory is Let's Encrypt's production directory.
	DefaultACMEDirectory = "https://acme-v02.api.letsencrypt.org/directory"
)

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
	// Mode is ModeProxy (default), ModeACME or ModeStatic.
	Mode string `toml:"mode"`
	// Listen is host:port of the plain-HTTP listener of ModeProxy (default
	// DefaultListen), loopback only.
	Listen string `toml:"listen"`
	// PublicURL is where the internet reaches the server, e.g.
	// https://selo.imobiliaria.com.br; --check prints the webhook URLs
	// under it. In the HTTPS modes it defaults to https://<domain>.
	PublicURL string `toml:"public_url"`
	// Domain is the name the certificate covers (HTTPS modes).
	Domain string `toml:"domain"`
	// HTTPSListen (default DefaultHTTPSListen) serves the webhooks over
	// TLS; HTTPListen (ModeACME default DefaultHTTPListen; ModeStatic
	// none unless set) answers ACME challenges and redirects to HTTPS.
	HTTPSListen string `toml:"https_listen"`
	HTTPListen  string `toml:"http_listen"`
	// ACMEEmail is told to the CA for expiry notices (optional);
	// ACMEDirectory is the CA's directory URL (default Let's Encrypt).
	ACMEEmail     string `toml:"acme_email"`
	ACMEDirectory string `toml:"acme_directory"`
	// CertFile (the chain, PEM) and KeyFile are ModeStatic's pair, reloaded
	// on SIGHUP or when the files change.
	CertFile string `toml:"cert_file"`
	KeyFile  string `toml:"key_file"`
	// StateDir keeps ModeACME's account and certificates across restarts
	// (default DefaultStateDir).
	StateDir string `toml:"state_dir"`
}

// HTTPS reports whether the server itself terminates TLS.
func (w Web) HTTPS() bool { return w.Mode == ModeACME || w.Mode == ModeStatic }

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
	w := &c.Web
	w.Mode = strings.ToLower(strings.TrimSpace(w.Mode))
	if w.Mode == "" {
		w.Mode = ModeProxy
	}
	if w.Listen == "" {
		w.Listen = DefaultListen
	}
	w.Domain = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(w.Domain)), ".")
	if w.HTTPS() {
		if w.HTTPSListen == "" {
			w.HTTPSListen = DefaultHTTPSListen
		}
		if w.PublicURL == "" && w.Domain != "" {
			w.PublicURL = "https://" + w.Domain
		}
	}
	if w.Mode == ModeACME {
		if w.HTTPListen == "" {
			w.HTTPListen = DefaultHTTPListen
		}
		if w.StateDir == "" {
			w.StateDir = DefaultStateDir
		}
		if w.ACMEDirectory == "" {
			w.ACMEDirectory = DefaultACMEDirectory
		}
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
	if err := c.Web.validate(); err != nil {
		return err
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

func (w Web) validate() error {
	switch w.Mode {
	case ModeProxy:
		host, _, ok := hostPort(w.Listen)
		if !ok {
			return problem("web.listen", "use host:porta, por exemplo 127.0.0.1:38410", "use host:port, e.g. 127.0.0.1:38410")
		}
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			// Plain HTTP carries the JivoChat token in the URL: only a
			// reverse proxy on this machine may see it.
			return problem("web.listen", "no modo \"proxy\" o servidor escuta só em loopback (127.0.0.1), atrás de um proxy reverso com HTTPS; para HTTPS direto use mode = \"acme\" ou \"static\"",
				"in mode \"proxy\" the server listens on loopback only (127.0.0.1), behind an HTTPS reverse proxy; for direct HTTPS use mode = \"acme\" or \"static\"")
		}
	case ModeACME, ModeStatic:
		if err := validDomain(w.Domain); err != nil {
			return err
		}
		if _, _, ok := hostPort(w.HTTPSListen); !ok {
			return problem("web.https_listen", "use host:porta, por exemplo :443", "use host:port, e.g. :443")
		}
		_, tlsPort, _ := hostPort(w.HTTPSListen)
		_, plainPort, ok := hostPort(w.HTTPListen)
		if w.HTTPListen != "" && !ok {
			return problem("web.http_listen", "use host:porta, por exemplo :80", "use host:port, e.g. :80")
		}
		if w.HTTPListen != "" && plainPort != 0 && plainPort == tlsPort {
			// Both would bind the same port: the second bind fails at start.
			return problem("web.http_listen", "use uma porta diferente da de web.https_listen, por exemplo :80",
				"use a port other than web.https_listen's, e.g. :80")
		}
	default:
		return problem("web.mode", "use \"proxy\" (atrás do seu proxy reverso), \"acme\" (certificado automático) ou \"static\" (seus arquivos de certificado)",
			"use \"proxy\" (behind your reverse proxy), \"acme\" (automatic certificate) or \"static\" (your certificate files)")
	}
	if w.Mode == ModeACME {
		u, err := url.Parse(w.ACMEDirectory)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return problem("web.acme_directory", "use o endereço HTTPS do diretório ACME, por exemplo "+DefaultACMEDirectory,
				"use the ACME directory's HTTPS address, e.g. "+DefaultACMEDirectory)
		}
		if e := w.ACMEEmail; e != "" && (strings.ContainsAny(e, " \t<>") || !strings.Contains(e, "@")) {
			return problem("web.acme_email", "use um e-mail válido, por exemplo ti@imobiliaria.com.br, ou deixe vazio",
				"use a valid e-mail, e.g. ti@imobiliaria.com.br, or leave it empty")
		}
		if !filepath.IsAbs(w.StateDir) {
			return problem("web.state_dir", "use um caminho absoluto, por exemplo "+DefaultStateDir, "use an absolute path, e.g. "+DefaultStateDir)
		}
	}
	if w.Mode == ModeStatic {
		if strings.TrimSpace(w.CertFile) == "" {
			return problem("web.cert_file", "informe o arquivo do certificado (PEM, com a cadeia), por exemplo /etc/letsencrypt/live/"+w.Domain+"/fullchain.pem",
				"set the certificate file (PEM, with the chain), e.g. /etc/letsencrypt/live/"+w.Domain+"/fullchain.pem")
		}
		if strings.TrimSpace(w.KeyFile) == "" {
			return problem("web.key_file", "informe o arquivo da chave privada (PEM), por exemplo /etc/letsencrypt/live/"+w.Domain+"/privkey.pem",
				"set the private key file (PEM), e.g. /etc/letsencrypt/live/"+w.Domain+"/privkey.pem")
		}
	}
	if w.PublicURL != "" {
		u, err := url.Parse(w.PublicURL)
		if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return problem("web.public_url", "use o endereço HTTPS público, por exemplo https://selo.imobiliaria.com.br",
				"use the public HTTPS address, e.g. https://selo.imobiliaria.com.br")
		}
		// The printed webhook URLs and the redirect use public_url, but
		// only domain gets a certificate: another host name would fail
		// every handshake.
		if w.HTTPS() && !strings.EqualFold(u.Hostname(), w.Domain) {
			return problem("web.public_url", "com mode = \""+w.Mode+"\" o endereço público deve ser o de web.domain, https://"+w.Domain+" (ou deixe vazio)",
				"with mode = \""+w.Mode+"\" the public address must be web.domain's, https://"+w.Domain+" (or leave it empty)")
		}
	}
	return nil
}

// hostPort splits a listen address whose port is a number.
func hostPort(addr string) (host string, port int, ok bool) {
	host, ps, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, false
	}
	p, err := strconv.Atoi(ps)
	if err != nil || p < 0 || p > 65535 {
		return "", 0, false
	}
	return host, p, true
}

// validDomain accepts a public DNS name: a certificate authority issues
// only for a name with a dot, and a scheme, port or path is a common paste.
func validDomain(d string) error {
	const ex = "selo.imobiliaria.com.br"
	if d == "" {
		return problem("web.domain", "informe o domínio que aponta para este servidor, por exemplo "+ex,
			"set the domain that points at this server, e.g. "+ex)
	}
	if strings.ContainsAny(d, ":/ \t*@") {
		return problem("web.domain", "informe só o nome, sem https://, porta ou caminho, por exemplo "+ex,
			"set the name alone, with no https://, port or path, e.g. "+ex)
	}
	if !strings.Contains(d, ".") || strings.HasPrefix(d, ".") || strings.Contains(d, "..") {
		return problem("web.domain", "o domínio deve ter um ponto, por exemplo "+ex,
			"the domain must contain a dot, e.g. "+ex)
	}
	if net.ParseIP(d) != nil {
		return problem("web.domain", "use um nome de domínio, não um endereço IP, por exemplo "+ex,
			"use a domain name, not an IP address, e.g. "+ex)
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
