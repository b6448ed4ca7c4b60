package docusign

import "time"

// This file gathers every client-side choice made where the reference
// (shared/reference/docusign-api.md) marks DocuSign's behaviour as UNCONFIRMED,
// or where the reference leaves Selo a choice, so each can be changed in one place.

// Signing style (reference §3.2, §4 "Marks in PDFs switched off").
//
// Selo places ONE signature tab per signer on a signature page that Selo
// appends to the merged PDF (SignatureSlot gives the spot), rather than
// free-form signing. Why: whether a free-form signer can finish WITHOUT placing
// any signature is UNCONFIRMED, and a "completed" contract with no signature on
// it is the worst outcome for an office; positional signHere tabs (documentId,
// pageNumber, xPosition, yPosition) are plain [OAS] and work the same in demo and
// production; and an appended page is the layout Clicksign users already know.
// A Signer without a Placement still goes out free-form (no tabs), so the
// choice can be reverted per call.
const (
	// SignaturePageTop is the y position (points from the top, DocuSign's
	// origin) of the first signature slot on the appended page.
	SignaturePageTop = 140
	// SignatureSlotHeight is the vertical distance between two slots.
	SignatureSlotHeight = 90
	// SignatureSlotLeft is the x position of every slot.
	SignatureSlotLeft = 72
	// SignatureSlotsPerPage is how many slots fit on one A4 page at this spacing.
	SignatureSlotsPerPage = 7
)

// SignatureSlot is where signer number i (0-based) signs when the signature
// pages start at page firstPage (1-based) of the document.
func SignatureSlot(firstPage, i int) Placement {
	return Placement{
		Page: firstPage + i/SignatureSlotsPerPage,
		X:    SignatureSlotLeft,
		Y:    SignaturePageTop + (i%SignatureSlotsPerPage)*SignatureSlotHeight,
	}
}

// Idempotency of the send (reference §3.1).
//
// The caller stores a Reference before calling Send. It travels twice:
//   - as the envelope's transactionId, which [OAS] documents for exactly this
//     ("look up via GET …/envelopes?transaction_ids=… to avoid double-sending
//     after a network failure") but which is only valid for seven days;
//   - as the envelope text custom field ReferenceField, found with
//     listStatusChanges custom_field=<name>=<value> and a from_date, which has no
//     such limit (custom-field search is [OAS] Envelopes_GetEnvelopes.custom_field;
//     whether it is exact-match is UNCONFIRMED, so the client re-checks the value).
//
// The lookup uses transaction_ids while the reference is younger than
// TransactionIDValidity, and the custom field after that.
const (
	// ReferenceField is the envelope custom field that carries Selo's reference.
	ReferenceField = "selo_ref"
	// TransactionIDValidity is how long DocuSign keeps a transactionId searchable.
	TransactionIDValidity = 7 * 24 * time.Hour
	// MaxReferenceLength bounds the reference: custom field values are ≤ 100 chars.
	MaxReferenceLength = 100
)

// Rate limits and polling (reference §5.4, §5.5, §8).
const (
	// DefaultHourlyLimit is the account's documented default hourly allowance,
	// used until an X-RateLimit-Limit header says otherwise.
	DefaultHourlyLimit = 3000
	// DefaultBurstLimit is the developer-environment burst allowance (production
	// allows 500). The lower one is the default so one client works unchanged in
	// both; X-BurstLimit-Limit raises it when the server says so.
	DefaultBurstLimit = 200
	// BurstWindow is the burst limit's window.
	BurstWindow = 30 * time.Second
	// PollInterval is the Go-Live rule: at most one status GET per envelope per
	// 15 minutes per app. The client counts GET envelope, GET recipients, and
	// every envelope returned by listStatusChanges as one status read; a read
	// that got no answer is not counted. A pass cannot leave out an envelope
	// read on its own minutes before (listStatusChanges has no such filter);
	// DocuSign only flags, not fails, such reads, and they need a person
	// pressing "Atualizar", so the client accepts that case.
	PollInterval = 15 * time.Minute
	// StatusOverlap is subtracted from the previous pass's lastQueriedDateTime
	// for the next from_date, so a change committed while a pass ran is not
	// missed ("overlap windows", §5.4). Duplicates are harmless.
	StatusOverlap = 2 * time.Minute
	// StatusPageSize is the count asked per listStatusChanges page. [OAS] says
	// there is no implicit maximum; 100 keeps responses small.
	StatusPageSize = 100

	// resetUnixThreshold separates the two readings of X-RateLimit-Reset, whose
	// format is UNCONFIRMED: a value this large is Unix seconds, a smaller one
	// seconds from now.
	resetUnixThreshold = 1_000_000_000
	// defaultBurstRetryAfter is the wait after a burst error with no usable header.
	defaultBurstRetryAfter = BurstWindow
	// DefaultMaxRateLimitWait caps how long a call sleeps on a rate limit before
	// returning the error, so a UI action never hangs.
	DefaultMaxRateLimitWait = 35 * time.Second
)

