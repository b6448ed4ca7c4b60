package privacy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// The readable export: plain A4 pages of text drawn by pdfcpu's page
// creation (already Selo's PDF library), headings in Portuguese. The JSON
// export is the complete one; the PDF leaves out raw webhook bodies, which
// nobody reads, and says so.

// pdfcpu writes nothing under the user's config folder.
func init() { api.DisableConfigDir() }

// KindTitles are the place kinds as the PDF names them.
var KindTitles = map[PlaceKind]string{
	PlaceHolder:         "Titular de reserva",
	PlaceAssociate:      "Associado de reserva",
	PlaceContract:       "Contrato de reserva (PDF)",
	PlaceSend:           "Envio para assinatura",
	PlaceSendError:      "Erro de envio para assinatura",
	PlaceEnvelopeSigner: "Signatário de envelope",
	PlaceSignerRule:     "Assinante configurado (Jurídico)",
	PlaceLead:           "Lead do chat",
	PlaceTranscript:     "Conversa do chat",
	PlaceChatMention:    "Mensagens do chat que citam a pessoa",
	PlaceChatEvent:      "Evento recebido do JivoChat",
	PlaceUser:           "Usuário do Selo",
}

// FieldLabels are the field names as the PDF labels them.
var FieldLabels = map[string]string{
	"name": "Nome", "cpf": "CPF", "email": "E-mail", "phone": "Telefone", "phone1": "Telefone 1",
	"phone2": "Telefone 2", "birthDate": "Nascimento", "address": "Endereço", "role": "Papel",
	"status": "Situação", "createdAt": "Criado em", "fileName": "Arquivo", "sha256": "SHA-256",
	"signedAt": "Assinado em", "state": "Situação", "signerType": "Tipo", "stage": "Situação",
	"source": "Origem", "visitorId": "Visitante (JivoChat)", "clientId": "Cliente (JivoChat)",
	"organization": "Organização", "city": "Cidade", "region": "Estado", "country": "País",
	"pageUrl": "Página", "event": "Evento", "receivedAt": "Recebido em", "bytes": "Tamanho (bytes)",
	"active": "Ativo", "envelope": "Envelope", "operation": "Envio",
	"body": "Conteúdo", "contract": "Contrato", "reason": "Motivo da recusa",
	"errorCode": "Erro", "errorData": "Detalhes do erro", "origin": "Origem do PDF",
}

// valueTexts read stored codes in Portuguese, by field name.
var valueTexts = map[string]map[string]string{
	"role": {"holder": "Titular", "spouse": "Cônjuge", "cobuyer": "Co-comprador", "guarantor": "Fiador"},
	"status": {"in_review": "Em análise", "approved": "Aprovada", "sold": "Vendida", "cancelled": "Cancelada",
		"expired": "Vencida"},
	"origin": {"generated": "Gerado pelo Selo", "attached": "Anexado de fora"},
	"stage":  {"new": "Novo", "in_progress": "Em atendimento", "converted": "Convertido", "discarded": "Descartado"},
}

// timeFields hold stored instants, which the PDF shows as the screen does.
var timeFields = map[string]bool{"birthDate": true, "createdAt": true, "receivedAt": true, "signedAt": true}

// readableTime turns a stored instant (RFC 3339, UTC) into the office's
// dd/mm/aaaa hh:mm in its zone, and a stored day (aaaa-mm-dd, a birth date)
// into dd/mm/aaaa; anything else is shown as stored rather than hidden.
func readableTime(s string) string {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return formatTime(t)
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.Format("02/01/2006")
	}
	return s
}

// ActionTexts say in Portuguese what anonymisation does with a place.
var ActionTexts = map[Action]string{
	ActionAnonymise: "Será anonimizado",
	ActionDelete:    "Será excluído",
	ActionKeep:      "Mantido",
	ActionBlocked:   "Impede a anonimização",
}

// ReasonTexts are the legal reasons, short and in Portuguese.
var ReasonTexts = map[string]string{
	ReasonSignedContract: "Contrato assinado: guarda para cumprimento de obrigação legal ou regulatória " +
		"(LGPD art. 16, I; Código Civil arts. 219 e 1.245 - prova do negócio e registro do imóvel).",
	ReasonSignerRule: "Assinante configurado pelo escritório: altere ou remova em Empreendimento > Jurídico.",
	ReasonUser:       "Usuário do Selo: desative em Usuários; o nome fica no que ele fez (LGPD art. 16, I).",
	ReasonRunning:    "Envelope em andamento: cancele o envio antes de anonimizar.",
	ReasonAttachedContract: "PDF anexado de fora: o Selo não consegue gerá-lo de novo e ele é de toda a reserva; " +
		"o escritório o revisa na reserva (substitui por um sem a pessoa ou o remove).",
}

