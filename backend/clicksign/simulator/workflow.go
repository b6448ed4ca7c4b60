package simulator

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// owned is a resource of one envelope, listed in creation order.
type owned interface {
	owner() (envelopeID string, seq int64)
}

func (d *document) owner() (string, int64)    { return d.EnvelopeID, d.Seq }
func (g *signer) owner() (string, int64)      { return g.EnvelopeID, g.Seq }
func (q *requirement) owner() (string, int64) { return q.EnvelopeID, q.Seq }

// ofEnvelope returns the envelope's resources from all, oldest first.
func ofEnvelope[T owned](all map[string]T, envelopeID string) []T {
	var out []T
	for _, r := range all {
		if id, _ := r.owner(); id == envelopeID {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		_, a := out[i].owner()
		_, b := out[j].owner()
		return a < b
	})
	return out
}

func (s *Simulator) envelopeDocs(envelopeID string) []*document {
	return ofEnvelope(s.st.Documents, envelopeID)
}

func (s *Simulator) envelopeSigners(envelopeID string) []*signer {
	return ofEnvelope(s.st.Signers, envelopeID)
}

func (s *Simulator) envelopeReqs(envelopeID string) []*requirement {
	return ofEnvelope(s.st.Requirements, envelopeID)
}

// qualifiedDocs lists the documents a signer must sign (has an agree requirement on).
func (s *Simulator) qualifiedDocs(g *signer) []*document {
	var out []*document
	for _, q := range s.envelopeReqs(g.EnvelopeID) {
		if q.SignerID == g.ID && q.Action == "agree" {
			if d, ok := s.st.Documents[q.DocumentID]; ok {
				out = append(out, d)
			}
		}
	}
	return out
}

// docSigners lists the signers qualified on a document.
func (s *Simulator) docSigners(d *document) []*signer {
	var out []*signer
	for _, q := range s.envelopeReqs(d.EnvelopeID) {
		if q.DocumentID == d.ID && q.Action == "agree" {
			if g, ok := s.st.Signers[q.SignerID]; ok {
				out = append(out, g)
			}
		}
	}
	return out
}

// pending reports whether the signer still has a running document to sign.
func (s *Simulator) pending(g *signer) bool {
	if g.Refused {
		return false
	}
	for _, d := range s.qualifiedDocs(g) {
		if _, done := g.Signed[d.ID]; !done && d.Status == "running" {
			return true
		}
	}
	return false
}

// activeGroup is the lowest group with a signer still pending; 0 when none.
// Signers of higher groups wait until it is done (signing order).
func (s *Simulator) activeGroup(envelopeID string) int {
	group := 0
	for _, g := range s.envelopeSigners(envelopeID) {
		if s.pending(g) && (group == 0 || g.Group < group) {
			group = g.Group
		}
	}
	return group
}

func (s *Simulator) canActivate(e *envelope) error {
	docs := s.envelopeDocs(e.ID)
	if len(docs) == 0 {
		return invalidDetail(msgNoDocument)
	}
	signers := s.envelopeSigners(e.ID)
	if len(signers) == 0 {
		return invalidDetail(msgNoSigner)
	}
	hasQual := false
	auth := map[string]bool{}
	for _, q := range s.envelopeReqs(e.ID) {
		switch q.Action {
		case "agree":
			hasQual = true
		case "provide_evidence":
			auth[q.SignerID] = true
		}
	}
	if !hasQual {
		return invalidDetail(msgNoQualification)
	}
	for _, g := range signers {
		if !auth[g.ID] {
			return invalidDetail(fmt.Sprintf(msgSignerNoAuth, g.Name))
		}
	}
	return nil
}

func (s *Simulator) activate(e *envelope) {
	now := s.now()
	e.Status = "running"
	e.Modified = now
	for _, d := range s.envelopeDocs(e.ID) {
		d.Status = "running"
		d.Modified = now
		for _, g := range s.docSigners(d) {
			s.emit(d, "add_signer", map[string]any{"signers": []any{s.legacySigner(g, d)}, "user": s.apiUser(), "account": s.account()})
		}
	}
}

func (s *Simulator) apiUser() map[string]any {
	return map[string]any{"email": "api@simulador.local", "name": "Usuário da API"}
}

