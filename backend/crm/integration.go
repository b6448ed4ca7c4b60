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
	// leaves it empty. For a DocuSign key it says whether this computer is
	// signed in (holds the key's OAuth tokens): ok or missing.
	TokenHere TokenHere `json:"tokenHere"`
	// The DocuSign account the office chose at sign-in (empty for a
	// Clicksign key, for a Simulador local key, and until the first
	// sign-in). The base URI comes only from DocuSign's userinfo: every
	// REST call of the key goes to DocuSignBaseURI + "/restapi".
	DocuSignAccountID   string `json:"docuSignAccountId"`
	DocuSignAccountName string `json:"docuSignAccountName"`
	DocuSignBaseURI     string `json:"docuSignBaseUri"`
}

// DocuSignAccount is the account a DocuSign key sends from, as stored on
// the key.
type DocuSignAccount struct {
	ID      string
	Name    string
	BaseURI string
}

// NeedsLogin reports whether the key signs in through the browser: a
// DocuSign key outside the Simulador local, which has no account server.
func (i Integration) NeedsLogin() bool {
	return i.Provider == ProviderDocuSign && i.Environment != EnvSimulator
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
// on an existing key keeps the stored one. Provider is read on creation only
// (empty means Clicksign); a DocuSign key takes no token: it signs in.
type IntegrationInput struct {
	ID           int64       `json:"id"`
	Description  string      `json:"description"`
	Provider     Provider    `json:"provider"`
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
	// CodeProviderInvalid: the form named a provider Selo does not speak.
	CodeProviderInvalid = "integration.provider_invalid"
	// CodeNoLoginNeeded: a sign-in was asked of a key that has none (a
	// Clicksign key, or a DocuSign Simulador local key).
	CodeNoLoginNeeded = "integration.no_login_needed"
	// CodeAccountUnknown: the DocuSign account chosen is not one of the
	// signed-in user's (field: account).
	CodeAccountUnknown = "integration.account_unknown"
	// CodeAccountMismatch: the user signed in on this PC lacks the account
	// the key already has, which a sign-in never changes (data:
	// description, account; field: account).
	CodeAccountMismatch = "integration.account_mismatch"
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
	Provider     Provider
	Environment  Environment
	Token        string
	DeadlineDays int
}

// ValidateIntegration checks the form and lists every problem at once. A new
// Clicksign key needs a token except in the simulator, where Selo makes one
// up because the training service has no account to copy it from. A
// DocuSign key never takes one: its tokens come from the sign-in, so a
// token typed anyway is dropped rather than stored.
func ValidateIntegration(in IntegrationInput) (NormalizedIntegration, error) {
	var inv Invalid
	out := NormalizedIntegration{
		ID:          in.ID,
		Description: strings.Join(strings.Fields(in.Description), " "),
		Provider:    in.Provider,
		Environment: in.Environment,
		Token:       strings.TrimSpace(in.Token),
	}
	if out.Provider == "" {
		out.Provider = ProviderClicksign
	}
	if !out.Provider.Valid() {
		inv.Add(E(CodeProviderInvalid).OnField("provider"))
	}
	if out.Provider == ProviderDocuSign {
		out.Token = ""
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
	if in.ID == 0 && out.Token == "" && out.Environment != EnvSimulator && out.Provider == ProviderClicksign {
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