// ReportPDF renders r as a readable PDF.
func ReportPDF(r Report) ([]byte, error) { return renderPDF(reportLines(r)) }

// reportLines is the PDF's text, line by line, before layout.
func reportLines(r Report) []pdfLine {
	var lines []pdfLine
	add := func(size int, s string) {
		for _, l := range wrap(s, wrapAt(size)) {
			lines = append(lines, pdfLine{size, l})
		}
	}
	add(16, "Dados pessoais mantidos pelo Selo")
	add(10, "Pessoa: "+r.Masked+" - gerado em "+formatTime(r.GeneratedAt))
	add(10, fmt.Sprintf("Lugares encontrados: %d.", len(r.Places)))
	add(10, "Relatório de acesso (LGPD art. 18, I e II). O arquivo JSON exportado junto é a versão completa, para portabilidade (art. 18, V).")
	if len(r.Places) == 0 {
		add(12, "O Selo não guarda nenhum dado desta pessoa.")
	}
	for i, p := range r.Places {
		lines = append(lines, pdfLine{10, ""})
		add(12, fmt.Sprintf("%d. %s - %s", i+1, KindTitles[p.Kind], p.Title))
		for _, f := range p.Fields {
			if f.Value == "" {
				continue
			}
			label := FieldLabels[f.Name]
			if label == "" {
				label = f.Name
			}
			v := f.Value
			if txt := valueTexts[f.Name][v]; txt != "" {
				v = txt
			}
			if timeFields[f.Name] {
				v = readableTime(v)
			}
			if f.Name == "body" {
				// The raw delivery is in the JSON export; here its size says enough.
				continue
			}
			add(10, "   "+label+": "+v)
		}
		for _, m := range p.Messages {
			add(9, "   ["+readableTime(m.At)+"] "+m.Author+": "+m.Text)
		}
		st := ActionTexts[p.Action]
		if why := ReasonTexts[p.Reason]; why != "" {
			st += " - " + why
		}
		add(9, "   Ao anonimizar: "+st)
	}
	return lines
}

type pdfLine struct {
	size int
	text string
}

// wrapAt is how many characters of Helvetica at size fit the text width.
func wrapAt(size int) int { return 495 * 2 / size }

// wrap breaks s into lines of at most n characters at spaces; a word
// longer than a line (a pasted URL) is cut. Lengths count runes: Portuguese
// text is full of two-byte letters (ç, ã, é), and counting bytes once cut
// a rune slice at a negative index.
func wrap(s string, n int) []string {
	var out []string
	indent := []rune(s[:len(s)-len(strings.TrimLeft(s, " "))])
	if len(indent) >= n {
		indent = nil
	}
	cur := append([]rune(nil), indent...)
	blank := func() bool { return len(cur) == len(indent) }
	for _, word := range strings.Fields(s) {
		w := []rune(word)
		if !blank() && len(cur)+1+len(w) > n {
			out = append(out, string(cur))
			cur = append([]rune(nil), indent...)
		}
		if !blank() {
			cur = append(cur, ' ')
		}
		for len(cur)+len(w) > n {
			room := n - len(cur)
			out = append(out, string(append(cur, w[:room]...)))
			cur, w = append([]rune(nil), indent...), w[room:]
		}
		cur = append(cur, w...)
	}
	return append(out, string(cur))
}

// renderPDF lays lines out on A4 pages through pdfcpu's JSON page creation.
func renderPDF(lines []pdfLine) ([]byte, error) {
	type text struct {
		Value string         `json:"value"`
		Pos   [2]int         `json:"pos"`
		Font  map[string]any `json:"font"`
	}
	pages := map[string]any{}
	var cur []text
	y := 800
	flush := func() {
		if len(cur) == 0 {
			cur = append(cur, text{Value: " ", Pos: [2]int{50, 800}, Font: map[string]any{"name": "Helvetica", "size": 10}})
		}
		pages[fmt.Sprint(len(pages)+1)] = map[string]any{"content": map[string]any{"text": cur}}
		cur, y = nil, 800
	}
	for _, l := range lines {
		step := l.size + 4
		if y-step < 40 {
			flush()
		}
		if l.text != "" {
			cur = append(cur, text{Value: l.text, Pos: [2]int{50, y}, Font: map[string]any{"name": "Helvetica", "size": l.size}})
		}
		y -= step
	}
	if len(cur) > 0 || len(pages) == 0 {
		flush()
	}
	desc, err := json.Marshal(map[string]any{"paper": "A4P", "origin": "LowerLeft", "pages": pages})
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := api.Create(nil, bytes.NewReader(desc), &out, model.NewDefaultConfiguration()); err != nil {
		return nil, fmt.Errorf("creating the personal data PDF: %w", err)
	}
	return out.Bytes(), nil
}
