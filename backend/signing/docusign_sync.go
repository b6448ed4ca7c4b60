package signing

// Status sync of the envelopes of DocuSign keys.
//
// DocuSign's Go-Live rules (reference §5.4) allow one status read per
// envelope per 15 minutes, and count every envelope a listStatusChanges
// returns as read. So a key's envelopes are followed by ONE pass per key at
// most every DocuSignPassInterval: listStatusChanges from the pass's stored
// from_date, all pages, recipients included, which costs one request per
// hundred changed envelopes however many run. Envelopes a pass does not
// return did not change and cost nothing. The from_date and the time of the
// last pass are stored in the database (settings), so a restart, another PC
// taking the sync lease, or the office server keep the interval too. The
// client's own limiter (burst, hourly, its 15-minute pass rule) is the last
// guard: a pass it refuses as too soon is skipped, not reported.
//
// "Atualizar" on a reservation between two passes reads that reservation's
// envelopes one by one (GET envelope), only those not read in the last 15
// minutes, which is the manual refresh the reference allows.
//
// Every fact goes through ComputeDocuSignStatus (status.go) and is written
// with the same ApplySync as Clicksign's, so the reservation page and the
// Painel show the same states for both providers.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"selo/backend/crm"
	"selo/backend/docusign"
)

const (
	// DocuSignPassInterval is the least time between two status passes of
	// one key: DocuSign advises 20 minutes, above its 15-minute rule, so
	// a late clock or a pass that ran long never breaks the rule.
	DocuSignPassInterval = 20 * time.Minute
	// docuSignFirstLookBack is the from_date of a key's first pass: no
	// running envelope is older than Selo's longest deadline (90 days).
	docuSignFirstLookBack = 91 * 24 * time.Hour
)

// DocuSignKeys reads a key without its token: a DocuSign key's tokens are
// its oauth login's, not a Clicksign token (the integrations store).
type DocuSignKeys interface {
	Get(ctx context.Context, id int64) (crm.Integration, error)
}

// DocuSignClientSource gives a DocuSign key's client; the DocuSignClients
// implementation of the send is one, so the account's limiter is shared by
// everything the app does with it.
type DocuSignClientSource interface {
	Client(ctx context.Context, key crm.Integration) (*docusign.Client, error)
}

// Settings keeps small values by name, shared by every PC of an office
// (sqlstore.DB implements it).
type Settings interface {
	Setting(ctx context.Context, key string) (value string, ok bool, err error)
	SetSetting(ctx context.Context, key, value string) error
}

// DocuSignStatus is what the Syncer needs to follow DocuSign keys.
type DocuSignStatus struct {
	Keys     DocuSignKeys
	Clients  DocuSignClientSource
	Settings Settings
	// Requests counts the DocuSign requests made by sync and Connect
	// deliveries (tests, bench); guarded by the Syncer's lock.
	Requests int
}

// docuSignPass is a key's stored pass state.
type docuSignPass struct {
	// From is the next pass's from_date.
	From time.Time `json:"from"`
	// At is when the last pass ran.
	At time.Time `json:"at"`
	// Failed counts, per envelope id, the passes in a row that could not
	// apply what DocuSign said of it (a download that fails): the from_date
	// moves on regardless and the next pass reads these again by GET.
	Failed map[string]int `json:"failed,omitempty"`
}

// docuSignMaxFailures is how many passes in a row (about 2 hours) may fail
// to store a completed envelope's signed PDF before its status is written
// without it, so the reservation shows Finalizado and the office can take
// the PDF from DocuSign.
const docuSignMaxFailures = 6

// DocuSignPassSetting is the settings name of a key's pass state.
func DocuSignPassSetting(integrationID int64) string {
	return "docusign.status_pass." + strconv.FormatInt(integrationID, 10)
}

