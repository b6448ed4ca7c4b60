package simulator

import (
	"sort"
	"strings"
	"time"
)

// SignerState is where one signer stands in a simulated envelope.
type SignerState string

// Signer states shown by the training panel.
const (
	SignerPending  SignerState = "pending"  // may sign now
	SignerWaiting  SignerState = "waiting"  // an earlier group has not finished
	SignerSigned   SignerState = "signed"   // signed every document
	SignerRefused  SignerState = "refused"  // refused
	SignerInactive SignerState = "inactive" // envelope not running
)

// SignerView is a signer as the training panel shows it. It carries no
// signing link: Selo never shows or copies one.
type SignerView struct {
	ID            string      `json:"id"`
	Name          string      `json:"name"`
	Group         int         `json:"group"`
	State         SignerState `json:"state"`
	Refusable     bool        `json:"refusable"`
	SignedAt      *time.Time  `json:"signedAt,omitempty" ts_type:"string"`
	RefusalReason string      `json:"refusalReason,omitempty"`
	// Certificate: the signer signs only through the certificate step
	// (icp_brasil authentication).
	Certificate bool `json:"certificate"`
}

// EnvelopeView is a simulated envelope for the training panel.
type EnvelopeView struct {
	ID         string       `json:"id"`
	Name       string       `json:"name"`
	Status     string       `json:"status"`
	DeadlineAt time.Time    `json:"deadlineAt" ts_type:"string"`
	Created    time.Time    `json:"created" ts_type:"string"`
	Signers    []SignerView `json:"signers"`
}

// Overview lists the envelopes that left draft, newest first, with each
// signer's state, for "Simular assinatura" / "Simular recusa".
func (s *Simulator) Overview() []EnvelopeView {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.applyDeadlines() {
		_ = s.persist()
	}
	var out []EnvelopeView
	for _, e := range s.st.Envelopes {
		if e.Status == "draft" {
			continue
		}
		v := EnvelopeView{ID: e.ID, Name: e.Name, Status: e.Status, DeadlineAt: e.DeadlineAt, Created: e.Created}
		active := s.activeGroup(e.ID)
		for _, g := range s.envelopeSigners(e.ID) {
			sv := SignerView{ID: g.ID, Name: g.Name, Group: g.Group, Refusable: g.Refusable, RefusalReason: g.RefusalReason,
				Certificate: s.needsCertificate(g)}
			switch {
			case g.Refused:
				sv.State = SignerRefused
			case e.Status == "running" && s.pending(g) && g.Group == active:
				sv.State = SignerPending
			case e.Status == "running" && s.pending(g):
				sv.State = SignerWaiting
			case len(g.Signed) > 0:
				sv.State = SignerSigned
				var last time.Time
				for _, at := range g.Signed {
					if at.After(last) {
						last = at
					}
				}
				sv.SignedAt = &last
			default:
				sv.State = SignerInactive
			}
			v.Signers = append(v.Signers, sv)
		}
		sortSigners(v.Signers)
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Created.After(out[j].Created) })
	return out
}

// sortSigners puts signers in the order they sign (group), then by name as
// a person reads it (case and accents aside). The store keeps them in
// creation order, which is arbitrary: Selo creates signers concurrently.
func sortSigners(list []SignerView) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Group != b.Group {
			return a.Group < b.Group
		}
		if fa, fb := nameKey(a.Name), nameKey(b.Name); fa != fb {
			return fa < fb
		}
		return a.ID < b.ID
	})
}

// foldAccents maps the accented letters of Portuguese to their base letter.
var foldAccents = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ã", "a", "ä", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i",
	"ó", "o", "ò", "o", "ô", "o", "õ", "o", "ö", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ç", "c", "ñ", "n",
)

func nameKey(name string) string {
	return foldAccents.Replace(strings.ToLower(strings.TrimSpace(name)))
}
