package simulator

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

const smallBody = 1 << 20

var envelopeAttrs = []string{"name", "locale", "auto_close", "remind_interval", "block_after_refusal",
	"deadline_at", "default_subject", "default_message", "deadline_partial_signature_action"}

func (s *Simulator) getEnvelope(id string) (*envelope, error) {
	e, ok := s.st.Envelopes[id]
	if !ok {
		return nil, notFound(id)
	}
	return e, nil
}

func parseTime(v string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.000Z0700", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// checkDeadline enforces "not in the past" (documented) and the 90-day maximum.
func (s *Simulator) checkDeadline(t time.Time) error {
	now := s.now()
	if t.Before(now) {
		return invalid("deadline_at", msgDeadlineMin+fmtTime(now).(string))
	}
	if t.After(now.Add(maxDeadline)) {
		return invalid("deadline_at", msgDeadlineMax+fmtTime(now.Add(maxDeadline)).(string))
	}
	return nil
}

// applyEnvelopeAttrs validates and applies attributes shared by create and update.
func (s *Simulator) applyEnvelopeAttrs(e *envelope, a attrs, creating bool) error {
	if v, ok, err := a.str("name"); err != nil {
		return err
	} else if ok {
		e.Name = v
	}
	if v, ok, err := a.str("locale"); err != nil {
		return err
	} else if ok {
		if !oneOf(v, "pt-BR", "en-US") {
			return badRequest("locale", "locale deve estar em: pt-BR, en-US")
		}
		e.Locale = v
	}
	if v, ok, err := a.boolean("auto_close"); err != nil {
		return err
	} else if ok {
		e.AutoClose = v
	}
	if v, ok, err := a.boolean("block_after_refusal"); err != nil {
		return err
	} else if ok {
		e.BlockAfterRefusal = v
	}
	if raw, present := a["remind_interval"]; present {
		if raw == nil || raw == "null" {
			e.RemindInterval = nil
		} else if raw != "" {
			n, _, err := a.integer("remind_interval")
			if err != nil || !oneOf(itoa(n), "1", "2", "3", "7", "14") {
				return enumErr("remind_interval", "1", "2", "3", "7", "14", "null")
			}
			e.RemindInterval = &n
		}
	}
	if v, ok, err := a.str("deadline_at"); err != nil {
		return err
	} else if ok {
		t, good := parseTime(v)
		if !good {
			return invalid("deadline_at", msgBadDate)
		}
		if err := s.checkDeadline(t); err != nil {
			return err
		}
		e.DeadlineAt = t.UTC()
	}
	if v, ok, err := a.str("default_subject"); err != nil {
		return err
	} else if ok {
		if !creating && e.Status != "draft" {
			return invalid("default_subject", msgSubjectDraftOnly)
		}
		e.DefaultSubject = &v
	}
	if v, ok, err := a.str("default_message"); err != nil {
		return err
	} else if ok {
		e.DefaultMessage = &v
	}
	if v, ok, err := a.str("deadline_partial_signature_action"); err != nil {
		return err
	} else if ok {
		if !oneOf(v, "closed", "canceled") {
			return enumErr("deadline_partial_signature_action", "closed", "canceled")
		}
		e.PartialAction = &v
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }

func (s *Simulator) createEnvelope(r *http.Request, in *input) reply {
	d, err := readData(r, "envelopes", smallBody)
	if err != nil {
		return fail(err)
	}
	if err := d.Attributes.allow(envelopeAttrs...); err != nil {
		return fail(err)
	}
	now := s.now()
	three := 3
	e := &envelope{
		ID: newID(), Seq: s.nextSeq(), Status: "draft", Locale: "pt-BR", AutoClose: true,
		RemindInterval: &three, DeadlineAt: now.Add(defaultDeadline).UTC(), Created: now, Modified: now,
	}
	if err := s.applyEnvelopeAttrs(e, d.Attributes, true); err != nil {
		return fail(err)
	}
	if strings.TrimSpace(e.Name) == "" {
		return fail(invalid("name", "não pode ficar em branco"))
	}
	if folder, err := d.relID("folder", "folders"); err != nil {
		return fail(err)
	} else {
		e.FolderID = folder
	}
	s.st.Envelopes[e.ID] = e
	return reply{status: http.StatusCreated, body: single(s.envelopeJSON(in.base, e))}
}

func (s *Simulator) showEnvelope(r *http.Request, in *input) reply {
	e, err := s.getEnvelope(r.PathValue("envelope_id"))
	if err != nil {
		return fail(err)
	}
	return reply{status: http.StatusOK, body: single(s.envelopeJSON(in.base, e))}
}

func inRange(t time.Time, spec string) bool {
	from, to, _ := strings.Cut(spec, ",")
	if f, ok := parseTime(strings.TrimSpace(from)); ok && t.Before(f) {
		return false
	}
	if u, ok := parseTime(strings.TrimSpace(to)); ok && t.After(u) {
		return false
	}
	return true
}

func (s *Simulator) listEnvelopes(r *http.Request, in *input) reply {
	q := r.URL.Query()
	var list []*envelope
	for _, e := range s.st.Envelopes {
		if v := q.Get("filter[status]"); v != "" && e.Status != v {
			continue
		}
		if v := q.Get("filter[name]"); v != "" && e.Name != v {
			continue
		}
		if v := q.Get("filter[created]"); v != "" && !inRange(e.Created, v) {
			continue
		}
		if v := q.Get("filter[modified]"); v != "" && !inRange(e.Modified, v) {
			continue
		}
		if v := q.Get("filter[deadline_at]"); v != "" && !inRange(e.DeadlineAt, v) {
			continue
		}
		list = append(list, e)
	}
	switch q.Get("sort") {
	case "name":
		sort.Slice(list, func(i, j int) bool {
			return list[i].Name < list[j].Name || (list[i].Name == list[j].Name && list[i].Seq < list[j].Seq)
		})
	case "-name":
		sort.Slice(list, func(i, j int) bool {
			return list[i].Name > list[j].Name || (list[i].Name == list[j].Name && list[i].Seq < list[j].Seq)
		})
	default:
		sort.Slice(list, func(i, j int) bool { return list[i].Seq < list[j].Seq })
	}
	items := make([]any, len(list))
	for i, e := range list {
		items[i] = s.envelopeJSON(in.base, e)
	}
	return reply{status: http.StatusOK, body: collection(r, in.base, items)}
}

func (s *Simulator) updateEnvelope(r *http.Request, in *input) reply {
	e, err := s.getEnvelope(r.PathValue("envelope_id"))
	if err != nil {
		return fail(err)
	}
	d, err := readData(r, "envelopes", smallBody)
	if err != nil {
		return fail(err)
	}
	if d.ID != "" && d.ID != e.ID {
		return fail(&apiErr{errReply(400, errObj{Code: "bad_request", Status: 400, Pointer: "/data/id", Detail: "id deve ser igual a " + e.ID})})
	}
	if err := d.Attributes.allow(append(envelopeAttrs, "status")...); err != nil {
		return fail(err)
	}
	if e.Status == "closed" || e.Status == "canceled" {
		return fail(invalidDetail(msgEnvelopeDone))
	}
	status, hasStatus, err := d.Attributes.str("status")
	if err != nil {
		return fail(err)
	}
	if hasStatus && !oneOf(status, "draft", "running") {
		return fail(enumErr("status", "draft", "running"))
	}
	if hasStatus && status == "draft" && e.Status != "draft" {
		return fail(invalidDetail(msgBackToDraft))
	}
	// Validate on a copy so a refused PATCH changes nothing.
	cp := *e
	if err := s.applyEnvelopeAttrs(&cp, d.Attributes, false); err != nil {
		return fail(err)
	}
	if strings.TrimSpace(cp.Name) == "" {
		return fail(invalid("name", "não pode ficar em branco"))
	}
	activate := hasStatus && status == "running" && e.Status == "draft"
	if activate {
		if err := s.checkDeadline(cp.DeadlineAt); err != nil {
			return fail(err)
		}
		if err := s.canActivate(e); err != nil {
			return fail(err)
		}
	}
	deadlineChanged := !cp.DeadlineAt.Equal(e.DeadlineAt)
	autoCloseChanged := cp.AutoClose != e.AutoClose
	localeChanged := cp.Locale != e.Locale
	cp.Modified = s.now()
	*e = cp
	if activate {
		s.activate(e)
	} else if e.Status == "running" {
		for _, doc := range s.envelopeDocs(e.ID) {
			if doc.Status != "running" {
				continue
			}
			if deadlineChanged {
				s.emit(doc, "update_deadline", map[string]any{"deadline_at": fmtTime(e.DeadlineAt), "user": s.apiUser(), "account": s.account()})
			}
			if autoCloseChanged {
				s.emit(doc, "update_auto_close", map[string]any{"auto_close": e.AutoClose, "user": s.apiUser(), "account": s.account()})
			}
			if localeChanged {
				s.emit(doc, "update_locale", map[string]any{"locale": e.Locale, "user": s.apiUser(), "account": s.account()})
			}
		}
	}
	return reply{status: http.StatusOK, body: single(s.envelopeJSON(in.base, e))}
}

func (s *Simulator) deleteEnvelope(r *http.Request, in *input) reply {
	e, err := s.getEnvelope(r.PathValue("envelope_id"))
	if err != nil {
		return fail(err)
	}
	if e.Status != "draft" {
		return fail(forbidden(msgNotDraft))
	}
	for _, d := range s.envelopeDocs(e.ID) {
		s.deleteFile(d.ID)
		delete(s.st.Documents, d.ID)
	}
	for id, g := range s.st.Signers {
		if g.EnvelopeID == e.ID {
			delete(s.st.Signers, id)
		}
	}
	for id, q := range s.st.Requirements {
		if q.EnvelopeID == e.ID {
			delete(s.st.Requirements, id)
		}
	}
	kept := s.st.Events[:0]
	for _, ev := range s.st.Events {
		if ev.EnvelopeID != e.ID {
			kept = append(kept, ev)
		}
	}
	s.st.Events = kept
	delete(s.st.Envelopes, e.ID)
	return reply{status: http.StatusNoContent}
}
