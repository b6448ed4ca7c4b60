package signing

// This file is what a rep can do to a sent DocuSign envelope: "Reenviar
// notificação" (DocuSign's resend to the signers whose turn it is),
// "Cancelar envio" (a void with a reason the signers see), and keeping the
// combined signed PDF and the Certificate of Completion where the Clicksign
// signed files are (crm.FileStore, kind signed), so the same "Baixar" works
// on one PC and in an office.

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"

	"selo/backend/clicksign"
	"selo/backend/crm"
	"selo/backend/docusign"
	"selo/backend/docusign/oauth"
)

// DocuSignVoidReason is the reason a "Cancelar envio" gives DocuSign, which
// shows it to every recipient (the void requires one).
const DocuSignVoidReason = "Envio cancelado pela imobiliária no Selo. Se ainda for preciso assinar, você receberá um novo convite."

// Codes of the DocuSign actions, where the envelope codes' texts name
// Clicksign (texts in frontend/src/i18n/dssend.ts).
const (
	// CodeNotFinished: the signed PDF and the certificate exist only once
	// every signer has signed (data: state).
	CodeNotFinished = "docusign.not_finished"
	// CodeDSNotifyWait is CodeNotifyWait for DocuSign (data: seconds).
	CodeDSNotifyWait = "docusign.notify_wait"
	// CodeDSSignerNotTurn is CodeSignerNotTurn for DocuSign (data: name).
	CodeDSSignerNotTurn = "docusign.signer_not_turn"
	// CodeDSRemoteMissing is CodeRemoteMissing for DocuSign.
	CodeDSRemoteMissing = "docusign.remote_missing"
)

// dsActionCodes renames the envelope codes whose texts name Clicksign.
var dsActionCodes = map[string]string{CodeNotifyWait: CodeDSNotifyWait, CodeSignerNotTurn: CodeDSSignerNotTurn,
	CodeRemoteMissing: CodeDSRemoteMissing}

// asDocuSign gives err the DocuSign code of dsActionCodes, keeping its data.
func asDocuSign(err error) error {
	var ce *crm.Error
	if !errors.As(err, &ce) {
		return err
	}
	code, ok := dsActionCodes[ce.Code]
	if !ok {
		return err
	}
	c := *ce
	c.Code = code
	return &c
}

// CertificateName is the name, among the signed files, of an envelope's
// Certificate of Completion (the signed PDF's name is the envelope id).
func CertificateName(envelopeID string) string { return envelopeID + "-certificado" }

// docuSignRemoteEnded lists the remote statuses after which nothing can be
// resent or voided: DocuSign's terminal ones, and Clicksign's words the
// local row may still carry for a DocuSign envelope before its first sync.
var docuSignRemoteEnded = map[string]bool{docusign.StatusCompleted: true, docusign.StatusDeclined: true,
	docusign.StatusVoided: true, string(clicksign.EnvelopeClosed): true, string(clicksign.EnvelopeCanceled): true}

// docuSignKey returns the envelope's key and client when the key is a
// DocuSign one; ok is false for a Clicksign key (the caller goes on as
// before).
func (a *Actions) docuSignKey(ctx context.Context, integrationID int64) (crm.Integration, bool) {
	key, _, _ := a.sync.Sender.keys.Token(ctx, integrationID)
	return key, key.Provider == crm.ProviderDocuSign
}

func (a *Actions) docuSignClient(ctx context.Context, key crm.Integration) (*docusign.Client, error) {
	if a.sync.Sender.DocuSign == nil {
		return nil, crm.E(oauth.CodeUnreachable, "environment", string(key.Environment))
	}
	return a.sync.Sender.DocuSign.Client(ctx, key)
}

// resendDocuSign is Resend for a DocuSign envelope: ONE request that sends
// the invitation again to the pending signers whose turn it is (or to the
// one asked for). The minute between two resends of the same endpoint is
// kept as for Clicksign, so a double click sends one e-mail.
func (a *Actions) resendDocuSign(ctx context.Context, key crm.Integration, d EnvelopeDetail, signerID string) (_ ResendResult, err error) {
	defer func() { err = asDocuSign(err) }()
	if d.Missing || docuSignRemoteEnded[d.RemoteStatus] || d.State != crm.EnvelopeRunning {
		return ResendResult{}, crm.E(CodeNotRunning, "state", d.State)
	}
	targets, err := turnTargets(d, signerID)
	if err != nil {
		return ResendResult{}, err
	}
	endpoint := d.ID + "/" + signerID
	now := a.sync.Sender.Now()
	prev, err := a.reserve(endpoint, now)
	if err != nil {
		return ResendResult{}, err
	}
	c, err := a.docuSignClient(ctx, key)
	if err != nil {
		a.restore(endpoint, now, prev)
		return ResendResult{}, err
	}
	ids := make([]string, len(targets))
	for i, g := range targets {
		ids[i] = g.ID
	}
	a.sync.Requests++
	if err := c.Resend(ctx, d.ID, ids...); err != nil {
		a.restore(endpoint, now, prev)
		if errors.Is(err, docusign.ErrValidation) {
			// DocuSign knows better than the last sync (signed, declined or
			// voided since): the next sync shows it.
			a.sync.Kick()
			return ResendResult{}, crm.E(CodeNobodyPending).Wrap(err)
		}
		return ResendResult{}, translateDocuSign(err)
	}
	out := ResendResult{Notified: make([]string, len(targets))}
	for i, g := range targets {
		out.Notified[i] = d.SignerNames[g.ID]
	}
	return out, nil
}

