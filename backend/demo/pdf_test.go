package demo

import (
	"bytes"
	"testing"

	"selo/backend/crm"
	"selo/backend/pdfs"
)

func TestSamplePDFs(t *testing.T) {
	p1, err := PromessaPDF()
	if err != nil {
		t.Fatal(err)
	}
	p2, err := PromessaPDF()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(p1, p2) {
		t.Error("PromessaPDF is not deterministic")
	}
	info, err := pdfs.Inspect(p1)
	if err != nil {
		t.Fatal(err)
	}
	if info.Pages != 2 {
		t.Errorf("pages = %d, want 2", info.Pages)
	}
	sig, ok := info.Field(promessaSignatureField)
	if !ok || sig.Type != pdfs.FieldSignature || sig.Mark == pdfs.MarkNone {
		t.Errorf("signature field = %+v, %v; want a /Sig field that is a mark", sig, ok)
	}
	buyer, ok := info.Field(promessaBuyerMark)
	if !ok || buyer.Mark == pdfs.MarkNone {
		t.Errorf("%s = %+v, %v; want a mark", promessaBuyerMark, buyer, ok)
	}
	if info.Signed {
		t.Error("sample promessa reads as already signed")
	}
	var names []string
	for _, f := range info.Fields {
		if f.Mark == pdfs.MarkNone && f.Type == pdfs.FieldText {
			names = append(names, f.Name)
		}
	}
	m := crm.MatchFields(names)
	for _, k := range promessaFields {
		if m[k] != k {
			t.Errorf("field %s matched %q", k, m[k])
		}
		if _, ok := crm.LookupDataKey(k); !ok {
			t.Errorf("%s is not a crm data key", k)
		}
	}

	a1, err := AnnexPDF()
	if err != nil {
		t.Fatal(err)
	}
	a2, _ := AnnexPDF()
	if !bytes.Equal(a1, a2) {
		t.Error("AnnexPDF is not deterministic")
	}
	ai, err := pdfs.Inspect(a1)
	if err != nil {
		t.Fatal(err)
	}
	if ai.Pages != 1 || len(ai.Fields) != len(annexFields) {
		t.Errorf("annex: %d pages, %d fields", ai.Pages, len(ai.Fields))
	}
}
