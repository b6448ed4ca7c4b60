package crm

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Environment is where an e-signature key sends envelopes.
type Environment string

// The environments a Clicksign key can point at.
const (
	// EnvSandbox is Clicksign's test service: no legal validity, no charge.
	EnvSandbox Environment = "sandbox"
	// EnvProduction is Clicksign's real service.
	EnvProduction Environment = "production"
	// EnvSimulator is Selo's built-in simulator on loopback: training, nothing
	// leaves the computer.
	EnvSimulator Environment = "simulator"
)

// Valid reports whether e is a known environment.
func (e Environment) Valid() bool {
	switch e {
	case EnvSandbox, EnvProduction, EnvSimulator:
		return true
	}
	return false
}

// Provider names the e-signature service behind a key; a development
// sends through its key's provider.
type Provider string

// The providers Selo speaks.
const (
	ProviderClicksign Provider = "clicksign"
	ProviderDocuSign  Provider = "docusign"
)

// Valid reports whether p is a provider Selo speaks.
func (p Provider) Valid() bool { return p == ProviderClicksign || p == ProviderDocuSign }

// Deadline limits, in days. Clicksign accepts up to 90 days; 15 is the office
// default when the key leaves it empty.
const (
	MinDeadlineDays     = 1
	MaxDeadlineDays     = 90
	DefaultDeadlineDays = 15
)

// TokenHere says whether this computer's keyring holds the token the office
// registered for a key. In office mode several PCs share the database while
// each keeps its own keyring, so a key can be fine on one PC and unusable on
// the next; Go decides it so the screen only shows it.
type TokenHere string

// The states of a key's token on this computer.
const (
	// TokenOK: the keyring holds the key's token and it matches the
	// fingerprint the office stored.
	TokenOK TokenHere = "ok"
	// TokenMissing: the keyring has no entry for the key.
	TokenMissing TokenHere = "missing"
	// TokenMismatch: the keyring holds a token, but not the one the office
	// registered (another account's, or an old one).
	TokenMismatch TokenHere = "mismatch"
	// TokenUnknown: the keyring could not be asked (locked, not running).
	TokenUnknown TokenHere = "unknown"
)

// TokenFingerprint identifies a key's token without holding it: the salt and
// the keyed digest of the token, both hex; empty strings mean no fingerprint
// yet (a key saved before fingerprints existed). The integrations service
// computes and compares it; the store only keeps it.
type TokenFingerprint struct {
	Salt string
	Sum  string
}

// Empty reports whether the key has no fingerprint yet.
func (f TokenFingerprint) Empty() bool { return f.Sum == "" }

// Integration is an e-signature key ("Chave de integração"). The token itself
// is never here: it lives in the OS keyring; the row records only that it
// exists, its last four characters and a fingerprint (never sent to the
// screen).
type Integration struct {
	ID          int64       `json:"id"`
	Description string      `json:"description"`
	Provider    Provider    `json:"provider"`
	Environment Environment `json:"environment"`
	TokenLast4  string      `json:"tokenLast4"`
	HasToken    bool        `json:"hasToken"`
	// DeadlineDays is 0 when the key uses the default.
	DeadlineDays int       `json:"deadlineDays"`
	CreatedAt    time.Time `json:"createdAt" ts_type:"string"`
	UpdatedAt    time.Time `json:"updatedAt" ts_type:"string"`
	// UsedBy names the developments that chose this key.
	UsedBy []string `json:"usedBy"`
	// TokenHere is filled by the integrations service's List; the store
	// leaves it empty.
	TokenHere TokenHere `json:"tokenHere"`
	// DocuSignAccountID, DocuSignAccountName and DocuSignBaseURI are the
	// DocuSign account a DocuSign key signed in to (from userinfo).
	DocuSignAccountID   string `json:"docuSignAccountId"`
	DocuSignAccountName string `json:"docuSignAccountName"`
	DocuSignBaseURI     string `json:"docuSignBaseUri"`
}

