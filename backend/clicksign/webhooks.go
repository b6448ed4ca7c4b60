package clicksign

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
)

// Webhook headers set by Clicksign on each delivery.
const (
	HeaderEvent       = "Event"
	HeaderContentHmac = "Content-Hmac"
)

// ErrBadSignature is returned by ParseWebhook when Content-Hmac does not match.
var ErrBadSignature = errors.New("clicksign: webhook signature mismatch")

// SignWebhook computes the Content-Hmac value for body: "sha256=" + lowercase hex
// of HMAC-SHA256(secret, body).
func SignWebhook(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// VerifyHMAC checks a Content-Hmac header against the raw request body in
// constant time. Verify before decoding JSON: re-encoding changes the bytes.
func VerifyHMAC(secret string, body []byte, header string) bool {
	if secret == "" || header == "" {
		return false
	}
	got := strings.TrimSpace(header)
	// Hex case is not significant; normalise so an uppercase sender still matches.
	if i := strings.IndexByte(got, '='); i >= 0 {
		got = strings.ToLower(got[:i]) + "=" + strings.ToLower(got[i+1:])
	}
	return hmac.Equal([]byte(SignWebhook(secret, body)), []byte(got))
}

// WebhookPayload is the body of a webhook delivery.
type WebhookPayload struct {
	Event    WebhookEvent    `json:"event"`
	Document WebhookDocument `json:"document"`
}

// WebhookEvent names what happened.
type WebhookEvent struct {
	Name string `json:"name"`
	// Data is event specific and may be null (auto_close).
	Data       json.RawMessage `json:"data"`
	OccurredAt string          `json:"occurred_at"`
}

// WebhookDownloads are the legacy-shaped download links of a webhook document.
type WebhookDownloads struct {
	OriginalFileURL string `json:"original_file_url"`
	SignedFileURL   string `json:"signed_file_url"`
	ZipedFileURL    string `json:"ziped_file_url"`
}

// WebhookSigner is a signer as listed in the webhook document (legacy shape).
type WebhookSigner struct {
	Key            string `json:"key"`
	Email          string `json:"email"`
	Name           string `json:"name"`
	Documentation  string `json:"documentation"`
	PhoneNumber    string `json:"phone_number"`
	SignAs         string `json:"sign_as"`
	Group          int    `json:"group"`
	CommunicateBy  string `json:"communicate_by"`
	ListKey        string `json:"list_key"`
	URL            string `json:"url"`
	SignatureState string `json:"signature_state,omitempty"`
}

// WebhookDocument is the legacy-shaped document of a webhook. Key is taken to be
// the v3 document id (UNCONFIRMED; re-fetch through the API when unsure).
type WebhookDocument struct {
	Key               string           `json:"key"`
	AccountKey        string           `json:"account_key"`
	Path              string           `json:"path"`
	Filename          string           `json:"filename"`
	UploadedAt        string           `json:"uploaded_at"`
	UpdatedAt         string           `json:"updated_at"`
	FinishedAt        *string          `json:"finished_at"`
	DeadlineAt        string           `json:"deadline_at"`
	Status            string           `json:"status"`
	AutoClose         bool             `json:"auto_close"`
	Locale            string           `json:"locale"`
	Metadata          json.RawMessage  `json:"metadata"`
	SequenceEnabled   bool             `json:"sequence_enabled"`
	SignableGroup     *int             `json:"signable_group"`
	RemindInterval    *int             `json:"remind_interval"`
	BlockAfterRefusal bool             `json:"block_after_refusal"`
	Downloads         WebhookDownloads `json:"downloads"`
	Signers           []WebhookSigner  `json:"signers"`
}

// ParseWebhook verifies the HMAC and decodes the payload.
func ParseWebhook(secret string, body []byte, contentHmac string) (*WebhookPayload, error) {
	if !VerifyHMAC(secret, body, contentHmac) {
		return nil, ErrBadSignature
	}
	var p WebhookPayload
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, err
	}
	return &p, nil
}
