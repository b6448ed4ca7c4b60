package simulator

import "time"

// This file gathers every behaviour the reference marks UNCONFIRMED (or does not
// cover) together with the choice the simulator makes, so each is easy to change.

const (
	// Whether a signature or refusal updates the ENVELOPE's "modified" is not
	// documented. The simulator bumps it (status sync lists envelopes and
	// fetches details only for those whose "modified" moved); Selo's sync
	// also re-reads details on "Atualizar" and after a while, so it does not
	// depend on this alone.
	bumpEnvelopeOnSignature = true

	// Rate limits: documented as 20 req / 10 s (sandbox) and 50 (production) per
	// account. The window kind is not documented: the simulator uses a fixed
	// window per token starting at its first request, and X-Rate-Limit-Reset is
	// the end of that window as Unix seconds (rounded up). The default is
	// production's: the in-app Simulador local stands in for the account the
	// office will use, and Selo's client paces it by the same figure (see
	// signing.Connector). Tests of the sandbox budget set RateLimit: 20.
	defaultRateLimit  = 50
	defaultRateWindow = 10 * time.Second

	// The body of a 429 is not documented; this code/title/detail is a choice.
	rateLimitCode   = "too_many_requests"
	rateLimitTitle  = "Limite de requisições excedido"
	rateLimitDetail = "Limite de requisições excedido, tente novamente mais tarde"

	// Notifications are limited to 1 per minute per endpoint (documented); the
	// error is not. The simulator answers 429 with this code and a Retry-After.
	notifyInterval       = time.Minute
	notifyThrottleCode   = "notification_throttled"
	notifyThrottleTitle  = "Limite de notificações"
	notifyThrottleDetail = "Só é possível enviar uma notificação por minuto; aguarde para reenviar"

	// Deadlines: platform default 30 days (documented); the 90-day maximum is
	// documented for the web app, its API error text is not.
	defaultDeadline = 30 * 24 * time.Hour
	maxDeadline     = 90 * 24 * time.Hour

	// Sizes: 10 MB per file and 100 MB per envelope (documented). The error
	// texts below are choices.
	defaultMaxFileSize     = 10 << 20
	defaultMaxEnvelopeSize = 100 << 20
	msgFileTooLarge        = "tamanho máximo de 10 MB por arquivo excedido"
	msgEnvelopeTooLarge    = "tamanho máximo de 100 MB por envelope excedido"

	// Pagination: default page size 20 (documented links); maximum UNCONFIRMED,
	// the simulator clamps to 50.
	defaultPageSize = 20
	maxPageSize     = 50

	// Webhook registration: the default status when POST /webhooks omits it
	// is not documented; the simulator registers it active.
	defaultWebhookStatus = "active"

	// Timestamps are rendered at -03:00 (America/Sao_Paulo has had no DST since
	// 2019), with milliseconds like the reference examples.
	timeLayout = "2006-01-02T15:04:05.000-07:00"
)

// Activation refusal texts (422, pointer /data/attributes/status). The reference
// only says activation needs a document, a signer, a qualification and an
// authentication requirement for every signer; the wording is a choice.
const (
	msgNoDocument      = "status - o envelope precisa ter ao menos um documento"
	msgNoSigner        = "status - o envelope precisa ter ao menos um signatário"
	msgNoQualification = "status - o envelope precisa ter ao menos um requisito de qualificação"
	msgSignerNoAuth    = "status - o signatário %s não possui requisito de autenticação"
	msgBackToDraft     = "status - não é possível voltar o envelope para rascunho"
	msgEnvelopeDone    = "status - o envelope já foi finalizado"
	msgNotDraft        = "envelope não está com status draft" // documented (403)
	msgSignerSigned    = "Já assinou um documento. Não pode ser excluído"
	msgNotRunning      = "envelope - não está em andamento"
	msgFinished        = "envelope já está finalizado"
)

// Validation texts. Documented ones are marked; the rest are choices in the same
// style ("<attribute> - <message>" is built by the caller).
const (
	msgDeadlineMin         = "deve ser maior ou igual a " // documented
	msgDeadlineMax         = "deve ser menor ou igual a "
	msgBadDate             = "não é uma data válida"
	msgSubjectDraftOnly    = "só pode ser alterado enquanto o envelope está em rascunho"
	msgDocNotCancelable    = "documento não pode ser cancelado" // documented
	msgDocNotClosable      = "documento não pode ser finalizado"
	msgNameDigits          = "não pode conter números"
	msgNameSurname         = "deve conter nome e sobrenome"
	msgGroupMin            = "deve ser maior ou igual a 1"
	msgFilenameExt         = "deve possuir uma extensão válida (.pdf, .docx, .doc, .txt, .png, .jpeg)"
	msgDataURI             = "deve estar no formato data:<mimetype>;base64,<conteúdo>"
	msgMIME                = "tipo de arquivo não suportado"
	msgBase64              = "não é um base64 válido"
	msgNotInList           = "não está incluído na lista"
	msgNotInEnvelope       = "não encontrado neste envelope"
	msgRequirementNotFound = "requisito não encontrado"
	msgAuthNeedsPhone      = "o signatário precisa ter telefone para autenticação por "
	msgTemplateNotFound    = "modelo não encontrado"
	msgDuplicateNotFound   = "documento não encontrado"
	msgEndpointInvalid     = "não é uma URL válida"
)

