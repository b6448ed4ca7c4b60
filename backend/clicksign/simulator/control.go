package simulator

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"
)

func (s *Simulator) routes() {
	s.mux = http.NewServeMux()
	const p = "/api/v3/envelopes"
	s.handle("POST "+p, s.createEnvelope)
	s.handle("GET "+p, s.listEnvelopes)
	s.handle("GET "+p+"/{envelope_id}", s.showEnvelope)
	s.handle("PATCH "+p+"/{envelope_id}", s.updateEnvelope)
	s.handle("DELETE "+p+"/{envelope_id}", s.deleteEnvelope)
	s.handle("GET "+p+"/{envelope_id}/events", s.listEnvelopeEvents)
	s.handle("GET "+p+"/{envelope_id}/documents", s.listDocuments)
	s.handle("POST "+p+"/{envelope_id}/documents", s.createDocument)
	s.handle("GET "+p+"/{envelope_id}/documents/{document_id}", s.showDocument)
	s.handle("PATCH "+p+"/{envelope_id}/documents/{document_id}", s.updateDocument)
	s.handle("DELETE "+p+"/{envelope_id}/documents/{document_id}", s.deleteDocument)
	s.handle("GET "+p+"/{envelope_id}/documents/{document_id}/events", s.listDocumentEvents)
	s.handle("GET "+p+"/{envelope_id}/signers", s.listSigners)
	s.handle("POST "+p+"/{envelope_id}/signers", s.createSigner)
	s.handle("GET "+p+"/{envelope_id}/signers/{signer_id}", s.showSigner)
	s.handle("DELETE "+p+"/{envelope_id}/signers/{signer_id}", s.deleteSigner)
	s.handle("POST "+p+"/{envelope_id}/signers/{signer_id}/notifications", s.notifySigner)
	s.handle("POST "+p+"/{envelope_id}/notifications", s.notifyEnvelope)
	s.handle("GET "+p+"/{envelope_id}/requirements", s.listRequirements)
	s.handle("POST "+p+"/{envelope_id}/requirements", s.createRequirement)
	s.handle("GET "+p+"/{envelope_id}/requirements/{requirement_id}", s.showRequirement)
	s.handle("DELETE "+p+"/{envelope_id}/requirements/{requirement_id}", s.deleteRequirement)
	s.handle("POST "+p+"/{envelope_id}/bulk_requirements", s.bulkRequirements)
	s.webhookRoutes()
	s.handle("/api/v3/", func(r *http.Request, in *input) reply {
		return errReply(404, errObj{Code: "404", Status: 404, Title: "Rota não encontrada", Detail: "Rota não encontrada: " + r.Method + " " + r.URL.Path})
	})

	// Control surface: not part of Clicksign, for tests and the desktop simulator.
	s.mux.HandleFunc("GET /_sim/files/{document_id}/{kind}", s.serveFile)
	s.mux.HandleFunc("GET /_sim/sign/{signer_id}", s.serveSignPage)
	s.mux.HandleFunc("POST /_sim/sign/{signer_id}", s.serveSignPage)
	s.mux.HandleFunc("POST /_sim/envelopes/{envelope_id}/signers/{signer_id}/sign", func(w http.ResponseWriter, r *http.Request) {
		// An optional {"certificate":{"kind":"A1","cpf":"…"}} plays the
		// certificate step of an icp_brasil signer.
		var body struct {
			Certificate *Certificate `json:"certificate"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		controlResult(w, s.sign(r.PathValue("envelope_id"), r.PathValue("signer_id"), body.Certificate), nil)
	})
	s.mux.HandleFunc("POST /_sim/envelopes/{envelope_id}/signers/{signer_id}/refuse", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Reason string `json:"reason"`
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		controlResult(w, s.Refuse(r.PathValue("envelope_id"), r.PathValue("signer_id"), body.Reason), nil)
	})
	s.mux.HandleFunc("GET /_sim/clock", func(w http.ResponseWriter, r *http.Request) {
		controlResult(w, nil, map[string]any{"now": fmtTime(s.Now())})
	})
	s.mux.HandleFunc("POST /_sim/clock/advance", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Seconds  float64 `json:"seconds"`
			Duration string  `json:"duration"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			controlResult(w, err, nil)
			return
		}
		d := time.Duration(body.Seconds * float64(time.Second))
		if body.Duration != "" {
			var err error
			if d, err = time.ParseDuration(body.Duration); err != nil {
				controlResult(w, err, nil)
				return
			}
		}
		err := s.Advance(d)
		controlResult(w, err, map[string]any{"now": fmtTime(s.Now())})
	})
	s.mux.HandleFunc("POST /_sim/faults", func(w http.ResponseWriter, r *http.Request) {
		var f Fault
		if err := json.NewDecoder(r.Body).Decode(&f); err != nil {
			controlResult(w, err, nil)
			return
		}
		s.InjectFault(f)
		controlResult(w, nil, nil)
	})
	s.mux.HandleFunc("DELETE /_sim/faults", func(w http.ResponseWriter, r *http.Request) {
		s.ClearFaults()
		controlResult(w, nil, nil)
	})
	s.mux.HandleFunc("GET /_sim/notifications", func(w http.ResponseWriter, r *http.Request) {
		controlResult(w, nil, s.Notifications())
	})
	s.mux.HandleFunc("GET /_sim/requests", func(w http.ResponseWriter, r *http.Request) {
		controlResult(w, nil, s.RequestCounts())
	})
	s.mux.HandleFunc("DELETE /_sim/requests", func(w http.ResponseWriter, r *http.Request) {
		s.ResetRequestCounts()
		controlResult(w, nil, nil)
	})
	s.mux.HandleFunc("GET /_sim/webhooks", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := waitCtx(r)
		defer cancel()
		err := s.WaitWebhooks(ctx)
		controlResult(w, err, s.WebhookDeliveries())
	})
	s.mux.HandleFunc("POST /_sim/settings", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			EnvelopeAPIEnabled *bool   `json:"envelope_api_enabled"`
			LatencyMS          *int    `json:"latency_ms"`
			WebhookURL         *string `json:"webhook_url"`
			WebhookSecret      *string `json:"webhook_secret"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			controlResult(w, err, nil)
			return
		}
		if body.EnvelopeAPIEnabled != nil {
			s.SetEnvelopeAPIEnabled(*body.EnvelopeAPIEnabled)
		}
		if body.LatencyMS != nil {
			s.SetLatency(time.Duration(*body.LatencyMS) * time.Millisecond)
		}
		if body.WebhookURL != nil {
			secret := ""
			if body.WebhookSecret != nil {
				secret = *body.WebhookSecret
			}
			s.SetWebhook(*body.WebhookURL, secret)
		}
		controlResult(w, nil, nil)
	})
}

// controlResult answers control routes with plain JSON (not JSON:API).
func controlResult(w http.ResponseWriter, err error, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err != nil {
		status := http.StatusBadRequest
		switch {
		case errors.Is(err, ErrNotFound):
			status = http.StatusNotFound
		case errors.Is(err, ErrNotRunning), errors.Is(err, ErrNotActive), errors.Is(err, ErrNothingToDo), errors.Is(err, ErrNotRefusable):
			status = http.StatusConflict
		case errors.Is(err, ErrCertificateRequired), errors.Is(err, ErrCertificateKind), errors.Is(err, ErrCertificateCPF):
			status = http.StatusUnprocessableEntity
		}
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]any{"error": err.Error()})
		return
	}
	if v == nil {
		v = map[string]any{"ok": true}
	}
	_ = json.NewEncoder(w).Encode(v)
}
