package signing

import (
	"context"
	"strings"
	"sync"

	"selo/backend/clicksign"
	"selo/backend/crm"
)

// group runs functions concurrently and keeps the first error. Unlike
// errgroup.WithContext it does not cancel the others on a failure: a
// sibling POST that is already on the wire should finish and have its id
// saved, rather than become an answer lost on purpose.
type group struct {
	wg   sync.WaitGroup
	once sync.Once
	err  error
}

func (g *group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.once.Do(func() { g.err = err })
		}
	}()
}

func (g *group) Wait() error {
	g.wg.Wait()
	return g.err
}

// remote runs the Clicksign steps from the first incomplete one.
func (s *Sender) remote(ctx context.Context, r *sendRun, c *clicksign.Client, key crm.Integration, op SendOperation) error {
	sctx := context.WithoutCancel(ctx)
	id := op.ID

	if !op.Step.Reached(StepSigners) {
		s.progress(id, ProgressUploading)
	}
	if op.EnvelopeID == "" {
		envID, err := s.ensureEnvelope(ctx, c, key, op)
		if err != nil {
			return err
		}
		op.EnvelopeID = envID
	}

	if !op.Step.Reached(StepSigners) {
		if err := s.sendParts(ctx, c, op); err != nil {
			return err
		}
		if err := s.store.SetStep(sctx, id, StepSigners, s.now()); err != nil {
			return err
		}
		// The goroutines saved the ids in the store; reload them.
		fresh, err := s.store.Send(sctx, id)
		if err != nil {
			return err
		}
		op = fresh
	}

	if !op.Step.Reached(StepRequirements) {
		s.progress(id, ProgressSigners)
		if err := s.ensureRequirements(ctx, c, op); err != nil {
			return err
		}
		if err := s.store.SetStep(sctx, id, StepRequirements, s.now()); err != nil {
			return err
		}
	}

	// The last point where cancelling stops anything: past it the envelope
	// goes live, so the run finishes whatever the context says.
	s.mu.Lock()
	if err := ctx.Err(); err != nil {
		s.mu.Unlock()
		return crm.E(crm.CodeCanceled).Wrap(err)
	}
	r.activating = true
	s.mu.Unlock()
	ctx = sctx

	if !op.Step.Reached(StepActivated) {
		s.progress(id, ProgressActivating)
		running := false
		if op.ActivationAttempted {
			e, err := c.GetEnvelope(ctx, op.EnvelopeID)
			if err != nil {
				return err
			}
			running = e.Status != clicksign.EnvelopeDraft
		}
		if !running {
			if err := s.store.MarkAttempt(sctx, id, AttemptActivation, s.now()); err != nil {
				return err
			}
			_, err := c.ActivateEnvelope(ctx, op.EnvelopeID)
			if clicksign.IsValidation(err) {
				// A create whose answer was lost can still land after the
				// resume looked for it, leaving a second copy of a signer
				// without requirements, which Clicksign refuses to activate
				// for ever. The draft is ours alone: drop what is not in
				// the operation, then activate once more.
				if dropped, derr := s.dropStraySigners(ctx, c, op); derr == nil && dropped > 0 {
					_, err = c.ActivateEnvelope(ctx, op.EnvelopeID)
				}
			}
			if err != nil {
				return err
			}
		}
		if err := s.store.RecordActivated(sctx, id, s.now()); err != nil {
			return err
		}
	}

	if !op.Step.Reached(StepNotified) {
		s.progress(id, ProgressNotifying)
		if err := s.store.MarkAttempt(sctx, id, AttemptNotify, s.now()); err != nil {
			return err
		}
		_, err := c.NotifyEnvelope(ctx, op.EnvelopeID, clicksign.NotificationParams{})
		// The throttle answer means a notification for this envelope went
		// out less than a minute ago: the one whose answer was lost.
		if err != nil && !clicksign.IsNotificationThrottled(err) {
			return err
		}
		if err := s.store.SetStep(sctx, id, StepNotified, s.now()); err != nil {
			return err
		}
	}
	return nil
}

