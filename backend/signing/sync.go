package signing

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"selo/backend/clicksign"
	"selo/backend/crm"
)

// EventEnvelopeChanged is emitted when a sync changed an envelope's state.
// Data: EnvelopeChange.
const EventEnvelopeChanged = "envelope:changed"

// Sync intervals: soon after a change (a signer often has company), backing
// off while nothing moves, so an idle office costs few requests.
const (
	syncFast = 30 * time.Second
	syncSlow = 5 * time.Minute
	// detailsMaxAge: details are re-read after this even when "modified"
	// did not move, since Clicksign does not document which changes move
	// an envelope's "modified".
	detailsMaxAge = 30 * time.Minute
)

var timelineEvents = map[string]bool{clicksign.EventSign: true, clicksign.EventRefusal: true, clicksign.EventClose: true,
	clicksign.EventAutoClose: true, clicksign.EventDeadline: true, clicksign.EventCancel: true}

// EnvelopeChange is the data of envelope:changed. The names let the screen
// raise a notice ("Contrato assinado por todos", "<signer> recusou") without
// asking the backend again; they are "" when they could not be read.
type EnvelopeChange struct {
	EnvelopeID    string            `json:"envelopeId"`
	ReservationID int64             `json:"reservationId"`
	State         crm.EnvelopeState `json:"state"`
	// Name is the envelope's name as the rep gave it.
	Name string `json:"name,omitempty"`
	// Client is the reservation holder's name.
	Client string `json:"client,omitempty"`
	// Refusals are the refusals this sync learnt of (earlier ones are not
	// repeated, so a notice is raised once per refusal).
	Refusals []SignerRefusal `json:"refusals,omitempty"`
}

// SignerRefusal is one signer's refusal, as a notice shows it.
type SignerRefusal struct {
	SignerID string `json:"signerId"`
	Signer   string `json:"signer"`
	Reason   string `json:"reason"`
}

// SyncEnvelope is a local envelope still running, as sync needs it.
type SyncEnvelope struct {
	ID            string
	OperationID   int64
	IntegrationID int64
	ReservationID int64
	DocumentID    string
	State         crm.EnvelopeState
	// Modified is Clicksign's "modified" seen at the last sync.
	Modified string
	// SyncedAt is when details were last read.
	SyncedAt time.Time
	Signers  []SignerFact
}

// SyncUpdate is what one sync learnt about one envelope, written in one
// transaction.
type SyncUpdate struct {
	EnvelopeID   string
	OperationID  int64
	RemoteStatus string
	Modified     string
	State        crm.EnvelopeState
	Signers      []SignerFact
	Events       []EventFact
	// SignedFile is the signed PDF's path relative to the data home.
	SignedFile string
	// SignContracts marks the operation's contracts as signed.
	SignContracts bool
	// Release frees the operation's contracts to be sent again.
	Release bool
}

// SyncStore keeps the envelopes' synced state.
type SyncStore interface {
	// RunningEnvelopes lists local envelopes whose state is still running
	// and that Clicksign still knows (reservationID 0: all).
	RunningEnvelopes(ctx context.Context, reservationID int64) ([]SyncEnvelope, error)
	// ApplySync writes an update in one transaction.
	ApplySync(ctx context.Context, u SyncUpdate, now time.Time) error
	// MarkMissing records that Clicksign no longer has the envelope; its
	// state stays as it was.
	MarkMissing(ctx context.Context, envelopeID string, now time.Time) error
	// EnvelopeViews returns a reservation's envelopes for the screen.
	EnvelopeViews(ctx context.Context, reservationID int64, now time.Time) ([]crm.EnvelopeView, error)
	// EnvelopeDetail returns one envelope with its names, for the actions
	// and the notices (crm.CodeNotFound when it is not recorded).
	EnvelopeDetail(ctx context.Context, envelopeID string) (EnvelopeDetail, error)
}

