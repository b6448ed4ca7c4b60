package signing

import (
	"context"
	"time"

	"selo/backend/crm"
)

// SendStatus is where a send operation stands.
type SendStatus string

// Send statuses.
const (
	// SendPending: created, not yet picked up by a worker.
	SendPending SendStatus = "pending"
	// SendRunning: a worker is validating, merging or talking to Clicksign.
	SendRunning SendStatus = "running"
	// SendFailed: stopped on an error (ErrorCode says which); Resume
	// continues from the first incomplete step.
	SendFailed SendStatus = "failed"
	// SendCanceled: the user cancelled before activation; Resume continues
	// (the draft envelope, if any, is reused).
	SendCanceled SendStatus = "canceled"
	// SendSent: activated and notified; the contracts are "Enviado para
	// assinatura".
	SendSent SendStatus = "sent"
)

// SendStep is the last step a send operation completed, in order.
type SendStep string

// Send steps, in order.
const (
	// StepNew: created; nothing merged, nothing sent.
	StepNew SendStep = "new"
	// StepMerged: validated; merged PDF, remote name and signers saved.
	StepMerged SendStep = "merged"
	// StepEnvelope: the draft envelope exists (its id is saved).
	StepEnvelope SendStep = "envelope"
	// StepSigners: the document is uploaded and every signer created.
	StepSigners SendStep = "signers"
	// StepRequirements: bulk_requirements applied.
	StepRequirements SendStep = "requirements"
	// StepActivated: the envelope is running and recorded locally.
	StepActivated SendStep = "activated"
	// StepNotified: the signers were notified; the send is complete.
	StepNotified SendStep = "notified"
)

var stepOrder = map[SendStep]int{StepNew: 0, StepMerged: 1, StepEnvelope: 2, StepSigners: 3,
	StepRequirements: 4, StepActivated: 5, StepNotified: 6}

// Reached reports whether step s is at or past t.
func (s SendStep) Reached(t SendStep) bool { return stepOrder[s] >= stepOrder[t] }

// progressSteps is the send's bar: the Progress steps in the order the
// screen shows them, a step's index being how many are done while it runs
// (ProgressDone, after the last, closes the bar). The Progress events and
// SendOperation.Done both count from it, so a screen that reads a stored
// operation after a reload and one that followed the events draw the same
// bar.
var progressSteps = [ProgressTotal]string{ProgressValidating, ProgressMerging, ProgressUploading,
	ProgressSigners, ProgressActivating, ProgressNotifying}

// progressDone is how many steps of the bar are done while step runs.
func progressDone(step string) int {
	for i, s := range progressSteps {
		if s == step {
			return i
		}
	}
	return ProgressTotal
}

// resumesWith is the Progress step a run (or a resume) emits first after
// each stored step: the stored operation stands there on the bar.
var resumesWith = map[SendStep]string{StepNew: ProgressValidating, StepMerged: ProgressUploading,
	StepEnvelope: ProgressUploading, StepSigners: ProgressSigners, StepRequirements: ProgressActivating,
	StepActivated: ProgressNotifying, StepNotified: ProgressDone}

// withProgress fills Done and Total from the stored step and status.
func (op SendOperation) withProgress() SendOperation {
	op.Total = ProgressTotal
	op.Done = 0
	if step, ok := resumesWith[op.Step]; ok {
		op.Done = progressDone(step)
	}
	if op.Status == SendSent {
		op.Done = ProgressTotal
	}
	return op
}

// SendAttempt names a POST (or the activation PATCH) whose answer may be
// lost; the store records it just before the request goes out.
type SendAttempt string

// The attempts recorded on the operation itself (signers have their own).
const (
	// AttemptDocument: the document upload.
	AttemptDocument SendAttempt = "document"
	// AttemptRequirements: the bulk_requirements call.
	AttemptRequirements SendAttempt = "requirements"
	// AttemptActivation: the PATCH status running.
	AttemptActivation SendAttempt = "activation"
	// AttemptNotify: the envelope notification.
	AttemptNotify SendAttempt = "notify"
)

// SendSigner is one merged person of an operation and its Clicksign id.
type SendSigner struct {
	Position int                `json:"position"`
	Signer   crm.ResolvedSigner `json:"signer"`
	// SignerID is the Clicksign signer id, "" until created.
	SignerID string `json:"signerId"`
	// Attempted: a create was sent; look the signer up before sending again.
	Attempted bool `json:"attempted"`
}

