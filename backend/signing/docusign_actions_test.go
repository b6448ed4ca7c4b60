package signing_test

// "Reenviar notificação", "Cancelar envio" and the downloads of a DocuSign
// envelope, against the DocuSign simulator and the real SQLite store.

import (
	"bytes"
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/docusign"
	"selo/backend/signing"
)

type dsActions struct {
	*dsFixture
	sy      *signing.Syncer
	actions *signing.Actions
	envID   string
	opID    int64

	mu      sync.Mutex
	changes []signing.EnvelopeChange
}

// newDSActions sends reservation 71 through DocuSign: Maria signs first
// (routing order 1), João and Ana after her (order 2).
func newDSActions(t *testing.T) *dsActions {
	t.Helper()
	d := newDSFixture(t)
	s := d.sender()
	opID, err := s.Run(context.Background(), d.dsRequest(71))
	if err != nil {
		t.Fatal(err)
	}
	a := &dsActions{dsFixture: d, opID: opID}
	a.envID = d.checkDSSent(opID, 71)
	a.sy = &signing.Syncer{Sender: s, Store: d.db.Envelopes(), Files: d.db.Files(), Emit: func(name string, data any) {
		if c, ok := data.(signing.EnvelopeChange); ok && name == signing.EventEnvelopeChanged {
			a.mu.Lock()
			a.changes = append(a.changes, c)
			a.mu.Unlock()
		}
	}}
	a.actions = signing.NewActions(a.sy)
	return a
}

func (a *dsActions) requests() int { return len(a.rec.all()) }

func (a *dsActions) detail() signing.EnvelopeDetail {
	a.t.Helper()
	det, err := a.db.Envelopes().EnvelopeDetail(context.Background(), a.envID)
	if err != nil {
		a.t.Fatal(err)
	}
	return det
}

// signerID is the local (and DocuSign recipient) id of a person.
func (a *dsActions) signerID(name string) string {
	for id, n := range a.detail().SignerNames {
		if n == name {
			return id
		}
	}
	a.t.Fatalf("no signer %s", name)
	return ""
}

// "Reenviar notificação" reaches those whose turn it is, in ONE request;
// a second click inside the minute sends nothing; someone whose turn has
// not come, or a finished envelope, is refused without a request.
func TestDocuSignResend(t *testing.T) {
	a := newDSActions(t)
	ctx := context.Background()
	before := a.requests()
	res, err := a.actions.Resend(ctx, a.envID, "")
	if err != nil {
		t.Fatalf("resend: %v", err)
	}
	if strings.Join(res.Notified, ",") != "Maria Souza" {
		t.Fatalf("notified %v, want Maria (order 1) only", res.Notified)
	}
	maria, joao := a.signerID("Maria Souza"), a.signerID("João Pereira")
	if a.dsim.Resends(a.envID, maria) != 1 || a.dsim.Resends(a.envID, joao) != 0 {
		t.Fatalf("simulator resends: Maria %d, João %d", a.dsim.Resends(a.envID, maria), a.dsim.Resends(a.envID, joao))
	}
	if n := a.requests() - before; n != 1 {
		t.Fatalf("%d requests for one resend", n)
	}
	if _, err := a.actions.Resend(ctx, a.envID, ""); crm.AsError(err).Code != signing.CodeDSNotifyWait {
		t.Fatalf("second click: %v, want %s", err, signing.CodeDSNotifyWait)
	}
	if _, err := a.actions.Resend(ctx, a.envID, joao); crm.AsError(err).Code != signing.CodeDSSignerNotTurn {
		t.Fatalf("João before his turn: %v", err)
	}
	if a.dsim.Resends(a.envID, maria) != 1 || a.requests()-before != 1 {
		t.Fatal("a refused resend reached DocuSign")
	}
	// Signed on DocuSign since the last sync: DocuSign refuses, nothing is
	// counted as notified.
	for _, id := range []string{maria, joao, a.signerID("Ana Lima")} {
		if err := a.dsim.Sign(a.envID, id); err != nil {
			t.Fatal(err)
		}
	}
	a.sy.Sender.Now = func() time.Time { return time.Now().Add(2 * time.Minute) }
	if _, err := a.actions.Resend(ctx, a.envID, maria); err == nil {
		t.Fatal("resend to a completed envelope succeeded")
	}
}