func (s *Simulator) account() map[string]any { return map[string]any{"key": s.opts.AccountKey} }

// emit records a document event and queues its webhook.
func (s *Simulator) emit(d *document, name string, data any) {
	ev := &event{ID: newID(), Seq: s.nextSeq(), EnvelopeID: d.EnvelopeID, DocumentID: d.ID, Name: name, Created: s.now()}
	if data != nil {
		ev.Data = mustJSON(data)
	}
	s.st.Events = append(s.st.Events, ev)
	s.queueWebhook(d, ev)
}

// legacySigner is the v1-shaped signer used in event data and webhooks.
func (s *Simulator) legacySigner(g *signer, d *document) map[string]any {
	role := ""
	auths := []string{}
	for _, q := range s.envelopeReqs(g.EnvelopeID) {
		if q.SignerID != g.ID || (d != nil && q.DocumentID != d.ID) {
			continue
		}
		switch q.Action {
		case "agree":
			role = q.Role
		case "provide_evidence":
			auths = append(auths, q.Auth)
		}
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	return map[string]any{
		"key": g.ID, "email": str(g.Email), "name": g.Name, "documentation": str(g.Documentation),
		"birthday": str(g.Birthday), "phone_number": str(g.Phone), "has_documentation": g.HasDocumentation,
		"sign_as": role, "auths": auths, "group": g.Group, "communicate_by": g.Comm.SignatureRequest,
		"list_key": g.ID, "url": s.publicURL + "/_sim/sign/" + g.ID,
	}
}

// Control errors returned by Sign and Refuse.
var (
	ErrNotFound     = errors.New("simulator: envelope or signer not found")
	ErrNotRunning   = errors.New("simulator: envelope is not running")
	ErrNotActive    = errors.New("simulator: signer is not in the active signing group")
	ErrNothingToDo  = errors.New("simulator: signer has nothing left to sign")
	ErrNotRefusable = errors.New("simulator: signer is not refusable")
)

func (s *Simulator) controlSigner(envelopeID, signerID string) (*envelope, *signer, error) {
	e, ok := s.st.Envelopes[envelopeID]
	if !ok {
		return nil, nil, ErrNotFound
	}
	g, ok := s.st.Signers[signerID]
	if !ok || g.EnvelopeID != envelopeID {
		return nil, nil, ErrNotFound
	}
	if e.Status != "running" {
		return nil, nil, ErrNotRunning
	}
	if !s.pending(g) {
		return nil, nil, ErrNothingToDo
	}
	if s.activeGroup(e.ID) != g.Group {
		return nil, nil, ErrNotActive
	}
	return e, g, nil
}

// Sign makes a signer sign every running document they are qualified on, as if
// they had gone through the signing page. Only signers of the active group can.
// A signer with the icp_brasil authentication must go through the
// certificate step instead (SignWithCertificate): ErrCertificateRequired.
func (s *Simulator) Sign(envelopeID, signerID string) error {
	return s.sign(envelopeID, signerID, nil)
}

func (s *Simulator) sign(envelopeID, signerID string, cert *Certificate) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.applyDeadlines()
	e, g, err := s.controlSigner(envelopeID, signerID)
	if err != nil {
		return err
	}
	if s.needsCertificate(g) {
		if cert == nil {
			return ErrCertificateRequired
		}
		if err := checkCertificate(g, *cert); err != nil {
			return err
		}
	}
	now := s.now()
	if g.Signed == nil {
		g.Signed = map[string]time.Time{}
	}
	for _, d := range s.qualifiedDocs(g) {
		if _, done := g.Signed[d.ID]; done || d.Status != "running" {
			continue
		}
		g.Signed[d.ID] = now
		d.Modified = now
		s.emit(d, "sign", map[string]any{"signer": s.legacySigner(g, d), "account": s.account()})
		if e.AutoClose && s.allSigned(d) {
			s.finish(d, "closed")
			s.emit(d, "auto_close", nil)
			s.emit(d, "document_closed", map[string]any{"account": s.account()})
		}
	}
	if bumpEnvelopeOnSignature {
		e.Modified = now
	}
	s.aggregate(e)
	return s.persist()
}