// SendOperation is one persisted send: its key, where it stands and every
// remote id obtained so far.
type SendOperation struct {
	ID            int64   `json:"id"`
	Key           string  `json:"key"`
	ReservationID int64   `json:"reservationId"`
	IntegrationID int64   `json:"integrationId"`
	ContractIDs   []int64 `json:"contractIds"`
	// Name is the envelope name asked for; RemoteName adds the unique
	// reference used on Clicksign.
	Name       string     `json:"name"`
	RemoteName string     `json:"remoteName"`
	Filename   string     `json:"filename"`
	Status     SendStatus `json:"status"`
	Step       SendStep   `json:"step"`
	EnvelopeID string     `json:"envelopeId"`
	DocumentID string     `json:"documentId"`
	// DeadlineAt is fixed just before the envelope is created.
	DeadlineAt            time.Time `json:"deadlineAt" ts_type:"string"`
	EnvelopeAttempted     bool      `json:"-"`
	DocumentAttempted     bool      `json:"-"`
	RequirementsAttempted bool      `json:"-"`
	ActivationAttempted   bool      `json:"-"`
	NotifyAttempted       bool      `json:"-"`
	// ErrorCode and ErrorData describe why the operation stopped (status
	// failed or canceled); for a validation ErrorCode is "validation.failed"
	// and ErrorData holds {"problems": [{code, field, data}...]}.
	ErrorCode string         `json:"errorCode"`
	ErrorData map[string]any `json:"errorData"`
	// Signers are the merged people, in position order; empty before merge.
	Signers   []SendSigner `json:"signers"`
	CreatedAt time.Time    `json:"createdAt" ts_type:"string"`
	UpdatedAt time.Time    `json:"updatedAt" ts_type:"string"`

	// Done of Total steps of the screen's bar are complete, counted as the
	// Progress events count them; filled when the operation is read for the
	// screen (Sender.Get), not stored.
	Done  int `json:"done"`
	Total int `json:"total"`
}

// SendStore persists send operations. Every method commits before it
// returns, so whatever a method saved survives a crash right after it.
// backend/sqlstore implements it (DB.Envelopes()).
type SendStore interface {
	// CreateSend inserts op (status pending, step new) unless an active
	// operation has the same Key; either way it returns that operation's id
	// and whether it was created now.
	CreateSend(ctx context.Context, op SendOperation, now time.Time) (id int64, created bool, err error)
	// Send loads an operation with its contracts and signers
	// (crm.CodeNotFound when absent).
	Send(ctx context.Context, id int64) (SendOperation, error)
	// OpenSends lists operations that are neither sent nor cancelled and
	// got past the merge (before it there is nothing to resume), for a
	// resume at start-up.
	OpenSends(ctx context.Context) ([]int64, error)
	// SetSendStatus records the status and, for failed/canceled, the error.
	SetSendStatus(ctx context.Context, id int64, status SendStatus, code string, data map[string]any, now time.Time) error
	// SavePrepared stores the merge's outcome in one transaction: the merged
	// PDF, the file name, the unique remote name and the merged signers;
	// step becomes merged.
	SavePrepared(ctx context.Context, id int64, remoteName, filename string, pdf []byte, signers []SendSigner, now time.Time) error
	// ResetSend takes an operation with no remote facts back to step new
	// (dropping its signers and file) so a fresh request can replace it.
	ResetSend(ctx context.Context, id int64, name string, integrationID int64, now time.Time) error
	// SendFile returns the merged PDF (crm.CodeNotFound once uploaded).
	SendFile(ctx context.Context, id int64) ([]byte, error)
	// BeginEnvelope records the deadline and that the envelope create is
	// about to be sent.
	BeginEnvelope(ctx context.Context, id int64, deadline time.Time, now time.Time) error
	// SetEnvelope saves the envelope id; step becomes envelope.
	SetEnvelope(ctx context.Context, id int64, envelopeID string, now time.Time) error
	// MarkAttempt records that the request named by what is about to be sent.
	MarkAttempt(ctx context.Context, id int64, what SendAttempt, now time.Time) error
	// SetDocument saves the document id and drops the merged PDF.
	SetDocument(ctx context.Context, id int64, documentID string, now time.Time) error
	// MarkPartsAttempt records, in one write, that the document upload (when
	// document is true) and the creates of the signers at positions are
	// about to be sent: they then all leave together.
	MarkPartsAttempt(ctx context.Context, id int64, document bool, positions []int, now time.Time) error
	// SetSignerID saves a signer's Clicksign id.
	SetSignerID(ctx context.Context, id int64, position int, signerID string, now time.Time) error
	// SetStep records a completed step that carries no id of its own.
	SetStep(ctx context.Context, id int64, step SendStep, now time.Time) error
	// RecordActivated writes, in one transaction, the envelope (status
	// running), its signers (state pendente) and step activated.
	RecordActivated(ctx context.Context, id int64, now time.Time) error
	// ClaimSend makes runner the one process that runs the operation, in
	// one conditional write, and reports whether it won: it wins when no
	// runner holds the operation, when runner already holds it, or when the
	// holder's last heartbeat is before staleBefore (that PC died). Several
	// PCs on one database may call it at once; at most one wins.
	ClaimSend(ctx context.Context, id int64, runner string, now, staleBefore time.Time) (bool, error)
	// RefreshSend renews runner's heartbeat; false when runner no longer
	// holds the operation (another PC took it as stale).
	RefreshSend(ctx context.Context, id int64, runner string, now time.Time) (bool, error)
	// OrphanedSends lists operations left running (or pending) past the
	// merge whose claim is free or older than staleBefore: their PC died or
	// quit mid-run, and another may take them over.
	OrphanedSends(ctx context.Context, staleBefore time.Time) ([]int64, error)
	// UnclaimSend ends runner's claim (nothing when runner does not hold it).
	UnclaimSend(ctx context.Context, id int64, runner string) error
}

// KeyTokens gives an integration and its token from the keyring;
// integrations.Service implements it (crm.CodeTokenMissing when the keyring
// has no token).
type KeyTokens interface {
	Token(ctx context.Context, id int64) (crm.Integration, string, error)
}
