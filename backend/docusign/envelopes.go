package docusign

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Envelope statuses (reference §5.1). Terminal for Selo: completed, declined, voided.
const (
	StatusCreated   = "created"
	StatusSent      = "sent"
	StatusDelivered = "delivered"
	StatusSigned    = "signed"
	StatusCompleted = "completed"
	StatusDeclined  = "declined"
	StatusVoided    = "voided"
)

// Delivery channels of a recipient (reference §3.3).
const (
	// DeliveryEmail is the default: the invitation goes by e-mail.
	DeliveryEmail = ""
	// DeliverySMS sends only by SMS (no e-mail needed).
	DeliverySMS = "SMS"
	// DeliveryWhatsApp sends only by WhatsApp (no e-mail needed).
	DeliveryWhatsApp = "WhatsApp"
	// DeliveryEmailSMS sends by e-mail and, secondarily, SMS.
	DeliveryEmailSMS = "email+SMS"
	// DeliveryEmailWhatsApp sends by e-mail and, secondarily, WhatsApp.
	DeliveryEmailWhatsApp = "email+WhatsApp"
)

// Limits checked before anything is sent (reference §8).
const (
	// MaxDocumentBytes is Selo's ceiling for the one merged PDF: base64 in a JSON
	// POST must stay under DocuSign's ~35 MB request size.
	MaxDocumentBytes = 25 << 20
	// MaxRecipients is DocuSign's recipients-per-envelope limit.
	MaxRecipients = 100
	maxNameLen    = 100
	maxEmailLen   = 100
)

// Placement is one signature spot: page (1-based) and position in points from
// the page's top-left corner.
type Placement struct {
	Page, X, Y int
}

// Phone is a phone number split as DocuSign wants it: country code and the
// national number, digits only.
type Phone struct {
	CountryCode, Number string
}

// Signer is one person in the envelope.
type Signer struct {
	// Name and Email identify the person; Email may be empty for SMS/WhatsApp-only delivery.
	Name, Email string
	// RoutingOrder: lower goes first, equal orders sign in parallel (≥ 1).
	RoutingOrder int
	// Role is Selo's signer type, carried as roleName (metadata only).
	Role string
	// Note is shown to this person only.
	Note string
	// Placement is where the signature goes; nil means free-form signing.
	Placement *Placement
	// Delivery is one of the Delivery* constants.
	Delivery string
	// Phone is required for every delivery but DeliveryEmail.
	Phone *Phone
	// PhoneAuth asks DocuSign's phone authentication before the envelope
	// opens: a code sent by SMS to this number. nil asks none.
	PhoneAuth *Phone
	// IDVerification asks the account's ID Verification workflow (photo of an
	// ID document and a selfie, checked by DocuSign's provider).
	IDVerification bool
	// CertifiedDelivery makes the person a certified delivery: they must open
	// the envelope for it to complete, and sign nothing (no Placement, no
	// DrawSignature). Signers only; it keeps its place in the recipient ids.
	CertifiedDelivery bool
	// DrawSignature makes the person draw the signature at their tab
	// (signInEachLocation) instead of adopting a typed style.
	DrawSignature bool
	// ICPBrasilCPF, when set, makes the person sign with an ICP-Brasil
	// certificate whose holder has this CPF (11 digits): the recipient's
	// recipientSignatureProviders names ICPBrasilProvider (assumptions.go).
	ICPBrasilCPF string
}

// SendRequest is one envelope: one PDF, its signers and copies.
type SendRequest struct {
	// Reference is Selo's idempotency reference, stored by the caller BEFORE
	// Send is called (see assumptions.go).
	Reference string
	// ReferenceCreated is when Reference was stored; it chooses the lookup.
	ReferenceCreated time.Time
	// Resume says an earlier Send with this Reference may have created the
	// envelope: it is looked up first and only created if absent.
	Resume bool
	// Subject and Message are the e-mail subject and body for every recipient.
	Subject, Message string
	// DocumentName is the file name shown to recipients.
	DocumentName string
	// PDF is the merged document.
	PDF []byte
	// Signers sign; Copies only receive the signed document.
	Signers, Copies []Signer
	// ExpireAfterDays is the deadline in days (≥ 1).
	ExpireAfterDays int
	// ReminderDelayDays and ReminderEveryDays turn e-mail reminders on when both are > 0.
	ReminderDelayDays, ReminderEveryDays int
	// WebhookURL asks for Connect (JSON SIM, HMAC) deliveries for this envelope; empty for none.
	WebhookURL string
}

