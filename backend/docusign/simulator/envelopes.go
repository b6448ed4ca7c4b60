package simulator

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// flex is a scalar DocuSign sends as a string; the simulator also accepts
// native numbers and booleans (reference conventions: UNCONFIRMED whether the
// real service does).
type flex string

// UnmarshalJSON implements json.Unmarshaler.
func (f *flex) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flex(s)
		return nil
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch x := v.(type) {
	case nil:
		*f = ""
	case float64:
		*f = flex(strconv.FormatFloat(x, 'f', -1, 64))
	case bool:
		*f = flex(strconv.FormatBool(x))
	default:
		*f = flex(string(b))
	}
	return nil
}

func (f flex) int() (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(string(f)))
	return n, err == nil
}

func (f flex) bool() bool { return strings.EqualFold(string(f), "true") }

type inPhone struct {
	CountryCode flex `json:"countryCode"`
	Number      flex `json:"number"`
}

type inRecipient struct {
	RecipientID       flex     `json:"recipientId"`
	RoutingOrder      flex     `json:"routingOrder"`
	Name              string   `json:"name"`
	Email             string   `json:"email"`
	RoleName          string   `json:"roleName"`
	Note              string   `json:"note"`
	ClientUserID      string   `json:"clientUserId"`
	DeliveryMethod    string   `json:"deliveryMethod"`
	PhoneNumber       *inPhone `json:"phoneNumber"`
	EmailNotification *struct {
		SupportedLanguage string `json:"supportedLanguage"`
	} `json:"emailNotification"`
	AdditionalNotifications []struct {
		SecondaryDeliveryMethod string   `json:"secondaryDeliveryMethod"`
		PhoneNumber             *inPhone `json:"phoneNumber"`
	} `json:"additionalNotifications"`
	IdentityVerification *struct {
		WorkflowID   string `json:"workflowId"`
		InputOptions []struct {
			Name            string    `json:"name"`
			ValueType       string    `json:"valueType"`
			PhoneNumberList []inPhone `json:"phoneNumberList"`
		} `json:"inputOptions"`
	} `json:"identityVerification"`
	IDCheckConfigurationName string `json:"idCheckConfigurationName"`
	SMSAuthentication        *struct {
		SenderProvidedNumbers []string `json:"senderProvidedNumbers"`
	} `json:"smsAuthentication"`
	RequireIDLookup    flex `json:"requireIdLookup"`
	SignInEachLocation flex `json:"signInEachLocation"`
	// RecipientSignatureProviders asks a standards-based signature (an
	// ICP-Brasil certificate) from the recipient.
	RecipientSignatureProviders []struct {
		SignatureProviderName    string `json:"signatureProviderName"`
		SignatureProviderOptions *struct {
			CPFNumber  string `json:"cpfNumber"`
			SignerRole string `json:"signerRole"`
		} `json:"signatureProviderOptions"`
	} `json:"recipientSignatureProviders"`
	Tabs *struct {
		SignHereTabs []struct {
			DocumentID flex `json:"documentId"`
			PageNumber flex `json:"pageNumber"`
			XPosition  flex `json:"xPosition"`
			YPosition  flex `json:"yPosition"`
		} `json:"signHereTabs"`
	} `json:"tabs"`
}

type inRecipients struct {
	Signers             []inRecipient `json:"signers"`
	CertifiedDeliveries []inRecipient `json:"certifiedDeliveries"`
	CarbonCopies        []inRecipient `json:"carbonCopies"`
}