func (s *Simulator) allSigned(d *document) bool {
	signers := s.docSigners(d)
	if len(signers) == 0 {
		return false
	}
	for _, g := range signers {
		if _, ok := g.Signed[d.ID]; !ok {
			return false
		}
	}
	return true
}

func (s *Simulator) signatures(d *document) int {
	n := 0
	for _, g := range s.docSigners(d) {
		if _, ok := g.Signed[d.ID]; ok {
			n++
		}
	}
	return n
}

// Refuse makes a refusable signer of the active group refuse to sign.
func (s *Simulator) Refuse(envelopeID, signerID, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.applyDeadlines()
	e, g, err := s.controlSigner(envelopeID, signerID)
	if err != nil {
		return err
	}
	if !g.Refusable {
		return ErrNotRefusable
	}
	g.Refused, g.RefusalReason = true, reason
	g.Modified = s.now()
	for _, d := range s.qualifiedDocs(g) {
		if d.Status != "running" {
			continue
		}
		s.emit(d, "refusal", map[string]any{"signer": s.legacySigner(g, d), "reason": reason, "account": s.account()})
		if e.BlockAfterRefusal {
			s.finish(d, "canceled")
		}
	}
	if bumpEnvelopeOnSignature {
		e.Modified = g.Modified
	}
	s.aggregate(e)
	return s.persist()
}

func (s *Simulator) finish(d *document, status string) {
	now := s.now()
	d.Status, d.Modified, d.FinishedAt = status, now, now
}

// aggregate moves the envelope to closed/canceled once no document is running.
func (s *Simulator) aggregate(e *envelope) {
	if e.Status != "running" {
		return
	}
	docs := s.envelopeDocs(e.ID)
	anyClosed := false
	for _, d := range docs {
		switch d.Status {
		case "running", "draft":
			return
		case "closed":
			anyClosed = true
		}
	}
	e.Modified = s.now()
	if anyClosed {
		e.Status = "closed"
	} else {
		e.Status = "canceled"
	}
}

// applyDeadlines ends running envelopes whose deadline passed: documents with a
// signature close, the others are canceled. It reports whether anything changed.
// Callers hold s.mu.
func (s *Simulator) applyDeadlines() bool {
	now := s.now()
	var due []*envelope
	for _, e := range s.st.Envelopes {
		if e.Status == "running" && !e.DeadlineAt.After(now) {
			due = append(due, e)
		}
	}
	sort.Slice(due, func(i, j int) bool { return due[i].Seq < due[j].Seq })
	for _, e := range due {
		for _, d := range s.envelopeDocs(e.ID) {
			if d.Status != "running" {
				continue
			}
			status := "canceled"
			if s.signatures(d) > 0 {
				status = "closed"
				if e.PartialAction != nil && *e.PartialAction == "canceled" {
					status = "canceled"
				}
			}
			s.finish(d, status)
			s.emit(d, "deadline", map[string]any{"reached_at": fmtTime(e.DeadlineAt), "account": s.account()})
			if status == "closed" {
				s.emit(d, "document_closed", map[string]any{"account": s.account()})
			}
		}
		s.aggregate(e)
	}
	return len(due) > 0
}

// Advance moves the simulated clock forward and applies deadlines.
func (s *Simulator) Advance(d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.ClockOffset += d
	s.applyDeadlines()
	return s.persist()
}

// Notifications returns every notification "sent" so far.
func (s *Simulator) Notifications() []Notification {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Notification(nil), s.st.Notifications...)
}

// EnvelopeStatus returns an envelope's status, for test assertions.
func (s *Simulator) EnvelopeStatus(id string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.st.Envelopes[id]
	if !ok {
		return "", false
	}
	return e.Status, true
}

// DocumentStatus returns a document's status, for test assertions.
func (s *Simulator) DocumentStatus(id string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.st.Documents[id]
	if !ok {
		return "", false
	}
	return d.Status, true
}

// EventNames lists a document's event names in order, for test assertions.
func (s *Simulator) EventNames(documentID string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, ev := range s.st.Events {
		if ev.DocumentID == documentID {
			out = append(out, ev.Name)
		}
	}
	return out
}