// cancelDocuSign is Cancel for a DocuSign envelope: a void with
// DocuSignVoidReason, then the outcome recorded at once (ComputeStatus with
// the envelope cancelled, so signers keep what they did and the envelope is
// "cancelado"), the contracts released and envelope:changed fired. The
// caller holds the sync lock.
func (a *Actions) cancelDocuSign(ctx context.Context, key crm.Integration, d EnvelopeDetail) (err error) {
	defer func() { err = asDocuSign(err) }()
	s := a.sync
	switch {
	case d.RemoteStatus == docusign.StatusVoided || d.State == crm.EnvelopeCanceled:
		return nil
	case d.Missing:
		return crm.E(CodeRemoteMissing)
	case docuSignRemoteEnded[d.RemoteStatus] || d.State.Terminal():
		return crm.E(CodeNotRunning, "state", d.State)
	}
	c, err := a.docuSignClient(ctx, key)
	if err != nil {
		return err
	}
	s.Requests++
	err = c.Void(ctx, d.ID, DocuSignVoidReason)
	switch {
	case errors.Is(err, docusign.ErrNotFound):
		if err := s.Store.MarkMissing(ctx, d.ID, s.Sender.Now()); err != nil {
			return err
		}
		return crm.E(CodeRemoteMissing).Wrap(err)
	case errors.Is(err, docusign.ErrValidation):
		// Completed, declined or expired between the last sync and the
		// click: the sync records how it ended.
		s.Kick()
		return crm.E(CodeNotRunning, "state", d.State).Wrap(err)
	case err != nil:
		return translateDocuSign(err)
	}
	// The one status place decides, from the fact "cancelled on the
	// provider" (a DocuSign void is Clicksign's cancel).
	st := ComputeStatus(Facts{EnvelopeStatus: string(clicksign.EnvelopeCanceled), Prior: d.State, Signers: d.Signers})
	u := SyncUpdate{EnvelopeID: d.ID, OperationID: d.OperationID, RemoteStatus: docusign.StatusVoided,
		Modified: d.Modified, State: st.State, Signers: st.Signers, Release: true}
	err = s.mayWrite(ctx)
	if err == nil {
		err = s.Store.ApplySync(ctx, u, s.Sender.Now())
	}
	if err != nil {
		// Voided on DocuSign but not recorded here: the sync records it.
		s.Kick()
		return err
	}
	if s.Emit != nil && (st.State != d.State || signersChanged(d.Signers, st.Signers)) {
		s.Emit(EventEnvelopeChanged, s.change(ctx, d.SyncEnvelope, st))
	}
	return nil
}

// StoreDocuSignFiles downloads a completed envelope's combined signed PDF
// and its Certificate of Completion (two requests) and keeps them with the
// signed files: the PDF under the envelope id, as Clicksign's, and the
// certificate under CertificateName. The sync calls it when an envelope
// completes; FetchDocuSignFiles when the rep asks before that.
func (s *Syncer) StoreDocuSignFiles(ctx context.Context, c *docusign.Client, envelopeID string) error {
	s.Requests++
	signed, err := c.DownloadCombined(ctx, envelopeID)
	if err != nil {
		return translateDocuSign(err)
	}
	s.Requests++
	cert, err := c.DownloadCertificate(ctx, envelopeID)
	if err != nil {
		return translateDocuSign(err)
	}
	// The certificate first: a signed PDF on file means both are there.
	if _, err := s.Files.Put(ctx, crm.FileSigned, CertificateName(envelopeID), cert); err != nil {
		return err
	}
	_, err = s.Files.Put(ctx, crm.FileSigned, envelopeID, signed)
	return err
}

// CertificateFile returns a DocuSign envelope's Certificate of Completion
// as stored by StoreDocuSignFiles (crm.CodeNotFound before).
func (s *Syncer) CertificateFile(envelopeID string) ([]byte, error) {
	data, err := s.Files.Get(context.Background(), crm.FileSigned, CertificateName(filepath.Base(envelopeID)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, crm.E(crm.CodeNotFound, "envelope", envelopeID)
	}
	return data, err
}

// FetchDocuSignFiles makes sure a finished DocuSign envelope's signed PDF
// and certificate are kept (downloading them when they are not yet), so
// SignedFile and CertificateFile answer. Before every signer signed there is
// nothing to keep (CodeNotFinished); a file already kept costs no request.
func (a *Actions) FetchDocuSignFiles(ctx context.Context, envelopeID string) error {
	s := a.sync
	d, err := s.Store.EnvelopeDetail(ctx, envelopeID)
	if err != nil {
		return err
	}
	key, ok := a.docuSignKey(ctx, d.IntegrationID)
	if !ok {
		return crm.E(crm.CodeNotFound, "envelope", envelopeID)
	}
	if d.State != crm.EnvelopeFinished && d.RemoteStatus != docusign.StatusCompleted {
		return crm.E(CodeNotFinished, "state", d.State)
	}
	has, err := s.Files.Exists(ctx, crm.FileSigned, envelopeID)
	if err != nil {
		return err
	}
	hasCert, err := s.Files.Exists(ctx, crm.FileSigned, CertificateName(envelopeID))
	if err != nil || (has && hasCert) {
		return err
	}
	c, err := a.docuSignClient(ctx, key)
	if err != nil {
		return err
	}
	if !has {
		return s.StoreDocuSignFiles(ctx, c, envelopeID)
	}
	// The sync kept the signed PDF when the envelope completed; only the
	// certificate is missing.
	s.Requests++
	cert, err := c.DownloadCertificate(ctx, envelopeID)
	if err != nil {
		return translateDocuSign(err)
	}
	_, err = s.Files.Put(ctx, crm.FileSigned, CertificateName(envelopeID), cert)
	return err
}
