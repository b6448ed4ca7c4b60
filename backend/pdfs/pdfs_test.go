package pdfs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"selo/backend/crm"
)

// contractMarks are the marks in the contract fixture, by fully qualified
// name: named fields (with spaces, accents, a parent), plus the /Sig field
// whose name says nothing.
var contractMarks = []string{
	"Assinatura do Comprador", "assinaturas.comprador", "assinaturas.vendedor",
	"assinatúra_vendedor", "campo_7", "rubrica_1",
}

var contractOrdinary = []string{
	"aceite_termos", "data_assinatura", "observacoes", "titular_cpf", "titular_nome", "unidade", "valor",
}

func fieldNames(fs []Field) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.Name)
	}
	sort.Strings(out)
	return out
}

func errCode(err error) string {
	var e *crm.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func mustInspect(t *testing.T, pdf []byte) Info {
	t.Helper()
	info, err := Inspect(pdf)
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	return info
}

// mustValidate runs pdfcpu's own validator, independent of our reader.
func mustValidate(t *testing.T, pdf []byte) {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	if err := api.Validate(bytes.NewReader(pdf), conf); err != nil {
		t.Fatalf("pdfcpu validation: %v", err)
	}
}

func TestInspectContract(t *testing.T) {
	fx := getFixtures(t)
	info := mustInspect(t, fx.contract)

	if info.Pages != 2 {
		t.Errorf("Pages = %d, want 2", info.Pages)
	}
	if info.Size != int64(len(fx.contract)) {
		t.Errorf("Size = %d, want %d", info.Size, len(fx.contract))
	}
	if got := fieldNames(info.MarkFields()); !slices.Equal(got, contractMarks) {
		t.Errorf("marks = %q, want %q", got, contractMarks)
	}
	if info.Marks != len(contractMarks) {
		t.Errorf("Marks = %d, want %d", info.Marks, len(contractMarks))
	}
	if info.MarkAnnotations != 1 {
		t.Errorf("MarkAnnotations = %d, want 1 (the Rubrica stamp)", info.MarkAnnotations)
	}
	want := map[string]struct {
		typ  FieldType
		page int
		mark MarkKind
	}{
		"titular_nome":            {FieldText, 1, MarkNone},
		"aceite_termos":           {FieldCheckbox, 1, MarkNone},
		"campo_7":                 {FieldSignature, 1, MarkSignature},
		"rubrica_1":               {FieldText, 1, MarkInitials},
		"assinatúra_vendedor":     {FieldText, 2, MarkSignature},
		"assinaturas.vendedor":    {FieldText, 2, MarkSignature},
		"data_assinatura":         {FieldText, 1, MarkNone},
		"Assinatura do Comprador": {FieldText, 1, MarkSignature},
	}
	for name, w := range want {
		f, ok := info.Field(name)
		if !ok {
			t.Errorf("field %q missing", name)
			continue
		}
		if f.Type != w.typ || f.Page != w.page || f.Mark != w.mark {
			t.Errorf("field %q = type %s page %d mark %q, want %s %d %q", name, f.Type, f.Page, f.Mark, w.typ, w.page, w.mark)
		}
	}
	if len(info.Fields) != len(contractMarks)+len(contractOrdinary) {
		t.Errorf("got %d fields: %q", len(info.Fields), fieldNames(info.Fields))
	}
}

func TestInspectAcceptsReaders(t *testing.T) {
	fx := getFixtures(t)
	r := bytes.NewReader(fx.letter)
	_, _ = r.Seek(10, io.SeekStart) // a reader that was already read from
	info, err := InspectReader(r)
	if err != nil {
		t.Fatalf("InspectReader(io.ReadSeeker): %v", err)
	}
	if info.Pages != 1 || info.Marks != 1 {
		t.Errorf("letter: pages %d marks %d, want 1 and 1", info.Pages, info.Marks)
	}
	if _, err := InspectReader(strings.NewReader("plain text")); errCode(err) != CodeNotPDF {
		t.Errorf("InspectReader(text) err = %v", err)
	}
}

func TestInspectRefuses(t *testing.T) {
	fx := getFixtures(t)
	cases := []struct {
		name string
		data []byte
		code string
	}{
		{"user password", fx.encrypted, CodeProtected},
		{"owner password only", fx.ownerOnly, CodeEncrypted},
		{"truncated", fx.truncated, CodeCorrupt},
		{"header then junk", fx.garbage, CodeCorrupt},
		{"png renamed", fx.png, CodeNotPDF},
		{"text renamed", fx.text, CodeNotPDF},
		{"empty", nil, CodeNotPDF},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Inspect(c.data)
			if got := errCode(err); got != c.code {
				t.Fatalf("code = %q (err %v), want %q", got, err, c.code)
			}
		})
	}
}