// EffectiveDeadlineDays is the deadline applied to a new envelope.
func (i Integration) EffectiveDeadlineDays() int {
	if i.DeadlineDays == 0 {
		return DefaultDeadlineDays
	}
	return i.DeadlineDays
}

// IntegrationInput is what the keys form sends. DeadlineDays stays a string so
// "abc" is reported on its field instead of failing to decode. An empty Token
// on an existing key keeps the stored one.
type IntegrationInput struct {
	ID           int64       `json:"id"`
	Description  string      `json:"description"`
	Environment  Environment `json:"environment"`
	Token        string      `json:"token"`
	DeadlineDays string      `json:"deadlineDays"`
}

// Integration error codes.
const (
	CodeTokenInvalid      = "integration.token_invalid"
	CodeEnvelopesDisabled = "integration.envelopes_disabled"
	CodeUnreachable       = "integration.unreachable"
	CodeServiceError      = "integration.service_error"
	CodeTokenMissing      = "integration.token_missing"
	// CodeTokenMismatch: this computer's keyring holds a token for the key,
	// but not the one whose fingerprint the office stored (data:
	// description; field: token).
	CodeTokenMismatch      = "integration.token_mismatch"
	CodeEnvironmentInvalid = "integration.environment_invalid"
	// CodeLoginRequired: a key that signs in through the browser (DocuSign)
	// has no usable consent on this computer: never signed in here, or the
	// refresh was refused (revoked, or unused for too long). The screen
	// offers "Entrar de novo" (data: description when known).
	CodeLoginRequired = "integration.login_required"
)

// MaxDescriptionLen keeps descriptions readable in selectors.
const MaxDescriptionLen = 80

// NormalizedIntegration is a validated IntegrationInput.
type NormalizedIntegration struct {
	ID           int64
	Description  string
	Environment  Environment
	Token        string
	DeadlineDays int
}

// ValidateIntegration checks the form and lists every problem at once. A new
// key needs a token except in the simulator, where Selo makes one up because
// the training service has no account to copy it from.
func ValidateIntegration(in IntegrationInput) (NormalizedIntegration, error) {
	var inv Invalid
	out := NormalizedIntegration{
		ID:          in.ID,
		Description: strings.Join(strings.Fields(in.Description), " "),
		Environment: in.Environment,
		Token:       strings.TrimSpace(in.Token),
	}
	switch {
	case out.Description == "":
		inv.Add(E(CodeRequired).OnField("description"))
	case utf8.RuneCountInString(out.Description) > MaxDescriptionLen:
		inv.Add(E("field.too_long", "max", MaxDescriptionLen).OnField("description"))
	}
	if !out.Environment.Valid() {
		inv.Add(E(CodeEnvironmentInvalid).OnField("environment"))
	}
	if in.ID == 0 && out.Token == "" && out.Environment != EnvSimulator {
		// A token of only spaces counts as empty: pasting a blank line is the
		// usual way this goes wrong.
		inv.Add(E(CodeRequired).OnField("token"))
	}
	if strings.ContainsAny(out.Token, " \t\r\n") {
		inv.Add(E("integration.token_spaces").OnField("token"))
	}
	if d := strings.TrimSpace(in.DeadlineDays); d != "" {
		n, err := strconv.Atoi(d)
		switch {
		case err != nil:
			inv.Add(E(CodeNotANumber).OnField("deadlineDays"))
		case n < MinDeadlineDays || n > MaxDeadlineDays:
			inv.Add(E(CodeOutOfRange, "min", MinDeadlineDays, "max", MaxDeadlineDays).OnField("deadlineDays"))
		default:
			out.DeadlineDays = n
		}
	}
	return out, inv.Err()
}

// Last4 returns the last four characters of a token, as shown on screen.
func Last4(token string) string {
	r := []rune(token)
	if len(r) <= 4 {
		return string(r)
	}
	return string(r[len(r)-4:])
}