// Syncer polls Clicksign for the running envelopes' status.
type Syncer struct {
	Sender *Sender
	Store  SyncStore
	// Files keeps the signed PDFs under the envelope id (crm.FileSigned):
	// the data folder on one PC, the database in an office.
	Files crm.FileStore
	// Emit receives envelope:changed; nil for none.
	Emit func(name string, data any)
	// HTTPClient downloads signed files; nil means http.DefaultClient.
	HTTPClient *http.Client
	// Requests counts Clicksign API calls made by sync (tests, bench).
	Requests int
	// Lease lets Run sync on one PC at a time in an office; nil means
	// this PC alone uses the database (AlwaysHeld).
	Lease SyncLease
	// LeaseRetry is how often Run asks again for a lease another PC
	// holds; 0 means 15 s.
	LeaseRetry time.Duration
	// Server is the office's `selo server`, nil on one PC: while it runs,
	// Refresh asks it to sync instead of syncing here.
	Server OfficeServer
	// DocuSign syncs the envelopes of DocuSign keys (docusign_sync.go);
	// nil leaves them to wait, and every key is taken for Clicksign's.
	DocuSign *DocuSignStatus
	// Scope is which keys this Syncer follows: all of them on one PC; in
	// an office the lease holder (or `selo server`) follows Clicksign's
	// and a desktop's own loop DocuSign's, whose tokens only desktops
	// hold. Telling keys apart needs DocuSign's Keys.
	Scope SyncScope
	// Alongside is a desktop's DocuSign loop in an office: Refresh and
	// Kick reach it too, so "Atualizar" syncs DocuSign keys on this PC
	// even while the rest goes to the server.
	Alongside *Syncer

	mu sync.Mutex // one sync at a time
	// hold is the lease Run's sync holds (nil for the other syncs: the
	// rep's "Atualizar" and webhooks); guarded by mu.
	hold LeaseHold
	// kickMu guards kick apart from mu, so Kick never waits for a sync.
	kickMu sync.Mutex
	kick   chan struct{}
}

// SyncScope is which keys' envelopes a Syncer follows.
type SyncScope int

const (
	// SyncAllKeys follows every key (one PC).
	SyncAllKeys SyncScope = iota
	// SyncClicksignKeys leaves DocuSign keys alone: `selo server` and an
	// office desktop's main loop.
	SyncClicksignKeys
	// SyncDocuSignKeys follows DocuSign keys only, and leaves a key this PC
	// has no sign-in for to a PC that has one: an office desktop's
	// DocuSign loop.
	SyncDocuSignKeys
)

// SignedPath is where an envelope's signed PDF is kept on one PC, relative
// to the data home; the envelope row records it as the sign that the file
// was downloaded.
func SignedPath(envelopeID string) string {
	return filepath.Join("files", "signed", envelopeID+".pdf")
}

// Sync updates the running envelopes of a reservation (0: all) and reports
// whether any state changed. An error from Clicksign leaves the local state
// of the envelopes not yet synced untouched; they are retried next time.
func (s *Syncer) Sync(ctx context.Context, reservationID int64) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.syncLocked(ctx, reservationID)
}

// Refresh is "Atualizar": with the office's server running, it asks the
// server to sync the reservation (whose result reaches every PC through the
// change feed) and reports delegated; otherwise it syncs here, as Sync.
//
// With an Alongside loop (an office desktop's DocuSign keys) that one
// syncs here in any case, since the server cannot.
func (s *Syncer) Refresh(ctx context.Context, reservationID int64) (delegated bool, err error) {
	var alongErr error
	if s.Alongside != nil {
		_, alongErr = s.Alongside.Sync(ctx, reservationID)
	}
	if s.Server != nil {
		present, perr := s.Server.ServerPresent(ctx)
		if perr == nil && present {
			if err := s.Server.RequestSync(ctx, reservationID); err == nil {
				return true, alongErr
			}
		}
	}
	_, err = s.Sync(ctx, reservationID)
	if err == nil {
		err = alongErr
	}
	return false, err
}

// syncHeld is Run's sync: every write first confirms hold is still held.
func (s *Syncer) syncHeld(ctx context.Context, hold LeaseHold) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hold = hold
	defer func() { s.hold = nil }()
	return s.syncLocked(ctx, 0)
}

// mayWrite refuses a write once Run's lease is lost: the PC that took over
// may be writing the same envelopes.
func (s *Syncer) mayWrite(ctx context.Context) error {
	if s.hold == nil {
		return nil
	}
	select {
	case <-s.hold.Lost():
		return errLeaseLost
	default:
	}
	if err := s.hold.Confirm(ctx); err != nil {
		return fmt.Errorf("%w: %v", errLeaseLost, err)
	}
	return nil
}

