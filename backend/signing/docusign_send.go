package signing

// This file is "Enviar contratos para assinatura eletrônica" for a
// development whose key is a DocuSign one: the same operation row, claim,
// progress events and cancel as the Clicksign send (send.go), but the remote
// part is ONE request, DocuSign's create-and-send of a whole envelope.
//
// Flow: validate everything locally and list every problem (the common
// checks plus ValidateForDocuSign and what the client cannot carry yet) →
// merge the PDFs (fill, strip marks, merge in order) and save the merged
// PDF, the unique reference and the merged signers → append the
// "Assinaturas" page and place one signature per signer in its box → save
// "about to create" → POST the envelope (status sent) → save its id → record
// the envelope and its signers locally.
//
// Crash safety. The reference ("selo-" + the random tag saved in the
// operation's remote name at the merge) is in the database before the POST
// goes out, and travels as the envelope's transactionId and custom field
// (docusign.SendRequest.Reference). A run that finds the operation marked as
// attempted without an envelope id (an answer lost, the app killed, a PC
// dead mid-send) sends with Resume: the client looks the reference up first
// and adopts what it finds, so no second envelope is ever created. The
// recipient ids are ours ("1".."n" in position order) and saved before the
// POST as well, so nothing else has to be learnt from the answer.
//
// The signature page is rebuilt from the saved merged PDF and signers on
// every attempt: it is a pure function of both, so a resumed run places the
// signatures exactly where the first attempt did.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"selo/backend/crm"
	"selo/backend/docusign"
	"selo/backend/docusign/oauth"
	"selo/backend/pdfs"
)

// Error codes of the DocuSign send (texts in frontend/src/i18n/dssend.ts).
const (
	// CodeDSOutcomeUnknown: the envelope create got no answer and the
	// look-up could not tell whether DocuSign made it. "Tentar novamente"
	// looks again before creating, so it never makes a second one.
	CodeDSOutcomeUnknown = "docusign.outcome_unknown"
	// CodeDSRateLimited: DocuSign's allowance is spent (data: minutes).
	CodeDSRateLimited = "docusign.rate_limited"
	// CodeDSPhoneAuthUnavailable: the rule asks an SMS code (SMS, WhatsApp
	// or PIX authentication) and the key's DocuSign account has no phone
	// authentication enabled (data: name). Nothing was sent.
	CodeDSPhoneAuthUnavailable = "docusign.phone_auth_unavailable"
	// CodeDSIDVerificationUnavailable: selfie or facial biometrics and the
	// account has no ID Verification enabled (data: name). Nothing was sent.
	CodeDSIDVerificationUnavailable = "docusign.id_verification_unavailable"
	// CodeDSDrawUnavailable: the handwritten signature, which Selo cannot
	// ask DocuSign for yet (data: name).
	CodeDSDrawUnavailable = "docusign.draw_signature_unavailable"
	// CodeDSApprovalUnavailable: "Aprovação", which Selo cannot ask DocuSign
	// for yet (data: name).
	CodeDSApprovalUnavailable = "docusign.approval_unavailable"
	// CodeDSFileTooLarge: a document is over DocuSign's size (data: name,
	// sizeMB, maxMB).
	CodeDSFileTooLarge = "docusign.file_too_large"
	// CodeDSEnvelopeTooLarge: the documents together are over it (data:
	// sizeMB, maxMB).
	CodeDSEnvelopeTooLarge = "docusign.too_large"
	// CodeDSMergedTooLarge: the merged document with its signature page,
	// which is what DocuSign receives, is over it (data: sizeMB, maxMB).
	CodeDSMergedTooLarge = "docusign.merged_too_large"
)

// dsNeedCodes turns DocuSignNotCarried's needs into problem codes and the
// rule field the manager changes.
var dsNeedCodes = map[string]struct{ code, field string }{
	"phone_auth":         {CodeDSPhoneAuthUnavailable, "auth"},
	"id_verification":    {CodeDSIDVerificationUnavailable, "evidence"},
	"draw_signature":     {CodeDSDrawUnavailable, "signatureKind"},
	"certified_delivery": {CodeDSApprovalUnavailable, "signatureKind"},
}

// dsDocumentID is the id of the one document of a DocuSign envelope (the
// client always sends the merged PDF as document "1").
const dsDocumentID = "1"

