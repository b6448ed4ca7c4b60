package signing

// This file is what a rep can do to a sent envelope besides following it:
// "Reenviar notificação" (to one signer, or to the group whose turn it is)
// and "Cancelar envio". A signer's signing link is never read or returned:
// Clicksign delivers it in the notification itself.

import (
	"context"
	"errors"
	"math"
	"sync"
	"time"

	"selo/backend/clicksign"
	"selo/backend/crm"
)

// Error codes of the envelope actions.
const (
	// CodeNotRunning: the envelope is no longer running (signed, refused,
	// expired or cancelled), so there is nothing to resend or cancel (data:
	// state).
	CodeNotRunning = "envelope.not_running"
	// CodeNotifyWait: Clicksign accepts one notification per minute for
	// each signer and for the envelope (data: seconds to wait).
	CodeNotifyWait = "envelope.notify_wait"
	// CodeSignerNotTurn: the signer's group has not been reached yet
	// (data: name).
	CodeSignerNotTurn = "envelope.signer_not_turn"
	// CodeSignerDone: the signer has already signed or refused (data: name).
	CodeSignerDone = "envelope.signer_done"
	// CodeNobodyPending: nobody whose turn it is is left to notify; the
	// recorded states may be behind Clicksign's.
	CodeNobodyPending = "envelope.nobody_pending"
	// CodeRemoteMissing: Clicksign no longer has the envelope (deleted
	// there), so it cannot be cancelled from here.
	CodeRemoteMissing = "envelope.remote_missing"
	// CodeSaveFailed: the signed PDF could not be written where the rep
	// chose (data: path).
	CodeSaveFailed = "envelope.save_failed"
)

// notifyInterval is Clicksign's documented limit: one notification per
// minute per endpoint (the envelope's and each signer's).
const notifyInterval = time.Minute

// EnvelopeDetail is one recorded envelope with the names the actions and
// notices show.
type EnvelopeDetail struct {
	SyncEnvelope
	// Name is the envelope's name as the rep gave it (without the unique
	// reference added for Clicksign).
	Name string
	// Client is the reservation holder's name ("" once the reservation is
	// deleted).
	Client string
	// RemoteStatus is Clicksign's status at the last sync (running, closed,
	// canceled).
	RemoteStatus string
	// Missing: Clicksign no longer has the envelope.
	Missing bool
	// SignerNames maps each signer id to the person's name.
	SignerNames map[string]string
}

// ResendResult names who Clicksign notified.
type ResendResult struct {
	// Notified are the people's names, in signing order, for the message
	// "Notificação reenviada para …".
	Notified []string `json:"notified"`
}

// Actions runs "Reenviar notificação" and "Cancelar envio" on the envelopes
// a Syncer follows. Build it with NewActions; it is safe for concurrent use.
type Actions struct {
	sync *Syncer

	mu sync.Mutex
	// notified is when each notification endpoint ("<envelope>/" for the
	// group, "<envelope>/<signer>") was last used, in this process: a
	// second click inside the minute is answered here without a request.
	notified map[string]time.Time
}

// NewActions builds the actions over s, its store and its Sender's clients
// and clock.
func NewActions(s *Syncer) *Actions {
	return &Actions{sync: s, notified: map[string]time.Time{}}
}