// InputError is a SendRequest problem found before anything was sent.
type InputError struct {
	// Field names the problem's place, e.g. "signers[1].email".
	Field string
	// Problem says what is wrong, in English, for logs.
	Problem string
}

// Error implements error.
func (e *InputError) Error() string { return "docusign: " + e.Field + ": " + e.Problem }

// Unwrap returns ErrValidation.
func (e *InputError) Unwrap() error { return ErrValidation }

// Recipient is one signer or copy as DocuSign reports it.
type Recipient struct {
	// ID is the recipientId: "1".."n" for Signers in order, then the Copies.
	ID string
	// Copy is true for a carbon copy.
	Copy bool
	// Name, Email and Status (created, sent, delivered, signed, completed, declined, autoresponded…).
	Name, Email, Status string
	// RoutingOrder is the recipient's turn.
	RoutingOrder int
	// Role is the roleName sent.
	Role string
	// Sent, Delivered, Signed and Declined are zero when not (yet) so.
	Sent, Delivered, Signed, Declined time.Time
	// DeclinedReason is the signer's reason for declining.
	DeclinedReason string
	// CertifiedDelivery is true for a certified delivery (must open, signs nothing).
	CertifiedDelivery bool
	// PhoneAuth and IDVerification are the results DocuSign reports of those
	// checks (e.g. "passed", "failed"), lower case; empty when not (yet) done.
	PhoneAuth, IDVerification string
}

// Envelope is an envelope's status as DocuSign reports it.
type Envelope struct {
	// ID is DocuSign's envelopeId.
	ID string
	// Status is one of the Status* constants (or another DocuSign status).
	Status string
	// Reference is Selo's reference (transactionId or custom field), when returned.
	Reference string
	// StatusChanged, Sent, Completed, Declined, Voided and Expires are zero when unknown.
	StatusChanged, Sent, Completed, Declined, Voided, Expires time.Time
	// VoidedReason says why it was voided (an expiry also arrives as voided).
	VoidedReason string
	// Recipients is filled when the call included them.
	Recipients []Recipient
	// CurrentRoutingOrder is the routing order now active (0 when unknown).
	CurrentRoutingOrder int
}

// Terminal reports whether the envelope can no longer change.
func (e *Envelope) Terminal() bool {
	switch e.Status {
	case StatusCompleted, StatusDeclined, StatusVoided:
		return true
	}
	return false
}