func (s *Syncer) syncLocked(ctx context.Context, reservationID int64) (bool, error) {
	locals, err := s.Store.RunningEnvelopes(ctx, reservationID)
	if err != nil {
		return false, err
	}
	byKey := map[int64][]SyncEnvelope{}
	var keys []int64
	for _, e := range locals {
		if _, ok := byKey[e.IntegrationID]; !ok {
			keys = append(keys, e.IntegrationID)
		}
		byKey[e.IntegrationID] = append(byKey[e.IntegrationID], e)
	}
	changed := false
	var firstErr error
	for _, k := range keys {
		ch, done, err := s.syncDocuSignKey(ctx, k, byKey[k], reservationID != 0)
		if !done {
			ch, err = s.syncKey(ctx, k, byKey[k], reservationID != 0)
		}
		changed = changed || ch
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return changed, Translate(firstErr)
}

// syncKey syncs one key's envelopes; force re-reads every envelope's
// details ("Atualizar" on one reservation: few envelopes, and the rep
// expects the latest).
func (s *Syncer) syncKey(ctx context.Context, integrationID int64, locals []SyncEnvelope, force bool) (bool, error) {
	key, token, err := s.Sender.keys.Token(ctx, integrationID)
	if err != nil {
		return false, err
	}
	c, err := s.Sender.client(key, token)
	if err != nil {
		return false, err
	}
	// One list call per page: every running envelope of the account with
	// its "modified"; details only for what changed.
	remote := map[string]clicksign.Envelope{}
	f := clicksign.EnvelopeFilter{Status: clicksign.EnvelopeRunning, PageSize: 50}
	for {
		s.Requests++
		p, err := c.ListEnvelopes(ctx, f)
		if err != nil {
			return false, err
		}
		for _, e := range p.Items {
			remote[e.ID] = e
		}
		if !p.HasNext() {
			break
		}
		f.PageNumber, f.PageSize = p.Number+1, p.Size
	}
	changed := false
	for _, l := range locals {
		env, ok := remote[l.ID]
		fresh := s.Sender.Now().Sub(l.SyncedAt) < detailsMaxAge
		if ok && !force && fresh && clicksign.FormatTime(env.Modified.Time) == l.Modified {
			continue
		}
		if !ok {
			// No longer running: learn how it ended.
			s.Requests++
			got, err := c.GetEnvelope(ctx, l.ID)
			if clicksign.IsNotFound(err) {
				if err := s.mayWrite(ctx); err != nil {
					return changed, err
				}
				if err := s.Store.MarkMissing(ctx, l.ID, s.Sender.Now()); err != nil {
					return changed, err
				}
				continue
			}
			if err != nil {
				return changed, err
			}
			env = *got
		}
		ch, err := s.syncOne(ctx, c, l, env)
		changed = changed || ch
		if err != nil {
			return changed, err
		}
	}
	return changed, nil
}

func (s *Syncer) syncOne(ctx context.Context, c *clicksign.Client, l SyncEnvelope, env clicksign.Envelope) (bool, error) {
	return s.syncKnown(ctx, c, l, env, nil)
}

// syncKnown is syncOne when the caller already holds the envelope's
// documents as they now are (non-nil docs: the answer of the PATCH that
// cancelled them), so only the events are read.
func (s *Syncer) syncKnown(ctx context.Context, c *clicksign.Client, l SyncEnvelope, env clicksign.Envelope, docs []clicksign.Document) (bool, error) {
	s.Requests++
	evs, err := c.ListEnvelopeEvents(ctx, l.ID)
	if err != nil {
		return false, err
	}
	// A signature on a running envelope is told by its events alone; the
	// documents (their statuses, the signed file's link) are read only when
	// the envelope may have ended, so a busy day costs one request per
	// changed envelope.
	if docs == nil && (env.Status != clicksign.EnvelopeRunning || mayHaveEnded(evs)) {
		s.Requests++
		if docs, err = c.ListDocuments(ctx, l.ID); err != nil {
			return false, err
		}
	}
	facts := Facts{EnvelopeStatus: string(env.Status), Prior: l.State, Signers: l.Signers}
	for _, d := range docs {
		facts.DocumentStatuses = append(facts.DocumentStatuses, string(d.Status))
	}
	for _, e := range evs {
		facts.Events = append(facts.Events, eventFact(e))
	}
	st := ComputeStatus(facts)
	u := SyncUpdate{EnvelopeID: l.ID, OperationID: l.OperationID, RemoteStatus: string(env.Status),
		Modified: clicksign.FormatTime(env.Modified.Time), State: st.State, Signers: st.Signers}
	// The timeline keeps what the office follows, not the set-up steps.
	for _, e := range facts.Events {
		if timelineEvents[e.Name] {
			u.Events = append(u.Events, e)
		}
	}
	if st.State == crm.EnvelopeFinished {
		signed := ""
		for _, d := range docs {
			if d.Files.Signed != "" && (d.ID == l.DocumentID || signed == "") {
				signed = d.Files.Signed
			}
		}
		if signed == "" {
			// Closed but the file is not ready yet: try again next sync.
			return false, crm.E(crm.CodeServiceError, "message", "signed file not ready")
		}
		if err := s.download(ctx, signed, l.ID); err != nil {
			return false, err
		}
		u.SignedFile, u.SignContracts = SignedPath(l.ID), true
	}
	// Documents all ended count as the envelope ended: Clicksign's envelope
	// status may lag its documents (the aggregation is not documented), and
	// after "Cancelar envio" the contracts must be free at once.
	docsEnded := len(docs) > 0
	for _, d := range docs {
		if d.Status != clicksign.DocumentClosed && d.Status != clicksign.DocumentCanceled {
			docsEnded = false
		}
	}
	if st.State.Terminal() && st.State != crm.EnvelopeFinished && (env.Status != clicksign.EnvelopeRunning || docsEnded) {
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

// change describes what a sync changed, with the names a notice shows.
// They are read only when something changed, so an idle sync costs no
// query; when they cannot be read the notice still goes out, unnamed,
// because the state has already been saved.
func (s *Syncer) change(ctx context.Context, l SyncEnvelope, st Status) EnvelopeChange {
	c := EnvelopeChange{EnvelopeID: l.ID, ReservationID: l.ReservationID, State: st.State}
	d, err := s.Store.EnvelopeDetail(ctx, l.ID)
	if err == nil {
		c.Name, c.Client = d.Name, d.Client
	} else if s.Sender.Log != nil {
		s.Sender.Log.Warn("sync: reading the envelope's names for a notice", "envelope", l.ID, "err", err)
	}
	before := map[string]crm.SignerState{}
	for _, g := range l.Signers {
		before[g.ID] = g.State
	}
	for _, g := range st.Signers {
		if g.State == crm.SignerRefused && before[g.ID] != crm.SignerRefused {
			c.Refusals = append(c.Refusals, SignerRefusal{SignerID: g.ID, Signer: d.SignerNames[g.ID], Reason: g.Reason})
		}
	}
	return c
}

// endingEvents are the events after which a document may be closed or
// cancelled while the envelope's aggregate status still says running.
var endingEvents = map[string]bool{clicksign.EventClose: true, clicksign.EventAutoClose: true,
	clicksign.EventDeadline: true, clicksign.EventDocumentClosed: true, clicksign.EventCancel: true}

func mayHaveEnded(evs []clicksign.Event) bool {
	for _, e := range evs {
		if endingEvents[e.Name] {
			return true
		}
	}
	return false
}

func signersChanged(a, b []SignerFact) bool {
	if len(a) != len(b) {
		return true
	}
	for i := range a {
		if a[i].State != b[i].State {
			return true
		}
	}
	return false
}

// download fetches the signed PDF (a short-lived pre-signed link) and
// writes it atomically, so a half file is never taken for the signed one.
func (s *Syncer) download(ctx context.Context, link, envelopeID string) error {
	hc := s.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return crm.E(crm.CodeUnreachable).Wrap(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return crm.E(crm.CodeServiceError, "status", resp.StatusCode, "message", "signed file")
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, 200<<20))
	if err != nil {
		return crm.E(crm.CodeUnreachable).Wrap(err)
	}
	if len(data) < 5 || string(data[:5]) != "%PDF-" {
		return crm.E(crm.CodeServiceError, "message", "signed file is not a PDF")
	}
	_, err = s.Files.Put(ctx, crm.FileSigned, envelopeID, data)
	return err
}

// SignedFile returns an envelope's signed PDF as downloaded by sync. It
// reads through Files, so in an office any PC gets the file whichever PC
// downloaded it.
func (s *Syncer) SignedFile(envelopeID string) ([]byte, error) {
	data, err := s.Files.Get(context.Background(), crm.FileSigned, filepath.Base(envelopeID))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, crm.E(crm.CodeNotFound, "envelope", envelopeID)
	}
	return data, err
}

// Views returns the reservation's envelopes with their synced status.
// Days left of a Simulador local envelope count on the simulator's clock,
// which training moves forward: its deadline was set on that clock too.
//
// Each view also carries what its send decided (the contracts merged, each
// signer's types and channels), so the screen reads one model of an
// envelope instead of joining two.
func (s *Syncer) Views(ctx context.Context, reservationID int64) ([]crm.EnvelopeView, error) {
	now := s.Sender.Now()
	views, err := s.Store.EnvelopeViews(ctx, reservationID, now)
	if err != nil {
		return nil, err
	}
	for i, v := range views {
		if v.Simulator && !v.DeadlineAt.IsZero() && s.Sender.connector != nil {
			views[i].DaysLeft = crm.DaysLeft(v.DeadlineAt, s.Sender.connector.Now(crm.EnvSimulator, now))
		}
		op, err := s.Sender.Get(ctx, v.OperationID)
		if err != nil {
			return nil, err
		}
		withSend(&views[i], op)
	}
	return views, nil
}

// withSend completes a view with what its send operation decided.
func withSend(v *crm.EnvelopeView, op SendOperation) {
	if op.ContractIDs != nil {
		v.ContractIDs = op.ContractIDs
	}
	byPos := make(map[int]crm.ResolvedSigner, len(op.Signers))
	for _, g := range op.Signers {
		byPos[g.Position] = g.Signer
	}
	for i, g := range v.Signers {
		rs := byPos[g.Position]
		v.Signers[i].Types, v.Signers[i].Delivery, v.Signers[i].Auth = rs.Types, rs.Delivery, rs.Auth
	}
}

// kickServerTimeout bounds Kick's request to the office server.
const kickServerTimeout = 5 * time.Second

// Kick asks the background loop to sync soon (after a send). While the
// office's server runs, this PC's loop has given way, so the server's loop
// is asked instead; the answer is not waited for.
func (s *Syncer) Kick() {
	if srv := s.Server; srv != nil {
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), kickServerTimeout)
			defer cancel()
			_ = srv.RequestSync(ctx, 0) // no server listening: this PC's loop below syncs
		}()
	}
	if s.Alongside != nil {
		s.Alongside.Kick()
	}
	s.kickMu.Lock()
	k := s.kick
	s.kickMu.Unlock()
	if k == nil {
		return
	}
	select {
	case k <- struct{}{}:
	default:
	}
}