// Resend sends the signature request again: to one signer (signerID), or,
// with signerID "", to every signer of the group whose turn it is. Only
// pending signers whose turn it is can be notified, once a minute per
// signer and once a minute for the group (CodeNotifyWait says how long to
// wait).
func (a *Actions) Resend(ctx context.Context, envelopeID, signerID string) (ResendResult, error) {
	d, err := a.sync.Store.EnvelopeDetail(ctx, envelopeID)
	if err != nil {
		return ResendResult{}, err
	}
	if key, ok := a.docuSignKey(ctx, d.IntegrationID); ok {
		return a.resendDocuSign(ctx, key, d, signerID)
	}
	if d.Missing || d.RemoteStatus != string(clicksign.EnvelopeRunning) || d.State != crm.EnvelopeRunning {
		return ResendResult{}, crm.E(CodeNotRunning, "state", d.State)
	}
	targets, err := turnTargets(d, signerID)
	if err != nil {
		return ResendResult{}, err
	}
	endpoint := envelopeID + "/" + signerID
	now := a.sync.Sender.Now()
	prev, err := a.reserve(endpoint, now)
	if err != nil {
		return ResendResult{}, err
	}
	c, err := a.client(ctx, d.IntegrationID)
	if err != nil {
		a.restore(endpoint, now, prev)
		return ResendResult{}, err
	}
	var n *clicksign.Notification
	if signerID == "" {
		n, err = c.NotifyEnvelope(ctx, envelopeID, clicksign.NotificationParams{})
	} else {
		n, err = c.NotifySigner(ctx, envelopeID, signerID, clicksign.NotificationParams{})
	}
	if clicksign.IsNotificationThrottled(err) || clicksign.IsRateLimited(err) {
		// Clicksign counted an earlier call (the send's own invitation, or
		// another computer of the office): remember it, so the next click
		// is answered here.
		wait := throttleWait(err, now)
		a.restore(endpoint, now, now.Add(wait-notifyInterval))
		return ResendResult{}, waitError(wait)
	}
	if err != nil {
		a.restore(endpoint, now, prev)
		return ResendResult{}, Translate(err)
	}
	out := ResendResult{Notified: []string{}}
	// Named in signing order, whatever order Clicksign's summary has.
	notified := map[string]bool{}
	for _, s := range n.Summary {
		notified[s.SignerID] = notified[s.SignerID] || s.Notified
	}
	for _, g := range d.Signers {
		if notified[g.ID] {
			out.Notified = append(out.Notified, d.SignerNames[g.ID])
		}
	}
	if len(n.Summary) == 0 {
		// No summary to go by: the request was accepted for those whose
		// turn it is.
		for _, g := range targets {
			out.Notified = append(out.Notified, d.SignerNames[g.ID])
		}
	}
	if len(out.Notified) == 0 {
		// Clicksign knows better than the last sync: the signer has
		// answered since. The next sync shows it.
		a.sync.Kick()
		return out, crm.E(CodeNobodyPending)
	}
	return out, nil
}

// turnTargets is who a resend reaches by the recorded states: the one
// signer asked for, or everyone pending whose turn it is.
func turnTargets(d EnvelopeDetail, signerID string) ([]SignerFact, error) {
	var out []SignerFact
	for _, g := range d.Signers {
		if signerID != "" && g.ID != signerID {
			continue
		}
		switch {
		case g.State == crm.SignerSigned || g.State == crm.SignerRefused:
			if signerID != "" {
				return nil, crm.E(CodeSignerDone, "name", d.SignerNames[g.ID])
			}
		case !inTurn(d.Signers, g):
			if signerID != "" {
				return nil, crm.E(CodeSignerNotTurn, "name", d.SignerNames[g.ID])
			}
		default:
			out = append(out, g)
		}
	}
	if signerID != "" && len(out) == 0 {
		return nil, crm.E(crm.CodeNotFound, "signer", signerID)
	}
	if len(out) == 0 {
		return nil, crm.E(CodeNobodyPending)
	}
	return out, nil
}

// inTurn reports whether g's group is the one signing now: everyone of a
// lower group has signed. Recorded states before the first sync are all
// "pendente", so the group decides, as on the screen.
func inTurn(all []SignerFact, g SignerFact) bool {
	for _, o := range all {
		if o.Group < g.Group && o.State != crm.SignerSigned {
			return false
		}
	}
	return true
}

// reserve claims an endpoint's minute before the request goes out, so two
// quick clicks send one notification; it returns the previous time for
// restore.
func (a *Actions) reserve(endpoint string, now time.Time) (time.Time, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	prev, ok := a.notified[endpoint]
	if ok {
		if wait := notifyInterval - now.Sub(prev); wait > 0 {
			return prev, waitError(wait)
		}
	}
	a.notified[endpoint] = now
	return prev, nil
}

// restore replaces the claim made at claimed by t (the previous time when
// nothing was sent), unless a later claim replaced it already.
func (a *Actions) restore(endpoint string, claimed, t time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.notified[endpoint].Equal(claimed) {
		return
	}
	if t.IsZero() {
		delete(a.notified, endpoint)
		return
	}
	a.notified[endpoint] = t
}

// throttleWait reads how long Clicksign wants us to wait; without a usable
// reset time it is the whole minute, which is never too short.
func throttleWait(err error, now time.Time) time.Duration {
	var api *clicksign.APIError
	if errors.As(err, &api) && !api.RateLimit.Reset.IsZero() {
		if d := api.RateLimit.Reset.Sub(now); d > 0 && d <= notifyInterval {
			return d
		}
	}
	return notifyInterval
}

func waitError(wait time.Duration) error {
	secs := int(math.Ceil(wait.Seconds()))
	if secs < 1 {
		secs = 1
	}
	return crm.E(CodeNotifyWait, "seconds", secs)
}

func (a *Actions) client(ctx context.Context, integrationID int64) (*clicksign.Client, error) {
	key, token, err := a.sync.Sender.keys.Token(ctx, integrationID)
	if err != nil {
		return nil, err
	}
	return a.sync.Sender.client(key, token)
}