func (r *SendRequest) validate() error {
	if r.Reference == "" || len(r.Reference) > MaxReferenceLength {
		return &InputError{"reference", fmt.Sprintf("required, at most %d characters", MaxReferenceLength)}
	}
	if strings.TrimSpace(r.Subject) == "" {
		return &InputError{"subject", "required"}
	}
	if len(r.PDF) == 0 || !bytes.HasPrefix(r.PDF, []byte("%PDF-")) {
		return &InputError{"pdf", "not a PDF"}
	}
	if len(r.PDF) > MaxDocumentBytes {
		return &InputError{"pdf", fmt.Sprintf("%d bytes, above %d", len(r.PDF), MaxDocumentBytes)}
	}
	if len(r.Signers) == 0 {
		return &InputError{"signers", "at least one signer"}
	}
	if n := len(r.Signers) + len(r.Copies); n > MaxRecipients {
		return &InputError{"signers", fmt.Sprintf("%d recipients, above %d", n, MaxRecipients)}
	}
	if r.ExpireAfterDays < 1 {
		return &InputError{"expireAfterDays", "at least 1"}
	}
	check := func(kind string, i int, s Signer) error {
		f := fmt.Sprintf("%s[%d].", kind, i)
		switch {
		case strings.TrimSpace(s.Name) == "" || len(s.Name) > maxNameLen:
			return &InputError{f + "name", fmt.Sprintf("required, at most %d characters", maxNameLen)}
		case len(s.Email) > maxEmailLen:
			return &InputError{f + "email", fmt.Sprintf("at most %d characters", maxEmailLen)}
		case s.RoutingOrder < 1:
			return &InputError{f + "routingOrder", "at least 1"}
		}
		needsEmail, needsPhone := true, false
		switch s.Delivery {
		case DeliveryEmail:
		case DeliverySMS, DeliveryWhatsApp:
			needsEmail, needsPhone = false, true
		case DeliveryEmailSMS, DeliveryEmailWhatsApp:
			needsPhone = true
		default:
			return &InputError{f + "delivery", "unknown channel " + strconv.Quote(s.Delivery)}
		}
		if needsEmail && !strings.Contains(s.Email, "@") {
			return &InputError{f + "email", "required for e-mail delivery"}
		}
		if needsPhone && (s.Phone == nil || !digits(s.Phone.CountryCode) || !digits(s.Phone.Number)) {
			return &InputError{f + "phone", "country code and number, digits only, required for SMS/WhatsApp"}
		}
		if p := s.Placement; p != nil && (p.Page < 1 || p.X < 0 || p.Y < 0) {
			return &InputError{f + "placement", "page ≥ 1 and non-negative position"}
		}
		if p := s.PhoneAuth; p != nil && (!digits(p.CountryCode) || !digits(p.Number)) {
			return &InputError{f + "phoneAuth", "country code and number, digits only"}
		}
		if s.ICPBrasilCPF != "" && (len(s.ICPBrasilCPF) != 11 || !digits(s.ICPBrasilCPF)) {
			return &InputError{f + "icpBrasilCpf", "11 digits"}
		}
		if s.CertifiedDelivery && (s.Placement != nil || s.DrawSignature) {
			return &InputError{f + "certifiedDelivery", "a certified delivery signs nothing: no placement, no drawn signature"}
		}
		// certifiedDelivery has no recipientSignatureProviders in the
		// OpenAPI: a certificate needs a signer.
		if s.CertifiedDelivery && s.ICPBrasilCPF != "" {
			return &InputError{f + "icpBrasilCpf", "a certified delivery signs nothing: an ICP-Brasil certificate needs a signer"}
		}
		if s.ICPBrasilCPF != "" && (s.IDVerification || s.DrawSignature) {
			return &InputError{f + "icpBrasilCpf", "an ICP-Brasil certificate takes no ID Verification or drawn signature beside it"}
		}
		return nil
	}
	for i, s := range r.Signers {
		if err := check("signers", i, s); err != nil {
			return err
		}
	}
	for i, s := range r.Copies {
		if err := check("copies", i, s); err != nil {
			return err
		}
		if s.PhoneAuth != nil || s.IDVerification || s.CertifiedDelivery || s.DrawSignature || s.ICPBrasilCPF != "" {
			return &InputError{fmt.Sprintf("copies[%d]", i), "a copy takes no authentication, certified delivery or drawn signature"}
		}
	}
	return nil
}