// Error codes (reference §5.6). The HTTP status of rate-limit errors (400 vs
// 429) is UNCONFIRMED, so errors are classified by errorCode, case-insensitively.
var (
	// hourlyLimitCodes mean the account's hourly allowance is spent. The
	// misspelling "APINVOCATION" is accepted too, as the reference asks.
	hourlyLimitCodes = []string{"HOURLY_APIINVOCATION_LIMIT_EXCEEDED", "HOURLY_APINVOCATION_LIMIT_EXCEEDED",
		"Hourly_Envelope_Polling_Limit_Exceeded", "Hourly_APIInvocation_Envelope_Limit_Exceeded"}
	// burstLimitCodes mean a 30-second allowance is spent.
	burstLimitCodes = []string{"BURST_APIINVOCATION_LIMIT_EXCEEDED", "BURST_APINVOCATION_LIMIT_EXCEEDED",
		"Burst_Envelope_Polling_Limit_Exceeded", "Burst_APIInvocation_Envelope_Limit_Exceeded",
		"API_REQUEST_IS_THROTTLED"}
	// authCodes mean the access token is expired, revoked or not accepted: the
	// user must sign in again (or the token be refreshed).
	authCodes = []string{"AUTHORIZATION_INVALID_TOKEN", "USER_AUTHENTICATION_FAILED", "PARTNER_AUTHENTICATION_FAILED"}
	// notFoundCodes mean the envelope (or document) does not exist for this account.
	notFoundCodes = []string{"ENVELOPE_DOES_NOT_EXIST", "INVALID_ENVELOPE_ID", "DOCUMENT_DOES_NOT_EXIST"}
)

// Resend (reference §6.1): Selo resends to signers only, each listed as
// {"recipientId"} in the signers array; whether DocuSign also accepts a
// carbon copy's id there is UNCONFIRMED. A per-recipient errorDetails other
// than SUCCESS in recipientUpdateResults is returned as an error.

// Language is the recipient e-mail and signing-UI language (reference §3.2).
const Language = "pt_BR"

// Retry choices (policy, kept here to be found in one place):
//   - GET and the absolute PUTs (void, resend) are retried on 5xx and network
//     errors, a few times with backoff.
//   - POST /envelopes is never retried blindly: after a network error or 5xx
//     the client looks the reference up, and only a confirmed absence lets the
//     caller try again (Send with Resume).
//   - A rate-limit error means the request was not processed, so every method
//     is retried after the wait, when the wait is short enough.
const (
	maxAttempts  = 3
	retryBackoff = 500 * time.Millisecond
)

// Identity checks (reference §3.4, §4). UNCONFIRMED: the workflows' names, how
// DocuSign reports a check's result, and whether it accepts both checks on one
// recipient. The choices:
//   - The client reads the account's workflows (GET .../identity_verification)
//     the first time a send asks a check, and keeps them WorkflowCacheTTL per
//     client, so an add-on enabled meanwhile is seen within the hour.
//   - The phone authentication workflow is the one whose defaultName contains
//     PhoneAuthWorkflowName ("Phone Authentication" in DocuSign's examples);
//     ID Verification is one whose defaultName contains
//     IDVerificationWorkflowName and not the phone name ("DocuSign ID
//     Verification"). A check the account has no workflow for refuses the
//     send before the create (FeatureError), never a weaker envelope.
//   - Phone authentication alone goes through identityVerification with the
//     number in a phone_number_list input (the current way in DocuSign's
//     examples; the 2021 [OAS] lacks its countryCode, which oascheck adds).
//   - A recipient has ONE identityVerification, so when ID Verification is
//     asked too it takes the workflow, and the SMS code goes through the
//     legacy idCheckConfigurationName LegacySMSAuthName with
//     smsAuthentication.senderProvidedNumbers ("+<country><number>") and
//     requireIdLookup "true".
//   - Results are read from recipientAuthenticationStatus: phoneAuthResult or
//     smsAuthResult for the phone check, identityVerificationResult for IDV.
//
// Drawn signature ("Assinatura manuscrita"): signInEachLocation "true" on the
// signer, which makes them draw at their tab instead of adopting a typed
// style; it needs the feature on in the account (UNCONFIRMED what DocuSign
// does when it is off). Approval: a certifiedDeliveries recipient, same
// recipientId sequence and routing order as the signers.
const (
	// WorkflowCacheTTL is how long the account's workflows are kept.
	WorkflowCacheTTL = time.Hour
	// PhoneAuthWorkflowName is matched (lower case) in a workflow's defaultName.
	PhoneAuthWorkflowName = "phone"
	// IDVerificationWorkflowName is matched (lower case) in a workflow's defaultName.
	IDVerificationWorkflowName = "id verification"
	// PhoneNumberListOption names the phone input of the phone authentication workflow.
	PhoneNumberListOption = "phone_number_list"
	// PhoneNumberListType is that input's valueType.
	PhoneNumberListType = "PhoneNumberList"
	// LegacySMSAuthName is the legacy SMS authentication check.
	LegacySMSAuthName = "SMS Auth $"
)

// ICP-Brasil (reference §8, UNCONFIRMED). A signer who must sign with an
// ICP-Brasil certificate ("Vai a registro") gets recipientSignatureProviders
// with ONE provider, named here, and the person's CPF in
// signatureProviderOptions.cpfNumber. The name is the one a DocuSign
// community answer gives for the ICP-Brasil smart-card/token provider; the
// reference could not confirm it, and an account lists its own with
// GET /v2.1/accounts/{accountId}/signatureProviders. Changing these two
// constants changes what every send asks for.
//
// Whether a standards-based provider may be combined with ID Verification
// or signInEachLocation is UNCONFIRMED: the provider runs its own signing
// ceremony, and Clicksign documents the like (icp_brasil needs every extra
// evidence off). Selo takes that answer for both services: the client
// refuses a signer carrying ICPBrasilCPF with IDVerification or
// DrawSignature, the crm rules refuse the pairing (crm.CodeICPEvidence) and
// the simulator answers 400.
const (
	// ICPBrasilProvider is the signatureProviderName of ICP-Brasil.
	ICPBrasilProvider = "universalsignaturepen_icp_smartcard_tsp"
	// ICPBrasilSignerRole is signatureProviderOptions.signerRole: the
	// capacity printed with the qualified signature. DocuSign's Apex
	// IcpBrasilProvider takes a role too; its accepted values are
	// UNCONFIRMED, so Selo sends the plain "Signatário".
	ICPBrasilSignerRole = "Signatário"
)
