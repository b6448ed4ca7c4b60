package signing

// This file is "Enviar contratos para assinatura eletrônica": the resumable
// send of a reservation's contracts as ONE Clicksign envelope.
//
// Flow (design §3): validate everything locally and list every problem →
// merge the PDFs into one (fill, strip marks, merge in order) → create the
// envelope → upload the document and create the merged signers concurrently
// → one bulk_requirements → activate → notify. On the happy path that is
// signers + 5 requests and 5 round trips on the critical path.
//
// Resumability. The operation is keyed by (reservation, sorted contract ids)
// so a double click, a retry or a restart finds the same one. Every remote id
// is saved the moment Clicksign returns it, and every POST is preceded by a
// saved "attempted" mark. A later run skips what has an id and, for what was
// attempted without an id (the answer may have been lost after Clicksign
// processed it), looks the resource up before creating it again:
//
//   - envelope: its name carries a random reference ("… · ref. K7Q2MX9A")
//     saved before the POST; the lookup lists envelopes filtered by that
//     exact name (filter[name]) and adopts the match;
//   - document: the envelope's documents, matched by file name;
//   - signers: the envelope's signers, matched by name plus e-mail (or
//     phone when there is no e-mail), each remote signer adopted once;
//   - bulk_requirements: atomic (all or nothing), so any requirement on the
//     envelope means it was applied;
//   - activation: a PATCH to an absolute value; the envelope is read and
//     the PATCH sent only while it is still a draft;
//   - notification: sent again; Clicksign's one-per-minute throttle answer
//     means the lost one did go out, and is taken as success.
//
// The happy path never pays for these look-ups: they run only after an
// attempt whose outcome is unknown.

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"selo/backend/clicksign"
	"selo/backend/crm"
	"selo/backend/pdfs"
)

// Events the send emits, as "<area>:<what>". The app layer registers them
// in app/events.go.
const (
	// EventProgress: data Progress {opId, step, done, total}.
	EventProgress = "envelope:progress"
	// EventSent: the envelope is active and notified. Data SendResult.
	EventSent = "envelope:sent"
	// EventFailed: the operation stopped. Data SendFailure; Resume
	// continues it (except for a validation, which needs a new Start).
	EventFailed = "envelope:failed"
)

// Progress steps, the pt-BR words the screen shows as they are.
const (
	ProgressValidating = "validando"
	ProgressMerging    = "mesclando"
	ProgressUploading  = "enviando documento"
	ProgressSigners    = "adicionando signatários"
	ProgressActivating = "ativando"
	ProgressNotifying  = "notificando"
	// ProgressDone closes the bar (done == total).
	ProgressDone = "concluído"
	// ProgressTotal is the number of steps before ProgressDone.
	ProgressTotal = 6
)

// Error codes of the send. crm's signer codes (signer.name_two_words,
// signer.cpf_required_for_pix, ...) and pdfs' codes (pdf.corrupt,
// pdf.encrypted, pdf.not_pdf) are reused with the person's or document's
// name added to their data. A person without the mobile SMS or WhatsApp needs
// is crm.CodeEnvelopeSignerPhoneRequired (crm.AddEnvelopeSignerProblems).
const (
	// CodeNoDocuments: the request has no document.
	CodeNoDocuments = "envelope.no_documents"
	// CodeSignersMismatch: one signer list per document is needed (data:
	// documents, signerLists).
	CodeSignersMismatch = "envelope.signers_mismatch"
	// CodeNoSigners: a document has nobody to sign it (data: name).
	CodeNoSigners = "envelope.no_signers"
	// CodeFileTooLarge: a document is over MaxFileBytes (data: name,
	// sizeMB, maxMB).
	CodeFileTooLarge = "envelope.file_too_large"
	// CodeEnvelopeTooLarge: the documents together are over
	// MaxEnvelopeBytes (data: sizeMB, maxMB).
	CodeEnvelopeTooLarge = "envelope.too_large"
	// CodeMergedTooLarge: the merged document, which is what Clicksign
	// receives, is over MaxFileBytes (data: sizeMB, maxMB).
	CodeMergedTooLarge = "envelope.merged_too_large"
	// CodeAlreadyActive: Cancel came after activation; the envelope is live
	// on Clicksign and nothing remote was stopped (data: opId).
	CodeAlreadyActive = "envelope.already_active"
	// CodeRequestNeeded: the operation stopped before its documents were
	// merged and saved, so there is nothing to resume: send again (Start)
	// with the documents (data: opId). Nothing was sent to Clicksign.
	CodeRequestNeeded = "envelope.request_needed"
)

