package simulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// roles is the union of qualification roles the reference lists as valid.
var roles = strings.Fields(`account_holder accountant administrator approve associate attorney bailee borrower broker
building_manager buyer co_responsible collateral_provider comforter condominium_member consented consenting
consenting_intervenor consignee contractee contractor creditor debtor director distracted distracting
employee employer endorsee endorser franchisee franchisor grantee grantor guarantor guarantor_spouse
insurance_broker insured intermediary intervening intervening_guarantor issuer joint_debtor lawyer
legal_guardian legal_representative lender lessee lessor licensed licensor manager owner partner party
pledged president ratify real_estate_broker receipt resident secretary secured seller service_provider
sign surety surveyor transferee transferor treasurer validator witness`)

var auths = []string{"email", "sms", "whatsapp", "pix", "icp_brasil", "handwritten", "selfie", "official_document",
	"address_proof", "liveness", "facial_biometrics", "identity_biometrics", "auto_signature", "presential",
	"embedded_signature", "biometric", "documentscopy"}

// prefixed rewrites an error's pointer for an atomic operation at index i.
func prefixed(err error, i int) error {
	ae, ok := err.(*apiErr)
	if !ok {
		return err
	}
	body, _ := ae.rep.body.(map[string]any)
	list, _ := body["errors"].([]any)
	for _, o := range list {
		m, _ := o.(map[string]any)
		src, _ := m["source"].(map[string]any)
		p, _ := src["pointer"].(string)
		if p == "" {
			p = "/data"
		}
		m["source"] = map[string]any{"pointer": fmt.Sprintf("/atomic:operations/%d%s", i, p)}
	}
	return ae
}

// requirementsEditable: the official Postman collection changes requirements with
// bulk_requirements after activating, so running envelopes accept it too.
func requirementsEditable(e *envelope) bool { return e.Status == "draft" || e.Status == "running" }

// addRequirement validates one requirement and stores it.
func (s *Simulator) addRequirement(e *envelope, d *dataObj) (*requirement, error) {
	a := d.Attributes
	if err := a.allow("action", "role", "auth", "pages", "kind", "rubric_field"); err != nil {
		return nil, err
	}
	docID, err := d.relID("document", "documents")
	if err != nil {
		return nil, err
	}
	signerID, err := d.relID("signer", "signers")
	if err != nil {
		return nil, err
	}
	if docID == "" {
		return nil, invalidAt("/data/relationships/document", "document", "não pode ficar em branco")
	}
	if signerID == "" {
		return nil, invalidAt("/data/relationships/signer", "signer", "não pode ficar em branco")
	}
	doc, ok := s.st.Documents[docID]
	if !ok || doc.EnvelopeID != e.ID {
		return nil, invalidAt("/data/relationships/document", "document", msgNotInEnvelope)
	}
	g, ok := s.st.Signers[signerID]
	if !ok || g.EnvelopeID != e.ID {
		return nil, invalidAt("/data/relationships/signer", "signer", msgNotInEnvelope)
	}
	action, _, err := a.str("action")
	if err != nil {
		return nil, err
	}
	now := s.now()
	q := &requirement{ID: newID(), Seq: s.nextSeq(), EnvelopeID: e.ID, DocumentID: docID, SignerID: signerID,
		Action: action, Created: now, Modified: now}
	same := func(match func(*requirement) bool) bool {
		for _, o := range s.st.Requirements {
			if o.DocumentID == docID && o.SignerID == signerID && o.Action == action && match(o) {
				return true
			}
		}
		return false
	}
	switch action {
	case "agree":
		role, _, err := a.str("role")
		if err != nil {
			return nil, err
		}
		if role == "" {
			return nil, invalid("role", "não pode ficar em branco")
		}
		if !oneOf(role, roles...) {
			return nil, invalid("role", msgNotInList)
		}
		if same(func(*requirement) bool { return true }) {
			return nil, invalid("action", "já está em uso")
		}
		q.Role = role
	case "provide_evidence":
		auth, _, err := a.str("auth")
		if err != nil {
			return nil, err
		}
		if auth == "" {
			return nil, invalid("auth", "não pode ficar em branco")
		}
		if !oneOf(auth, auths...) {
			return nil, invalid("auth", msgNotInList)
		}
		if same(func(o *requirement) bool { return o.Auth == auth }) {
			return nil, invalid("action", "já está em uso")
		}
		if oneOf(auth, "sms", "whatsapp") && g.Phone == nil {
			return nil, invalid("auth", msgAuthNeedsPhone+auth)
		}
		if same(func(o *requirement) bool { return icpPairsEvidence(o.Auth, auth) }) {
			return nil, invalid("auth", msgICPExcludesEvidence)
		}
		q.Auth = auth
	case "rubricate":
		q.Pages, _, _ = a.str("pages")
		q.RubricField, _, _ = a.str("rubric_field")
		q.Kind, _, _ = a.str("kind")
		if q.Pages == "" && q.RubricField == "" {
			return nil, invalid("pages", "não pode ficar em branco")
		}
		if q.Kind == "" {
			q.Kind = "initials"
		} else if !oneOf(q.Kind, "initials", "manuscript") {
			return nil, enumErr("kind", "initials", "manuscript")
		}
	default:
		return nil, enumErr("action", "agree", "provide_evidence", "rubricate")
	}
	s.st.Requirements[q.ID] = q
	e.Modified = now
	return q, nil
}