// dropStraySigners deletes the draft envelope's signers the operation does
// not know and returns how many went.
func (s *Sender) dropStraySigners(ctx context.Context, c *clicksign.Client, op SendOperation) (int, error) {
	ours := map[string]bool{}
	for _, g := range op.Signers {
		ours[g.SignerID] = true
	}
	remote, err := c.ListSigners(ctx, op.EnvelopeID)
	if err != nil {
		return 0, err
	}
	dropped := 0
	for _, r := range remote {
		if ours[r.ID] {
			continue
		}
		if err := c.DeleteSigner(ctx, op.EnvelopeID, r.ID); err != nil {
			return dropped, err
		}
		dropped++
	}
	if dropped > 0 {
		s.Log.Warn("send: dropped signers left by lost answers", "op", op.ID, "count", dropped)
	}
	return dropped, nil
}

// ensureEnvelope finds the envelope a lost answer created or creates it.
func (s *Sender) ensureEnvelope(ctx context.Context, c *clicksign.Client, key crm.Integration, op SendOperation) (string, error) {
	sctx := context.WithoutCancel(ctx)
	if op.EnvelopeAttempted {
		found, err := findEnvelope(ctx, c, op.RemoteName)
		if err != nil {
			return "", err
		}
		if found != "" {
			return found, s.store.SetEnvelope(sctx, op.ID, found, s.now())
		}
	}
	params := MapEnvelope(op.RemoteName, s.connector.Now(key.Environment, s.now()), key)
	if err := s.store.BeginEnvelope(sctx, op.ID, params.DeadlineAt, s.now()); err != nil {
		return "", err
	}
	e, err := c.CreateEnvelope(ctx, params)
	if err != nil {
		return "", err
	}
	return e.ID, s.store.SetEnvelope(sctx, op.ID, e.ID, s.now())
}

// findEnvelope looks an envelope up by its exact, unique name. The name is
// compared again here in case the server's filter matches loosely; with
// several matches (which the unique reference rules out) the oldest wins,
// and never a new one.
func findEnvelope(ctx context.Context, c *clicksign.Client, name string) (string, error) {
	for e, err := range c.AllEnvelopes(ctx, clicksign.EnvelopeFilter{Name: name}) {
		if err != nil {
			return "", err
		}
		if e.Name == name {
			return e.ID, nil
		}
	}
	return "", nil
}

// sendParts uploads the document and creates the signers, all at once:
// they do not depend on each other. What a lost answer already created is
// adopted first (look-ups run only after an attempt of unknown outcome).
func (s *Sender) sendParts(ctx context.Context, c *clicksign.Client, op SendOperation) error {
	sctx := context.WithoutCancel(ctx)
	upload := op.DocumentID == ""
	if upload && op.DocumentAttempted {
		docs, err := c.ListDocuments(ctx, op.EnvelopeID)
		if err != nil {
			return err
		}
		// The envelope is ours and gets one document: match the file name,
		// or take the only document if the service renamed it.
		found := ""
		for _, d := range docs {
			if d.Filename == op.Filename {
				found = d.ID
				break
			}
		}
		if found == "" && len(docs) == 1 {
			found = docs[0].ID
		}
		if found != "" {
			if err := s.store.SetDocument(sctx, op.ID, found, s.now()); err != nil {
				return err
			}
			upload = false
		}
	}
	pending, err := s.adoptSigners(ctx, c, op)
	if err != nil {
		return err
	}
	positions := make([]int, len(pending))
	for i, g := range pending {
		positions[i] = g.Position
	}
	var pdf []byte
	if upload {
		if pdf, err = s.store.SendFile(sctx, op.ID); err != nil {
			return err
		}
	}
	if upload || len(pending) > 0 {
		// One write marks every request about to leave, so none of them
		// waits for another's bookkeeping.
		if err := s.store.MarkPartsAttempt(sctx, op.ID, upload, positions, s.now()); err != nil {
			return err
		}
	}
	var g group
	if upload {
		g.Go(func() error {
			d, err := c.CreateDocument(ctx, op.EnvelopeID, clicksign.DocumentUpload{Filename: op.Filename, Content: pdf})
			if err != nil {
				return err
			}
			if err := s.store.SetDocument(sctx, op.ID, d.ID, s.now()); err != nil {
				return err
			}
			s.progress(op.ID, ProgressSigners)
			return nil
		})
	} else {
		s.progress(op.ID, ProgressSigners)
	}
	for _, p := range pending {
		g.Go(func() error {
			created, err := c.CreateSigner(ctx, op.EnvelopeID, MapSigner(p.Signer).Params())
			if err != nil {
				return err
			}
			return s.store.SetSignerID(sctx, op.ID, p.Position, created.ID, s.now())
		})
	}
	return g.Wait()
}