// Behavioural choices where the reference is silent or UNCONFIRMED:
//
//   - Creating documents or signers on a non-draft envelope is refused with the
//     same 403 as deletes ("envelope não está com status draft"). Requirements
//     (single, delete and bulk) are also accepted while running, because the
//     official Postman collection runs bulk_requirements after activating; on a
//     closed/canceled envelope they get 403 "envelope já está finalizado".
//   - Deleting an unsigned signer of a running envelope is allowed (remove_signer
//     event); once the signer signed it is 403 (documented).
//   - Envelope status aggregation: once every document is closed or canceled the
//     envelope becomes closed if any document closed, else canceled.
//   - Activation does not send invitations by itself; notifications are recorded
//     only for POST .../notifications (the reference's flow always notifies).
//   - add_signer events are emitted at activation, one per (document, qualified
//     signer).
//   - Refusal: with block_after_refusal the signer's running documents become
//     canceled; without it the refusal is recorded and the document stays
//     running (it cannot auto-close; the deadline or a manual close ends it).
//   - Deadline: documents with at least one signature close (documented), unless
//     the envelope's deadline_partial_signature_action is "canceled"; documents
//     with none are canceled (documented).
//   - links.files.signed and .ziped appear as soon as a document is closed or
//     canceled (the real service takes "a few seconds").
//   - Per-signer notification outside the active group, or for a signer who is
//     done, answers 200 with summary notified:false (nothing is sent).
//   - Requirement resources carry relationships.document/signer data.
//   - bulk_requirements answers {"atomic:results":[{"op":"add","data":{...}},
//     {"op":"remove"}]}; a failing operation rolls back all of them and the error
//     pointer is prefixed with /atomic:operations/<index>.
//   - Webhooks: no retries; the payload's document.key is the v3 document id and
//     no envelope id is included (the reference says not to rely on one).
//   - CPF (documentation) is accepted with or without punctuation and stored
//     formatted; the check digits are verified.
//   - Signer names need two words and no digits; phone numbers 10–11 digits.
//   - Content-Type is not checked: application/json is accepted like
//     application/vnd.api+json (the reference leaves it UNCONFIRMED).
//   - Envelope PATCH status accepts only draft/running (the schema enum);
//     "canceled"/"closed" get 400. Cancel or close documents instead.
//   - Signers have no status attribute; progress shows in events and webhooks.
//   - Every role of the reference's union list is accepted, including the five
//     whose v3 acceptance is UNCONFIRMED.
//   - PIX authentication does not require a CPF on the signer (UNCONFIRMED for v3).
//   - An icp_brasil requirement is accepted on a signer without documentation
//     (the official Postman collection adds one so), but that signer cannot
//     pass the certificate step: no certificate matches an unknown CPF, and a
//     real certificate is checked against the signer's CPF. icp_brasil
//     and an extra evidence (selfie, handwritten, facial_biometrics…) for the
//     same signer and document are refused with 422 on /data/attributes/auth,
//     whichever comes second: v1 "criar signatário" says icp_brasil requires
//     every *_enabled flag false (v3 UNCONFIRMED). Selo's rules refuse the
//     pairing too (crm.CodeICPEvidence).
//   - Collections carry links.first/last and, when they exist, next/prev.
//   - Webhook deliveries time out after 10 s (Options.WebhookClient).
//   - Webhook registration (POST/GET/PATCH/DELETE /webhooks): the simulator is
//     one account, so every registration receives every envelope's events.
//     Missing events (400 "events deve ser informado(a)") and a duplicate
//     endpoint (422 "endpoint - já está em uso") are documented; the rest is a
//     choice: a missing endpoint is 400 "endpoint deve ser informado(a)", one
//     that is not an absolute http(s) address 422 "endpoint - não é uma URL
//     válida" (plain http is accepted so the app's loopback listener can be
//     registered), an unknown event name 400 "events deve estar em: ...".
//     PATCH takes events as the array POST takes or, as its schema and the
//     community Postman example say, a string of comma-separated names where
//     "" leaves them unchanged. Inactive webhooks receive nothing.