// "Cancelar envio" voids the envelope on DocuSign with Selo's reason, in
// ONE request, records it as cancelado at once, frees the contracts (the
// same contracts can be sent again, in a new envelope) and tells the
// screen; cancelling again does nothing.
func TestDocuSignCancelVoids(t *testing.T) {
	a := newDSActions(t)
	ctx := context.Background()
	before := a.requests()
	if err := a.actions.Cancel(ctx, a.envID); err != nil {
		t.Fatalf("cancel: %v", err)
	}
	if status, _, _ := a.dsim.EnvelopeStatus(a.envID); status != docusign.StatusVoided {
		t.Fatalf("simulator status %s, want voided", status)
	}
	if n := a.requests() - before; n != 1 {
		t.Fatalf("%d requests for one cancel", n)
	}
	var voidBody string
	for _, c := range a.rec.all() {
		if c.method == "PUT" {
			voidBody = string(c.body)
		}
	}
	if !strings.Contains(voidBody, `"voidedReason":"Envio cancelado pela imobiliária no Selo.`) {
		t.Fatalf("void body %s", voidBody)
	}
	det := a.detail()
	if det.State != crm.EnvelopeCanceled || det.RemoteStatus != docusign.StatusVoided {
		t.Fatalf("local %s/%s, want cancelado/voided", det.State, det.RemoteStatus)
	}
	if len(a.changes) != 1 || a.changes[0].State != crm.EnvelopeCanceled || a.changes[0].EnvelopeID != a.envID {
		t.Fatalf("changes %+v", a.changes)
	}
	if err := a.actions.Cancel(ctx, a.envID); err != nil || a.requests()-before != 1 {
		t.Fatalf("second cancel: %v, %d requests", err, a.requests()-before)
	}
	// Released: the same contracts go out again, in a new envelope.
	again, err := a.sy.Sender.Run(ctx, a.dsRequest(71))
	if err != nil || again == a.opID || a.dsim.EnvelopeCount() != 2 {
		t.Fatalf("send again: op %d (first %d), %v, %d envelopes", again, a.opID, err, a.dsim.EnvelopeCount())
	}
}

// An envelope that completed on DocuSign after the last sync cannot be
// voided: the rep is told it is no longer running, and nothing is
// recorded as cancelled.
func TestDocuSignCancelAfterItCompletedRecordsNothing(t *testing.T) {
	a := newDSActions(t)
	for _, n := range []string{"Maria Souza", "João Pereira", "Ana Lima"} {
		if err := a.dsim.Sign(a.envID, a.signerID(n)); err != nil {
			t.Fatal(err)
		}
	}
	err := a.actions.Cancel(context.Background(), a.envID)
	if crm.AsError(err).Code != signing.CodeNotRunning {
		t.Fatalf("cancel: %v, want %s", err, signing.CodeNotRunning)
	}
	if status, _, _ := a.dsim.EnvelopeStatus(a.envID); status != docusign.StatusCompleted {
		t.Fatalf("simulator status %s", status)
	}
	if det := a.detail(); det.State != crm.EnvelopeRunning || det.RemoteStatus == docusign.StatusVoided {
		t.Fatalf("local %s/%s: a cancel was invented", det.State, det.RemoteStatus)
	}
	if len(a.changes) != 0 {
		t.Fatalf("changes %+v", a.changes)
	}
}