// dsMaxSubject is DocuSign's limit on the e-mail subject.
const dsMaxSubject = 100

// executeDocuSign is executeSteps for a DocuSign key.
func (s *Sender) executeDocuSign(ctx context.Context, r *sendRun, op SendOperation, key crm.Integration, req *SendRequest) error {
	sctx := context.WithoutCancel(ctx)
	id := op.ID
	if op.Step == StepNew {
		if req == nil {
			return crm.E(CodeRequestNeeded, "opId", id)
		}
		// executeSteps reported ProgressValidating already.
		merged, batch, err := s.validateDocuSign(ctx, key, *req)
		if err != nil {
			return err
		}
		s.progress(id, ProgressMerging)
		if err := s.prepareDocuSign(ctx, id, *req, merged, batch); err != nil {
			return err
		}
		if op, err = s.store.Send(sctx, id); err != nil {
			return err
		}
	}
	if s.DocuSign == nil {
		return crm.E(oauth.CodeUnreachable, "environment", string(key.Environment))
	}
	c, err := s.DocuSign.Client(ctx, key)
	if err != nil {
		return err
	}

	if op.EnvelopeID == "" {
		s.progress(id, ProgressUploading)
		dreq, err := s.docuSignRequest(ctx, key, op)
		if err != nil {
			return err
		}
		// Our own recipient ids, saved before the POST: DocuSign numbers
		// the signers "1".."n" in the order sent, which is position order.
		for i, g := range op.Signers {
			if want := strconv.Itoa(i + 1); g.SignerID != want {
				if err := s.store.SetSignerID(sctx, id, g.Position, want, s.now()); err != nil {
					return err
				}
			}
		}
		// The last point where cancelling stops anything: the POST creates
		// and sends the envelope at once, so from here the run finishes.
		s.mu.Lock()
		if err := ctx.Err(); err != nil {
			s.mu.Unlock()
			return crm.E(crm.CodeCanceled).Wrap(err)
		}
		r.activating = true
		s.mu.Unlock()
		ctx = sctx

		deadline := s.now().AddDate(0, 0, dreq.ExpireAfterDays)
		if err := s.store.BeginEnvelope(sctx, id, deadline, s.now()); err != nil {
			return err
		}
		env, err := s.sendDocuSign(ctx, c, &dreq)
		if err != nil {
			return translateDocuSign(err)
		}
		if err := s.store.SetEnvelope(sctx, id, env.ID, s.now()); err != nil {
			return err
		}
		op.EnvelopeID = env.ID
		s.Log.Info("send: DocuSign envelope created", "op", id, "envelope", env.ID, "resumed", dreq.Resume)
	} else {
		s.mu.Lock()
		r.activating = true
		s.mu.Unlock()
	}

	if !op.Step.Reached(StepActivated) {
		s.progress(id, ProgressActivating)
		if op.DocumentID == "" {
			// Drops the merged PDF: DocuSign keeps the document now.
			if err := s.store.SetDocument(sctx, id, dsDocumentID, s.now()); err != nil {
				return err
			}
		}
		if err := s.store.RecordActivated(sctx, id, s.now()); err != nil {
			return err
		}
	}
	if !op.Step.Reached(StepNotified) {
		// DocuSign sent the invitations with the create: nothing to notify.
		if err := s.store.SetStep(sctx, id, StepNotified, s.now()); err != nil {
			return err
		}
	}
	return nil
}

// Retries of an envelope create whose outcome is unknown (a 5xx or a lost
// answer the look-up could not settle), inside one run: each goes out with
// Resume, so it looks the reference up before creating. Past them the run
// stops with CodeDSOutcomeUnknown and "Tentar novamente" does the same.
var (
	dsSendAttempts = 3
	dsRetryBackoff = 2 * time.Second
)