// needsWorkflows reports whether any signer asks a check that needs the
// account's identity workflows.
func (r *SendRequest) needsWorkflows() bool {
	for _, s := range r.Signers {
		if s.PhoneAuth != nil || s.IDVerification {
			return true
		}
	}
	return false
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// wireRecipientOf maps one Selo signer to DocuSign's recipient fields: the
// single place where delivery channels become deliveryMethod/additionalNotifications.
func wireRecipientOf(id int, s Signer, wf workflowIDs) wireRecipient {
	w := wireRecipient{
		RecipientID: strconv.Itoa(id), RoutingOrder: strconv.Itoa(s.RoutingOrder),
		Name: s.Name, Email: s.Email, RoleName: s.Role, Note: s.Note,
		EmailNotification: &wireEmailNotification{SupportedLanguage: Language},
	}
	var phone *wirePhone
	if s.Phone != nil {
		phone = &wirePhone{CountryCode: s.Phone.CountryCode, Number: s.Phone.Number}
	}
	switch s.Delivery {
	case DeliverySMS, DeliveryWhatsApp:
		w.DeliveryMethod, w.PhoneNumber = s.Delivery, phone
	case DeliveryEmailSMS:
		w.AdditionalNotifications = []wireAdditionalNotifer{{SecondaryDeliveryMethod: DeliverySMS, PhoneNumber: phone}}
	case DeliveryEmailWhatsApp:
		w.AdditionalNotifications = []wireAdditionalNotifer{{SecondaryDeliveryMethod: DeliveryWhatsApp, PhoneNumber: phone}}
	}
	if p := s.Placement; p != nil {
		w.Tabs = &wireTabs{SignHereTabs: []wireSignHere{{DocumentID: "1",
			PageNumber: strconv.Itoa(p.Page), XPosition: strconv.Itoa(p.X), YPosition: strconv.Itoa(p.Y)}}}
	}
	if s.DrawSignature {
		w.SignInEachLocation = "true"
	}
	if s.ICPBrasilCPF != "" {
		w.RecipientSignatureProviders = []wireSignatureProvider{{SignatureProviderName: ICPBrasilProvider,
			SignatureProviderOptions: &wireSignatureProviderOptions{CPFNumber: s.ICPBrasilCPF, SignerRole: ICPBrasilSignerRole}}}
	}
	authOf(&w, s, wf)
	return w
}

// authOf puts a signer's checks on the wire (assumptions.go, "Identity
// checks"): one identityVerification workflow per recipient, phone
// authentication through it when it is the only check, and through the
// legacy SMS authentication when ID Verification takes the workflow.
func authOf(w *wireRecipient, s Signer, wf workflowIDs) {
	var phone *wireIdentityPhone
	if p := s.PhoneAuth; p != nil {
		phone = &wireIdentityPhone{CountryCode: p.CountryCode, Number: p.Number}
	}
	switch {
	case s.IDVerification:
		w.IdentityVerification = &wireIdentityVerification{WorkflowID: wf.idv}
		if phone != nil {
			w.IDCheckConfigurationName = LegacySMSAuthName
			w.SMSAuthentication = &wireSMSAuthentication{SenderProvidedNumbers: []string{"+" + phone.CountryCode + phone.Number}}
			w.RequireIDLookup = "true"
		}
	case phone != nil:
		w.IdentityVerification = &wireIdentityVerification{WorkflowID: wf.phone,
			InputOptions: []wireIdentityInput{{Name: PhoneNumberListOption, ValueType: PhoneNumberListType,
				PhoneNumberList: []wireIdentityPhone{*phone}}}}
	}
}

func (r *SendRequest) definition(wf workflowIDs) *wireEnvelopeDefinition {
	d := &wireEnvelopeDefinition{
		Status: StatusSent, EmailSubject: r.Subject, EmailBlurb: r.Message, TransactionID: r.Reference,
		Documents: []wireDocument{{DocumentID: "1", Name: r.DocumentName, FileExtension: "pdf",
			DocumentBase64: base64.StdEncoding.EncodeToString(r.PDF)}},
		CustomFields: &wireCustomFields{TextCustomFields: []wireTextCustomField{{Name: ReferenceField, Value: r.Reference, Show: "false"}}},
		Notification: &wireNotification{UseAccountDefaults: "false",
			Reminders:   wireReminders{ReminderEnabled: "false"},
			Expirations: wireExpirations{ExpireEnabled: "true", ExpireAfter: strconv.Itoa(r.ExpireAfterDays), ExpireWarn: "0"}},
	}
	if d.Documents[0].Name == "" {
		d.Documents[0].Name = "contratos.pdf"
	}
	if r.ReminderDelayDays > 0 && r.ReminderEveryDays > 0 {
		d.Notification.Reminders = wireReminders{ReminderEnabled: "true",
			ReminderDelay: strconv.Itoa(r.ReminderDelayDays), ReminderFrequency: strconv.Itoa(r.ReminderEveryDays)}
	}
	id := 1
	for _, s := range r.Signers {
		w := wireRecipientOf(id, s, wf)
		if s.CertifiedDelivery {
			d.Recipients.CertifiedDeliveries = append(d.Recipients.CertifiedDeliveries, w)
		} else {
			d.Recipients.Signers = append(d.Recipients.Signers, w)
		}
		id++
	}
	for _, s := range r.Copies {
		w := wireRecipientOf(id, s, wf)
		w.Tabs = nil
		d.Recipients.CarbonCopies = append(d.Recipients.CarbonCopies, w)
		id++
	}
	if r.WebhookURL != "" {
		d.EventNotification = &wireEventNotification{
			URL: r.WebhookURL, IncludeHMAC: "true", RequireAcknowledgmen: "true", LoggingEnabled: "true",
			DeliveryMode: "SIM", Events: WebhookEvents,
			EventData: wireConnectData{Version: "restv2.1", Format: "json", IncludeData: []string{"recipients"}},
		}
	}
	return d
}

// WebhookEvents are the Connect events Selo subscribes an envelope to.
var WebhookEvents = []string{"envelope-sent", "envelope-delivered", "envelope-completed", "envelope-declined",
	"envelope-voided", "recipient-sent", "recipient-delivered", "recipient-completed", "recipient-declined",
	"recipient-autoresponded", "recipient-authenticationfailed"}

// Send creates and sends ONE envelope in one request (the minimum the API
// allows: POST /envelopes with status "sent"). After a lost answer it looks the
// reference up, so a retry never makes a second envelope: a found envelope is
// returned as if created; otherwise the error wraps ErrOutcomeUnknown and the
// caller retries later with Resume.
func (c *Client) Send(ctx context.Context, r SendRequest) (*Envelope, error) {
	if err := r.validate(); err != nil {
		return nil, err
	}
	if r.Resume {
		env, err := c.FindByReference(ctx, r.Reference, r.ReferenceCreated)
		if err != nil {
			return nil, fmt.Errorf("%w: lookup before resending: %w", ErrOutcomeUnknown, err)
		}
		if env != nil {
			return env, nil
		}
	}
	var wf workflowIDs
	if r.needsWorkflows() {
		var err error
		if wf, err = c.workflowsFor(ctx, &r); err != nil {
			return nil, err
		}
	}
	body, err := c.do(ctx, call{method: http.MethodPost, path: "/envelopes", body: r.definition(wf)})
	if err != nil {
		if ctx.Err() != nil {
			// Cancelled mid-call: the POST may have been processed; the caller resumes.
			return nil, fmt.Errorf("%w: %w", ErrOutcomeUnknown, err)
		}
		if !errors.Is(err, ErrServer) {
			return nil, err // refused: nothing was created
		}
		env, lerr := c.FindByReference(ctx, r.Reference, r.ReferenceCreated)
		if lerr == nil && env != nil {
			return env, nil
		}
		return nil, fmt.Errorf("%w: %w", ErrOutcomeUnknown, err)
	}
	var s wireEnvelopeSummary
	if err := json.Unmarshal(body, &s); err != nil || s.EnvelopeID == "" {
		return nil, fmt.Errorf("%w: envelope create answer without envelopeId", ErrOutcomeUnknown)
	}
	return &Envelope{ID: s.EnvelopeID, Status: s.Status, Reference: r.Reference, StatusChanged: parseTime(s.StatusDateTime)}, nil
}

// FindByReference returns the envelope carrying Selo's reference, or nil when
// DocuSign has none. created is when the reference was stored: it picks
// transaction_ids (valid seven days) or the custom field search.
func (c *Client) FindByReference(ctx context.Context, ref string, created time.Time) (*Envelope, error) {
	q := url.Values{"include": {"recipients,custom_fields"}}
	if created.IsZero() || c.clock.Now().Sub(created) < TransactionIDValidity-time.Hour {
		q.Set("transaction_ids", ref)
	} else {
		q.Set("custom_field", ReferenceField+"="+ref)
		q.Set("from_date", formatTime(created.Add(-time.Hour)))
	}
	body, err := c.do(ctx, call{method: http.MethodGet, path: "/envelopes", query: q, retry: true})
	if err != nil {
		return nil, err
	}
	var info wireEnvelopesInformation
	if err := json.Unmarshal(body, &info); err != nil {
		return nil, fmt.Errorf("%w: listStatusChanges answer: %v", ErrServer, err)
	}
	for _, w := range info.Envelopes {
		e := envelopeOf(w)
		if e.Reference == ref {
			c.lim.markPolls([]string{e.ID})
			return e, nil
		}
	}
	return nil, nil
}

// GetEnvelope reads one envelope with its recipients. It counts as a status
// read: a second read within PollInterval is refused without a request.
func (c *Client) GetEnvelope(ctx context.Context, id string) (*Envelope, error) {
	undo, err := c.lim.checkPolls(id)
	if err != nil {
		return nil, err
	}
	body, err := c.do(ctx, call{method: http.MethodGet, path: "/envelopes/" + url.PathEscape(id),
		query: url.Values{"include": {"recipients,custom_fields"}}, retry: true})
	if err != nil {
		undo()
		return nil, err
	}
	var w wireEnvelope
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("%w: envelope answer: %v", ErrServer, err)
	}
	return envelopeOf(w), nil
}

