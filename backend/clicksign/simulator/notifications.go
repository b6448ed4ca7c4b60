package simulator

import (
	"net/http"
	"strconv"
)

func (s *Simulator) notifyEnvelope(r *http.Request, in *input) reply {
	e, err := s.getEnvelope(r.PathValue("envelope_id"))
	if err != nil {
		return fail(err)
	}
	return s.notify(r, in, e, nil)
}

func (s *Simulator) notifySigner(r *http.Request, in *input) reply {
	e, g, err := s.getSigner(r.PathValue("envelope_id"), r.PathValue("signer_id"))
	if err != nil {
		return fail(err)
	}
	return s.notify(r, in, e, g)
}

// notify sends to the active group only (documented) and enforces one call per
// minute per endpoint (documented; the error shape is a choice, see assumptions).
func (s *Simulator) notify(r *http.Request, in *input, e *envelope, only *signer) reply {
	d, err := readData(r, "notifications", smallBody)
	if err != nil {
		return fail(err)
	}
	if err := d.Attributes.allow("message", "email_customization"); err != nil {
		return fail(err)
	}
	if e.Status != "running" {
		return fail(invalidDetail(msgNotRunning))
	}
	now := s.now()
	key := r.URL.Path
	if last, ok := s.st.LastNotify[key]; ok && now.Sub(last) < notifyInterval {
		rep := errReply(http.StatusTooManyRequests, errObj{Code: notifyThrottleCode, Status: 429, Title: notifyThrottleTitle, Detail: notifyThrottleDetail})
		rep.header = map[string]string{"Retry-After": strconv.Itoa(int((notifyInterval - now.Sub(last) + 999_999_999) / 1e9))}
		return rep
	}
	s.st.LastNotify[key] = now
	msg, _, _ := d.Attributes.str("message")
	if msg == "" || msg == "null" {
		msg = "Mensagem configurada por envelope#default_message"
		if e.DefaultMessage != nil {
			msg = *e.DefaultMessage
		}
	}
	active := s.activeGroup(e.ID)
	summary := []any{}
	for _, g := range s.envelopeSigners(e.ID) {
		if only != nil && g.ID != only.ID {
			continue
		}
		ok := s.pending(g) && g.Group == active
		if only == nil && !ok {
			continue
		}
		summary = append(summary, map[string]any{"signer_id": g.ID, "notified": ok})
		if ok {
			s.st.Notifications = append(s.st.Notifications, Notification{ID: newID(), EnvelopeID: e.ID, SignerID: g.ID,
				Channel: g.Comm.SignatureRequest, Message: msg, At: now})
		}
	}
	return reply{status: http.StatusOK, body: single(map[string]any{
		"id": newID(), "type": "notifications",
		"attributes": map[string]any{"message": msg, "summary": summary, "created": fmtTime(now)},
	})}
}

func (s *Simulator) listDocumentEvents(r *http.Request, in *input) reply {
	_, d, err := s.getDocument(r.PathValue("envelope_id"), r.PathValue("document_id"))
	if err != nil {
		return fail(err)
	}
	name := r.URL.Query().Get("filter[name]")
	var items []any
	for _, ev := range s.st.Events {
		if ev.DocumentID == d.ID && (name == "" || ev.Name == name) {
			items = append(items, eventJSON(ev))
		}
	}
	return reply{status: http.StatusOK, body: collection(r, in.base, items)}
}

func (s *Simulator) listEnvelopeEvents(r *http.Request, in *input) reply {
	e, err := s.getEnvelope(r.PathValue("envelope_id"))
	if err != nil {
		return fail(err)
	}
	var items []any
	for _, ev := range s.st.Events {
		if ev.EnvelopeID == e.ID {
			items = append(items, eventJSON(ev))
		}
	}
	return reply{status: http.StatusOK, body: collection(r, in.base, items)}
}
