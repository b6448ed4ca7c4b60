package oauth

import (
	"errors"
	"html"
	"net/http"
	"strings"

	"selo/backend/crm"
)

// page is what the browser's tab shows when DocuSign sends it back to Selo.
// The user reads it in the browser, then returns to Selo, where the full
// pt-BR message for the error code is shown; the tab only says what
// happened and what to do next.
type page struct {
	status int
	title  string
	body   string
}

var (
	pageDone = page{http.StatusOK, "Pronto: o Selo está conectado à DocuSign",
		"Você já pode fechar esta aba e voltar ao Selo."}
	pageDenied = page{http.StatusForbidden, "Acesso não autorizado",
		"Você recusou o acesso do Selo à sua conta DocuSign. Nada foi gravado. Para conectar, volte ao Selo e clique em “Entrar de novo”."}
	pageMismatch = page{http.StatusBadRequest, "Este retorno não é da entrada em andamento",
		"O endereço não corresponde à entrada na DocuSign que o Selo abriu (talvez uma aba antiga). Nada foi gravado. Volte ao Selo e clique em “Entrar de novo”."}
	pageFailed = page{http.StatusBadGateway, "A entrada na DocuSign não foi concluída",
		"Nada foi gravado. Volte ao Selo para ver o motivo e tente de novo."}
	pageOver = page{http.StatusGone, "Esta entrada na DocuSign já terminou",
		"Volte ao Selo e, se precisar, clique em “Entrar de novo”."}
)

// pageFor picks the tab's page for a login outcome.
func pageFor(err error) page {
	var e *crm.Error
	if err == nil {
		return pageDone
	}
	if errors.As(err, &e) {
		switch e.Code {
		case CodeLoginDenied:
			return pageDenied
		case CodeLoginStateMismatch:
			return pageMismatch
		case CodeLoginCanceled:
			return pageOver
		}
	}
	return pageFailed
}

// writePage writes p as a self-contained page: no scripts, no outside
// resources, no referrer, so the address with the code goes nowhere else.
func writePage(w http.ResponseWriter, p page) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.WriteHeader(p.status)
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Selo · `)
	b.WriteString(html.EscapeString(p.title))
	b.WriteString(`</title><style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.4rem}</style></head><body><h1>`)
	b.WriteString(html.EscapeString(p.title))
	b.WriteString(`</h1><p>`)
	b.WriteString(html.EscapeString(p.body))
	b.WriteString(`</p></body></html>`)
	_, _ = w.Write([]byte(b.String()))
}