// Clicksign's size limits.
const (
	MaxFileBytes     = 10 << 20
	MaxEnvelopeBytes = 100 << 20
)

// SendDocument is one contract to sign: the PDF and the values for its form
// fields (nil: do not fill).
type SendDocument struct {
	Name   string
	PDF    []byte
	Values map[string]string
}

// SendRequest is everything one send needs, independent of how the
// contracts were generated: the caller resolves templates and people.
type SendRequest struct {
	ReservationID int64
	// ContractIDs are local ids, for idempotency and bookkeeping.
	ContractIDs   []int64
	IntegrationID int64
	EnvelopeName  string
	// Documents are merged in this order.
	Documents []SendDocument
	// Signers holds, per document and in document order, who signs it.
	// People on several documents are merged (crm.MergeSigners).
	Signers [][]crm.ResolvedSigner
}

// Progress is the data of EventProgress: done of total steps are complete
// and step is the one running now.
type Progress struct {
	OpID  int64  `json:"opId"`
	Step  string `json:"step"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// SendResult is the data of EventSent.
type SendResult struct {
	OpID       int64  `json:"opId"`
	EnvelopeID string `json:"envelopeId"`
}

// Problem is one item of a validation failure.
type Problem struct {
	Code  string         `json:"code"`
	Field string         `json:"field,omitempty"`
	Data  map[string]any `json:"data,omitempty"`
}

// SendFailure is the data of EventFailed: the error code and data, and
// for a validation (code "validation.failed") every problem. Resumable says
// whether Resume can continue it.
type SendFailure struct {
	OpID      int64          `json:"opId"`
	Code      string         `json:"code"`
	Data      map[string]any `json:"data,omitempty"`
	Problems  []Problem      `json:"problems,omitempty"`
	Resumable bool           `json:"resumable"`
}

// CodeValidationFailed is the code of a failure that lists problems (the
// same code app.ErrorPayload uses for crm.Invalid).
const CodeValidationFailed = "validation.failed"

// Sender runs send operations. Build it with NewSender; it is safe for
// concurrent use.
type Sender struct {
	store     SendStore
	keys      KeyTokens
	connector *Connector
	emit      func(name string, data any)
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Log receives codes and ids only: never a token, CPF or e-mail.
	Log *slog.Logger
	// ClientOptions are added to every Clicksign client (tests shorten
	// retries).
	ClientOptions []clicksign.Option
	// ClaimHeartbeat is how often a run renews its claim on the operation
	// row, and ClaimStale how old a claim must be before another PC takes
	// it as abandoned (its PC died). Several PCs share one database in
	// office mode, so the claim, not this process's memory, decides who
	// runs an operation.
	ClaimHeartbeat time.Duration
	ClaimStale     time.Duration
	// DocuSign gives the clients of DocuSign keys; nil leaves a DocuSign
	// key's send failing as unreachable (docusign_send.go).
	DocuSign DocuSignClients
	// Recheck, when set, is asked again about an operation prepared on an
	// earlier run (Tentar novamente, a resume at start-up or on another PC,
	// a second Enviar) before anything of it goes live: rules may have
	// changed since the merge stored its signers (a template marked "Vai a
	// registro"). A *crm.Invalid stops the operation as a validation
	// failure listing every problem, before activation, so nothing is
	// half-sent and no second envelope is made.
	Recheck func(ctx context.Context, op SendOperation) error

	// runner identifies this Sender in the claims it writes. It is random
	// per start: two PCs never share it, and a claim left by a crashed
	// previous start is not taken for this one's.
	runner string

	// startMu serialises begin, so a double click cannot reset an
	// operation another click has just launched.
	startMu sync.Mutex
	mu      sync.Mutex
	running map[int64]*sendRun
	clients map[int64]clientEntry
	wg      sync.WaitGroup
}

type clientEntry struct {
	token  string
	env    crm.Environment
	client *clicksign.Client
}

// sendRun is one operation executing in this process.
type sendRun struct {
	cancel context.CancelFunc
	done   chan struct{}
	// activating is set (under Sender.mu) once the run passed the last
	// point where cancelling can stop it.
	activating bool
	err        error
}

// NewSender builds a Sender. emit may be nil (no events); it is called from
// the operations' goroutines, sometimes from two at once.
func NewSender(store SendStore, keys KeyTokens, connector *Connector, emit func(name string, data any)) *Sender {
	if emit == nil {
		emit = func(string, any) {}
	}
	return &Sender{store: store, keys: keys, connector: connector, emit: emit, Now: time.Now,
		Log: slog.New(slog.DiscardHandler), running: map[int64]*sendRun{}, clients: map[int64]clientEntry{},
		ClaimHeartbeat: DefaultClaimHeartbeat, ClaimStale: DefaultClaimStale, runner: "run-" + reference() + reference()}
}

// Defaults of Sender.ClaimHeartbeat and Sender.ClaimStale: six missed
// heartbeats before a claim counts as abandoned, so a slow database or a
// busy PC does not lose its run to another.
const (
	DefaultClaimHeartbeat = 10 * time.Second
	DefaultClaimStale     = 60 * time.Second
)

// SendKey is the idempotency key of a request: the reservation and its
// sorted, de-duplicated contract ids.
func SendKey(reservationID int64, contractIDs []int64) string {
	ids := append([]int64(nil), contractIDs...)
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	parts := make([]string, 0, len(ids))
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			parts = append(parts, strconv.FormatInt(id, 10))
		}
	}
	return "r" + strconv.FormatInt(reservationID, 10) + ":c" + strings.Join(parts, ",")
}

// Start begins (or finds) the operation for req and returns its id at once;
// the work goes on in a goroutine that reports through events. The same
// reservation and contracts return the same operation: while it runs, the
// running one; after a failure, it resumes (without remote facts yet, it
// starts over with this req); once sent, it is returned as is. The goroutine
// does not stop when ctx ends (Start returns at once): use Cancel.
func (s *Sender) Start(ctx context.Context, req SendRequest) (int64, error) {
	id, _, err := s.begin(context.WithoutCancel(ctx), req)
	return id, err
}

// Run is Start that waits for the end and returns its error. Cancelling
// ctx before activation stops the send (crm.CodeCanceled); after it, the
// envelope is live and the run completes.
func (s *Sender) Run(ctx context.Context, req SendRequest) (int64, error) {
	id, r, err := s.begin(ctx, req)
	if err != nil || r == nil {
		return id, err
	}
	<-r.done
	return id, r.err
}

// Resume continues an operation from its first incomplete step and waits
// for the end. An operation already sent returns nil at once.
func (s *Sender) Resume(ctx context.Context, opID int64) error {
	r, err := s.launch(ctx, opID, nil)
	if err != nil || r == nil {
		return err
	}
	<-r.done
	return r.err
}

// StartResume is Resume in the background ("Tentar novamente"), reporting
// through events.
func (s *Sender) StartResume(ctx context.Context, opID int64) error {
	_, err := s.launch(context.WithoutCancel(ctx), opID, nil)
	return err
}

// ResumeOpen resumes, in the background, every operation a previous run of
// the app left unfinished (call it at start-up) and returns their ids.
func (s *Sender) ResumeOpen(ctx context.Context) ([]int64, error) {
	ids, err := s.store.OpenSends(ctx)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if _, err := s.launch(context.WithoutCancel(ctx), id, nil); err != nil {
			if crm.AsError(err).Code == crm.CodeSendRunningElsewhere {
				continue // another PC of the office resumes it
			}
			s.Log.Warn("send: resume at start-up failed", "op", id, "code", crm.AsError(err).Code)
		}
	}
	return ids, nil
}

// WatchOrphans takes over, until ctx ends, the sends another PC (or this
// one's previous start) left running when it died: every ClaimStale/2 it
// resumes those whose claim went stale. Start-up's ResumeOpen skips a send
// whose claim is still fresh; this is what resumes it once that claim
// expires, so an interrupted send completes on whichever PC runs next.
func (s *Sender) WatchOrphans(ctx context.Context) {
	t := time.NewTicker(s.ClaimStale / 2)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.adoptOrphans(ctx)
		}
	}
}

func (s *Sender) adoptOrphans(ctx context.Context) {
	ids, err := s.store.OrphanedSends(ctx, s.now().Add(-s.ClaimStale))
	if err != nil {
		s.Log.Warn("send: listing abandoned sends", "err", err)
		return
	}
	for _, id := range ids {
		s.mu.Lock()
		here := s.running[id] != nil
		s.mu.Unlock()
		if here {
			continue // this PC's own run, its heartbeat late
		}
		if _, err := s.launch(context.WithoutCancel(ctx), id, nil); err != nil && crm.AsError(err).Code != crm.CodeSendRunningElsewhere {
			s.Log.Warn("send: taking over an abandoned send", "op", id, "code", crm.AsError(err).Code)
		} else if err == nil {
			s.Log.Info("send: took over an abandoned send", "op", id)
		}
	}
}

// Get returns an operation as stored (for the screen after a reload).
func (s *Sender) Get(ctx context.Context, opID int64) (SendOperation, error) {
	op, err := s.store.Send(ctx, opID)
	if err != nil {
		return SendOperation{}, err
	}
	return op.withProgress(), nil
}

// Cancel stops a running operation before activation; it can be resumed
// later and reuses its draft envelope. After activation it returns
// CodeAlreadyActive: the envelope is live and nothing remote is stopped.
func (s *Sender) Cancel(ctx context.Context, opID int64) error {
	s.mu.Lock()
	r := s.running[opID]
	if r != nil && !r.activating {
		r.cancel()
		s.mu.Unlock()
		return nil
	}
	s.mu.Unlock()
	if r != nil {
		return crm.E(CodeAlreadyActive, "opId", opID)
	}
	op, err := s.store.Send(ctx, opID)
	if err != nil {
		return err
	}
	if op.Step.Reached(StepActivated) {
		return crm.E(CodeAlreadyActive, "opId", opID)
	}
	return nil
}

// Wait blocks until every operation this Sender runs has stopped.
func (s *Sender) Wait() { s.wg.Wait() }

func (s *Sender) now() time.Time { return s.Now() }

func (s *Sender) begin(ctx context.Context, req SendRequest) (int64, *sendRun, error) {
	s.startMu.Lock()
	defer s.startMu.Unlock()
	key := SendKey(req.ReservationID, req.ContractIDs)
	id, created, err := s.store.CreateSend(ctx, SendOperation{Key: key, ReservationID: req.ReservationID,
		IntegrationID: req.IntegrationID, ContractIDs: req.ContractIDs, Name: strings.TrimSpace(req.EnvelopeName)}, s.now())
	if err != nil {
		return 0, nil, err
	}
	if !created {
		s.mu.Lock()
		r := s.running[id]
		s.mu.Unlock()
		if r != nil {
			return id, r, nil // a double click: the same run
		}
		// The claim comes before the reset: another PC may be running
		// this operation right now, and resetting it under that run would
		// mix two requests.
		if err := s.claim(ctx, id); err != nil {
			return id, nil, err
		}
		op, err := s.store.Send(ctx, id)
		if err != nil {
			s.unclaim(id)
			return id, nil, err
		}
		if op.Status == SendSent {
			s.unclaim(id)
			return id, nil, nil
		}
		if op.EnvelopeID == "" && !op.EnvelopeAttempted {
			// Nothing exists on Clicksign yet: the new request (perhaps
			// with a phone fixed since) replaces the old one.
			if err := s.store.ResetSend(ctx, id, strings.TrimSpace(req.EnvelopeName), req.IntegrationID, s.now()); err != nil {
				s.unclaim(id)
				return id, nil, err
			}
		}
	}
	r, err := s.launch(ctx, id, &req)
	return id, r, err
}

// claim takes the run of id in the database for this Sender, or returns
// crm.CodeSendRunningElsewhere when another PC holds a live claim.
func (s *Sender) claim(ctx context.Context, id int64) error {
	now := s.now()
	won, err := s.store.ClaimSend(context.WithoutCancel(ctx), id, s.runner, now, now.Add(-s.ClaimStale))
	if err != nil {
		return err
	}
	if !won {
		return crm.E(crm.CodeSendRunningElsewhere, "opId", id)
	}
	return nil
}

// unclaim lets another PC run id; a failure only delays that until the
// claim goes stale, so it is logged, not returned.
func (s *Sender) unclaim(id int64) {
	if err := s.store.UnclaimSend(context.Background(), id, s.runner); err != nil {
		s.Log.Warn("send: releasing the run claim", "op", id, "err", err)
	}
}

// launch starts the run of id in a goroutine unless one is running here
// (then it returns that one) or the operation is already sent (nil run).
// The run first claims the operation in the database, so of several PCs
// launching it at once exactly one runs it; the others get
// crm.CodeSendRunningElsewhere.
func (s *Sender) launch(ctx context.Context, id int64, req *SendRequest) (*sendRun, error) {
	s.mu.Lock()
	if r := s.running[id]; r != nil {
		s.mu.Unlock()
		return r, nil
	}
	if err := s.claim(ctx, id); err != nil {
		s.mu.Unlock()
		return nil, err
	}
	// Read after the claim: a PC that finished just before it has
	// recorded the send, and this one must not run it again.
	op, err := s.store.Send(ctx, id)
	if err != nil {
		s.mu.Unlock()
		s.unclaim(id)
		return nil, err
	}
	if op.Status == SendSent {
		s.mu.Unlock()
		s.unclaim(id)
		return nil, nil
	}
	rctx, cancel := context.WithCancel(ctx)
	r := &sendRun{cancel: cancel, done: make(chan struct{})}
	s.running[id] = r
	s.wg.Add(1)
	s.mu.Unlock()
	stopBeat := make(chan struct{})
	beatDone := make(chan struct{})
	go s.heartbeat(id, r, stopBeat, beatDone)
	go func() {
		defer s.wg.Done()
		defer cancel()
		r.err = s.execute(rctx, r, id, req)
		close(stopBeat)
		<-beatDone
		s.unclaim(id)
		s.mu.Lock()
		delete(s.running, id)
		s.mu.Unlock()
		close(r.done)
	}()
	return r, nil
}

// heartbeat renews the claim of a run until stop closes. A run whose claim
// was taken (this PC stalled past ClaimStale) is cancelled before its
// activation, since another PC now runs the operation; past it, the
// envelope is live and finishing is harmless.
func (s *Sender) heartbeat(id int64, r *sendRun, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(s.ClaimHeartbeat)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			held, err := s.store.RefreshSend(context.Background(), id, s.runner, s.now())
			if err != nil {
				s.Log.Warn("send: renewing the run claim", "op", id, "err", err)
				continue
			}
			if !held {
				s.Log.Warn("send: run claim taken by another computer", "op", id)
				s.mu.Lock()
				if !r.activating {
					r.cancel()
				}
				s.mu.Unlock()
				return
			}
		}
	}
}

func (s *Sender) progress(id int64, step string) {
	s.emit(EventProgress, Progress{OpID: id, Step: step, Done: progressDone(step), Total: ProgressTotal})
}

// execute runs or resumes one operation and records how it ended. Store
// writes use a context that ignores cancellation: an id Clicksign returned
// must be saved even when the user has just clicked "Cancelar".
func (s *Sender) execute(ctx context.Context, r *sendRun, id int64, req *SendRequest) error {
	sctx := context.WithoutCancel(ctx)
	err := s.executeSteps(ctx, r, id, req)
	if err == nil {
		op, gerr := s.store.Send(sctx, id)
		if gerr != nil {
			return gerr
		}
		if err := s.store.SetSendStatus(sctx, id, SendSent, "", nil, s.now()); err != nil {
			return err
		}
		s.progress(id, ProgressDone)
		s.emit(EventSent, SendResult{OpID: id, EnvelopeID: op.EnvelopeID})
		s.Log.Info("send: envelope sent", "op", id, "envelope", op.EnvelopeID)
		return nil
	}
	err = s.classify(ctx, err)
	f := failureOf(id, err)
	status := SendFailed
	if f.Code == crm.CodeCanceled {
		status = SendCanceled
	}
	data := f.Data
	if len(f.Problems) > 0 {
		data = map[string]any{"problems": f.Problems}
	}
	if serr := s.store.SetSendStatus(sctx, id, status, f.Code, data, s.now()); serr != nil {
		s.Log.Error("send: recording the failure", "op", id, "err", serr)
	}
	s.emit(EventFailed, f)
	s.Log.Info("send: stopped", "op", id, "code", f.Code, "err", err)
	return err
}

// classify turns any failure into a user-facing error: Clicksign's answers
// and network failures through Translate, a cancellation as CodeCanceled,
// and anything else (a database error) as crm.CodeInternal, never as a
// Clicksign error.
func (s *Sender) classify(ctx context.Context, err error) error {
	var inv *crm.Invalid
	var ce *crm.Error
	var api *clicksign.APIError
	switch {
	case errors.As(err, &inv), errors.As(err, &ce) && ce.Code != crm.CodeInternal:
		return err
	case ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || clicksign.IsNetwork(err)):
		return crm.E(crm.CodeCanceled).Wrap(err)
	case clicksign.IsNetwork(err), errors.As(err, &api):
		return Translate(err)
	}
	return crm.AsError(err)
}

func failureOf(id int64, err error) SendFailure {
	f := SendFailure{OpID: id, Resumable: true}
	var inv *crm.Invalid
	if errors.As(err, &inv) {
		f.Code = CodeValidationFailed
		f.Resumable = false
		for _, p := range inv.Problems {
			f.Problems = append(f.Problems, Problem{Code: p.Code, Field: p.Field, Data: p.Data})
		}
		return f
	}
	e := crm.AsError(err)
	f.Code, f.Data = e.Code, e.Data
	if e.Code == CodeRequestNeeded {
		f.Resumable = false
	}
	return f
}

func (s *Sender) executeSteps(ctx context.Context, r *sendRun, id int64, req *SendRequest) error {
	sctx := context.WithoutCancel(ctx)
	if err := s.store.SetSendStatus(sctx, id, SendRunning, "", nil, s.now()); err != nil {
		return err
	}
	op, err := s.store.Send(sctx, id)
	if err != nil {
		return err
	}
	keyID := op.IntegrationID
	if op.Step == StepNew && req != nil {
		keyID = req.IntegrationID
		s.progress(id, ProgressValidating)
	}
	// The key says which provider sends (a DocuSign key has no Clicksign
	// token: its error is the Clicksign path's alone).
	key, token, keyErr := s.keys.Token(ctx, keyID)
	if op.Step != StepNew && s.Recheck != nil && notLive(op, key.Provider) {
		if err := s.Recheck(ctx, op); err != nil {
			return err
		}
	}
	if key.Provider == crm.ProviderDocuSign {
		return s.executeDocuSign(ctx, r, op, key, req)
	}
	if op.Step == StepNew {
		if req == nil {
			return crm.E(CodeRequestNeeded, "opId", id)
		}
		var merged []crm.ResolvedSigner
		var batch *pdfs.Batch
		merged, batch, err = s.validate(ctx, *req, keyErr)
		if err != nil {
			return err
		}
		s.progress(id, ProgressMerging)
		if err := s.prepare(ctx, id, *req, merged, batch); err != nil {
			return err
		}
		if op, err = s.store.Send(sctx, id); err != nil {
			return err
		}
	} else if keyErr != nil {
		return keyErr
	}
	c, err := s.client(key, token)
	if err != nil {
		return err
	}
	return s.remote(ctx, r, c, key, op)
}

// notLive reports whether nothing of op can be live at the provider yet:
// Clicksign before the activation was tried, DocuSign (whose one POST creates
// and sends) before the envelope was.
func notLive(op SendOperation, provider crm.Provider) bool {
	if provider == crm.ProviderDocuSign {
		return op.EnvelopeID == "" && !op.EnvelopeAttempted
	}
	return !op.Step.Reached(StepActivated) && !op.ActivationAttempted
}

// validate checks the whole request and lists every problem at once. The
// documents are checked by preparing them (read, filled, stripped): the
// returned batch is what prepare merges, so each PDF is parsed once.
func (s *Sender) validate(ctx context.Context, req SendRequest, keyErr error) ([]crm.ResolvedSigner, *pdfs.Batch, error) {
	var inv crm.Invalid
	if keyErr != nil {
		inv.Add(crm.AsError(keyErr))
	}
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
	var inputDoc []int // document index of each input
	for i, d := range req.Documents {
		field := fmt.Sprintf("documents[%d]", i)
		total += len(d.PDF)
		if len(d.PDF) > MaxFileBytes {
			inv.Add(crm.E(CodeFileTooLarge, "name", d.Name, "sizeMB", megabytes(len(d.PDF)), "maxMB", MaxFileBytes>>20).OnField(field))
		} else {
			inputs = append(inputs, pdfs.Input{Name: d.Name, PDF: d.PDF, Values: d.Values})
			inputDoc = append(inputDoc, i)
		}
		if i < len(req.Signers) && len(req.Signers[i]) == 0 {
			inv.Add(crm.E(CodeNoSigners, "name", d.Name).OnField(field))
		}
	}
	if total > MaxEnvelopeBytes {
		inv.Add(crm.E(CodeEnvelopeTooLarge, "sizeMB", megabytes(total), "maxMB", MaxEnvelopeBytes>>20).OnField("documents"))
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
	crm.AddEnvelopeSignerProblems(&inv, merged)
	if err := ctx.Err(); err != nil {
		return nil, nil, crm.E(crm.CodeCanceled).Wrap(err)
	}
	if err := inv.Err(); err != nil {
		return nil, nil, err
	}
	return merged, batch, nil
}

// withData returns a copy of e with more data (the original is shared).
func withData(e *crm.Error, kv ...any) *crm.Error {
	c := *e
	c.Data = map[string]any{}
	for k, v := range e.Data {
		c.Data[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			c.Data[k] = kv[i+1]
		}
	}
	return &c
}

func megabytes(n int) float64 { return float64(n*10/(1<<20)) / 10 }

// prepare merges the documents validate prepared and saves the merged PDF,
// the unique remote name and the merged signers in one transaction.
func (s *Sender) prepare(ctx context.Context, id int64, req SendRequest, merged []crm.ResolvedSigner, batch *pdfs.Batch) error {
	if batch == nil {
		return crm.E(pdfs.CodeEmpty)
	}
	var buf bytes.Buffer
	if _, err := batch.Merge(ctx, &buf, nil); err != nil {
		return err
	}
	if buf.Len() > MaxFileBytes {
		var inv crm.Invalid
		inv.Add(crm.E(CodeMergedTooLarge, "sizeMB", megabytes(buf.Len()), "maxMB", MaxFileBytes>>20).OnField("documents"))
		return &inv
	}
	name := strings.TrimSpace(req.EnvelopeName)
	signers := make([]SendSigner, len(merged))
	for i, m := range merged {
		signers[i] = SendSigner{Position: i, Signer: m}
	}
	return s.store.SavePrepared(context.WithoutCancel(ctx), id, name+" · ref. "+reference(), fileName(name), buf.Bytes(), signers, s.now())
}

// reference is a random tag that makes the envelope name unique across
// computers sharing one Clicksign account, so the look-up after a lost
// answer can never adopt someone else's envelope.
func reference() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// fileName makes a PDF name from the envelope name: characters Windows or
// Clicksign would refuse are dropped, and it is kept short.
func fileName(name string) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return -1
		}
		return r
	}, name)
	clean = strings.TrimSpace(clean)
	for utf8.RuneCountInString(clean) > 100 {
		_, size := utf8.DecodeLastRuneInString(clean)
		clean = clean[:len(clean)-size]
	}
	if clean == "" {
		clean = "Contratos"
	}
	return clean + ".pdf"
}

// client returns one client per key, so all operations of one Clicksign
// account share its rate limiter.
func (s *Sender) client(key crm.Integration, token string) (*clicksign.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.clients[key.ID]; ok && e.token == token && e.env == key.Environment {
		return e.client, nil
	}
	c, err := s.connector.Client(key.Environment, token, s.ClientOptions...)
	if err != nil {
		return nil, err
	}
	s.clients[key.ID] = clientEntry{token: token, env: key.Environment, client: c}
	return c, nil
}
