package pdfs

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/font"

	"selo/backend/crm"
	"selo/backend/logging"
)

// The signature page Selo appends for a provider that signs on positioned
// tabs (DocuSign): one A4 page titled "Assinaturas" with one labelled box
// per signer (name, masked CPF, role), and where each box is, so the caller
// can put each person's signature tab inside their own box. More than
// SignatureBoxesPerPage signers continue on further pages.

// Page and layout, in PDF points (1/72 in).
const (
	// a4Width and a4Height are the A4 page size.
	a4Width, a4Height = 595, 842
	// pageMargin is the blank border of the page.
	pageMargin = 48
	// boxesTop is where the grid of boxes starts, from the top, below the title.
	boxesTop = 112
	// boxGap separates two boxes, across and down.
	boxGap = 10
	// maxBoxHeight keeps a box for one or two signers from filling the page.
	maxBoxHeight = 132
	// labelHeight is the part of a box under the signing line, for the
	// name (up to three lines), the CPF and the role.
	labelHeight = 58
	// boxPad is the inner padding of a box and the tab's offset from its corner.
	boxPad = 8
	// SignatureBoxesPerPage is how many boxes one page holds: two columns of six.
	SignatureBoxesPerPage = 12
	// singleColumnMax is the most signers laid out in one full-width column.
	singleColumnMax = 6
)

// PageSigner is one person with a box on the signature page.
type PageSigner struct {
	// Name is printed in full (wrapped when long).
	Name string
	// CPF as configured; printed masked, only its check digits visible,
	// because every signer and the office see the page. Empty prints nothing.
	CPF string
	// Role is the pt-BR role ("Titular", "Fiador e Testemunha").
	Role string
}

// Box is one signer's box, in points from the top-left corner of its page:
// DocuSign's origin for tab xPosition/yPosition (reference §3.2, [OAS]
// signHere). Page is 1-based in the whole document.
type Box struct {
	Page, X, Y, Width, Height int
}

// SignAt returns where the signature tab goes: the box's top-left corner
// plus its padding, so the signature lands inside the box, above the line.
func (b Box) SignAt() (page, x, y int) { return b.Page, b.X + boxPad, b.Y + boxPad }

// SignaturePage is the document with the signature page(s) appended.
type SignaturePage struct {
	// PDF is the whole document.
	PDF []byte
	// FirstPage is the 1-based number of the first appended page.
	FirstPage int
	// Pages is the document's page count.
	Pages int
	// Boxes are the signers' boxes, in the order given.
	Boxes []Box
}

// CodeNoSigners: a signature page was asked for nobody.
const CodeNoSigners = "pdf.no_signers"

// AppendSignaturePage appends the signature page(s) for signers to merged
// and says where each box is. Errors are crm errors with this package's
// codes; merged is read like any other input (CodeNotPDF, CodeCorrupt, …).
func AppendSignaturePage(ctx context.Context, merged []byte, signers []PageSigner) (SignaturePage, error) {
	if len(signers) == 0 {
		return SignaturePage{}, crm.E(CodeNoSigners)
	}
	layout := layoutBoxes(len(signers))
	nPages := layout[len(layout)-1].Page
	page := signaturePagePDF(signers, layout, nPages)
	var out bytes.Buffer
	res, err := run(ctx, []Input{{Name: "contratos", PDF: merged}, {Name: "assinaturas", PDF: page}}, &out, nil, false)
	if err != nil {
		return SignaturePage{}, err
	}
	first := res.Pages - nPages + 1
	boxes := make([]Box, len(layout))
	for i, b := range layout {
		b.Page += first - 1
		boxes[i] = b
	}
	return SignaturePage{PDF: out.Bytes(), FirstPage: first, Pages: res.Pages, Boxes: boxes}, nil
}

// layoutBoxes places n boxes; Page is 1-based among the appended pages.
// Up to singleColumnMax signers get full-width boxes in one column, more
// get two columns; every page is filled top to bottom, left to right.
func layoutBoxes(n int) []Box {
	out := make([]Box, 0, n)
	for start := 0; start < n; start += SignatureBoxesPerPage {
		count := min(n-start, SignatureBoxesPerPage)
		cols := 1
		if n > singleColumnMax {
			cols = 2
		}
		rows := (count + cols - 1) / cols
		width := (a4Width - 2*pageMargin - (cols-1)*boxGap) / cols
		height := min(maxBoxHeight, (a4Height-pageMargin-boxesTop-(rows-1)*boxGap)/rows)
		for i := range count {
			r, c := i/cols, i%cols
			out = append(out, Box{
				Page: start/SignatureBoxesPerPage + 1,
				X:    pageMargin + c*(width+boxGap), Y: boxesTop + r*(height+boxGap),
				Width: width, Height: height,
			})
		}
	}
	return out
}

