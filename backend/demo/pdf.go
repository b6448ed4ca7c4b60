package demo

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The sample's two contract templates are made here, at load time, so Selo
// ships no binary fixtures and downloads nothing: pdfcpu's form creation
// draws the pages and text fields, and the one thing its JSON cannot express
// (a true /FT /Sig signature field) is added to the form afterwards.

// promessaFields are the fields Selo fills, named by crm.DataKeys keys so
// MatchFields pairs every one of them.
var promessaFields = []string{
	"titular_nome", "titular_cpf", "titular_email", "titular_telefone", "titular_endereco",
	"conjuge_nome", "unidade", "bloco", "etapa", "empreendimento", "valor", "data", "corretor_nome",
}

// annexFields are the annex's fillable fields.
var annexFields = []string{"empreendimento", "bloco", "unidade"}

// promessaSignatureField is the /FT /Sig field; promessaBuyerMark is a text
// field whose name alone makes it a signature mark. Both are switched off on
// sending, which the sample exists to show.
const (
	promessaSignatureField = "assinatura_vendedor"
	promessaBuyerMark      = "assinatura_comprador"
)

type page struct {
	lines  []string
	fields []string
}

// formJSON renders pdfcpu's create JSON for A4 pages with a title block of
// text lines and labelled text fields below it.
func formJSON(pages []page) string {
	var ps []string
	for i, p := range pages {
		var content []string
		var tx []string
		for j, s := range p.lines {
			size := 10
			if j == 0 {
				size = 14
			}
			tx = append(tx, fmt.Sprintf(`{"value": %q, "pos": [50, %d], "font": {"name": "Helvetica", "size": %d}}`, s, 780-18*j, size))
		}
		if len(tx) > 0 {
			content = append(content, `"text": [`+strings.Join(tx, ",")+`]`)
		}
		var tf []string
		for j, id := range p.fields {
			tf = append(tf, fmt.Sprintf(`{"id": %q, "value": "", "pos": [200, %d], "width": 300, "font": {"name": "Helvetica", "size": 10}, "label": {"value": %q, "width": 140, "gap": 8, "pos": "left"}}`,
				id, 560-26*j, id))
		}
		if len(tf) > 0 {
			content = append(content, `"textfield": [`+strings.Join(tf, ",")+`]`)
		}
		ps = append(ps, fmt.Sprintf(`"%d": {"content": {%s}}`, i+1, strings.Join(content, ",")))
	}
	return `{"paper": "A4P", "origin": "LowerLeft", "fonts": {"input": {"name": "Helvetica", "size": 10}, "label": {"name": "Helvetica", "size": 9}}, "pages": {` +
		strings.Join(ps, ",") + `}}`
}

// create runs pdfcpu's form creation and returns the model so callers can add
// what the JSON cannot say before writing it.
func create(pages []page) (*model.Context, error) {
	var raw bytes.Buffer
	conf := model.NewDefaultConfiguration()
	if err := api.Create(nil, strings.NewReader(formJSON(pages)), &raw, conf); err != nil {
		return nil, fmt.Errorf("creating sample PDF: %w", err)
	}
	ctx, err := api.ReadContext(bytes.NewReader(raw.Bytes()), model.NewDefaultConfiguration())
	if err != nil {
		return nil, err
	}
	if err := api.ValidateContext(ctx); err != nil {
		return nil, err
	}
	return ctx, nil
}

// pdfDate and pdfFileID find what pdfcpu stamps on every write: the current
// time in the Info dictionary and a file ID hashed from it.
var (
	pdfDate   = regexp.MustCompile(`\(D:\d{14}`)
	pdfFileID = regexp.MustCompile(`/ID\[<[0-9A-Fa-f]{32}> ?<[0-9A-Fa-f]{32}>\]|/ID\[\([^)]*\) ?<[0-9A-Fa-f]{32}>\]`)
	hexRun    = regexp.MustCompile(`<[0-9A-Fa-f]{32}>`)
)