// Run syncs at start and then on a timer while any envelope runs: 30 s
// after a change, doubling up to 5 min while nothing moves; no timer when
// nothing runs (Kick wakes it). It returns when ctx ends.
//
// It syncs only while it holds the Lease. Without it, it asks again every
// leaseRetry, so when the holding PC goes away another takes over within a
// minute. A PC sharing the database keeps its timer even when nothing runs,
// as envelopes sent on other PCs are not kicked here.
func (s *Syncer) Run(ctx context.Context, onErr func(error)) {
	s.kickMu.Lock()
	s.kick = make(chan struct{}, 1)
	kick := s.kick
	s.kickMu.Unlock()
	lease := s.Lease
	if lease == nil {
		lease = AlwaysHeld{}
	}
	_, alone := lease.(AlwaysHeld)
	retry := s.LeaseRetry
	if retry <= 0 {
		retry = leaseRetry
	}
	report := func(err error) {
		if err != nil && onErr != nil && ctx.Err() == nil {
			onErr(err)
		}
	}
	var hold LeaseHold
	defer func() {
		if hold != nil {
			hold.Release()
		}
	}()
	interval := syncFast
	for {
		if hold == nil {
			h, err := lease.TryAcquire(ctx)
			report(err)
			if h == nil {
				select {
				case <-ctx.Done():
					return
				case <-time.After(retry):
				}
				continue
			}
			hold, interval = h, syncFast
		}
		changed, err := s.syncWhileHeld(ctx, hold)
		if isLost(hold) || errors.Is(err, errLeaseLost) {
			// Not a fault to show: another PC syncs now.
			hold.Release()
			hold = nil
			continue
		}
		report(err)
		if changed {
			interval = syncFast
		} else if interval *= 2; interval > syncSlow {
			interval = syncSlow
		}
		running, lerr := s.Store.RunningEnvelopes(ctx, 0)
		var timer <-chan time.Time
		var t *time.Timer
		if lerr != nil || len(running) > 0 || !alone {
			t = time.NewTimer(interval)
			timer = t.C
		}
		select {
		case <-ctx.Done():
		case <-kick:
			interval = syncFast
		case <-timer:
		case <-hold.Lost():
		}
		if t != nil {
			t.Stop()
		}
		if ctx.Err() != nil {
			return
		}
	}
}

// syncWhileHeld runs one sync that is cancelled as soon as hold is lost, so
// a PC that lost the lease stops waiting on Clicksign too.
func (s *Syncer) syncWhileHeld(ctx context.Context, hold LeaseHold) (bool, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if lost := hold.Lost(); lost != nil {
		go func() {
			select {
			case <-lost:
				cancel()
			case <-ctx.Done():
			}
		}()
	}
	return s.syncHeld(ctx, hold)
}

func isLost(hold LeaseHold) bool {
	select {
	case <-hold.Lost():
		return true
	default:
		return false
	}
}
