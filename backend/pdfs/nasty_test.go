package pdfs

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// rawPDF writes a classic PDF from object bodies (object i+1 is objs[i])
// with a correct xref table, so a case differs from a clean file only by
// the detail it is about. trailer is added to the trailer dictionary.
func rawPDF(version string, objs []string, trailer string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n", version)
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, xref)
	return b.Bytes()
}

// stream renders a stream object body with a correct /Length.
func stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// A one-page form: 1 catalog, 2 pages, 3 page, 4 content, 5 font, 6 the
// text field "nome" (with its widget), then whatever a case appends.
func formObjs(catalogExtra, fieldExtra, resourcesExtra string, annots string, more ...string) []string {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R" + fieldRefs(more) + "] /DR << /Font << /Helv 5 0 R >> >> /DA (/Helv 0 Tf 0 g) >> " + catalogExtra + " >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> " + resourcesExtra + " >> /Annots [6 0 R" + annots + "] >>",
		stream("", "BT /F1 14 Tf 40 780 Td (Contrato de teste) Tj ET"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Annot /Subtype /Widget /FT /Tx /T (nome) /Rect [100 700 300 720] /P 3 0 R /F 4 " + fieldExtra + " >>",
	}
	return append(objs, more...)
}

// fieldRefs lists the extra objects that are fields (a /FT entry).
func fieldRefs(more []string) string {
	var s string
	for i, o := range more {
		if strings.Contains(o, "/FT ") {
			s += fmt.Sprintf(" %d 0 R", 7+i)
		}
	}
	return s
}

type nastyCase struct {
	name string
	pdf  []byte
	// want is the refusal code, or "" when the file must go all the way.
	want string
	// fill lists fields a generation must fill (beyond corpusValues).
	fill map[string]string
}

// nastyCases are hand-made files for each way real files went wrong, plus
// the classic damage. They are built by code so nothing binary is
// committed and every case says what makes it nasty.
func nastyCases(t *testing.T) []nastyCase {
	t.Helper()
	fx := getFixtures(t)
	da := "/DA (/Helv 10 Tf 0 g)"
	cases := []nastyCase{
		{name: "clean-form", pdf: rawPDF("1.7", formObjs("", da, "", ""), "")},
		// Fonts a field names but pdfcpu has no metrics for: the filler
		// falls back to its Unicode font, which Selo ships.
		{name: "field-font-arial", pdf: rawPDF("1.7", append(formObjs("", "/DA (/Arial 10 Tf 0 g)", "", ""),
			"<< /Type /Font /Subtype /TrueType /BaseFont /Arial /Encoding /WinAnsiEncoding >>"), "")},
		// A checkbox with no appearance stream at all (only /AS).
		{name: "checkbox-no-ap", pdf: rawPDF("1.7", formObjs("", da, "", " 7 0 R",
			"<< /Type /Annot /Subtype /Widget /FT /Btn /T (aceite) /V /Off /AS /Off /Rect [100 650 112 662] /P 3 0 R /F 4 /MK << >> >>"), ""),
			fill: map[string]string{"aceite": "sim"}},
		// A checkbox whose /AP has no /N.
		{name: "checkbox-empty-ap", pdf: rawPDF("1.7", formObjs("", da, "", " 7 0 R",
			"<< /Type /Annot /Subtype /Widget /FT /Btn /T (aceite) /V /Off /AS /Off /AP << >> /Rect [100 650 112 662] /P 3 0 R /F 4 >>"), ""),
			fill: map[string]string{"aceite": "sim"}},
		// The form's font resources written as direct dictionaries, which
		// pdfcpu's filler does not expect.
		{name: "dr-font-direct", pdf: rawPDF("1.7", formObjs("", da, "", ""), "")},
		// Strict details qpdf does not mind.
		{name: "da-wrong-type", pdf: rawPDF("1.7", formObjs("", "/DA /Helv", "", ""), "")},
		{name: "da-number", pdf: rawPDF("1.7", formObjs("", "/DA 12", "", ""), "")},
		{name: "colorspace-indirect-in-array", pdf: rawPDF("1.7", append(formObjs("", da, "/ColorSpace << /CS0 [/Indexed 7 0 R 1 <FF000000FF00>] /CS1 [/ICCBased 8 0 R] /CS2 [10 0 R 8 0 R] /CS3 [/Separation /Spot 7 0 R 11 0 R] >>", ""),
			"/DeviceRGB", stream("/N 1 /Alternate 9 0 R", "x"), "/DeviceGray", "/ICCBased",
			"<< /FunctionType 2 /Domain [0 1] /C0 [1 1 1] /C1 [1 0 0] /N 1 >>"), "")},
		{name: "pagemode-typo", pdf: rawPDF("1.7", formObjs("/PageMode /UseOutline", da, "", ""), "")},
		{name: "pagelayout-case", pdf: rawPDF("1.7", formObjs("/PageLayout /Onecolumn", da, "", ""), "")},
		// PDF 2.0 on either side of an older document.
		{name: "pdf20-form", pdf: rawPDF("2.0", formObjs("", da, "", ""), "")},
		// Encryption written inline in the trailer instead of by reference.
		{name: "encrypt-inline", pdf: rawPDF("1.7", formObjs("", da, "", ""),
			"/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <"+strings.Repeat("11", 32)+"> /U <"+strings.Repeat("22", 32)+"> >> /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]"),
			want: CodeEncrypted},
		{name: "user-password-aes256", pdf: fx.encrypted, want: CodeProtected},
		// An encryption dictionary pdfcpu cannot use: still encryption,
		// not damage, as far as the user can act on it.
		{name: "encrypt-dict-missing", pdf: rawPDF("1.7", formObjs("", da, "", ""),
			"/Encrypt 99 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]"), want: CodeEncrypted},
		{name: "encrypt-dict-incomplete", pdf: rawPDF("1.7", append(formObjs("", da, "", ""), "<< /Filter /Standard /V 2 /R 3 >>"),
			"/Encrypt 7 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]"), want: CodeEncrypted},
		{name: "owner-password-only", pdf: fx.ownerOnly, want: CodeEncrypted},
		{name: "truncated", pdf: fx.truncated, want: CodeCorrupt},
		{name: "garbage-after-header", pdf: fx.garbage, want: CodeCorrupt},
		{name: "png-named-pdf", pdf: fx.png, want: CodeNotPDF},
		{name: "text-named-pdf", pdf: fx.text, want: CodeNotPDF},
		{name: "empty-file", pdf: []byte{}, want: CodeNotPDF},
		{name: "postscript", pdf: []byte("%!PS-Adobe-3.0\n%%Pages: 1\nshowpage\n"), want: CodeNotPDF},
		// Junk before the header, as some mail gateways leave it.
		{name: "junk-before-header", pdf: append([]byte("Content-Type: application/pdf\r\n\r\n"), rawPDF("1.4", formObjs("", da, "", ""), "")...)},
		// Every xref offset is off by 7 (an editor that added bytes): qpdf
		// repairs it by scanning the objects.
		{name: "broken-xref-offsets", pdf: shiftXref(rawPDF("1.5", formObjs("", da, "", ""), ""), 7)},
		// startxref points into the void.
		{name: "broken-startxref", pdf: bytes.Replace(rawPDF("1.5", formObjs("", da, "", ""), ""), []byte("startxref\n"), []byte("startxref\n9"), 1)},
		// No xref at all.
		{name: "no-xref", pdf: noXref(rawPDF("1.5", formObjs("", da, "", ""), ""))},
	}
	for i := range cases {
		if cases[i].name == "dr-font-direct" {
			cases[i].pdf = rawPDF("1.7", strings.Split(strings.Replace(strings.Join(formObjs("", da, "", ""), "\x00"),
				"/DR << /Font << /Helv 5 0 R >> >>", "/DR << /Font << /Helv << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>", 1), "\x00"), "")
		}
	}
	for _, c := range qpdfEncrypted(t, rawPDF("1.6", formObjs("", da, "", ""), "")) {
		cases = append(cases, c)
	}
	return cases
}