// sendDocuSign is the create, retried while its outcome is unknown. After
// an error answer (a 5xx) the retry goes out with Resume: it looks the
// reference up, then creates. After no answer at all (a timeout, a lost
// connection) the create may still be under way at DocuSign, or not yet
// visible to the look-up, so this run only looks again and never creates
// a second time; past the attempts it stops with the outcome unknown.
func (s *Sender) sendDocuSign(ctx context.Context, c *docusign.Client, dreq *docusign.SendRequest) (*docusign.Envelope, error) {
	answered := true
	for attempt := 1; ; attempt++ {
		var env *docusign.Envelope
		var err error
		if answered {
			env, err = c.Send(ctx, *dreq)
		} else {
			env, err = c.FindByReference(ctx, dreq.Reference, dreq.ReferenceCreated)
			if err == nil && env == nil {
				err = fmt.Errorf("%w: not found yet", docusign.ErrOutcomeUnknown)
			} else if err != nil {
				err = fmt.Errorf("%w: %w", docusign.ErrOutcomeUnknown, err)
			}
		}
		if err == nil || !errors.Is(err, docusign.ErrOutcomeUnknown) || attempt >= dsSendAttempts {
			return env, err
		}
		var ae *docusign.APIError
		answered = answered && errors.As(err, &ae)
		dreq.Resume = true
		s.Log.Warn("send: DocuSign create outcome unknown, looking it up", "attempt", attempt, "may_create_again", answered)
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(dsRetryBackoff * time.Duration(attempt)):
		}
	}
}

// docuSignRequest builds the envelope from the saved operation: the merged
// PDF with the signature page appended, one signature per signer in its
// box, the key's deadline and reminders, and the reference saved at the
// merge (Resume when a create may already have gone out).
func (s *Sender) docuSignRequest(ctx context.Context, key crm.Integration, op SendOperation) (docusign.SendRequest, error) {
	pdf, err := s.store.SendFile(context.WithoutCancel(ctx), op.ID)
	if err != nil {
		return docusign.SendRequest{}, err
	}
	ms := make([]DocuSignMapping, len(op.Signers))
	for i, g := range op.Signers {
		ms[i] = MapDocuSignSigner(g.Signer)
	}
	page, err := pdfs.AppendSignaturePage(ctx, pdf, DocuSignPageSigners(ms))
	if err != nil {
		return docusign.SendRequest{}, err
	}
	signers, err := DocuSignRecipients(ms, DocuSignPlacements(page.Boxes))
	if err != nil {
		// validateDocuSign refuses these before the merge; a rule changed
		// under a resumed operation cannot make it send weaker.
		return docusign.SendRequest{}, notCarriedProblems(err, ms)
	}
	dreq := docusign.SendRequest{
		Reference:        dsReference(op),
		ReferenceCreated: op.CreatedAt,
		Resume:           op.EnvelopeAttempted,
		Subject:          dsSubject(op.Name),
		DocumentName:     op.Filename,
		PDF:              page.PDF,
		Signers:          signers,
	}
	MapDocuSignEnvelope(&dreq, key)
	// A real key's Connect is the account's configuration (its HMAC keys
	// are an account setting anyway; docusign_connect.go), which covers
	// every envelope: asking again per envelope would double each message.
	if key.Environment == crm.EnvSimulator {
		// The in-app simulator's Connect deliveries reach this PC's receiver
		// directly, so the training desk's signatures show at once rather
		// than at the next status pass (every 20 minutes).
		dreq.WebhookURL = SimulatorConnectURL(key.ID)
	}
	return dreq, nil
}

// dsReference is the operation's idempotency reference: the random tag the
// merge saved in the remote name, so it is in the database before any
// request. An operation without one (never the case after a merge) falls
// back to its id and creation time, which are just as stable.
func dsReference(op SendOperation) string {
	if i := strings.LastIndex(op.RemoteName, refMarker); i >= 0 {
		if tag := strings.TrimSpace(op.RemoteName[i+len(refMarker):]); tag != "" {
			return "selo-" + tag
		}
	}
	return fmt.Sprintf("selo-op%d-%d", op.ID, op.CreatedAt.Unix())
}

// refMarker precedes the random tag in a remote name (see prepare).
const refMarker = " · ref. "

// dsSubject is the e-mail subject: the envelope name as the rep gave it,
// cut to DocuSign's limit.
func dsSubject(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "Contratos para assinatura"
	}
	for utf8.RuneCountInString(name) > dsMaxSubject {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}