// cancelSent cancels the one document Selo sent in the envelope and
// records the outcome from that answer and the envelope's events: two
// requests, where listing the documents first and reading them and the
// envelope again after cost five, and a rep who cancels and sends again
// at once would wait for Clicksign's budget (reference §9.2) in between.
// done is false when the document had stopped running meanwhile (or is
// unknown): Cancel then learns how it ended from the full read. The
// caller holds the sync lock.
func (a *Actions) cancelSent(ctx context.Context, c *clicksign.Client, d EnvelopeDetail) (done bool, err error) {
	s := a.sync
	s.Requests++
	doc, err := c.CancelDocument(ctx, d.ID, d.DocumentID)
	switch {
	case clicksign.IsValidation(err), clicksign.IsNotFound(err):
		return false, nil
	case err != nil:
		return false, Translate(err)
	}
	// The envelope holds no other document, so it ended with this one,
	// whatever Clicksign's aggregate says yet.
	env := clicksign.Envelope{ID: d.ID}
	env.Status = clicksign.EnvelopeCanceled
	if _, err := s.syncKnown(ctx, c, d.SyncEnvelope, env, []clicksign.Document{*doc}); err != nil {
		// Cancelled on Clicksign but not yet recorded here: the background
		// sync records it soon, and "Cancelar envio" again finishes at once.
		s.Kick()
		return true, Translate(err)
	}
	return true, nil
}

// Cancel is "Cancelar envio": every running document of the envelope is
// cancelled on Clicksign, then the envelope is synced, so its state comes
// from ComputeStatus like any other (cancelado, or recusado when a signer
// had refused), its contracts are released ("Cancelado", to be generated
// and sent again) and envelope:changed fires. If Clicksign says the
// envelope stopped running meanwhile, the sync records how it ended and
// CodeNotRunning says so. Cancelling a cancelled envelope does nothing.
// When Clicksign fails, the local state is left as it was.
func (a *Actions) Cancel(ctx context.Context, envelopeID string) error {
	s := a.sync
	// The cancel ends in a sync of this envelope: one sync at a time.
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.Store.EnvelopeDetail(ctx, envelopeID)
	if err != nil {
		return err
	}
	if key, ok := a.docuSignKey(ctx, d.IntegrationID); ok {
		return a.cancelDocuSign(ctx, key, d)
	}
	switch {
	case d.RemoteStatus == string(clicksign.EnvelopeCanceled):
		return nil
	case d.Missing:
		return crm.E(CodeRemoteMissing)
	case d.RemoteStatus != string(clicksign.EnvelopeRunning):
		return crm.E(CodeNotRunning, "state", d.State)
	}
	c, err := a.client(ctx, d.IntegrationID)
	if err != nil {
		return err
	}
	if d.DocumentID != "" {
		done, err := a.cancelSent(ctx, c, d)
		if done || err != nil {
			return err
		}
	}
	s.Requests++
	docs, err := c.ListDocuments(ctx, envelopeID)
	if clicksign.IsNotFound(err) {
		if err := s.Store.MarkMissing(ctx, envelopeID, s.Sender.Now()); err != nil {
			return err
		}
		return crm.E(CodeRemoteMissing).Wrap(err)
	}
	if err != nil {
		return Translate(err)
	}
	// refused keeps a 422 ("documento não pode ser cancelado"): the
	// document stopped running between the list and the PATCH (the last
	// signature, a refusal, the deadline); the sync tells which.
	var refused error
	cancelled := 0
	for _, doc := range docs {
		if doc.Status != clicksign.DocumentRunning {
			continue
		}
		s.Requests++
		if _, err := c.CancelDocument(ctx, envelopeID, doc.ID); err != nil {
			if !clicksign.IsValidation(err) {
				return Translate(err)
			}
			refused = err
			continue
		}
		cancelled++
	}
	s.Requests++
	env, err := c.GetEnvelope(ctx, envelopeID)
	if err == nil {
		_, err = s.syncOne(ctx, c, d.SyncEnvelope, *env)
	}
	if err != nil {
		// Cancelled on Clicksign but not yet recorded here: the background
		// sync records it soon, and "Cancelar envio" again finishes at once.
		s.Kick()
		return Translate(err)
	}
	if refused == nil && cancelled > 0 {
		return nil
	}
	after, err := s.Store.EnvelopeDetail(ctx, envelopeID)
	if err != nil {
		return err
	}
	switch {
	case after.State == crm.EnvelopeCanceled:
		// Someone cancelled it on Clicksign's site first: the same outcome.
		return nil
	case !after.State.Terminal() && refused != nil:
		return Translate(refused)
	}
	return crm.E(CodeNotRunning, "state", after.State)
}