func TestMarkKindForName(t *testing.T) {
	cases := []struct {
		name string
		want MarkKind
	}{
		{"Assinatura_Comprador", MarkSignature},
		{"assinatura", MarkSignature},
		{"ASSINATURA DO VENDEDOR", MarkSignature},
		{"assinatúra", MarkSignature},
		{"Assinaturas.Testemunha1", MarkSignature},
		{"AssinaturaConjuge", MarkSignature},
		{"Signature1", MarkSignature},
		{"buyer_signature", MarkSignature},
		{"RUBRICA 1", MarkInitials},
		{"rúbrica_pagina_2", MarkInitials},
		{"Rubricas", MarkInitials},
		{"Initials", MarkInitials},
		{"buyer-initials-p3", MarkInitials},
		{"iniciais_titular", MarkInitials},
		{"data_assinatura", MarkNone},
		{"dataAssinatura", MarkNone},
		{"Signature Date", MarkNone},
		{"local_assinatura", MarkNone},
		{"titular_nome", MarkNone},
		{"assinante_nome", MarkNone},
		{"signatario_cpf", MarkNone},
		{"", MarkNone},
	}
	for _, c := range cases {
		if got := MarkKindForName(c.name); got != c.want {
			t.Errorf("MarkKindForName(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestFill(t *testing.T) {
	fx := getFixtures(t)
	values := map[string]string{
		"titular_nome":      "João da Silva Conceição",
		"titular_cpf":       "123.456.789-09",
		"valor":             "R$ 350.000,00",
		"aceite_termos":     "sim",
		"campo_inexistente": "x",
		"campo_7":           "a signature field cannot be filled",
	}
	out, res, err := Fill(fx.contract, values)
	if err != nil {
		t.Fatalf("Fill: %v", err)
	}
	if want := []string{"aceite_termos", "titular_cpf", "titular_nome", "valor"}; !slices.Equal(res.Filled, want) {
		t.Errorf("Filled = %q, want %q", res.Filled, want)
	}
	if want := []string{"campo_7", "campo_inexistente"}; !slices.Equal(res.Unmatched, want) {
		t.Errorf("Unmatched = %q, want %q", res.Unmatched, want)
	}
	mustValidate(t, out)
	info := mustInspect(t, out)
	for _, name := range []string{"titular_nome", "titular_cpf", "valor"} {
		if f, _ := info.Field(name); f.Value != values[name] {
			t.Errorf("%s = %q, want %q", name, f.Value, values[name])
		}
	}
	if f, _ := info.Field("aceite_termos"); f.Value == "" {
		t.Error("aceite_termos not checked")
	}
	if f, _ := info.Field("unidade"); f.Value != "" {
		t.Errorf("unidade = %q, want it untouched", f.Value)
	}
	if info.Marks != len(contractMarks) {
		t.Errorf("Fill changed the marks: %d", info.Marks)
	}

	// A false-ish value clears the box again.
	out2, _, err := Fill(out, map[string]string{"aceite_termos": "não"})
	if err != nil {
		t.Fatalf("Fill uncheck: %v", err)
	}
	if f, _ := mustInspect(t, out2).Field("aceite_termos"); f.Value != "" {
		t.Errorf("aceite_termos = %q after \"não\", want cleared", f.Value)
	}
}

func TestFillNothingMatched(t *testing.T) {
	fx := getFixtures(t)
	out, res, err := Fill(fx.a5, map[string]string{"titular_nome": "x"})
	if err != nil {
		t.Fatalf("Fill: %v", err)
	}
	if !bytes.Equal(out, fx.a5) || len(res.Filled) != 0 || !slices.Equal(res.Unmatched, []string{"titular_nome"}) {
		t.Errorf("Fill on a form-less PDF: same=%v res=%+v", bytes.Equal(out, fx.a5), res)
	}
	if _, _, err := Fill(fx.encrypted, map[string]string{"a": "b"}); errCode(err) != CodeProtected {
		t.Errorf("Fill(encrypted) err = %v", err)
	}
}

func pageContents(t *testing.T, pdf []byte) []string {
	t.Helper()
	ctx, err := api.ReadContext(bytes.NewReader(pdf), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := api.ValidateContext(ctx); err != nil {
		t.Fatal(err)
	}
	var out []string
	for p := 1; p <= ctx.PageCount; p++ {
		r, err := pdfcpu.ExtractPageContent(ctx, p)
		if err != nil {
			t.Fatalf("page %d content: %v", p, err)
		}
		b, _ := io.ReadAll(r)
		out = append(out, string(b))
	}
	return out
}

func annotSubtypes(t *testing.T, pdf []byte, page int) []string {
	t.Helper()
	ctx, err := api.ReadContext(bytes.NewReader(pdf), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := api.ValidateContext(ctx); err != nil {
		t.Fatal(err)
	}
	d, _, _, err := ctx.PageDict(page, false)
	if err != nil {
		t.Fatal(err)
	}
	annots, _ := ctx.DereferenceArray(d["Annots"])
	var out []string
	for _, a := range annots {
		ad, _ := ctx.DereferenceDict(a)
		if s := ad.Subtype(); s != nil {
			out = append(out, *s)
		}
	}
	sort.Strings(out)
	return out
}

func TestStripMarks(t *testing.T) {
	fx := getFixtures(t)
	filled, _, err := Fill(fx.contract, map[string]string{"titular_nome": "Maria", "Assinatura do Comprador": "x"})
	if err != nil {
		t.Fatal(err)
	}
	out, rep, err := StripMarks(filled)
	if err != nil {
		t.Fatalf("StripMarks: %v", err)
	}
	if !slices.Equal(rep.Fields, contractMarks) || rep.Annotations != 1 {
		t.Errorf("report = %+v, want fields %q and 1 annotation", rep, contractMarks)
	}
	mustValidate(t, out)
	info := mustInspect(t, out)
	if info.Marks != 0 || info.MarkAnnotations != 0 || len(info.MarkFields()) != 0 {
		t.Errorf("after strip: Marks %d, MarkAnnotations %d", info.Marks, info.MarkAnnotations)
	}
	if got := fieldNames(info.Fields); !slices.Equal(got, contractOrdinary) {
		t.Errorf("fields left = %q, want %q", got, contractOrdinary)
	}
	if info.Pages != 2 {
		t.Errorf("Pages = %d, want 2", info.Pages)
	}
	if f, _ := info.Field("titular_nome"); f.Value != "Maria" {
		t.Errorf("titular_nome = %q, want the filled value kept", f.Value)
	}
	if !slices.Equal(pageContents(t, out), pageContents(t, fx.contract)) {
		t.Error("page content changed")
	}
	if got := annotSubtypes(t, out, 2); !slices.Contains(got, "Link") || slices.Contains(got, "Stamp") {
		t.Errorf("page 2 annotations = %q, want the link kept and the stamp gone", got)
	}

	// Nothing left to strip: the bytes come back untouched.
	again, rep2, err := StripMarks(out)
	if err != nil || rep2.Removed() != 0 || !bytes.Equal(again, out) {
		t.Errorf("second strip: removed %d, same bytes %v, err %v", rep2.Removed(), bytes.Equal(again, out), err)
	}
}

func pageSizes(t *testing.T, pdf []byte) []string {
	t.Helper()
	dims, err := api.PageDims(bytes.NewReader(pdf), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(dims))
	for i, d := range dims {
		switch w, h := math.Round(d.Width), math.Round(d.Height); {
		case w == 595 && h == 842:
			out[i] = "A4"
		case w == 612 && h == 792:
			out[i] = "Letter"
		case w == 420 && h == 595:
			out[i] = "A5"
		default:
			out[i] = "?"
		}
	}
	return out
}

func TestMergeOrderAndPages(t *testing.T) {
	fx := getFixtures(t)
	var buf bytes.Buffer
	if err := Merge(context.Background(), [][]byte{fx.a5, fx.contract, fx.letter, fx.a5}, &buf); err != nil {
		t.Fatalf("Merge: %v", err)
	}
	out := buf.Bytes()
	mustValidate(t, out)
	assertSizeHonest(t, out)
	want := []string{"A5", "A5", "A5", "A4", "A4", "Letter", "A5", "A5", "A5"}
	if got := pageSizes(t, out); !slices.Equal(got, want) {
		t.Errorf("page sizes = %q, want %q", got, want)
	}
	contents := pageContents(t, out)
	for i, s := range []string{"Anexo C p1", "Anexo C p2", "Anexo C p3", "Contrato A p1", "Contrato A p2", "Contrato B", "Anexo C p1"} {
		if !strings.Contains(contents[i], "("+s+")") {
			t.Errorf("page %d does not show %q", i+1, s)
		}
	}
	// Merge does not strip: the marks are still there.
	if info := mustInspect(t, out); info.Marks != len(contractMarks)+1 {
		t.Errorf("merged Marks = %d, want %d", info.Marks, len(contractMarks)+1)
	}
}

func TestMergeErrors(t *testing.T) {
	fx := getFixtures(t)
	var buf bytes.Buffer
	err := Merge(context.Background(), [][]byte{fx.contract, fx.encrypted, fx.a5}, &buf)
	var e *crm.Error
	// The same code as at upload: merging must not blur "needs a password
	// to open" into "encrypted".
	if !errors.As(err, &e) || e.Code != CodeProtected || e.Data["doc"] != 2 {
		t.Fatalf("err = %v, want %s on doc 2", err, CodeProtected)
	}
	if buf.Len() != 0 {
		t.Error("something was written despite the error")
	}
	if err := Merge(context.Background(), nil, &buf); errCode(err) != CodeEmpty {
		t.Errorf("empty merge err = %v", err)
	}
	if err := Merge(context.Background(), [][]byte{fx.a5, fx.text}, &buf); errCode(err) != CodeNotPDF {
		t.Errorf("text input err = %v", err)
	}
}

func TestMergeCanceled(t *testing.T) {
	fx := getFixtures(t)
	c, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	if err := Merge(c, [][]byte{fx.contract, fx.a5}, &buf); errCode(err) != crm.CodeCanceled {
		t.Fatalf("err = %v, want %s", err, crm.CodeCanceled)
	}

	// Cancelled mid-way, from the progress callback, after the first file.
	c, cancel = context.WithCancel(context.Background())
	defer cancel()
	var steps []string
	in := []Input{{Name: "a", PDF: fx.contract}, {Name: "b", PDF: fx.a5}, {Name: "c", PDF: fx.letter}}
	_, err := Build(c, in, &buf, func(step string, done, total int) {
		steps = append(steps, step)
		if step == StepMerge && done == 1 {
			cancel()
		}
	})
	if errCode(err) != crm.CodeCanceled {
		t.Fatalf("err = %v, want %s", err, crm.CodeCanceled)
	}
	if slices.Contains(steps, StepWrite) || buf.Len() != 0 {
		t.Errorf("wrote after cancel: steps %q, %d bytes", steps, buf.Len())
	}
}

func TestBuild(t *testing.T) {
	fx := getFixtures(t)
	in := []Input{
		{Name: "Contrato", PDF: fx.contract, Values: map[string]string{"titular_nome": "Ana Souza", "unidade": "Bloco B, 1203", "nao_existe": "?"}},
		{Name: "Anexo", PDF: fx.a5},
		{Name: "Ficha", PDF: fx.letter, Values: map[string]string{"corretor_nome": "Carlos"}},
	}
	type call struct {
		step        string
		done, total int
	}
	var calls []call
	var buf bytes.Buffer
	res, err := Build(context.Background(), in, &buf, func(step string, done, total int) {
		calls = append(calls, call{step, done, total})
	})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	out := buf.Bytes()
	mustValidate(t, out)
	assertSizeHonest(t, out)
	if res.Pages != 6 || res.Bytes != int64(len(out)) || len(res.Docs) != 3 {
		t.Errorf("result = %+v (len %d)", res, len(out))
	}
	if got := res.Docs[0].Fill.Unmatched; !slices.Equal(got, []string{"nao_existe"}) {
		t.Errorf("doc 1 unmatched = %q", got)
	}
	if got := len(res.Docs[0].Strip.Fields); got != len(contractMarks) {
		t.Errorf("doc 1 stripped %d fields, want %d", got, len(contractMarks))
	}
	info := mustInspect(t, out)
	if info.Pages != 6 || info.Marks != 0 || info.MarkAnnotations != 0 {
		t.Errorf("merged: pages %d marks %d mark annotations %d", info.Pages, info.Marks, info.MarkAnnotations)
	}
	for name, want := range map[string]string{"titular_nome": "Ana Souza", "unidade": "Bloco B, 1203"} {
		if f, ok := info.Field(name); !ok || f.Value != want {
			t.Errorf("%s = %q (found %v), want %q", name, f.Value, ok, want)
		}
	}
	// pdfcpu nests the fields of every appended document under a numbered
	// parent so equal names in two contracts stay independent fields.
	var corretor *Field
	for i, f := range info.Fields {
		if strings.HasSuffix(f.Name, ".corretor_nome") {
			corretor = &info.Fields[i]
		}
	}
	if corretor == nil || corretor.Value != "Carlos" || corretor.Page != 6 {
		t.Errorf("corretor_nome = %+v, want \"Carlos\" on page 6 (fields %q)", corretor, fieldNames(info.Fields))
	}
	if got := pageSizes(t, out); !slices.Equal(got, []string{"A4", "A4", "A5", "A5", "A5", "Letter"}) {
		t.Errorf("page sizes = %q", got)
	}
	wantCalls := []call{
		{StepPrepare, 1, 3}, {StepMerge, 1, 3}, {StepPrepare, 2, 3}, {StepMerge, 2, 3},
		{StepPrepare, 3, 3}, {StepMerge, 3, 3}, {StepWrite, 1, 1},
	}
	if !slices.Equal(calls, wantCalls) {
		t.Errorf("progress = %v, want %v", calls, wantCalls)
	}
}

// signedContract gives the contract's /Sig field a signature value, the
// state of a template someone signed in Acrobat before uploading it.
func signedContract(t *testing.T) []byte {
	t.Helper()
	fx := getFixtures(t)
	ctx, err := api.ReadContext(bytes.NewReader(fx.contract), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := api.ValidateContext(ctx); err != nil {
		t.Fatal(err)
	}
	sc, err := scan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range sc.fields {
		if n.typ == FieldSignature {
			sig := types.Dict{
				"Type":      types.Name("Sig"),
				"Filter":    types.Name("Adobe.PPKLite"),
				"SubFilter": types.Name("adbe.pkcs7.detached"),
				"ByteRange": types.NewIntegerArray(0, 10, 20, 10),
				"Contents":  types.HexLiteral("00"),
			}
			ref, err := ctx.IndRefForNewObject(sig)
			if err != nil {
				t.Fatal(err)
			}
			n.dict["V"] = *ref
		}
	}
	var out bytes.Buffer
	if err := api.WriteContext(ctx, &out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestStripSignedField(t *testing.T) {
	pdf := signedContract(t)
	if info := mustInspect(t, pdf); !info.Signed {
		t.Fatal("Signed = false for a signed signature field")
	}
	out, rep, err := StripMarks(pdf)
	if err != nil {
		t.Fatalf("StripMarks: %v", err)
	}
	if !rep.BrokeSignature {
		t.Error("BrokeSignature = false")
	}
	mustValidate(t, out)
	if info := mustInspect(t, out); info.Signed || info.Marks != 0 {
		t.Errorf("after strip: Signed %v, Marks %d", info.Signed, info.Marks)
	}
}

// TestCommittedFixtures checks the files in testdata/ (written by
// -update) still mean what their names say, so other packages' tests can
// rely on them.
func TestCommittedFixtures(t *testing.T) {
	cases := map[string]string{
		"contract.pdf": "", "letter.pdf": "", "annex-a5.pdf": "",
		"encrypted.pdf": CodeProtected, "owner-only.pdf": CodeEncrypted,
		"truncated.pdf": CodeCorrupt, "garbage.pdf": CodeCorrupt,
		"image-as-pdf.pdf": CodeNotPDF, "text-as-pdf.pdf": CodeNotPDF,
	}
	for name, code := range cases {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatalf("%v (regenerate with -update)", err)
		}
		info, err := Inspect(b)
		if got := errCode(err); got != code {
			t.Errorf("%s: code %q (err %v), want %q", name, got, err, code)
		}
		if name == "contract.pdf" && info.Marks != len(contractMarks) {
			t.Errorf("contract.pdf: %d marks, want %d", info.Marks, len(contractMarks))
		}
	}
}

// TestOrphanMarkWidget covers a broken form: the "rubrica_1" widget is
// still on the page but no longer listed in /AcroForm /Fields.
func TestOrphanMarkWidget(t *testing.T) {
	fx := getFixtures(t)
	ctx, err := api.ReadContext(bytes.NewReader(fx.contract), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := api.ValidateContext(ctx); err != nil {
		t.Fatal(err)
	}
	sc, err := scan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fields, _ := ctx.DereferenceArray(sc.acroForm["Fields"])
	drop := map[int]bool{}
	for _, n := range sc.fields {
		if n.name == "rubrica_1" {
			drop[n.ref.ObjectNumber.Value()] = true
		}
	}
	if len(drop) != 1 {
		t.Fatal("rubrica_1 not found")
	}
	sc.acroForm["Fields"] = filterRefs(fields, drop)
	var buf bytes.Buffer
	if err := api.WriteContext(ctx, &buf); err != nil {
		t.Fatal(err)
	}

	info := mustInspect(t, buf.Bytes())
	if info.MarkAnnotations != 2 || info.Marks != len(contractMarks)-1 {
		t.Fatalf("Marks %d, MarkAnnotations %d; want %d and 2", info.Marks, info.MarkAnnotations, len(contractMarks)-1)
	}
	out, rep, err := StripMarks(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, out)
	if rep.Annotations != 2 {
		t.Errorf("removed %d annotations, want 2", rep.Annotations)
	}
	if info := mustInspect(t, out); info.Marks != 0 || info.MarkAnnotations != 0 {
		t.Errorf("after strip: Marks %d, MarkAnnotations %d", info.Marks, info.MarkAnnotations)
	}
}

// assertSizeHonest checks the trailer's /Size is one more than the highest
// object the file holds, which qpdf and strict readers insist on. Our
// output has no object streams, so every object shows as "N 0 obj".
func assertSizeHonest(t *testing.T, pdf []byte) {
	t.Helper()
	highest := 0
	for _, m := range objHeader.FindAllSubmatch(pdf, -1) {
		highest = max(highest, atoi(t, m[1]))
	}
	sizes := trailerSize.FindAllSubmatch(pdf, -1)
	if len(sizes) == 0 {
		t.Fatal("no /Size in trailer")
	}
	if size := atoi(t, sizes[len(sizes)-1][1]); size != highest+1 {
		t.Errorf("trailer /Size %d, highest object %d", size, highest)
	}
}

var (
	objHeader   = regexp.MustCompile(`(?m)^(\d+) 0 obj\b`)
	trailerSize = regexp.MustCompile(`/Size (\d+)`)
)

func atoi(t *testing.T, b []byte) int {
	t.Helper()
	n, err := strconv.Atoi(string(b))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPrepareListsEveryDocument: the send shows every bad document at once,
// each named, and a good batch merges the documents it already read.
func TestPrepareListsEveryDocument(t *testing.T) {
	fx := getFixtures(t)
	_, err := Prepare(context.Background(), []Input{
		{Name: "Contrato", PDF: fx.contract},
		{Name: "Anexo", PDF: fx.encrypted},
		{Name: "Ficha", PDF: fx.truncated},
		{Name: "Proposta", PDF: fx.ownerOnly},
	})
	var docErrs DocErrors
	if !errors.As(err, &docErrs) {
		t.Fatalf("err = %v, want DocErrors", err)
	}
	var got []string
	for _, de := range docErrs {
		e := crm.AsError(de)
		got = append(got, fmt.Sprintf("%v:%v:%s", e.Data["doc"], e.Data["name"], e.Code))
	}
	want := []string{"2:Anexo:" + CodeProtected, "3:Ficha:" + CodeCorrupt, "4:Proposta:" + CodeEncrypted}
	if !slices.Equal(got, want) {
		t.Errorf("problems = %q, want %q", got, want)
	}

	b, err := Prepare(context.Background(), []Input{
		{Name: "Contrato", PDF: fx.contract, Values: map[string]string{"titular_nome": "Conceição"}},
		{Name: "Anexo", PDF: fx.a5},
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	res, err := b.Merge(context.Background(), &buf, nil)
	if err != nil {
		t.Fatal(err)
	}
	info := mustInspect(t, buf.Bytes())
	if f, _ := info.Field("titular_nome"); res.Pages != 5 || info.Pages != 5 || info.Marks != 0 || f.Value != "Conceição" {
		t.Errorf("merged: %d pages (result %d), %d marks, titular_nome %q", info.Pages, res.Pages, info.Marks, f.Value)
	}
	if _, err := b.Merge(context.Background(), io.Discard, nil); err == nil {
		t.Error("a batch merged twice")
	}
}
