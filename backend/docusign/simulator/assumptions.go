package simulator

import (
	"net/http"
	"time"
)

// Every simulator behaviour that the reference (shared/reference/docusign-api.md)
// marks UNCONFIRMED, or does not describe, is chosen here, in one place.

// Error codes the simulator answers with. Codes the reference names are used
// as named; the others are plausible DocuSign codes, UNCONFIRMED.
const (
	// CodeInvalidParameter is the reference's catch-all for a bad field (§5.6).
	CodeInvalidParameter = "INVALID_REQUEST_PARAMETER"
	// CodeInvalidBody answers a body that is not JSON (UNCONFIRMED).
	CodeInvalidBody = "INVALID_REQUEST_BODY"
	// CodeIncomplete answers a sent envelope without subject, document or signer (UNCONFIRMED).
	CodeIncomplete = "ENVELOPE_IS_INCOMPLETE"
	// CodeInvalidEmail answers a recipient e-mail that is missing or malformed (UNCONFIRMED).
	CodeInvalidEmail = "INVALID_EMAIL_ADDRESS_FOR_RECIPIENT"
	// CodeBadDocument answers a document that does not decode to a PDF (UNCONFIRMED).
	CodeBadDocument = "UNABLE_TO_LOAD_DOCUMENT"
	// CodeNoEnvelope answers an unknown envelope id (named in §5.6).
	CodeNoEnvelope = "ENVELOPE_DOES_NOT_EXIST"
	// CodeNoDocument answers an unknown documentId (UNCONFIRMED).
	CodeNoDocument = "DOCUMENT_DOES_NOT_EXIST"
	// CodeCannotVoid answers a void of a completed, declined or voided envelope (UNCONFIRMED).
	CodeCannotVoid = "ENVELOPE_CANNOT_VOID_INVALID_STATE"
	// CodeInvalidState answers a resend on a finished envelope (UNCONFIRMED).
	CodeInvalidState = "ENVELOPE_INVALID_STATUS"
	// CodeNoRecipient answers an unknown recipientId in a resend (UNCONFIRMED).
	CodeNoRecipient = "INVALID_RECIPIENT_ID"
	// CodeNotInSequence answers a resend to a recipient whose turn has not come (UNCONFIRMED).
	CodeNotInSequence = "RECIPIENT_NOT_IN_SEQUENCE"
	// CodeBadToken answers a missing or unknown bearer token (§10: body text UNCONFIRMED).
	CodeBadToken = "AUTHORIZATION_INVALID_TOKEN"
	// CodeWrongAccount answers a path with another account id (UNCONFIRMED).
	CodeWrongAccount = "USER_LACKS_PERMISSIONS"
	// CodeHourly and CodeBurst are the account limit errors (§5.6).
	CodeHourly = "HOURLY_APIINVOCATION_LIMIT_EXCEEDED"
	// CodeBurst is the 30-second limit error.
	CodeBurst = "BURST_APIINVOCATION_LIMIT_EXCEEDED"
	// CodePolling answers a second status read of one envelope within
	// PollInterval when Options.StrictPolling is on. The real service only
	// flags the app (§5.4); the code is the one §5.6 lists for polling.
	CodePolling = "Burst_Envelope_Polling_Limit_Exceeded"
	// CodeWorkflow answers an identityVerification workflowId the account
	// does not have (UNCONFIRMED).
	CodeWorkflow = "IDENTITY_WORKFLOW_INVALID_ID"
	// CodeServer answers an injected 5xx.
	CodeServer = "UNSPECIFIED_ERROR"
)

// HTTP statuses: DocuSign answers business errors with 400 (every [OAS]
// operation documents only 400). Rate-limit statuses are UNCONFIRMED (§5.6):
// hourly gets 400 and burst 429, as the community test the reference cites does.
const (
	statusHourly = http.StatusBadRequest
	statusBurst  = http.StatusTooManyRequests
	// statusNotFound is used for an unknown envelope or document: 400, as [OAS]
	// documents no 404 for these operations (UNCONFIRMED).
	statusNotFound = http.StatusBadRequest
)

// Limits (§5.4, §5.5, §8).
const (
	// DefaultHourlyLimit is the account's default hourly allowance.
	DefaultHourlyLimit = 3000
	// DefaultBurstLimit is the developer environment's 30-second allowance.
	DefaultBurstLimit = 200
	// BurstWindow is the burst limit's window.
	BurstWindow = 30 * time.Second
	// PollInterval is one status read per envelope per 15 minutes. Direct GETs
	// of an envelope or its recipients count, and so does every envelope a
	// listStatusChanges answer returns (the strictest reading).
	PollInterval = 15 * time.Minute
	// maxBody bounds a request body: DocuSign's request size (§8).
	maxBody = 35_651_584
	// maxRecipients per envelope (§8).
	maxRecipients = 100
)

// Expiry (§5.1, UNCONFIRMED): an expired envelope becomes "voided" with this
// reason, and Connect sends envelope-voided (no envelope-expired event is known).
const ExpiredReason = "Envelope has expired."

// The X-RateLimit-Reset header is sent as Unix seconds of the next clock hour
// (format UNCONFIRMED, §5.5).

// Connect (§7): the simulator delivers JSON SIM messages to an envelope's
// eventNotification.url when it has includeHMAC or not; the signature header is
// added when Options.ConnectSecret is set. A failed delivery is kept and sent
// again by RetryConnect (the real service retries once a day, §7.4).
const connectTimeout = 10 * time.Second

// listStatusChanges by from_date returns an envelope whose recipient signed,
// opened or declined since then, not only envelopes whose own status changed:
// statusChangedDateTime moves with every recipient event (UNCONFIRMED; the
// reference only says "changed" is the default from_to_status).