// The combined signed PDF and the Certificate of Completion are kept with
// the signed files once the envelope is finished, downloaded once (two
// requests); before that there is nothing to keep.
func TestDocuSignDownloadsSignedPDFAndCertificate(t *testing.T) {
	a := newDSActions(t)
	ctx := context.Background()
	before := a.requests()
	if err := a.actions.FetchDocuSignFiles(ctx, a.envID); crm.AsError(err).Code != signing.CodeNotFinished {
		t.Fatalf("before signing: %v, want %s", err, signing.CodeNotFinished)
	}
	if a.requests() != before {
		t.Fatal("a request before the envelope finished")
	}
	for _, n := range []string{"Maria Souza", "João Pereira", "Ana Lima"} {
		if err := a.dsim.Sign(a.envID, a.signerID(n)); err != nil {
			t.Fatal(err)
		}
	}
	// What the status sync records when DocuSign says completed.
	det := a.detail()
	signed := make([]signing.SignerFact, len(det.Signers))
	for i, g := range det.Signers {
		g.State = crm.SignerSigned
		signed[i] = g
	}
	if err := a.db.Envelopes().ApplySync(ctx, signing.SyncUpdate{EnvelopeID: a.envID, OperationID: a.opID,
		RemoteStatus: docusign.StatusCompleted, State: crm.EnvelopeFinished, Signers: signed}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := a.actions.FetchDocuSignFiles(ctx, a.envID); err != nil {
		t.Fatalf("fetch: %v", err)
	}
	if n := a.requests() - before; n != 2 {
		t.Fatalf("%d requests, want 2 (combined + certificate)", n)
	}
	pdf, err := a.sy.SignedFile(a.envID)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("signed file: %v", err)
	}
	cert, err := a.sy.CertificateFile(a.envID)
	if err != nil || !bytes.HasPrefix(cert, []byte("%PDF-")) || bytes.Equal(cert, pdf) {
		t.Fatalf("certificate: %v", err)
	}
	// The combined PDF is what was sent: the contracts and the signature page.
	sent := a.rec.creates()[0]
	if !strings.Contains(string(sent.body), "documentBase64") || len(pdf) < 1000 {
		t.Fatalf("combined PDF of %d bytes", len(pdf))
	}
	if err := a.actions.FetchDocuSignFiles(ctx, a.envID); err != nil || a.requests()-before != 2 {
		t.Fatalf("second fetch: %v, %d requests", err, a.requests()-before)
	}
	// The sync keeps the signed PDF itself when the envelope completes;
	// then only the certificate is fetched (one request).
	if err := a.db.Files().Delete(ctx, crm.FileSigned, signing.CertificateName(a.envID)); err != nil {
		t.Fatal(err)
	}
	if err := a.actions.FetchDocuSignFiles(ctx, a.envID); err != nil || a.requests()-before != 3 {
		t.Fatalf("certificate only: %v, %d requests (want 3 in all)", err, a.requests()-before)
	}
	if again, err := a.sy.CertificateFile(a.envID); err != nil || !bytes.Equal(again, cert) {
		t.Fatalf("certificate again: %v", err)
	}
	// On another PC of the office the same files come from the database.
	other := &signing.Syncer{Sender: a.sy.Sender, Store: a.db.Envelopes(), Files: a.db.Files()}
	if again, err := other.CertificateFile(a.envID); err != nil || !bytes.Equal(again, cert) {
		t.Fatalf("certificate from the office store: %v", err)
	}
}

// A Clicksign envelope's actions do not go to DocuSign.
func TestClicksignActionsUntouchedByDocuSign(t *testing.T) {
	a := newActionsFixture(t)
	a.minutePasses()
	if _, err := a.actions.Resend(context.Background(), a.env.ID, ""); err != nil {
		t.Fatalf("clicksign resend: %v", err)
	}
	if err := a.actions.FetchDocuSignFiles(context.Background(), a.env.ID); crm.AsError(err).Code != crm.CodeNotFound {
		t.Fatalf("DocuSign files of a Clicksign envelope: %v", err)
	}
}

// Every code of the DocuSign send and actions has its pt-BR and en-US text
// in the frontend's catalogue, so the screen never says "Algo deu errado".
func TestEveryDocuSignSendCodeHasAText(t *testing.T) {
	raw, err := os.ReadFile("../../frontend/src/i18n/dssend.ts")
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{signing.CodeDSOutcomeUnknown, signing.CodeDSRateLimited, signing.CodeDSPhoneAuthUnavailable,
		signing.CodeDSIDVerificationUnavailable, signing.CodeDSDrawUnavailable, signing.CodeDSApprovalUnavailable,
		signing.CodeDSFileTooLarge, signing.CodeDSEnvelopeTooLarge, signing.CodeDSMergedTooLarge, signing.CodeNotFinished,
		signing.CodeDSNotifyWait, signing.CodeDSSignerNotTurn, signing.CodeDSRemoteMissing} {
		key, ok := strings.CutPrefix(code, "docusign.")
		if !ok || strings.Count(string(raw), "      "+key+":") != 2 {
			t.Errorf("%s: want one pt-BR and one en-US text in dssend.ts", code)
		}
	}
}