// adoptSigners returns the signers still to create, after adopting those a
// lost answer already created (one list of the envelope's signers, only
// when some create was attempted without an id).
func (s *Sender) adoptSigners(ctx context.Context, c *clicksign.Client, op SendOperation) ([]SendSigner, error) {
	sctx := context.WithoutCancel(ctx)
	var pending []SendSigner
	lookup := false
	taken := map[string]bool{}
	for _, g := range op.Signers {
		if g.SignerID != "" {
			taken[g.SignerID] = true
			continue
		}
		pending = append(pending, g)
		lookup = lookup || g.Attempted
	}
	if !lookup {
		return pending, nil
	}
	remote, err := c.ListSigners(ctx, op.EnvelopeID)
	if err != nil {
		return nil, err
	}
	var still []SendSigner
	for _, g := range pending {
		if g.Attempted {
			if rid := matchSigner(MapSigner(g.Signer).Signer, remote, taken); rid != "" {
				taken[rid] = true
				if err := s.store.SetSignerID(sctx, op.ID, g.Position, rid, s.now()); err != nil {
					return nil, err
				}
				continue
			}
		}
		still = append(still, g)
	}
	return still, nil
}

// matchSigner finds the remote signer that is this person: same name and
// same e-mail, or same phone when the person has no e-mail.
func matchSigner(want SignerFields, remote []clicksign.Signer, taken map[string]bool) string {
	deref := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	for _, r := range remote {
		if taken[r.ID] || !strings.EqualFold(strings.Join(strings.Fields(r.Name), " "), want.Name) {
			continue
		}
		switch {
		case want.Email != "" && strings.EqualFold(deref(r.Email), want.Email):
			return r.ID
		case want.Email == "" && want.PhoneNumber != "" && deref(r.PhoneNumber) == want.PhoneNumber:
			return r.ID
		}
	}
	return ""
}

// ensureRequirements sends every requirement in one bulk_requirements,
// unless a lost answer already applied it (the call is atomic, so any
// requirement on the envelope means all of them).
func (s *Sender) ensureRequirements(ctx context.Context, c *clicksign.Client, op SendOperation) error {
	sctx := context.WithoutCancel(ctx)
	if op.RequirementsAttempted {
		have, err := c.ListRequirements(ctx, op.EnvelopeID)
		if err != nil {
			return err
		}
		if len(have) > 0 {
			return nil
		}
	}
	var ops []clicksign.BulkOperation
	for _, g := range op.Signers {
		for _, p := range MapSigner(g.Signer).Requirements(op.DocumentID, g.SignerID) {
			ops = append(ops, clicksign.AddRequirement(p))
		}
	}
	if err := s.store.MarkAttempt(sctx, op.ID, AttemptRequirements, s.now()); err != nil {
		return err
	}
	_, err := c.BulkRequirements(ctx, op.EnvelopeID, ops)
	return err
}