// shiftXref adds delta to every in-use offset of the xref table.
func shiftXref(pdf []byte, delta int) []byte {
	lines := strings.Split(string(pdf), "\n")
	for i, l := range lines {
		if len(l) == 19 && strings.HasSuffix(l, " n ") {
			var off, gen int
			fmt.Sscanf(l, "%d %d", &off, &gen)
			lines[i] = fmt.Sprintf("%010d %05d n ", off+delta, gen)
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

// noXref cuts the xref table and startxref, keeping the trailer.
func noXref(pdf []byte) []byte {
	s := string(pdf)
	i := strings.Index(s, "xref\n0 ")
	j := strings.Index(s, "trailer\n")
	k := strings.Index(s, "startxref")
	return []byte(s[:i] + s[j:k] + "%%EOF\n")
}

// qpdfEncrypted makes files protected the ways qpdf can (RC4 40 and 128,
// AES 128 and 256), with and without a password to open.
func qpdfEncrypted(t *testing.T, pdf []byte) []nastyCase {
	t.Helper()
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		return nil
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	var out []nastyCase
	for _, bits := range []string{"40", "128", "256"} {
		for _, user := range []string{"", "segredo"} {
			name := "qpdf-" + bits
			want := CodeEncrypted
			if user != "" {
				name += "-user-password"
				want = CodeProtected
			} else {
				name += "-owner-only"
			}
			args := []string{"--allow-weak-crypto", "--encrypt", user, "dono", bits}
			if bits == "128" {
				args = append(args, "--use-aes=n")
			}
			dst := filepath.Join(dir, name+".pdf")
			args = append(args, "--", in, dst)
			if msg, err := exec.Command(qpdf, args...).CombinedOutput(); err != nil {
				t.Fatalf("qpdf %v: %v %s", args, err, msg)
			}
			b, err := os.ReadFile(dst)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, nastyCase{name: name, pdf: b, want: want})
		}
	}
	return out
}

func TestNastyCases(t *testing.T) {
	qpdf, _ := exec.LookPath("qpdf")
	neighbour := getFixtures(t).letter
	for _, c := range nastyCases(t) {
		t.Run(c.name, func(t *testing.T) {
			_, err := Inspect(c.pdf)
			if got := errCode(err); got != c.want {
				t.Fatalf("Inspect code = %q, want %q (%v)", got, c.want, err)
			}
			if c.want != "" {
				// A send meeting the file (say, attached before a fix) must
				// say the same thing, wherever the file sits.
				_, err := Prepare(context.Background(), []Input{{Name: "a", PDF: neighbour}, {Name: "b", PDF: c.pdf}})
				if got := errCode(err); got != c.want {
					t.Errorf("Prepare code = %q, want %q (%v)", got, c.want, err)
				}
				return
			}
			o := checkOne(qpdf, c.pdf, neighbour, c.fill)
			if o.failure != "" {
				t.Fatal(o.failure)
			}
		})
	}
}