// signaturePagePDF writes the appended pages as a small PDF of their own,
// in the standard Helvetica fonts (WinAnsi covers every Portuguese letter),
// so nothing is embedded and the page reads the same in any viewer.
func signaturePagePDF(signers []PageSigner, boxes []Box, nPages int) []byte {
	contents := make([]bytes.Buffer, nPages)
	for p := range contents {
		s := &contents[p]
		title := "Assinaturas"
		if nPages > 1 {
			title = fmt.Sprintf("Assinaturas (%d de %d)", p+1, nPages)
		}
		fmt.Fprintf(s, "BT /F2 18 Tf %d %d Td (%s) Tj ET\n", pageMargin, a4Height-pageMargin-18, winAnsi(title))
		fmt.Fprintf(s, "BT /F1 9 Tf %d %d Td (%s) Tj ET\n", pageMargin, a4Height-pageMargin-38,
			winAnsi("Página de assinaturas eletrônicas acrescentada pelo Selo: cada pessoa assina no próprio quadro."))
		s.WriteString("0.5 w 0.4 G\n")
	}
	for i, b := range boxes {
		s := &contents[b.Page-1]
		sg := signers[i]
		bottom := a4Height - b.Y - b.Height // PDF user space starts at the bottom
		fmt.Fprintf(s, "%d %d %d %d re S\n", b.X, bottom, b.Width, b.Height)
		lineY := bottom + labelHeight
		fmt.Fprintf(s, "%d %d m %d %d l S\n", b.X+boxPad, lineY, b.X+b.Width-boxPad, lineY)
		inner := float64(b.Width - 2*boxPad)
		size, lines := 10.0, wrapText(sg.Name, boldFont, inner, 10, 2)
		if lines == nil {
			size, lines = 8, wrapText(sg.Name, boldFont, inner, 8, 3)
		}
		if lines == nil {
			// Longer than DocuSign's 100 characters allow: the end is cut.
			all := wrapText(sg.Name, boldFont, inner, 8, len(sg.Name))
			lines = append(all[:2:2], fitText(strings.Join(all[2:], " "), boldFont, inner, 8))
		}
		y := float64(lineY) - 4 - size
		for _, l := range lines {
			fmt.Fprintf(s, "BT /F2 %g Tf %d %.1f Td (%s) Tj ET\n", size, b.X+boxPad, y, winAnsi(l))
			y -= size + 2
		}
		var small []string
		if strings.TrimSpace(sg.CPF) != "" {
			small = append(small, "CPF "+logging.MaskCPF(sg.CPF))
		}
		if r := strings.TrimSpace(sg.Role); r != "" {
			small = append(small, fitText(r, regularFont, inner, 8))
		}
		for _, l := range small {
			fmt.Fprintf(s, "BT /F1 8 Tf %d %.1f Td (%s) Tj ET\n", b.X+boxPad, y, winAnsi(l))
			y -= 9
		}
	}

	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	// 1 catalog, 2 pages, 3 and 4 fonts, then per page: page, contents.
	kids := make([]string, nPages)
	for p := range kids {
		kids[p] = fmt.Sprintf("%d 0 R", 5+2*p)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), nPages))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	for p := range contents {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>",
			a4Width, a4Height, 6+2*p))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", contents[p].Len(), contents[p].String()))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// The standard fonts the page is written in (not embedded; pdfcpu knows
// their metrics, so text is measured, not guessed).
const (
	regularFont = "Helvetica"
	boldFont    = "Helvetica-Bold"
)

// textWidth is the width of s in points, in fontName at size.
func textWidth(s, fontName string, size float64) float64 {
	w, err := font.TextWidthFloat(encodeWinAnsi(s), fontName, size)
	if err != nil {
		return float64(len([]rune(s))) * size // wider than any glyph: never overflows
	}
	return w
}

// wrapText splits s into at most maxLines lines no wider than width in
// fontName at size, on word boundaries (a word wider than a line is cut);
// nil when it needs more lines.
func wrapText(s, fontName string, width, size float64, maxLines int) []string {
	fits := func(t string) bool { return textWidth(t, fontName, size) <= width }
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		for !fits(w) {
			r := []rune(w)
			n := len(r) - 1
			for n > 1 && !fits(string(r[:n])) {
				n--
			}
			if cur != "" {
				lines, cur = append(lines, cur), ""
			}
			lines, w = append(lines, string(r[:n])), string(r[n:])
		}
		switch {
		case cur == "":
			cur = w
		case fits(cur + " " + w):
			cur += " " + w
		default:
			lines, cur = append(lines, cur), w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) > maxLines {
		return nil
	}
	return lines
}

// fitText cuts s with an ellipsis so it is no wider than width.
func fitText(s, fontName string, width, size float64) string {
	if textWidth(s, fontName, size) <= width {
		return s
	}
	r := []rune(s)
	for n := len(r) - 1; n > 0; n-- {
		if t := strings.TrimSpace(string(r[:n])) + "…"; textWidth(t, fontName, size) <= width {
			return t
		}
	}
	return "…"
}

// winAnsiExtra maps the characters WinAnsi places in 0x80–0x9F.
var winAnsiExtra = map[rune]byte{
	'€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94,
	'•': 0x95, '–': 0x96, '—': 0x97, '™': 0x99,
}

// encodeWinAnsi encodes s in WinAnsi; a character outside it becomes "?".
func encodeWinAnsi(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 32:
			b.WriteByte(' ')
		case r < 128:
			b.WriteByte(byte(r))
		case winAnsiExtra[r] != 0:
			b.WriteByte(winAnsiExtra[r])
		case r >= 0xA0 && r < 256:
			b.WriteByte(byte(r)) // Latin-1 and WinAnsi agree here
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// winAnsi encodes s for a literal string in a WinAnsi font, escaping the
// string delimiters.
func winAnsi(s string) string {
	e := encodeWinAnsi(s)
	var b strings.Builder
	for i := 0; i < len(e); i++ {
		if c := e[i]; c == '(' || c == ')' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(e[i])
	}
	return b.String()
}
