package simulator

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

func init() { api.DisableConfigDir() }

func pdfConf() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	return conf
}

// pageCount reads a PDF's page count; an error means DocuSign would refuse it.
func pageCount(b []byte) (int, error) {
	return api.PageCount(bytes.NewReader(b), pdfConf())
}

// merge concatenates PDFs, as the combined download with the certificate does.
func merge(parts ...[]byte) ([]byte, error) {
	readers := make([]*bytes.Reader, len(parts))
	for i, p := range parts {
		readers[i] = bytes.NewReader(p)
	}
	var out bytes.Buffer
	if err := api.MergeRaw(toReadSeekers(readers), &out, false, pdfConf()); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// TextPDF makes a real, valid PDF with one A4 page per entry of pages, each
// page a list of text lines. The simulator builds its Certificate of
// Completion with it; tests and the training desk use it as a contract.
func TextPDF(pages ...[]string) []byte {
	if len(pages) == 0 {
		pages = [][]string{{""}}
	}
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	// 1 catalog, 2 pages, 3 font, then per page: page object + content stream.
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	for i, lines := range pages {
		var s bytes.Buffer
		s.WriteString("BT /F1 11 Tf 14 TL 56 790 Td\n")
		for _, l := range lines {
			s.WriteString("(" + pdfString(l) + ") '\n")
		}
		s.WriteString("ET")
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", s.Len()+1, s.String()))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// pdfString escapes a line for a literal string in WinAnsi encoding.
func pdfString(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 32:
			b.WriteByte(' ')
		case r < 128:
			b.WriteRune(r)
		case r < 256:
			b.WriteByte(byte(r)) // Latin-1 matches WinAnsi for accented letters
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

func toReadSeekers(rs []*bytes.Reader) []io.ReadSeeker {
	out := make([]io.ReadSeeker, len(rs))
	for i, r := range rs {
		out[i] = r
	}
	return out
}