func (s *Simulator) createRequirement(r *http.Request, in *input) reply {
	e, err := s.getEnvelope(r.PathValue("envelope_id"))
	if err != nil {
		return fail(err)
	}
	d, err := readData(r, "requirements", smallBody)
	if err != nil {
		return fail(err)
	}
	if !requirementsEditable(e) {
		return fail(forbidden(msgFinished))
	}
	q, err := s.addRequirement(e, d)
	if err != nil {
		return fail(err)
	}
	return reply{status: http.StatusCreated, body: single(s.requirementJSON(in.base, q))}
}

func (s *Simulator) getRequirement(envelopeID, id string) (*envelope, *requirement, error) {
	e, err := s.getEnvelope(envelopeID)
	if err != nil {
		return nil, nil, err
	}
	q, ok := s.st.Requirements[id]
	if !ok || q.EnvelopeID != e.ID {
		return nil, nil, notFound(id)
	}
	return e, q, nil
}

func (s *Simulator) showRequirement(r *http.Request, in *input) reply {
	_, q, err := s.getRequirement(r.PathValue("envelope_id"), r.PathValue("requirement_id"))
	if err != nil {
		return fail(err)
	}
	return reply{status: http.StatusOK, body: single(s.requirementJSON(in.base, q))}
}

func (s *Simulator) listRequirements(r *http.Request, in *input) reply {
	e, err := s.getEnvelope(r.PathValue("envelope_id"))
	if err != nil {
		return fail(err)
	}
	var items []any
	for _, q := range s.envelopeReqs(e.ID) {
		items = append(items, s.requirementJSON(in.base, q))
	}
	return reply{status: http.StatusOK, body: collection(r, in.base, items)}
}

func (s *Simulator) deleteRequirement(r *http.Request, in *input) reply {
	e, q, err := s.getRequirement(r.PathValue("envelope_id"), r.PathValue("requirement_id"))
	if err != nil {
		return fail(err)
	}
	if !requirementsEditable(e) {
		return fail(forbidden(msgFinished))
	}
	delete(s.st.Requirements, q.ID)
	return reply{status: http.StatusNoContent}
}

type atomicOp struct {
	Op   string   `json:"op"`
	Ref  *dataObj `json:"ref"`
	Data *dataObj `json:"data"`
}

// bulkRequirements applies JSON:API atomic operations all-or-nothing.
func (s *Simulator) bulkRequirements(r *http.Request, in *input) reply {
	e, err := s.getEnvelope(r.PathValue("envelope_id"))
	if err != nil {
		return fail(err)
	}
	b, err := readBody(r, smallBody)
	if err != nil {
		return fail(err)
	}
	var body struct {
		Ops []json.RawMessage `json:"atomic:operations"`
	}
	if err := decodeJSON(b, &body); err != nil || len(body.Ops) == 0 {
		return fail(&apiErr{errReply(400, errObj{Code: "bad_request", Status: 400, Pointer: "/atomic:operations", Detail: "atomic:operations deve ser informado(a)"})})
	}
	if !requirementsEditable(e) {
		return fail(forbidden(msgFinished))
	}
	saved := make(map[string]*requirement, len(s.st.Requirements))
	for k, v := range s.st.Requirements {
		saved[k] = v
	}
	rollback := func() { s.st.Requirements = saved }
	var results []any
	for i, raw := range body.Ops {
		var op atomicOp
		if err := decodeJSON(raw, &op); err != nil {
			rollback()
			return fail(prefixed(badRequest("", "operação inválida"), i))
		}
		switch op.Op {
		case "add":
			if op.Data == nil || op.Data.Type != "requirements" {
				rollback()
				return fail(prefixed(&apiErr{errReply(400, errObj{Code: "bad_request", Status: 400, Pointer: "/data/type", Detail: "type deve ser igual a requirements"})}, i))
			}
			if op.Data.Attributes == nil {
				op.Data.Attributes = attrs{}
			}
			q, err := s.addRequirement(e, op.Data)
			if err != nil {
				rollback()
				return fail(prefixed(err, i))
			}
			results = append(results, map[string]any{"op": "add", "data": s.requirementJSON(in.base, q)})
		case "remove":
			id := ""
			if op.Ref != nil {
				id = op.Ref.ID
			} else if op.Data != nil {
				id = s.matchRequirement(e, op.Data)
			}
			q, ok := s.st.Requirements[id]
			if id == "" || !ok || q.EnvelopeID != e.ID {
				rollback()
				return fail(prefixed(invalidAt("/ref/id", "ref", msgRequirementNotFound), i))
			}
			delete(s.st.Requirements, id)
			results = append(results, map[string]any{"op": "remove"})
		default:
			rollback()
			return fail(prefixed(&apiErr{errReply(400, errObj{Code: "bad_request", Status: 400, Pointer: "/op", Detail: "op deve estar em: add, remove"})}, i))
		}
	}
	return reply{status: http.StatusOK, body: map[string]any{"atomic:results": results}}
}

// matchRequirement finds a requirement addressed by attributes and relationships
// instead of ref (a variant seen in the Insomnia collection).
func (s *Simulator) matchRequirement(e *envelope, d *dataObj) string {
	docID, _ := d.relID("document", "documents")
	signerID, _ := d.relID("signer", "signers")
	action, _, _ := d.Attributes.str("action")
	role, _, _ := d.Attributes.str("role")
	auth, _, _ := d.Attributes.str("auth")
	for _, q := range s.envelopeReqs(e.ID) {
		if q.DocumentID == docID && q.SignerID == signerID && q.Action == action &&
			(role == "" || q.Role == role) && (auth == "" || q.Auth == auth) {
			return q.ID
		}
	}
	return ""
}