// Recipients reads an envelope's recipients. It counts as a status read.
func (c *Client) Recipients(ctx context.Context, id string) ([]Recipient, error) {
	undo, err := c.lim.checkPolls(id)
	if err != nil {
		return nil, err
	}
	body, err := c.do(ctx, call{method: http.MethodGet, path: "/envelopes/" + url.PathEscape(id) + "/recipients", retry: true})
	if err != nil {
		undo()
		return nil, err
	}
	var w wireRecipients
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("%w: recipients answer: %v", ErrServer, err)
	}
	return recipientsOf(&w), nil
}

// StatusPass is the result of one listStatusChanges pass.
type StatusPass struct {
	// Envelopes changed since the pass's from_date, with recipients.
	Envelopes []*Envelope
	// Next is the from_date for the next pass (lastQueriedDateTime minus StatusOverlap).
	Next time.Time
	// Requests is how many HTTP requests the pass used.
	Requests int
}

// ListStatusChanges returns every envelope of the account changed since from,
// with recipients, walking all pages. Passes closer than PollInterval are
// refused without a request (PollTooSoonError).
func (c *Client) ListStatusChanges(ctx context.Context, from time.Time) (*StatusPass, error) {
	undo, err := c.lim.startPass()
	if err != nil {
		return nil, err
	}
	pass := &StatusPass{}
	started := c.clock.Now()
	var last time.Time
	for start := 0; ; {
		q := url.Values{"from_date": {formatTime(from)}, "include": {"recipients,custom_fields"},
			"count": {strconv.Itoa(StatusPageSize)}, "start_position": {strconv.Itoa(start)}}
		body, err := c.do(ctx, call{method: http.MethodGet, path: "/envelopes", query: q, retry: true})
		if err != nil {
			if pass.Requests == 0 {
				undo() // nothing was read: the pass may be retried at once
			}
			return nil, err
		}
		pass.Requests++
		var info wireEnvelopesInformation
		if err := json.Unmarshal(body, &info); err != nil {
			return nil, fmt.Errorf("%w: listStatusChanges answer: %v", ErrServer, err)
		}
		ids := make([]string, 0, len(info.Envelopes))
		for _, w := range info.Envelopes {
			e := envelopeOf(w)
			pass.Envelopes = append(pass.Envelopes, e)
			ids = append(ids, e.ID)
		}
		c.lim.markPolls(ids)
		if t := parseTime(info.LastQueriedDateTime); !t.IsZero() && last.IsZero() {
			last = t
		}
		total, _ := strconv.Atoi(info.TotalSetSize)
		end, err := strconv.Atoi(info.EndPosition)
		if len(info.Envelopes) == 0 || err != nil || end+1 >= total {
			break
		}
		start = end + 1
	}
	if last.IsZero() {
		last = started
	}
	pass.Next = last.Add(-StatusOverlap)
	return pass, nil
}