// validateDocuSign checks the whole request for DocuSign and lists every
// problem at once: the same request checks as the Clicksign send, DocuSign's
// size limit, ValidateForDocuSign on the merged signers and what the client
// cannot carry yet.
func (s *Sender) validateDocuSign(ctx context.Context, key crm.Integration, req SendRequest) ([]crm.ResolvedSigner, *pdfs.Batch, error) {
	var inv crm.Invalid
	if strings.TrimSpace(req.EnvelopeName) == "" {
		inv.Add(crm.E(crm.CodeRequired).OnField("envelopeName"))
	}
	if len(req.Documents) == 0 {
		inv.Add(crm.E(CodeNoDocuments).OnField("documents"))
	}
	if len(req.Signers) != len(req.Documents) {
		inv.Add(crm.E(CodeSignersMismatch, "documents", len(req.Documents), "signerLists", len(req.Signers)).OnField("signers"))
	}
	total := 0
	var inputs []pdfs.Input
	var inputDoc []int
	for i, d := range req.Documents {
		field := fmt.Sprintf("documents[%d]", i)
		total += len(d.PDF)
		if len(d.PDF) > docusign.MaxDocumentBytes {
			inv.Add(crm.E(CodeDSFileTooLarge, "name", d.Name, "sizeMB", megabytes(len(d.PDF)), "maxMB", docusign.MaxDocumentBytes>>20).OnField(field))
		} else {
			inputs = append(inputs, pdfs.Input{Name: d.Name, PDF: d.PDF, Values: d.Values})
			inputDoc = append(inputDoc, i)
		}
		if i < len(req.Signers) && len(req.Signers[i]) == 0 {
			inv.Add(crm.E(CodeNoSigners, "name", d.Name).OnField(field))
		}
	}
	if total > docusign.MaxDocumentBytes {
		inv.Add(crm.E(CodeDSEnvelopeTooLarge, "sizeMB", megabytes(total), "maxMB", docusign.MaxDocumentBytes>>20).OnField("documents"))
	}
	var batch *pdfs.Batch
	if len(inputs) > 0 {
		var perr error
		batch, perr = pdfs.Prepare(ctx, inputs)
		var docErrs pdfs.DocErrors
		switch {
		case errors.As(perr, &docErrs):
			for _, de := range docErrs {
				e := crm.AsError(de)
				j, _ := e.Data["doc"].(int)
				if j < 1 || j > len(inputDoc) {
					inv.Add(e)
					continue
				}
				i := inputDoc[j-1]
				inv.Add(withData(e, "name", req.Documents[i].Name, "doc", i+1).OnField(fmt.Sprintf("documents[%d]", i)))
			}
		case perr != nil:
			return nil, nil, perr
		}
	}
	merged := crm.MergeSigners(req.Signers...)
	AddDocuSignSignerProblems(&inv, merged)
	if err := ctx.Err(); err != nil {
		return nil, nil, crm.E(crm.CodeCanceled).Wrap(err)
	}
	if err := inv.Err(); err != nil {
		return nil, nil, err
	}
	return merged, batch, nil
}

// AddDocuSignSignerProblems adds to inv every reason the merged signers of
// one envelope cannot go to DocuSign as configured: ValidateForDocuSign's,
// and what Selo cannot ask DocuSign for yet. It is what
// crm.AddEnvelopeSignerProblems is for Clicksign, so the contracts screen
// can refuse a DocuSign send at once, listing everything.
func AddDocuSignSignerProblems(inv *crm.Invalid, merged []crm.ResolvedSigner) {
	for _, p := range ValidateForDocuSign(merged) {
		e := crm.E(p.Code)
		for k, v := range p.Data {
			e = withData(e, k, v)
		}
		inv.Add(e.OnField(p.Field))
	}
	ms := make([]DocuSignMapping, len(merged))
	for i, m := range merged {
		ms[i] = MapDocuSignSigner(m)
	}
	if _, err := DocuSignRecipients(ms, nil); err != nil {
		var nc *crm.Invalid
		if errors.As(notCarriedProblems(err, ms), &nc) {
			inv.Problems = append(inv.Problems, nc.Problems...)
		}
	}
}

// notCarriedProblems turns DocuSignRecipients' refusal into one problem
// per gap, on the rule field to change, with the person's name.
func notCarriedProblems(err error, ms []DocuSignMapping) error {
	var nc *DocuSignNotCarried
	if !errors.As(err, &nc) {
		return err
	}
	var inv crm.Invalid
	for _, need := range nc.Needs {
		// need is "signers[i].what".
		idx, what, ok := strings.Cut(strings.TrimPrefix(need, "signers["), "].")
		i, aerr := strconv.Atoi(idx)
		nc, known := dsNeedCodes[what]
		if !ok || aerr != nil || !known || i < 0 || i >= len(ms) {
			inv.Add(crm.E(crm.CodeInternal, "need", need))
			continue
		}
		inv.Add(crm.E(nc.code, "name", ms[i].Recipient.Name).OnField(fmt.Sprintf("signers[%d].%s", i, nc.field)))
	}
	return &inv
}

