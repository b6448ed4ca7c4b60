package simulator

import (
	"html/template"
	"net/http"
)

// The signing page stands in for Clicksign's: the "url" of a signer in webhook
// payloads points here, so a person testing the desktop app in "Simulador local"
// mode can sign or refuse by clicking, without calling the control API.

var signPage = template.Must(template.New("sign").Parse(`<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>Simulador Clicksign</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:2em auto">
<h1>{{.Envelope}}</h1>
<p>Signatário: <strong>{{.Signer}}</strong> (grupo {{.Group}})</p>
<ul>{{range .Documents}}<li>{{.}}</li>{{end}}</ul>
{{if .Message}}<p><strong>{{.Message}}</strong></p>{{end}}
<form method="post"><input type="hidden" name="action" value="sign">
{{if .Certificate}}<p>Assinatura com certificado ICP-Brasil (simulado):</p>
<select name="cert_kind"><option value="A1">A1 (arquivo)</option><option value="A3">A3 (token ou cartão)</option></select>
<input name="cert_cpf" placeholder="CPF do certificado" required>{{end}}
<button>Assinar</button></form>
{{if .Refusable}}<form method="post"><input type="hidden" name="action" value="refuse">
<input name="reason" placeholder="Motivo da recusa" required><button>Recusar</button></form>{{end}}
</body></html>`))

func (s *Simulator) serveSignPage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("signer_id")
	var message string
	if r.Method == http.MethodPost {
		s.mu.Lock()
		g, ok := s.st.Signers[id]
		envID := ""
		if ok {
			envID = g.EnvelopeID
		}
		s.mu.Unlock()
		var err error
		if r.FormValue("action") == "refuse" {
			err = s.Refuse(envID, id, r.FormValue("reason"))
		} else if r.FormValue("cert_kind") != "" {
			err = s.SignWithCertificate(envID, id, Certificate{Kind: r.FormValue("cert_kind"), CPF: r.FormValue("cert_cpf")})
		} else {
			err = s.Sign(envID, id)
		}
		message = "Feito."
		if err != nil {
			message = "Não foi possível: " + err.Error()
		}
	}
	s.mu.Lock()
	g, ok := s.st.Signers[id]
	if !ok {
		s.mu.Unlock()
		http.NotFound(w, r)
		return
	}
	data := struct {
		Envelope, Signer, Message string
		Group                     int
		Refusable, Certificate    bool
		Documents                 []string
	}{Signer: g.Name, Group: g.Group, Refusable: g.Refusable, Message: message, Certificate: s.needsCertificate(g)}
	if e, ok := s.st.Envelopes[g.EnvelopeID]; ok {
		data.Envelope = e.Name + " (" + e.Status + ")"
	}
	for _, d := range s.qualifiedDocs(g) {
		state := "pendente"
		if _, done := g.Signed[d.ID]; done {
			state = "assinado"
		}
		data.Documents = append(data.Documents, d.Filename+" — "+state)
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = signPage.Execute(w, data)
}