// Void cancels an in-process envelope. reason is shown to the recipients.
func (c *Client) Void(ctx context.Context, id, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return &InputError{"voidedReason", "required"}
	}
	body := map[string]string{"status": StatusVoided, "voidedReason": reason}
	_, err := c.do(ctx, call{method: http.MethodPut, path: "/envelopes/" + url.PathEscape(id), body: body, retry: true})
	return err
}

// Resend sends the invitation again to the given signers (recipientIds).
func (c *Client) Resend(ctx context.Context, id string, recipientIDs ...string) error {
	if len(recipientIDs) == 0 {
		return &InputError{"recipientIds", "at least one"}
	}
	w := wireRecipients{}
	for _, r := range recipientIDs {
		w.Signers = append(w.Signers, wireRecipient{RecipientID: r})
	}
	body, err := c.do(ctx, call{method: http.MethodPut, path: "/envelopes/" + url.PathEscape(id) + "/recipients",
		query: url.Values{"resend_envelope": {"true"}}, body: w, retry: true})
	if err != nil {
		return err
	}
	var s wireUpdateSummary
	if json.Unmarshal(body, &s) == nil {
		for _, r := range s.RecipientUpdateResults {
			if r.ErrorDetails != nil && r.ErrorDetails.ErrorCode != "" && !strings.EqualFold(r.ErrorDetails.ErrorCode, "SUCCESS") {
				return &APIError{Status: http.StatusOK, Code: r.ErrorDetails.ErrorCode,
					Message: "recipient " + r.RecipientID + ": " + r.ErrorDetails.Message, kind: classify(400, r.ErrorDetails.ErrorCode)}
			}
		}
	}
	return nil
}