// DocuSignNotCarriedProblems lists, as the send would refuse them, the
// rules whose mapping the client cannot carry yet (phone authentication,
// ID Verification, a drawn signature, a certified delivery), so the rules
// editor says it before any send does.
func DocuSignNotCarriedProblems(ms []DocuSignMapping) []Problem {
	_, err := DocuSignRecipients(ms, nil)
	var inv *crm.Invalid
	if !errors.As(notCarriedProblems(err, ms), &inv) {
		return nil
	}
	out := make([]Problem, 0, len(inv.Problems))
	for _, e := range inv.Problems {
		out = append(out, Problem{Code: e.Code, Field: e.Field, Data: e.Data})
	}
	return out
}

// prepareDocuSign merges the documents, checks that the merged PDF with its
// signature page fits DocuSign's limit, and saves the merged PDF, the
// remote name carrying the reference and the merged signers in one
// transaction.
func (s *Sender) prepareDocuSign(ctx context.Context, id int64, req SendRequest, merged []crm.ResolvedSigner, batch *pdfs.Batch) error {
	if batch == nil {
		return crm.E(pdfs.CodeEmpty)
	}
	var buf bytes.Buffer
	if _, err := batch.Merge(ctx, &buf, nil); err != nil {
		return err
	}
	ms := make([]DocuSignMapping, len(merged))
	for i, m := range merged {
		ms[i] = MapDocuSignSigner(m)
	}
	page, err := pdfs.AppendSignaturePage(ctx, buf.Bytes(), DocuSignPageSigners(ms))
	if err != nil {
		return err
	}
	if len(page.PDF) > docusign.MaxDocumentBytes {
		var inv crm.Invalid
		inv.Add(crm.E(CodeDSMergedTooLarge, "sizeMB", megabytes(len(page.PDF)), "maxMB", docusign.MaxDocumentBytes>>20).OnField("documents"))
		return &inv
	}
	name := strings.TrimSpace(req.EnvelopeName)
	signers := make([]SendSigner, len(merged))
	for i, m := range merged {
		signers[i] = SendSigner{Position: i, Signer: m}
	}
	return s.store.SavePrepared(context.WithoutCancel(ctx), id, name+refMarker+reference(), fileName(name), buf.Bytes(), signers, s.now())
}

// translateDocuSign turns a DocuSign client error into the code the screen
// explains. A cancellation stays as it is (classify makes it
// crm.CodeCanceled), and so do crm errors (the login's
// integration.login_required among them).
func translateDocuSign(err error) error {
	if err == nil {
		return nil
	}
	var ce *crm.Error
	var inv *crm.Invalid
	var api *docusign.APIError
	var input *docusign.InputError
	var feature *docusign.FeatureError
	switch {
	case errors.As(err, &ce), errors.As(err, &inv):
		return err
	case errors.As(err, &feature):
		code := CodeDSPhoneAuthUnavailable
		if feature.Feature == docusign.FeatureIDVerification {
			code = CodeDSIDVerificationUnavailable
		}
		return crm.E(code, "name", feature.Name).Wrap(err)
	case errors.Is(err, docusign.ErrOutcomeUnknown):
		return crm.E(CodeDSOutcomeUnknown).Wrap(err)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, docusign.ErrAuth):
		// Refused again after a refresh: the consent is gone.
		return crm.E(crm.CodeLoginRequired).Wrap(err)
	case errors.Is(err, docusign.ErrRateLimited):
		wait, _ := docusign.RetryAfter(err)
		minutes := int((wait + 59e9) / 60e9)
		if minutes < 1 {
			minutes = 1
		}
		return crm.E(CodeDSRateLimited, "minutes", minutes).Wrap(err)
	case errors.As(err, &api):
		return crm.E(oauth.CodeServiceError, "status", api.Status, "error", api.Code).Wrap(err)
	case errors.As(err, &input):
		return crm.E(crm.CodeInternal).Wrap(err)
	case errors.Is(err, docusign.ErrServer):
		return crm.E(oauth.CodeUnreachable).Wrap(err)
	}
	return crm.AsError(err)
}