func (d *DocuSignStatus) loadPass(ctx context.Context, id int64) (docuSignPass, error) {
	var p docuSignPass
	v, ok, err := d.Settings.Setting(ctx, DocuSignPassSetting(id))
	if err != nil || !ok {
		return p, err
	}
	// An unreadable value starts over from the look-back: a pass too many
	// is better than a change missed.
	_ = json.Unmarshal([]byte(v), &p)
	return p, nil
}

func (d *DocuSignStatus) savePass(ctx context.Context, id int64, p docuSignPass) error {
	b, err := json.Marshal(docuSignPass{From: p.From.UTC(), At: p.At.UTC(), Failed: p.Failed})
	if err != nil {
		return err
	}
	return d.Settings.SetSetting(ctx, DocuSignPassSetting(id), string(b))
}

// docuSignKey returns the key when it is a DocuSign key this Syncer follows.
func (s *Syncer) docuSignKey(ctx context.Context, integrationID int64) (crm.Integration, bool, error) {
	if s.DocuSign == nil {
		return crm.Integration{}, false, nil
	}
	key, err := s.DocuSign.Keys.Get(ctx, integrationID)
	if err != nil {
		return key, false, err
	}
	return key, key.Provider == crm.ProviderDocuSign, nil
}

// syncDocuSignKey syncs one key's envelopes when it is a DocuSign key
// (done false: not one, the caller syncs it as Clicksign's). force is
// "Atualizar" on one reservation, whose locals are that reservation's.
//
// The Scope decides who does it: a key outside it is done (skipped), and
// in the DocuSign-only scope a key this PC has no sign-in for is skipped
// too, without an error, as another PC's sign-in syncs it.
func (s *Syncer) syncDocuSignKey(ctx context.Context, integrationID int64, locals []SyncEnvelope, force bool) (changed, done bool, err error) {
	key, ok, err := s.docuSignKey(ctx, integrationID)
	if err != nil {
		return false, true, err
	}
	switch {
	case !ok && s.Scope == SyncDocuSignKeys, ok && s.Scope == SyncClicksignKeys:
		return false, true, nil
	case !ok:
		return false, false, nil
	}
	defer func() {
		err = docuSignSyncError(err)
		if err != nil && s.Scope == SyncDocuSignKeys && crm.AsError(err).Code == crm.CodeLoginRequired {
			err = nil
		}
	}()
	c, err := s.DocuSign.Clients.Client(ctx, key)
	if err != nil {
		return false, true, err
	}
	p, err := s.DocuSign.loadPass(ctx, key.ID)
	if err != nil {
		return false, true, err
	}
	now := s.Sender.Now()
	if p.At.IsZero() || now.Sub(p.At) >= DocuSignPassInterval || now.Before(p.At) {
		changed, err = s.docuSignPass(ctx, c, key, p, now)
		return changed, true, err
	}
	if !force {
		return false, true, nil
	}
	for _, l := range locals {
		// Read within the rule already (by the last pass, which records
		// the envelopes it applied, or an earlier "Atualizar").
		if !l.SyncedAt.IsZero() && now.Sub(l.SyncedAt) < docusign.PollInterval {
			continue
		}
		ch, _, err := s.getDocuSign(ctx, c, l, now, false)
		changed = changed || ch
		if err != nil {
			return changed, true, err
		}
	}
	return changed, true, nil
}

// getDocuSign reads one envelope (GET) and applies it; one the client
// holds back under the polling rule is left for later (read false), and
// one DocuSign no longer has is marked missing.
func (s *Syncer) getDocuSign(ctx context.Context, c *docusign.Client, l SyncEnvelope, now time.Time, withoutFile bool) (changed, read bool, err error) {
	s.DocuSign.Requests++
	e, err := c.GetEnvelope(ctx, l.ID)
	var soon *docusign.PollTooSoonError
	if errors.As(err, &soon) {
		s.DocuSign.Requests--
		return false, false, nil
	}
	if errors.Is(err, docusign.ErrNotFound) {
		if err := s.mayWrite(ctx); err != nil {
			return false, true, err
		}
		return false, true, s.Store.MarkMissing(ctx, l.ID, now)
	}
	if err != nil {
		return false, true, err
	}
	changed, err = s.applyDocuSign(ctx, c, l, e, withoutFile)
	return changed, true, err
}

// docuSignPass runs one listStatusChanges pass for a key and applies what
// changed to every running envelope of the key (not only a reservation's:
// a pass reads them all, and the next one starts after it). The from_date
// always moves on; an envelope whose change could not be applied is kept
// in the pass state and read by GET next pass (20 minutes on, within the
// polling rule), so one stuck envelope never makes every pass re-read a
// growing window.
func (s *Syncer) docuSignPass(ctx context.Context, c *docusign.Client, key crm.Integration, p docuSignPass, now time.Time) (bool, error) {
	keyID := key.ID
	from := p.From
	if from.IsZero() {
		// No envelope of the key is older than the key: on an account other
		// apps use too, the first pass reads no more than it must.
		from = now.Add(-docuSignFirstLookBack)
		if k := key.CreatedAt.Add(-time.Hour); k.After(from) {
			from = k
		}
	}
	pass, err := c.ListStatusChanges(ctx, from)
	var soon *docusign.PollTooSoonError
	if errors.As(err, &soon) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	s.DocuSign.Requests += pass.Requests
	all, err := s.Store.RunningEnvelopes(ctx, 0)
	if err != nil {
		return false, err
	}
	mine := map[string]SyncEnvelope{}
	for _, l := range all {
		if l.IntegrationID == keyID {
			mine[canonicalID(l.ID)] = l
		}
	}
	changed := false
	var applyErr error
	failed := map[string]int{}
	// outcome records how applying one envelope went: an error keeps it
	// for a GET next pass; after docuSignMaxFailures a missing PDF no
	// longer holds its status back (applyDocuSign's withoutFile).
	outcome := func(l SyncEnvelope, err error) {
		if err == nil {
			return
		}
		if applyErr == nil {
			applyErr = err
		}
		failed[canonicalID(l.ID)] = p.Failed[canonicalID(l.ID)] + 1
	}
	seen := map[string]bool{}
	for _, e := range pass.Envelopes {
		l, ok := mine[canonicalID(e.ID)]
		if !ok {
			// Another app's envelope, or one that ended here already:
			// nothing of it is recorded.
			continue
		}
		seen[canonicalID(e.ID)] = true
		ch, err := s.applyDocuSign(ctx, c, l, e, p.Failed[canonicalID(e.ID)]+1 >= docuSignMaxFailures)
		changed = changed || ch
		if errors.Is(err, errLeaseLost) {
			return changed, err
		}
		outcome(l, err)
	}
	// A running envelope never read yet that this pass did not return was
	// created before the from_date moved past it: a send that adopted it
	// after a lost answer, while an earlier pass skipped it as not yet
	// recorded. No later pass would show it unless it changes again, so
	// it is read once now; never read, it is within the polling rule. One
	// whose changes failed to apply last pass is read again the same way.
	for id, l := range mine {
		if seen[id] || (!l.SyncedAt.IsZero() && p.Failed[id] == 0) {
			continue
		}
		ch, read, err := s.getDocuSign(ctx, c, l, now, p.Failed[id]+1 >= docuSignMaxFailures)
		changed = changed || ch
		if errors.Is(err, errLeaseLost) {
			return changed, err
		}
		if !read && err == nil && p.Failed[id] > 0 {
			failed[id] = p.Failed[id] // held back by the polling rule: next pass
		}
		outcome(l, err)
	}
	// The from_date moves on even when an envelope failed: that one is in
	// Failed and read by GET, so the window does not grow pass after pass.
	next := docuSignPass{From: pass.Next, At: now}
	if len(failed) > 0 {
		next.Failed = failed
	}
	if err := s.mayWrite(ctx); err != nil {
		return changed, err
	}
	if err := s.DocuSign.savePass(ctx, keyID, next); err != nil {
		return changed, err
	}
	return changed, applyErr
}