// DownloadCombined returns all documents merged in one PDF, without the
// certificate (asked for separately so the result does not depend on the
// account's "attach certificate" setting).
func (c *Client) DownloadCombined(ctx context.Context, id string) ([]byte, error) {
	return c.download(ctx, id, "combined", url.Values{"certificate": {"false"}})
}

// DownloadCertificate returns the Certificate of Completion PDF, in Portuguese.
func (c *Client) DownloadCertificate(ctx context.Context, id string) ([]byte, error) {
	return c.download(ctx, id, "certificate", url.Values{"language": {Language}})
}

func (c *Client) download(ctx context.Context, id, doc string, q url.Values) ([]byte, error) {
	body, err := c.do(ctx, call{method: http.MethodGet, path: "/envelopes/" + url.PathEscape(id) + "/documents/" + doc,
		query: q, accept: "application/pdf", retry: true})
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(body, []byte("%PDF-")) {
		return nil, fmt.Errorf("%w: %s download is not a PDF", ErrServer, doc)
	}
	return body, nil
}

func envelopeOf(w wireEnvelope) *Envelope {
	e := &Envelope{ID: w.EnvelopeID, Status: strings.ToLower(w.Status), Reference: w.TransactionID,
		StatusChanged: parseTime(w.StatusChangedDateTime), Sent: parseTime(w.SentDateTime),
		Completed: parseTime(w.CompletedDateTime), Declined: parseTime(w.DeclinedDateTime),
		Voided: parseTime(w.VoidedDateTime), Expires: parseTime(w.ExpireDateTime), VoidedReason: w.VoidedReason}
	if w.CustomFields != nil {
		for _, f := range w.CustomFields.TextCustomFields {
			if f.Name == ReferenceField && f.Value != "" {
				e.Reference = f.Value
			}
		}
	}
	if w.Recipients != nil {
		e.Recipients = recipientsOf(w.Recipients)
		e.CurrentRoutingOrder, _ = strconv.Atoi(w.Recipients.CurrentRoutingOrder)
	}
	return e
}

func recipientsOf(w *wireRecipients) []Recipient {
	var out []Recipient
	add := func(list []wireRecipient, cc, certified bool) {
		for _, r := range list {
			order, _ := strconv.Atoi(r.RoutingOrder)
			rec := Recipient{ID: r.RecipientID, Copy: cc, CertifiedDelivery: certified, Name: r.Name, Email: r.Email,
				Status: strings.ToLower(r.Status), RoutingOrder: order, Role: r.RoleName,
				Sent: parseTime(r.SentDateTime), Delivered: parseTime(r.DeliveredDateTime),
				Signed: parseTime(r.SignedDateTime), Declined: parseTime(r.DeclinedDateTime), DeclinedReason: r.DeclinedReason}
			if a := r.RecipientAuthenticationStatus; a != nil {
				rec.PhoneAuth = a.phone()
				if a.IdentityVerificationResult != nil {
					rec.IDVerification = strings.ToLower(a.IdentityVerificationResult.Status)
				}
			}
			out = append(out, rec)
		}
	}
	add(w.Signers, false, false)
	add(w.CertifiedDeliveries, false, true)
	add(w.CarbonCopies, true, false)
	sort.SliceStable(out, func(i, j int) bool { return recipientLess(out[i].ID, out[j].ID) })
	return out
}

// recipientLess orders recipient ids numerically, so certified deliveries
// (a separate array on the wire) come back in the order they were sent.
func recipientLess(a, b string) bool {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	if errA != nil || errB != nil {
		return a < b
	}
	return x < y
}

// parseTime reads DocuSign's ISO-8601 times (7 fraction digits, Z or offset);
// anything unreadable is zero.
func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.9999999", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// formatTime writes a from_date with an explicit offset, as [OAS] recommends.
func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }
