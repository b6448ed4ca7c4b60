package pdfs

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/font"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"selo/backend/crm"
)

// pageOps reads one page of pdf back with pdfcpu: its text (the literal
// strings shown, decoded from WinAnsi) and its stroked rectangles.
func pageOps(t *testing.T, pdf []byte, page int) (text []string, rects [][4]float64, dims [2]float64, raw []byte) {
	t.Helper()
	ctx, err := pdfcpu.ReadWithContext(context.Background(), bytes.NewReader(pdf), newConf(model.VALIDATE))
	if err != nil {
		t.Fatal(err)
	}
	if err := api.ValidateContext(ctx); err != nil {
		t.Fatalf("the result does not validate: %v", err)
	}
	ds, err := ctx.PageDims()
	if err != nil {
		t.Fatal(err)
	}
	dims = [2]float64{ds[page-1].Width, ds[page-1].Height}
	r, err := pdfcpu.ExtractPageContent(ctx, page)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ = io.ReadAll(r)
	for _, m := range regexp.MustCompile(`\(((?:\\.|[^\\)])*)\) Tj`).FindAllSubmatch(raw, -1) {
		s := regexp.MustCompile(`\\(.)`).ReplaceAll(m[1], []byte("$1"))
		text = append(text, fromWinAnsi(s))
	}
	for _, m := range regexp.MustCompile(`([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re`).FindAllSubmatch(raw, -1) {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(string(m[i+1]), 64)
		}
		rects = append(rects, v)
	}
	return text, rects, dims, raw
}

// checkTextInBoxes asserts that every text drawn below the title sits in
// the label part of one box: under the signing line, above the box's bottom
// edge, and no wider than the box (at a generous glyph width).
func checkTextInBoxes(t *testing.T, raw []byte, boxes []Box) {
	t.Helper()
	re := regexp.MustCompile(`BT /F(\d) ([\d.]+) Tf ([\d.]+) ([\d.]+) Td \(((?:\\.|[^\\)])*)\) Tj ET`)
	n := 0
	for _, m := range re.FindAllSubmatch(raw, -1) {
		fontName := map[string]string{"1": "Helvetica", "2": "Helvetica-Bold"}[string(m[1])]
		size, _ := strconv.ParseFloat(string(m[2]), 64)
		x, _ := strconv.ParseFloat(string(m[3]), 64)
		y, _ := strconv.ParseFloat(string(m[4]), 64)
		m = m[1:]
		if y > 842-boxesTop {
			continue // title and subtitle
		}
		n++
		w, err := font.TextWidthFloat(string(m[4]), fontName, size)
		if err != nil {
			t.Fatal(err)
		}
		ok := false
		for _, b := range boxes {
			bottom := float64(842 - b.Y - b.Height)
			line := bottom + labelHeight
			if x >= float64(b.X) && x+w <= float64(b.X+b.Width-boxPad)+0.5 && y-0.25*size >= bottom+1 && y+0.75*size <= line {
				ok = true
			}
		}
		if !ok {
			t.Errorf("text %q at %.1f,%.1f (%.0f pt) is outside every box's label area", fromWinAnsi(m[4]), x, y, size)
		}
	}
	if n == 0 {
		t.Error("no label text found")
	}
}

// fromWinAnsi decodes a WinAnsi string: Latin-1 above 0xA0, the table's
// characters in 0x80–0x9F.
func fromWinAnsi(s []byte) string {
	extra := map[byte]rune{}
	for r, c := range winAnsiExtra {
		extra[c] = r
	}
	var b strings.Builder
	for _, c := range s {
		if r, ok := extra[c]; ok {
			b.WriteRune(r)
		} else {
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

func contractPDF(t *testing.T) ([]byte, int) {
	t.Helper()
	b, err := os.ReadFile("testdata/contract.pdf")
	if err != nil {
		t.Fatal(err)
	}
	info, err := Describe(b)
	if err != nil {
		t.Fatal(err)
	}
	return b, info.Pages
}

var pageNames = []string{
	"Maria da Conceição Souza", "João Araújo", "Ana Lima", "Carlos Prado", "Fernanda Gonçalves",
	"Luís Otávio", "Beatriz Müller", "Pedro Álvares", "Íris Ramos", "Ênio Castro", "Zoë D'Ávila", "Raul Seixas",
}

// For 1..12 signers: one A4 page is appended after the contract, titled
// "Assinaturas", with every name, masked CPF and role on it, one drawn box
// per signer exactly where the returned box says, boxes inside the page and
// not overlapping, each with room for a signature above the label.
func TestAppendSignaturePageOneToTwelve(t *testing.T) {
	contract, pages := contractPDF(t)
	for n := 1; n <= 12; n++ {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var signers []PageSigner
			for i := range n {
				signers = append(signers, PageSigner{Name: pageNames[i], CPF: "111.444.777-35", Role: crm.SignerTypeLabels[crm.SignerTypes()[i%9]]})
			}
			res, err := AppendSignaturePage(context.Background(), contract, signers)
			if err != nil {
				t.Fatal(err)
			}
			if res.FirstPage != pages+1 || res.Pages != pages+1 || len(res.Boxes) != n {
				t.Fatalf("first %d pages %d boxes %d; contract has %d pages", res.FirstPage, res.Pages, len(res.Boxes), pages)
			}
			text, rects, dims, raw := pageOps(t, res.PDF, res.FirstPage)
			checkTextInBoxes(t, raw, res.Boxes)
			if dims != [2]float64{595, 842} {
				t.Errorf("page size %v, want A4", dims)
			}
			joined := strings.Join(text, "\n")
			if text[0] != "Assinaturas" {
				t.Errorf("title %q", text[0])
			}
			for _, s := range signers {
				if !strings.Contains(joined, s.Name) || !strings.Contains(joined, s.Role) {
					t.Errorf("%q or %q missing from the page:\n%s", s.Name, s.Role, joined)
				}
			}
			if strings.Count(joined, "CPF ***.***.***-35") != n || strings.Contains(joined, "111.444") {
				t.Errorf("CPFs not masked as the logs do:\n%s", joined)
			}
			if len(rects) != n {
				t.Fatalf("%d boxes drawn for %d signers", len(rects), n)
			}
			for i, b := range res.Boxes {
				drawn := [4]float64{float64(b.X), 842 - float64(b.Y+b.Height), float64(b.Width), float64(b.Height)}
				if rects[i] != drawn {
					t.Errorf("box %d drawn at %v, reported %+v (top-left origin)", i, rects[i], b)
				}
				if b.Page != res.FirstPage || b.X < 0 || b.Y < 90 || b.X+b.Width > 595 || b.Y+b.Height > 842 {
					t.Errorf("box %d %+v leaves the page or covers the title", i, b)
				}
				if b.Height-labelHeight < 40 || b.Width < 200 {
					t.Errorf("box %d %+v leaves no room to sign", i, b)
				}
				page, x, y := b.SignAt()
				if page != b.Page || x <= b.X || y <= b.Y || x >= b.X+b.Width || y >= b.Y+b.Height-labelHeight {
					t.Errorf("box %d signs at %d,%d outside its signing area %+v", i, x, y, b)
				}
				for j, o := range res.Boxes[:i] {
					if b.X < o.X+o.Width && o.X < b.X+b.Width && b.Y < o.Y+o.Height && o.Y < b.Y+b.Height {
						t.Errorf("boxes %d %+v and %d %+v overlap", i, b, j, o)
					}
				}
			}
		})
	}
}

// Long names wrap instead of running out of their box; more than twelve
// signers continue on a second page, still inside A4.
func TestAppendSignaturePageLongNamesAndSecondPage(t *testing.T) {
	contract, pages := contractPDF(t)
	long := "Maria Aparecida da Conceição dos Santos Albuquerque de Oliveira e Silva Pereira Nogueira Bastos"
	var signers []PageSigner
	for i := range 14 {
		signers = append(signers, PageSigner{Name: fmt.Sprintf("%s %c", long, 'A'+i), Role: "Titular, Fiador e Testemunha"})
	}
	signers[3].Role = "Titular, Cônjuge, Associado, Fiador, Corretor, Imobiliária, Incorporadora/Construtora, Gestor e Testemunha"
	signers[4].Name = strings.Repeat("Nomelongo ", 20) + "Fim"
	res, err := AppendSignaturePage(context.Background(), contract, signers)
	if err != nil {
		t.Fatal(err)
	}
	if res.FirstPage != pages+1 || res.Pages != pages+2 {
		t.Fatalf("first %d pages %d", res.FirstPage, res.Pages)
	}
	if res.Boxes[11].Page != pages+1 || res.Boxes[12].Page != pages+2 || res.Boxes[12].Y != res.Boxes[0].Y {
		t.Fatalf("boxes 12 and 13: %+v %+v", res.Boxes[11], res.Boxes[12])
	}
	first, _, _, raw := pageOps(t, res.PDF, pages+1)
	checkTextInBoxes(t, raw, res.Boxes[:12])
	joined := strings.Join(first, "\n")
	if !strings.Contains(joined, "Titular, Cônjuge, Associado") || !strings.Contains(joined, "…") || strings.Contains(joined, "Gestor e Testemunha") {
		t.Errorf("a role too long for its box is not cut with an ellipsis:\n%s", joined)
	}
	if strings.Contains(joined, "Fim") || !strings.Contains(joined, "Nomelongo Nomelongo") {
		t.Errorf("a name beyond three lines is not cut:\n%s", joined)
	}
	text, _, _, raw := pageOps(t, res.PDF, pages+2)
	checkTextInBoxes(t, raw, res.Boxes[12:])
	if text[0] != "Assinaturas (2 de 2)" {
		t.Errorf("title %q", text[0])
	}
	if !strings.Contains(strings.Join(text, " "), "Nogueira Bastos N") {
		t.Errorf("the end of the 14th name is lost: %q", text)
	}
}

func TestAppendSignaturePageRefuses(t *testing.T) {
	contract, _ := contractPDF(t)
	if _, err := AppendSignaturePage(context.Background(), contract, nil); crm.AsError(err).Code != CodeNoSigners {
		t.Errorf("no signers: %v", err)
	}
	if _, err := AppendSignaturePage(context.Background(), []byte("not a pdf"), []PageSigner{{Name: "Ana Lima"}}); crm.AsError(err).Code != CodeNotPDF {
		t.Errorf("not a PDF: %v", err)
	}
}