type inDefinition struct {
	Status        string `json:"status"`
	EmailSubject  string `json:"emailSubject"`
	EmailBlurb    string `json:"emailBlurb"`
	TransactionID string `json:"transactionId"`
	Documents     []struct {
		DocumentID     flex   `json:"documentId"`
		Name           string `json:"name"`
		FileExtension  string `json:"fileExtension"`
		DocumentBase64 string `json:"documentBase64"`
	} `json:"documents"`
	Recipients   *inRecipients `json:"recipients"`
	Notification *struct {
		UseAccountDefaults flex `json:"useAccountDefaults"`
		Expirations        *struct {
			ExpireEnabled flex `json:"expireEnabled"`
			ExpireAfter   flex `json:"expireAfter"`
		} `json:"expirations"`
	} `json:"notification"`
	CustomFields *struct {
		TextCustomFields []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"textCustomFields"`
	} `json:"customFields"`
	EventNotification *struct {
		URL         string `json:"url"`
		IncludeHMAC flex   `json:"includeHMAC"`
	} `json:"eventNotification"`
}

type recipient struct {
	id, name, email, role, status, delivery string
	cc                                      bool
	order                                   int
	sent, delivered, signed, declined       time.Time
	declinedReason                          string
	resends                                 int
	setup                                   RecipientSetup
	// authAt is when the person passed the identity checks (zero: not yet).
	authAt time.Time
}

// Recipient types as the simulator reports them (recipientType).
const (
	// TypeSigner signs.
	TypeSigner = "signer"
	// TypeCertifiedDelivery must open the envelope and signs nothing.
	TypeCertifiedDelivery = "certifieddelivery"
	// TypeCarbonCopy only receives a copy.
	TypeCarbonCopy = "carboncopy"
)

// RecipientSetup is what the create asked for one recipient, as the
// simulator stored it, for tests to assert on.
type RecipientSetup struct {
	// Type is TypeSigner, TypeCertifiedDelivery or TypeCarbonCopy.
	Type string
	// Name, Email and Role (roleName) as sent.
	Name, Email, Role string
	// RoutingOrder is the recipient's turn as sent.
	RoutingOrder int
	// WorkflowID is the identityVerification workflow ("" for none) and
	// Workflow its name in the account (PhoneAuthWorkflowName or
	// IDVerificationWorkflowName).
	WorkflowID, Workflow string
	// AuthPhones are the numbers of the phone authentication workflow
	// ("+<country><number>").
	AuthPhones []string
	// SMSAuthNumbers are the legacy SMS authentication numbers, as sent.
	SMSAuthNumbers []string
	// SignInEachLocation asks a drawn signature.
	SignInEachLocation bool
	// SignatureProvider is the recipientSignatureProviders name asked ("" for
	// none) and ProviderCPF its cpfNumber: the recipient signs only with a
	// certificate of that CPF (SignWithCertificate).
	SignatureProvider, ProviderCPF string
	// Tabs is how many signHere tabs the recipient has.
	Tabs int
}

type document struct {
	id, name string
	pdf      []byte
	pages    int
}

type envelope struct {
	id, status, subject, transactionID, voidedReason, webhook string
	created, sent, changed, completed, declined, voided       time.Time
	expires                                                   time.Time
	docs                                                      []document
	recipients                                                []*recipient
	fields                                                    map[string]string
	fieldOrder                                                []string
	resends                                                   int
}

func (e *envelope) terminal() bool {
	return e.status == "completed" || e.status == "declined" || e.status == "voided"
}

// defaultExpireDays is DocuSign's own default when nothing is set (§3.2).
const defaultExpireDays = 120

func (s *Simulator) createEnvelope(r *http.Request, body []byte) (int, any, *apiError) {
	var in inDefinition
	if err := json.Unmarshal(body, &in); err != nil {
		return 0, nil, errf(http.StatusBadRequest, CodeInvalidBody, "The request body is not valid JSON: %v", err)
	}
	status := strings.ToLower(in.Status)
	if status == "" {
		status = "created"
	}
	if status != "created" && status != "sent" {
		return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "The value of 'status' must be 'created' or 'sent'.")
	}
	now := s.opt.Now()
	e := &envelope{id: newGUID(), status: status, subject: in.EmailSubject, transactionID: in.TransactionID,
		created: now, changed: now, fields: map[string]string{}}
	if status == "sent" {
		switch {
		case strings.TrimSpace(in.EmailSubject) == "":
			return 0, nil, errf(http.StatusBadRequest, CodeIncomplete, "The emailSubject is required to send the envelope.")
		case len(in.Documents) == 0:
			return 0, nil, errf(http.StatusBadRequest, CodeIncomplete, "The envelope has no documents.")
		case in.Recipients == nil || len(in.Recipients.Signers) == 0:
			return 0, nil, errf(http.StatusBadRequest, CodeIncomplete, "The envelope has no signers.")
		}
	}
	if len(in.TransactionID) > 100 {
		return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "transactionId is longer than 100 characters.")
	}
	pages := map[string]int{}
	for i, d := range in.Documents {
		n, ok := d.DocumentID.int()
		if !ok || n < 1 {
			return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "documents[%d].documentId must be a positive integer.", i)
		}
		if _, dup := pages[string(d.DocumentID)]; dup {
			return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "documentId %s is used twice.", d.DocumentID)
		}
		if strings.TrimSpace(d.Name) == "" {
			return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "documents[%d].name is required.", i)
		}
		raw, err := base64.StdEncoding.DecodeString(d.DocumentBase64)
		if err != nil || len(raw) == 0 {
			return 0, nil, errf(http.StatusBadRequest, CodeBadDocument, "documents[%d].documentBase64 is not valid base64.", i)
		}
		if ext := strings.ToLower(d.FileExtension); ext != "" && ext != "pdf" {
			return 0, nil, errf(http.StatusBadRequest, CodeBadDocument, "The simulator only converts PDF documents.")
		}
		np, err := pageCount(raw)
		if err != nil || np < 1 {
			return 0, nil, errf(http.StatusBadRequest, CodeBadDocument, "documents[%d] could not be read as a PDF.", i)
		}
		pages[string(d.DocumentID)] = np
		e.docs = append(e.docs, document{id: string(d.DocumentID), name: d.Name, pdf: raw, pages: np})
	}
	if in.Recipients != nil {
		if n := len(in.Recipients.Signers) + len(in.Recipients.CertifiedDeliveries) + len(in.Recipients.CarbonCopies); n > maxRecipients {
			return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "An envelope may have at most %d recipients.", maxRecipients)
		}
		ids := map[string]bool{}
		for _, list := range []struct {
			kind string
			rs   []inRecipient
		}{{TypeSigner, in.Recipients.Signers}, {TypeCertifiedDelivery, in.Recipients.CertifiedDeliveries}, {TypeCarbonCopy, in.Recipients.CarbonCopies}} {
			for i, in := range list.rs {
				rec, apiErr := s.checkRecipient(in, i, list.kind, ids, pages)
				if apiErr != nil {
					return 0, nil, apiErr
				}
				e.recipients = append(e.recipients, rec)
			}
		}
		// Recipients act in recipientId order within a routing order,
		// whatever array they came in.
		sort.SliceStable(e.recipients, func(i, j int) bool {
			a, _ := strconv.Atoi(e.recipients[i].id)
			b, _ := strconv.Atoi(e.recipients[j].id)
			return a < b
		})
	}
	expire := defaultExpireDays
	if n := in.Notification; n != nil && n.Expirations != nil && strings.EqualFold(string(n.UseAccountDefaults), "false") {
		if n.Expirations.ExpireEnabled.bool() {
			days, ok := n.Expirations.ExpireAfter.int()
			if !ok || days < 1 || days > 999 {
				return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "expireAfter must be a number of days from 1 to 999.")
			}
			expire = days
		}
	}
	if in.CustomFields != nil {
		for _, f := range in.CustomFields.TextCustomFields {
			if f.Name == "" || len(f.Name) > 100 || len(f.Value) > 100 {
				return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "Custom field names and values must have 1 to 100 characters.")
			}
			if _, ok := e.fields[f.Name]; !ok {
				e.fieldOrder = append(e.fieldOrder, f.Name)
			}
			e.fields[f.Name] = f.Value
		}
	}
	if en := in.EventNotification; en != nil && en.URL != "" {
		e.webhook = en.URL
	}
	s.envs[e.id] = e
	s.order = append(s.order, e.id)
	if status == "sent" {
		e.sent = now
		e.expires = now.AddDate(0, 0, expire)
		s.emitLocked(e, "envelope-sent", "")
		s.routeLocked(e)
	}
	return http.StatusCreated, map[string]string{"envelopeId": e.id, "uri": "/envelopes/" + e.id,
		"statusDateTime": stamp(e.changed), "status": e.status}, nil
}

func (s *Simulator) checkRecipient(in inRecipient, i int, typ string, ids map[string]bool, pages map[string]int) (*recipient, *apiError) {
	kind := map[string]string{TypeSigner: "signers", TypeCertifiedDelivery: "certifiedDeliveries", TypeCarbonCopy: "carbonCopies"}[typ]
	cc := typ == TypeCarbonCopy
	id, ok := in.RecipientID.int()
	if !ok || id < 1 {
		return nil, errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d].recipientId must be a positive integer.", kind, i)
	}
	if ids[strconv.Itoa(id)] {
		return nil, errf(http.StatusBadRequest, CodeInvalidParameter, "recipientId %d is used twice in the envelope.", id)
	}
	ids[strconv.Itoa(id)] = true
	order := 1
	if in.RoutingOrder != "" {
		if order, ok = in.RoutingOrder.int(); !ok || order < 1 {
			return nil, errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d].routingOrder must be a positive integer.", kind, i)
		}
	}
	if strings.TrimSpace(in.Name) == "" || len(in.Name) > 100 {
		return nil, errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d].name is required (at most 100 characters).", kind, i)
	}
	if in.ClientUserID != "" {
		return nil, errf(http.StatusBadRequest, CodeInvalidParameter, "The simulator does not support embedded recipients (clientUserId).")
	}
	method := strings.ToLower(in.DeliveryMethod)
	phoneOnly := method == "sms" || method == "whatsapp"
	if method != "" && method != "email" && !phoneOnly {
		return nil, errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d].deliveryMethod %q is not supported.", kind, i, in.DeliveryMethod)
	}
	if phoneOnly && !validPhone(in.PhoneNumber) {
		return nil, errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d].phoneNumber is required for %s delivery.", kind, i, in.DeliveryMethod)
	}
	for _, a := range in.AdditionalNotifications {
		m := strings.ToLower(a.SecondaryDeliveryMethod)
		if (m != "sms" && m != "whatsapp") || !validPhone(a.PhoneNumber) {
			return nil, errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d].additionalNotifications needs SMS or WhatsApp and a phoneNumber.", kind, i)
		}
	}
	if len(in.AdditionalNotifications) > 1 {
		return nil, errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d] may have only one secondary delivery method.", kind, i)
	}
	if !phoneOnly && (len(in.Email) > 100 || !validEmail(in.Email)) {
		return nil, errf(http.StatusBadRequest, CodeInvalidEmail, "Invalid email address for recipient %d.", id)
	}
	setup := RecipientSetup{Type: typ, Name: in.Name, Email: in.Email, Role: in.RoleName, RoutingOrder: order,
		SignInEachLocation: in.SignInEachLocation.bool()}
	if apiErr := s.checkAuth(in, i, kind, &setup); apiErr != nil {
		return nil, apiErr
	}
	if apiErr := checkProviders(in, i, kind, typ, &setup); apiErr != nil {
		return nil, apiErr
	}
	if typ != TypeSigner && (setup.SignInEachLocation || (in.Tabs != nil && len(in.Tabs.SignHereTabs) > 0)) {
		return nil, errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d] signs nothing: no signHere tabs or signInEachLocation.", kind, i)
	}
	if in.Tabs != nil {
		setup.Tabs = len(in.Tabs.SignHereTabs)
		for _, t := range in.Tabs.SignHereTabs {
			np, ok := pages[string(t.DocumentID)]
			page, pok := t.PageNumber.int()
			_, xok := t.XPosition.int()
			_, yok := t.YPosition.int()
			if !ok || !pok || page < 1 || page > np || !xok || !yok {
				return nil, errf(http.StatusBadRequest, CodeInvalidParameter, "A signHere tab of recipient %d points to no page of a document.", id)
			}
		}
	}
	return &recipient{id: strconv.Itoa(id), name: in.Name, email: in.Email, role: in.RoleName, cc: cc,
		order: order, status: "created", delivery: in.DeliveryMethod, setup: setup}, nil
}

// checkAuth validates a recipient's identity checks against the account's
// workflows and records them in setup.
func (s *Simulator) checkAuth(in inRecipient, i int, kind string, setup *RecipientSetup) *apiError {
	if iv := in.IdentityVerification; iv != nil {
		if kind == "carbonCopies" {
			return errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d]: a carbon copy takes no identity verification.", kind, i)
		}
		var wf *IdentityWorkflow
		for _, w := range s.workflows() {
			if w.ID == iv.WorkflowID {
				wf = &w
			}
		}
		if wf == nil {
			return errf(http.StatusBadRequest, CodeWorkflow, "%s[%d].identityVerification.workflowId %q is not a workflow of this account.", kind, i, iv.WorkflowID)
		}
		setup.WorkflowID, setup.Workflow = wf.ID, wf.Name
		for _, o := range iv.InputOptions {
			if o.Name != "phone_number_list" || o.ValueType != "PhoneNumberList" {
				return errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d].identityVerification input %q is not known.", kind, i, o.Name)
			}
			for _, p := range o.PhoneNumberList {
				if !validPhone(&p) {
					return errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d].identityVerification phone numbers need countryCode and number, digits only.", kind, i)
				}
				setup.AuthPhones = append(setup.AuthPhones, "+"+string(p.CountryCode)+string(p.Number))
			}
		}
		if wf.Name == PhoneAuthWorkflowName && len(setup.AuthPhones) == 0 {
			return errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d]: phone authentication needs a phone_number_list.", kind, i)
		}
		if wf.Name != PhoneAuthWorkflowName && len(setup.AuthPhones) > 0 {
			return errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d]: the %s workflow takes no phone numbers.", kind, i, wf.Name)
		}
	}
	switch name := in.IDCheckConfigurationName; {
	case name == "" && in.SMSAuthentication == nil:
	case name != LegacySMSAuthName || in.SMSAuthentication == nil || len(in.SMSAuthentication.SenderProvidedNumbers) == 0:
		return errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d]: %q needs smsAuthentication.senderProvidedNumbers.", kind, i, LegacySMSAuthName)
	default:
		for _, n := range in.SMSAuthentication.SenderProvidedNumbers {
			if !strings.HasPrefix(n, "+") || !digitsOnly(n[1:]) {
				return errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d].smsAuthentication number %q is not +<digits>.", kind, i, n)
			}
		}
		if !in.RequireIDLookup.bool() {
			return errf(http.StatusBadRequest, CodeInvalidParameter, "%s[%d]: SMS authentication needs requireIdLookup.", kind, i)
		}
		setup.SMSAuthNumbers = in.SMSAuthentication.SenderProvidedNumbers
	}
	return nil
}

func validPhone(p *inPhone) bool {
	return p != nil && digitsOnly(string(p.CountryCode)) && digitsOnly(string(p.Number))
}

func digitsOnly(s string) bool {
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

func validEmail(s string) bool {
	at := strings.LastIndex(s, "@")
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " ,;<>") && strings.Contains(s[at:], ".")
}

// currentOrder is the lowest routing order with a signer not yet completed;
// 0 when every signer completed.
func (e *envelope) currentOrder() int {
	cur := 0
	for _, r := range e.recipients {
		if !r.cc && r.status != "completed" && (cur == 0 || r.order < cur) {
			cur = r.order
		}
	}
	return cur
}

// routeLocked moves the envelope along its routing order after any change:
// recipients whose turn came are sent; carbon copies up to the current order
// are completed; all signers completed completes the envelope.
func (s *Simulator) routeLocked(e *envelope) {
	if e.terminal() {
		return
	}
	now := s.opt.Now()
	cur := e.currentOrder()
	for _, r := range e.recipients {
		if r.status != "created" || (cur != 0 && r.order > cur) {
			continue
		}
		r.status, r.sent = "sent", now
		s.emitLocked(e, "recipient-sent", r.id)
		if r.cc {
			r.status = "completed"
		}
	}
	if cur == 0 {
		e.status, e.completed, e.changed = "completed", now, now
		s.emitLocked(e, "envelope-completed", "")
	}
}

// expireLocked voids every envelope whose deadline passed (ExpiredReason).
func (s *Simulator) expireLocked() {
	now := s.opt.Now()
	for _, id := range s.order {
		e := s.envs[id]
		if !e.terminal() && !e.expires.IsZero() && !now.Before(e.expires) {
			s.voidLocked(e, ExpiredReason)
		}
	}
}

func (s *Simulator) voidLocked(e *envelope, reason string) {
	now := s.opt.Now()
	e.status, e.voided, e.changed, e.voidedReason = "voided", now, now, reason
	s.emitLocked(e, "envelope-voided", "")
}

func (s *Simulator) envelopeOr400(r *http.Request) (*envelope, *apiError) {
	e, ok := s.envs[r.PathValue("id")]
	if !ok {
		return nil, errf(statusNotFound, CodeNoEnvelope, "The envelope specified either does not exist or you have no rights to it.")
	}
	return e, nil
}

func (s *Simulator) getEnvelope(r *http.Request, _ []byte) (int, any, *apiError) {
	e, err := s.envelopeOr400(r)
	if err != nil {
		return 0, nil, err
	}
	if s.statusReadLocked(e.id) && s.opt.StrictPolling {
		return 0, nil, errf(http.StatusBadRequest, CodePolling, "Envelope status polled more than once in %v.", PollInterval)
	}
	inc := includes(r)
	return http.StatusOK, s.envelopeJSON(e, inc["recipients"], inc["custom_fields"]), nil
}

func (s *Simulator) getRecipients(r *http.Request, _ []byte) (int, any, *apiError) {
	e, err := s.envelopeOr400(r)
	if err != nil {
		return 0, nil, err
	}
	if s.statusReadLocked(e.id) && s.opt.StrictPolling {
		return 0, nil, errf(http.StatusBadRequest, CodePolling, "Envelope status polled more than once in %v.", PollInterval)
	}
	return http.StatusOK, recipientsJSON(e), nil
}

func includes(r *http.Request) map[string]bool {
	out := map[string]bool{}
	for _, v := range r.URL.Query()["include"] {
		for _, p := range strings.Split(v, ",") {
			out[strings.TrimSpace(p)] = true
		}
	}
	return out
}

func (s *Simulator) envelopeJSON(e *envelope, withRecipients, withFields bool) map[string]any {
	out := map[string]any{
		"envelopeId": e.id, "status": e.status, "emailSubject": e.subject,
		"envelopeUri":     "/envelopes/" + e.id,
		"createdDateTime": stamp(e.created), "statusChangedDateTime": stamp(e.changed),
	}
	if e.transactionID != "" {
		out["transactionId"] = e.transactionID
	}
	for k, t := range map[string]time.Time{"sentDateTime": e.sent, "completedDateTime": e.completed,
		"declinedDateTime": e.declined, "voidedDateTime": e.voided, "expireDateTime": e.expires} {
		if !t.IsZero() {
			out[k] = stamp(t)
		}
	}
	if e.voidedReason != "" {
		out["voidedReason"] = e.voidedReason
	}
	if withRecipients {
		out["recipients"] = recipientsJSON(e)
	}
	if withFields {
		fields := []map[string]string{}
		for i, name := range e.fieldOrder {
			fields = append(fields, map[string]string{"fieldId": strconv.Itoa(i + 1), "name": name, "value": e.fields[name], "show": "false", "required": "false"})
		}
		out["customFields"] = map[string]any{"textCustomFields": fields, "listCustomFields": []any{}}
	}
	return out
}

func recipientsJSON(e *envelope) map[string]any {
	signers, certified, ccs := []map[string]any{}, []map[string]any{}, []map[string]any{}
	for _, r := range e.recipients {
		m := map[string]any{"recipientId": r.id, "recipientIdGuid": guidOf(e.id, r.id), "name": r.name,
			"email": r.email, "routingOrder": strconv.Itoa(r.order), "status": r.status, "roleName": r.role,
			"recipientType": r.setup.Type}
		if r.setup.WorkflowID != "" {
			m["identityVerification"] = map[string]any{"workflowId": r.setup.WorkflowID}
		}
		if len(r.setup.SMSAuthNumbers) > 0 {
			m["idCheckConfigurationName"] = LegacySMSAuthName
			m["requireIdLookup"] = "true"
		}
		if r.setup.SignInEachLocation {
			m["signInEachLocation"] = "true"
		}
		if st := authStatusJSON(r); st != nil {
			m["recipientAuthenticationStatus"] = st
		}
		if r.delivery != "" {
			m["deliveryMethod"] = r.delivery
		}
		for k, t := range map[string]time.Time{"sentDateTime": r.sent, "deliveredDateTime": r.delivered,
			"signedDateTime": r.signed, "declinedDateTime": r.declined} {
			if !t.IsZero() {
				m[k] = stamp(t)
			}
		}
		if r.declinedReason != "" {
			m["declinedReason"] = r.declinedReason
		}
		switch r.setup.Type {
		case TypeCarbonCopy:
			ccs = append(ccs, m)
		case TypeCertifiedDelivery:
			certified = append(certified, m)
		default:
			signers = append(signers, m)
		}
	}
	cur := e.currentOrder()
	if cur == 0 {
		for _, r := range e.recipients {
			cur = max(cur, r.order)
		}
	}
	return map[string]any{"signers": signers, "certifiedDeliveries": certified, "carbonCopies": ccs,
		"recipientCount": strconv.Itoa(len(e.recipients)), "currentRoutingOrder": strconv.Itoa(cur)}
}

// authStatusJSON reports the checks a recipient passed (simulator choice:
// the phone workflow as phoneAuthResult, the legacy SMS check as
// smsAuthResult, ID Verification as identityVerificationResult); nil when
// none was asked.
func authStatusJSON(r *recipient) map[string]any {
	out := map[string]any{}
	result := func(key string) {
		res := map[string]string{"status": "Pending"}
		if !r.authAt.IsZero() {
			res = map[string]string{"status": "Passed", "eventTimestamp": stamp(r.authAt)}
		}
		out[key] = res
	}
	switch r.setup.Workflow {
	case PhoneAuthWorkflowName:
		result("phoneAuthResult")
	case IDVerificationWorkflowName:
		result("identityVerificationResult")
	}
	if len(r.setup.SMSAuthNumbers) > 0 {
		result("smsAuthResult")
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// guidOf gives a recipient a stable GUID-shaped id.
func guidOf(envID, recipientID string) string {
	n, _ := strconv.Atoi(recipientID)
	return envID[:24] + strconv.FormatInt(int64(100000000000+n), 10)[:12]
}

func (s *Simulator) listStatusChanges(r *http.Request, _ []byte) (int, any, *apiError) {
	q := r.URL.Query()
	from, ids, txs := q.Get("from_date"), splitList(q.Get("envelope_ids")), splitList(q.Get("transaction_ids"))
	if from == "" && len(ids) == 0 && len(txs) == 0 {
		return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "A from_date, envelope_ids or transaction_ids is required.")
	}
	var since time.Time
	if from != "" {
		t, ok := parseDate(from)
		if !ok {
			return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "from_date %q is not a date.", from)
		}
		since = t
	}
	var field, want string
	if cf := q.Get("custom_field"); cf != "" {
		var ok bool
		if field, want, ok = strings.Cut(cf, "="); !ok {
			return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "custom_field must be name=value.")
		}
	}
	var match []*envelope
	for _, id := range s.order {
		e := s.envs[id]
		switch {
		case from != "" && e.changed.Before(since):
		case len(ids) > 0 && !contains(ids, e.id):
		case len(txs) > 0 && !contains(txs, e.transactionID):
		case field != "" && e.fields[field] != want:
		default:
			match = append(match, e)
		}
	}
	start := 0
	if v := q.Get("start_position"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "start_position must be a non-negative integer.")
		}
		start = n
	}
	count := len(match)
	if v := q.Get("count"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "count must be a positive integer.")
		}
		count = n
	}
	page := []map[string]any{}
	inc := includes(r)
	end := start - 1
	for i := start; i < len(match) && i < start+count; i++ {
		s.statusReadLocked(match[i].id)
		page = append(page, s.envelopeJSON(match[i], inc["recipients"], inc["custom_fields"]))
		end = i
	}
	out := map[string]any{"envelopes": page, "resultSetSize": strconv.Itoa(len(page)),
		"totalSetSize": strconv.Itoa(len(match)), "startPosition": strconv.Itoa(start),
		"endPosition": strconv.Itoa(max(end, 0)), "lastQueriedDateTime": stamp(s.opt.Now())}
	if len(page) == 0 {
		out["endPosition"] = "0"
	}
	return http.StatusOK, out, nil
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func parseDate(v string) (time.Time, bool) {
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02"} {
		if t, err := time.Parse(l, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func (s *Simulator) putEnvelope(r *http.Request, body []byte) (int, any, *apiError) {
	e, err := s.envelopeOr400(r)
	if err != nil {
		return 0, nil, err
	}
	var in struct {
		Status       string `json:"status"`
		VoidedReason string `json:"voidedReason"`
		PurgeState   string `json:"purgeState"`
	}
	if len(body) > 0 {
		if jerr := json.Unmarshal(body, &in); jerr != nil {
			return 0, nil, errf(http.StatusBadRequest, CodeInvalidBody, "The request body is not valid JSON.")
		}
	}
	if in.PurgeState != "" {
		return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "purgeState cannot be set this way.")
	}
	switch {
	case strings.EqualFold(in.Status, "voided"):
		if strings.TrimSpace(in.VoidedReason) == "" {
			return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "Value for 'voidedReason' must be specified when voiding an envelope.")
		}
		if e.terminal() || e.status == "created" {
			return 0, nil, errf(http.StatusBadRequest, CodeCannotVoid, "Only envelopes in process can be voided; this one is %s.", e.status)
		}
		s.voidLocked(e, in.VoidedReason)
	case in.Status == "" && r.URL.Query().Get("resend_envelope") == "true":
		if e.terminal() {
			return 0, nil, errf(http.StatusBadRequest, CodeInvalidState, "The envelope is %s.", e.status)
		}
		e.resends++
		s.emitLocked(e, "envelope-resent", "")
	default:
		return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "The simulator only supports voiding or resending an envelope.")
	}
	return http.StatusOK, map[string]string{"envelopeId": e.id}, nil
}

func (s *Simulator) putRecipients(r *http.Request, body []byte) (int, any, *apiError) {
	e, err := s.envelopeOr400(r)
	if err != nil {
		return 0, nil, err
	}
	if r.URL.Query().Get("resend_envelope") != "true" {
		return 0, nil, errf(http.StatusBadRequest, CodeInvalidParameter, "The simulator only supports resend_envelope=true.")
	}
	var in inRecipients
	if jerr := json.Unmarshal(body, &in); jerr != nil {
		return 0, nil, errf(http.StatusBadRequest, CodeInvalidBody, "The request body is not valid JSON.")
	}
	if e.terminal() {
		return 0, nil, errf(http.StatusBadRequest, CodeInvalidState, "The envelope is %s; nothing to resend.", e.status)
	}
	cur := e.currentOrder()
	results := []map[string]any{}
	for _, x := range append(in.Signers, in.CarbonCopies...) {
		id := string(x.RecipientID)
		res := map[string]any{"recipientId": id}
		var rec *recipient
		for _, rr := range e.recipients {
			if rr.id == id {
				rec = rr
			}
		}
		switch {
		case rec == nil:
			res["errorDetails"] = map[string]string{"errorCode": CodeNoRecipient, "message": "No recipient " + id + " in the envelope."}
		case rec.order > cur:
			res["errorDetails"] = map[string]string{"errorCode": CodeNotInSequence, "message": "The recipient's turn has not come."}
		default:
			res["recipientIdGuid"] = guidOf(e.id, id)
			res["errorDetails"] = map[string]string{"errorCode": "SUCCESS", "message": ""}
			rec.resends++
			s.emitLocked(e, "recipient-resent", id)
		}
		results = append(results, res)
	}
	return http.StatusOK, map[string]any{"recipientUpdateResults": results}, nil
}

func (s *Simulator) getDocument(r *http.Request, _ []byte) (int, any, *apiError) {
	e, err := s.envelopeOr400(r)
	if err != nil {
		return 0, nil, err
	}
	doc := r.PathValue("doc")
	switch doc {
	case "combined":
		parts := make([][]byte, 0, len(e.docs)+1)
		for _, d := range e.docs {
			parts = append(parts, d.pdf)
		}
		if r.URL.Query().Get("certificate") == "true" {
			parts = append(parts, certificate(e))
		}
		if len(parts) == 1 {
			return http.StatusOK, parts[0], nil
		}
		b, merr := merge(parts...)
		if merr != nil {
			return 0, nil, errf(http.StatusInternalServerError, CodeServer, "merge failed")
		}
		return http.StatusOK, b, nil
	case "certificate":
		return http.StatusOK, certificate(e), nil
	}
	for _, d := range e.docs {
		if d.id == doc {
			return http.StatusOK, d.pdf, nil
		}
	}
	return 0, nil, errf(statusNotFound, CodeNoDocument, "The document specified was not found in the envelope.")
}

// certificate is the Certificate of Completion: envelope facts and each
// recipient's events.
func certificate(e *envelope) []byte {
	lines := []string{"Certificado de Conclusão (Simulador DocuSign)", "",
		"Envelope: " + e.id, "Assunto: " + e.subject, "Status: " + e.status,
		"Enviado: " + stamp(e.sent), "Concluído: " + stamp(e.completed), ""}
	for _, r := range e.recipients {
		kind := map[string]string{TypeSigner: "Signatário", TypeCertifiedDelivery: "Entrega certificada", TypeCarbonCopy: "Cópia"}[r.setup.Type]
		lines = append(lines, kind+" "+r.id+": "+r.name+" <"+r.email+">  ordem "+strconv.Itoa(r.order)+"  status "+r.status)
		if !r.authAt.IsZero() {
			lines = append(lines, "    identidade verificada ("+strings.Join(r.checks(), ", ")+") em "+stamp(r.authAt))
		}
		if r.setup.SignInEachLocation {
			lines = append(lines, "    assinatura desenhada")
		}
		if !r.signed.IsZero() {
			lines = append(lines, "    assinou em "+stamp(r.signed))
		}
		if !r.declined.IsZero() {
			lines = append(lines, "    recusou em "+stamp(r.declined)+": "+r.declinedReason)
		}
	}
	return TextPDF(lines)
}