// errSignedFile marks a completed envelope whose signed PDF could not be
// downloaded or stored.
var errSignedFile = errors.New("signed PDF not stored")

// applyDocuSign writes what DocuSign reports of one local envelope, through
// the same ApplySync and envelope:changed as Clicksign's sync. A completed
// envelope's signed PDF (the combined documents) is downloaded first, once;
// if that fails nothing is written and the envelope stays running here, to
// be read again by the next pass.
//
// withoutFile (after docuSignMaxFailures passes failed to store the PDF)
// writes a completed envelope's status even when the PDF still fails.
func (s *Syncer) applyDocuSign(ctx context.Context, c *docusign.Client, l SyncEnvelope, e *docusign.Envelope, withoutFile ...bool) (bool, error) {
	st, events := ComputeDocuSignStatus(e, l.State, l.Signers)
	u := SyncUpdate{EnvelopeID: l.ID, OperationID: l.OperationID, RemoteStatus: DocuSignRemoteStatus(e),
		State: st.State, Signers: st.Signers, Events: events}
	if !e.StatusChanged.IsZero() {
		u.Modified = e.StatusChanged.UTC().Format(time.RFC3339Nano)
	}
	if st.State == crm.EnvelopeFinished {
		err := s.storeCombined(ctx, c, l.ID)
		switch {
		case err == nil:
			u.SignedFile = SignedPath(l.ID)
		case len(withoutFile) == 0 || !withoutFile[0]:
			return false, err
		case s.Sender.Log != nil:
			s.Sender.Log.Warn("docusign sync: the signed PDF could not be stored after several passes; status written without it",
				"envelope", l.ID, "err", err)
		}
		u.SignContracts = true
	}
	if st.State.Terminal() && st.State != crm.EnvelopeFinished && e.Terminal() {
		u.Release = true
	}
	if err := s.mayWrite(ctx); err != nil {
		return false, err
	}
	if err := s.Store.ApplySync(ctx, u, s.Sender.Now()); err != nil {
		return false, err
	}
	changed := st.State != l.State || signersChanged(l.Signers, st.Signers)
	if changed && s.Emit != nil {
		s.Emit(EventEnvelopeChanged, s.change(ctx, l, st))
	}
	return changed, nil
}

// storeCombined downloads a completed envelope's signed PDF (the combined
// documents) once; errors are errSignedFile.
func (s *Syncer) storeCombined(ctx context.Context, c *docusign.Client, id string) error {
	have, err := s.Files.Exists(ctx, crm.FileSigned, id)
	if err != nil || have {
		return err
	}
	s.DocuSign.Requests++
	pdf, err := c.DownloadCombined(ctx, id)
	if err == nil {
		_, err = s.Files.Put(ctx, crm.FileSigned, id, pdf)
	}
	if err != nil {
		return fmt.Errorf("%w: %w", errSignedFile, err)
	}
	return nil
}

// docuSignSyncError gives a DocuSign error of sync the code the screen
// explains; crm errors (a login to renew, a keyring problem) pass as they are.
func docuSignSyncError(err error) error {
	var ce *crm.Error
	switch {
	case err == nil || errors.As(err, &ce) || errors.Is(err, errLeaseLost):
		return err
	case errors.Is(err, docusign.ErrAuth):
		return crm.E(crm.CodeLoginRequired).Wrap(err)
	case errors.Is(err, docusign.ErrServer), errors.Is(err, context.DeadlineExceeded):
		return crm.E(crm.CodeUnreachable).Wrap(err)
	}
	msg := ""
	var api *docusign.APIError
	if errors.As(err, &api) {
		msg = api.Code
	}
	return crm.E(crm.CodeServiceError, "message", msg).Wrap(err)
}