// write serialises ctx and then pins the time stamps and file ID: without
// that the same sample would have a different SHA-256 on every load. The
// replacements keep every byte offset, so the cross-reference stays right.
func write(ctx *model.Context) ([]byte, error) {
	var out bytes.Buffer
	if err := api.WriteContext(ctx, &out); err != nil {
		return nil, err
	}
	b := out.Bytes()
	b = pdfDate.ReplaceAll(b, []byte("(D:20260101000000"))
	b = pdfFileID.ReplaceAllFunc(b, func(m []byte) []byte {
		return hexRun.ReplaceAll(m, []byte("<53454C4F2053414D504C452030303031>"))
	})
	return b, nil
}

// PromessaPDF returns the "Promessa de compra e venda (exemplo)" template:
// two pages, the thirteen fields Selo fills, a buyer's signature mark named
// as such and a real signature field for the seller.
func PromessaPDF() ([]byte, error) {
	ctx, err := create([]page{
		{lines: []string{
			"Instrumento particular de promessa de compra e venda (exemplo)",
			"Modelo de exemplo gerado pelo Selo. Não tem valor jurídico.",
			"As partes abaixo qualificadas ajustam a promessa de compra e venda da unidade",
			"autônoma descrita neste instrumento, pelo preço e nas condições a seguir.",
		}, fields: promessaFields},
		{lines: []string{
			"Cláusulas e assinaturas (exemplo)",
			"1. O preço será pago conforme o quadro-resumo da reserva.",
			"2. A posse será transmitida na entrega das chaves.",
			"3. Este documento é assinado eletronicamente pelas partes.",
		}, fields: []string{promessaBuyerMark}},
	})
	if err != nil {
		return nil, err
	}
	if err := addSignatureField(ctx, 2, promessaSignatureField); err != nil {
		return nil, err
	}
	return write(ctx)
}

// AnnexPDF returns "Anexo I — Memorial descritivo (exemplo)": one page
// naming the unit it describes.
func AnnexPDF() ([]byte, error) {
	ctx, err := create([]page{{lines: []string{
		"Anexo I - Memorial descritivo (exemplo)",
		"Estrutura em concreto armado; alvenaria de blocos cerâmicos.",
		"Pisos em porcelanato nas áreas sociais; esquadrias de alumínio.",
		"Modelo de exemplo gerado pelo Selo. Não tem valor jurídico.",
	}, fields: annexFields}})
	if err != nil {
		return nil, err
	}
	return write(ctx)
}

// addSignatureField adds an unsigned /FT /Sig field with one widget on page
// pageNr and flags the form as holding signatures.
func addSignatureField(ctx *model.Context, pageNr int, name string) error {
	xt := ctx.XRefTable
	acro, err := xt.DereferenceDict(xt.RootDict["AcroForm"])
	if err != nil || acro == nil {
		return fmt.Errorf("sample PDF has no form: %v", err)
	}
	fields, err := xt.DereferenceArray(acro["Fields"])
	if err != nil {
		return err
	}
	pd, pref, _, err := xt.PageDict(pageNr, false)
	if err != nil {
		return err
	}
	sig := types.Dict{
		"Type":    types.Name("Annot"),
		"Subtype": types.Name("Widget"),
		"FT":      types.Name("Sig"),
		"T":       types.StringLiteral(name),
		"Rect":    types.NewNumberArray(300, 120, 520, 160),
		"F":       types.Integer(4),
		"P":       *pref,
	}
	ref, err := xt.IndRefForNewObject(sig)
	if err != nil {
		return err
	}
	annots, err := xt.DereferenceArray(pd["Annots"])
	if err != nil {
		return err
	}
	pd["Annots"] = append(annots, *ref)
	acro["Fields"] = append(fields, *ref)
	acro["SigFlags"] = types.Integer(1)
	return nil
}
