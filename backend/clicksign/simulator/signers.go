package simulator

import (
	"net/http"
	"strings"
	"time"
	"unicode"
)

var signerAttrs = []string{"name", "email", "phone_number", "birthday", "has_documentation", "documentation",
	"refusable", "group", "location_required_enabled", "communicate_events", "signature_host"}

func (s *Simulator) getSigner(envelopeID, signerID string) (*envelope, *signer, error) {
	e, err := s.getEnvelope(envelopeID)
	if err != nil {
		return nil, nil, err
	}
	g, ok := s.st.Signers[signerID]
	if !ok || g.EnvelopeID != e.ID {
		return nil, nil, notFound(signerID)
	}
	return e, g, nil
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// validCPF checks length, the all-same-digit case and both check digits.
func validCPF(cpf string) bool {
	if len(cpf) != 11 || strings.Count(cpf, cpf[:1]) == 11 {
		return false
	}
	for _, n := range []int{9, 10} {
		sum := 0
		for i := 0; i < n; i++ {
			sum += int(cpf[i]-'0') * (n + 1 - i)
		}
		d := sum * 10 % 11
		if d == 10 {
			d = 0
		}
		if d != int(cpf[n]-'0') {
			return false
		}
	}
	return true
}

func formatCPF(d string) string { return d[:3] + "." + d[3:6] + "." + d[6:9] + "-" + d[9:] }

func validEmail(v string) bool {
	at := strings.LastIndex(v, "@")
	return at > 0 && strings.Contains(v[at:], ".") && !strings.ContainsAny(v, " \t,;") && !strings.HasSuffix(v, ".")
}

func (s *Simulator) createSigner(r *http.Request, in *input) reply {
	e, err := s.getEnvelope(r.PathValue("envelope_id"))
	if err != nil {
		return fail(err)
	}
	d, err := readData(r, "signers", smallBody)
	if err != nil {
		return fail(err)
	}
	if e.Status != "draft" {
		return fail(forbidden(msgNotDraft))
	}
	a := d.Attributes
	if err := a.allow(signerAttrs...); err != nil {
		return fail(err)
	}
	now := s.now()
	g := &signer{ID: newID(), Seq: s.nextSeq(), EnvelopeID: e.ID, HasDocumentation: true, Group: 1,
		Comm:    commEvents{SignatureRequest: "email", SignatureReminder: "email", DocumentSigned: "email"},
		Created: now, Modified: now, Signed: map[string]time.Time{}}

	name, _, err := a.str("name")
	if err != nil {
		return fail(err)
	}
	name = strings.Join(strings.Fields(name), " ")
	switch {
	case name == "":
		return fail(invalid("name", "não pode ficar em branco"))
	case strings.IndexFunc(name, unicode.IsDigit) >= 0:
		return fail(invalid("name", msgNameDigits))
	case len(strings.Fields(name)) < 2:
		return fail(invalid("name", msgNameSurname))
	}
	g.Name = name

	if ce, ok := a["communicate_events"]; ok && ce != nil && ce != "" {
		m, isMap := ce.(map[string]any)
		if !isMap {
			return fail(badRequest("communicate_events", "communicate_events deve ser um objeto"))
		}
		if err := attrs(m).allow("signature_request", "signature_reminder", "document_signed"); err != nil {
			return fail(err)
		}
		pick := func(key string, dst *string, values ...string) error {
			v, ok, err := attrs(m).str(key)
			if err != nil || !ok {
				return err
			}
			if !oneOf(v, values...) {
				return enumErr("communicate_events/"+key, values...)
			}
			*dst = v
			return nil
		}
		for _, err := range []error{
			pick("signature_request", &g.Comm.SignatureRequest, "none", "email", "whatsapp", "sms"),
			pick("signature_reminder", &g.Comm.SignatureReminder, "none", "email"),
			pick("document_signed", &g.Comm.DocumentSigned, "email", "whatsapp"),
		} {
			if err != nil {
				return fail(err)
			}
		}
	}

	if v, ok, err := a.str("email"); err != nil {
		return fail(err)
	} else if ok {
		if !validEmail(v) {
			return fail(invalid("email", "inválido"))
		}
		g.Email = &v
	}
	needsEmail := g.Comm.SignatureRequest == "email" || g.Comm.SignatureReminder == "email" || g.Comm.DocumentSigned == "email"
	if needsEmail && g.Email == nil {
		return fail(invalid("email", "não pode ficar em branco"))
	}

	if v, ok, err := a.str("phone_number"); err != nil {
		return fail(err)
	} else if ok {
		p := digits(v)
		if len(p) < 10 || len(p) > 11 || strings.TrimLeft(v, "0123456789 ()-") != "" {
			return fail(invalid("phone_number", "inválido"))
		}
		g.Phone = &p
	}
	needsPhone := oneOf(g.Comm.SignatureRequest, "sms", "whatsapp") || g.Comm.DocumentSigned == "whatsapp"
	if needsPhone && g.Phone == nil {
		return fail(invalid("phone_number", "não pode ficar em branco"))
	}

	if v, ok, err := a.str("birthday"); err != nil {
		return fail(err)
	} else if ok {
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return fail(invalid("birthday", "inválido"))
		}
		g.Birthday = &v
	}
	if v, ok, err := a.boolean("has_documentation"); err != nil {
		return fail(err)
	} else if ok {
		g.HasDocumentation = v
	}
	if v, ok, err := a.str("documentation"); err != nil {
		return fail(err)
	} else if ok {
		cpf := digits(v)
		if !validCPF(cpf) || strings.TrimLeft(v, "0123456789.-") != "" {
			return fail(invalid("documentation", "inválido"))
		}
		f := formatCPF(cpf)
		g.Documentation = &f
	}
	if v, ok, err := a.boolean("refusable"); err != nil {
		return fail(err)
	} else if ok {
		g.Refusable = v
	}
	if v, ok, err := a.boolean("location_required_enabled"); err != nil {
		return fail(err)
	} else if ok {
		g.LocationRequired = v
	}
	if v, ok, err := a.integer("group"); err != nil {
		return fail(err)
	} else if ok {
		if v < 1 {
			return fail(invalid("group", msgGroupMin))
		}
		g.Group = v
	}
	s.st.Signers[g.ID] = g
	e.Modified = now
	return reply{status: http.StatusCreated, body: single(s.signerJSON(in.base, g))}
}

