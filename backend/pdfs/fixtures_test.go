package pdfs

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Fixtures are built from code on every run, so they are reproducible and
// never drift from what the tests assume. `go test ./backend/pdfs -run
// TestWriteFixtures -update` also writes them to testdata/ for people (and
// other packages' tests) to open.
var update = flag.Bool("update", false, "write the generated fixtures to testdata/")

// fixtureSet holds every fixture, built once per test binary.
type fixtureSet struct {
	contract    []byte // A4, 2 pages, all field kinds and marks
	letter      []byte // Letter, 1 page, one text field and a rubrica
	a5          []byte // A5, 3 pages, no form
	encrypted   []byte // user password required
	ownerOnly   []byte // opens without password but is encrypted
	truncated   []byte // contract cut in half
	garbage     []byte // PDF header followed by junk
	png         []byte // an image renamed .pdf
	text        []byte // a text file renamed .pdf
	contractErr error
}

var (
	fixturesOnce sync.Once
	fixtures     fixtureSet
)

func getFixtures(tb testing.TB) *fixtureSet {
	tb.Helper()
	fixturesOnce.Do(func() {
		fixtures.contractErr = buildFixtures(&fixtures)
	})
	if fixtures.contractErr != nil {
		tb.Fatalf("building fixtures: %v", fixtures.contractErr)
	}
	return &fixtures
}

// The text fields a contract template carries. The mark fields use the
// spellings real templates use: spaces, capitals, accents.
var contractTextFields = []string{
	"titular_nome", "titular_cpf", "unidade", "valor",
	"Assinatura do Comprador", "rubrica_1", "data_assinatura",
}

func buildFixtures(fx *fixtureSet) error {
	var err error
	if fx.contract, err = buildContract(); err != nil {
		return fmt.Errorf("contract: %w", err)
	}
	if fx.letter, err = createFromJSON(formJSON("LetterP", map[int][]string{1: {"Contrato B"}},
		map[int][]string{1: {"corretor_nome", "RUBRICA 2"}}, nil)); err != nil {
		return fmt.Errorf("letter: %w", err)
	}
	if fx.a5, err = createFromJSON(formJSON("A5P", map[int][]string{1: {"Anexo C p1"}, 2: {"Anexo C p2"}, 3: {"Anexo C p3"}}, nil, nil)); err != nil {
		return fmt.Errorf("a5: %w", err)
	}
	if fx.encrypted, err = encrypt(fx.a5, "segredo", "dono"); err != nil {
		return fmt.Errorf("encrypted: %w", err)
	}
	if fx.ownerOnly, err = encrypt(fx.a5, "", "dono"); err != nil {
		return fmt.Errorf("owner-only: %w", err)
	}
	fx.truncated = append([]byte(nil), fx.contract[:len(fx.contract)/2]...)
	fx.garbage = append([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), bytes.Repeat([]byte("not really a pdf object\n"), 50)...)
	var img bytes.Buffer
	m := image.NewRGBA(image.Rect(0, 0, 8, 8))
	m.Set(1, 1, color.RGBA{R: 255, A: 255})
	if err := png.Encode(&img, m); err != nil {
		return err
	}
	fx.png = img.Bytes()
	fx.text = []byte("Contrato de compra e venda\nEste arquivo é texto, não PDF.\n")
	return nil
}

// formJSON renders pdfcpu's create JSON: one text line per page (so page
// order can be checked) plus text fields and checkboxes.
func formJSON(paper string, texts, textFields, checkboxes map[int][]string) string {
	pages := []string{}
	maxPage := 0
	for _, m := range []map[int][]string{texts, textFields, checkboxes} {
		for p := range m {
			maxPage = max(maxPage, p)
		}
	}
	for p := 1; p <= maxPage; p++ {
		var content []string
		var tx []string
		for i, s := range texts[p] {
			tx = append(tx, fmt.Sprintf(`{"value": %q, "pos": [40, %d], "font": {"name": "Helvetica", "size": 14}}`, s, 560-20*i))
		}
		if len(tx) > 0 {
			content = append(content, `"text": [`+strings.Join(tx, ",")+`]`)
		}
		var tf []string
		for i, id := range textFields[p] {
			tf = append(tf, fmt.Sprintf(`{"id": %q, "value": "", "pos": [120, %d], "width": 200, "font": {"name": "Helvetica", "size": 10}, "label": {"value": %q, "width": 80, "gap": 5, "pos": "left"}}`, id, 500-25*i, id))
		}
		if len(tf) > 0 {
			content = append(content, `"textfield": [`+strings.Join(tf, ",")+`]`)
		}
		var cb []string
		for i, id := range checkboxes[p] {
			cb = append(cb, fmt.Sprintf(`{"id": %q, "value": false, "pos": [350, %d], "width": 12, "label": {"value": %q, "width": 80, "gap": 5, "pos": "right"}}`, id, 500-25*i, id))
		}
		if len(cb) > 0 {
			content = append(content, `"checkbox": [`+strings.Join(cb, ",")+`]`)
		}
		pages = append(pages, fmt.Sprintf(`"%d": {"content": {%s}}`, p, strings.Join(content, ",")))
	}
	return fmt.Sprintf(`{"paper": %q, "origin": "LowerLeft", "fonts": {"input": {"name": "Helvetica", "size": 10}, "label": {"name": "Helvetica", "size": 8}}, "pages": {%s}}`,
		paper, strings.Join(pages, ","))
}

func createFromJSON(js string) ([]byte, error) {
	var out bytes.Buffer
	if err := api.Create(nil, strings.NewReader(js), &out, model.NewDefaultConfiguration()); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// buildContract makes the main fixture: pdfcpu's form creation for the
// text fields and checkbox, then, because the JSON cannot express them, a
// true signature field (/FT /Sig, named neutrally so only its type marks
// it), a parent field "assinaturas" with two kids, and a stamp annotation
// labelled "Rubrica" that is not a field.
func buildContract() ([]byte, error) {
	js := formJSON("A4P",
		map[int][]string{1: {"Contrato A p1"}, 2: {"Contrato A p2"}},
		map[int][]string{1: contractTextFields, 2: {"assinatúra_vendedor", "observacoes"}},
		map[int][]string{1: {"aceite_termos"}})
	raw, err := createFromJSON(js)
	if err != nil {
		return nil, err
	}
	ctx, err := api.ReadContext(bytes.NewReader(raw), model.NewDefaultConfiguration())
	if err != nil {
		return nil, err
	}
	if err := api.ValidateContext(ctx); err != nil {
		return nil, err
	}
	xt := ctx.XRefTable
	acro, err := xt.DereferenceDict(xt.RootDict["AcroForm"])
	if err != nil || acro == nil {
		return nil, fmt.Errorf("no AcroForm after create: %v", err)
	}
	fields, err := xt.DereferenceArray(acro["Fields"])
	if err != nil {
		return nil, err
	}

	addAnnot := func(page int, d types.Dict) (types.IndirectRef, error) {
		pd, pref, _, err := xt.PageDict(page, false)
		if err != nil {
			return types.IndirectRef{}, err
		}
		d["P"] = *pref
		ref, err := xt.IndRefForNewObject(d)
		if err != nil {
			return types.IndirectRef{}, err
		}
		annots, err := xt.DereferenceArray(pd["Annots"])
		if err != nil {
			return types.IndirectRef{}, err
		}
		pd["Annots"] = append(annots, *ref)
		return *ref, nil
	}
	widget := func(x float64) types.Dict {
		return types.Dict{
			"Type":    types.Name("Annot"),
			"Subtype": types.Name("Widget"),
			"Rect":    types.NewNumberArray(x, 60, x+150, 90),
			"F":       types.Integer(4),
		}
	}

	sig := widget(40)
	sig["FT"] = types.Name("Sig")
	sig["T"] = types.StringLiteral("campo_7")
	sigRef, err := addAnnot(1, sig)
	if err != nil {
		return nil, err
	}
	fields = append(fields, sigRef)

	// The parent is a text field; it borrows the default appearance pdfcpu
	// gave the created fields, since validation requires one.
	var da types.Object
	for _, f := range fields {
		if d, err := xt.DereferenceDict(f); err == nil && d != nil {
			if o, ok := d.Find("DA"); ok {
				da = o
				break
			}
		}
	}
	parent := types.Dict{"T": types.StringLiteral("assinaturas"), "FT": types.Name("Tx"), "DA": da}
	parentRef, err := xt.IndRefForNewObject(parent)
	if err != nil {
		return nil, err
	}
	var kids types.Array
	for i, name := range []string{"comprador", "vendedor"} {
		k := widget(220 + float64(i)*170)
		k["T"] = types.StringLiteral(name)
		k["Parent"] = *parentRef
		ref, err := addAnnot(2, k)
		if err != nil {
			return nil, err
		}
		kids = append(kids, ref)
	}
	parent["Kids"] = kids
	fields = append(fields, *parentRef)
	acro["Fields"] = fields
	acro["SigFlags"] = types.Integer(1)

	if _, err := addAnnot(2, types.Dict{
		"Type":     types.Name("Annot"),
		"Subtype":  types.Name("Stamp"),
		"Rect":     types.NewNumberArray(400, 700, 550, 740),
		"Contents": types.StringLiteral("Rubrica"),
		"F":        types.Integer(4),
	}); err != nil {
		return nil, err
	}
	// A link is an annotation too, and must survive StripMarks.
	if _, err := addAnnot(2, types.Dict{
		"Type":    types.Name("Annot"),
		"Subtype": types.Name("Link"),
		"Rect":    types.NewNumberArray(40, 700, 140, 720),
		"Border":  types.NewIntegerArray(0, 0, 0),
		"A":       types.Dict{"S": types.Name("URI"), "URI": types.StringLiteral("https://example.com/")},
	}); err != nil {
		return nil, err
	}

	var out bytes.Buffer
	if err := api.WriteContext(ctx, &out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func encrypt(pdf []byte, user, owner string) ([]byte, error) {
	var out bytes.Buffer
	conf := model.NewAESConfiguration(user, owner, 256)
	if err := api.Encrypt(bytes.NewReader(pdf), &out, conf); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func TestWriteFixtures(t *testing.T) {
	if !*update {
		t.Skip("run with -update to write the fixtures to testdata/")
	}
	fx := getFixtures(t)
	files := map[string][]byte{
		"contract.pdf":     fx.contract,
		"letter.pdf":       fx.letter,
		"annex-a5.pdf":     fx.a5,
		"encrypted.pdf":    fx.encrypted,
		"owner-only.pdf":   fx.ownerOnly,
		"truncated.pdf":    fx.truncated,
		"garbage.pdf":      fx.garbage,
		"image-as-pdf.pdf": fx.png,
		"text-as-pdf.pdf":  fx.text,
	}
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join("testdata", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