func (s *Simulator) showSigner(r *http.Request, in *input) reply {
	_, g, err := s.getSigner(r.PathValue("envelope_id"), r.PathValue("signer_id"))
	if err != nil {
		return fail(err)
	}
	return reply{status: http.StatusOK, body: single(s.signerJSON(in.base, g))}
}

func (s *Simulator) listSigners(r *http.Request, in *input) reply {
	e, err := s.getEnvelope(r.PathValue("envelope_id"))
	if err != nil {
		return fail(err)
	}
	var items []any
	for _, g := range s.envelopeSigners(e.ID) {
		items = append(items, s.signerJSON(in.base, g))
	}
	return reply{status: http.StatusOK, body: collection(r, in.base, items)}
}

func (s *Simulator) deleteSigner(r *http.Request, in *input) reply {
	e, g, err := s.getSigner(r.PathValue("envelope_id"), r.PathValue("signer_id"))
	if err != nil {
		return fail(err)
	}
	if len(g.Signed) > 0 {
		return fail(forbidden(msgSignerSigned))
	}
	if e.Status == "closed" || e.Status == "canceled" {
		return fail(forbidden(msgNotDraft))
	}
	if e.Status == "running" {
		for _, d := range s.qualifiedDocs(g) {
			if d.Status == "running" {
				s.emit(d, "remove_signer", map[string]any{"signers": []any{s.legacySigner(g, d)}, "user": s.apiUser(), "account": s.account()})
			}
		}
	}
	for id, q := range s.st.Requirements {
		if q.SignerID == g.ID {
			delete(s.st.Requirements, id)
		}
	}
	delete(s.st.Signers, g.ID)
	if e.Status == "running" && e.AutoClose {
		// Removing the last pending signer can complete documents.
		for _, d := range s.envelopeDocs(e.ID) {
			if d.Status == "running" && s.allSigned(d) {
				s.finish(d, "closed")
				s.emit(d, "auto_close", nil)
				s.emit(d, "document_closed", map[string]any{"account": s.account()})
			}
		}
		s.aggregate(e)
	}
	return reply{status: http.StatusNoContent}
}
