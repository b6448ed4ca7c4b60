package pdfs

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// The corpus test holds Selo's promise about PDFs from the real world: a
// file is either refused at upload with a code the screen can explain, or
// it goes all the way (generate, strip, merge in any position) into an
// output that qpdf finds clean. Never accepted and failing later.
//
// The corpus is pdfcpu's own samples and test data (about 510 files, in the
// Go module cache, not committed here) plus hand-made nasty cases built by
// corpusCases.

// refusalCodes are the codes Inspect may refuse a file with; each has a
// pt-BR text in frontend/src/i18n/contracts.ts.
var refusalCodes = map[string]bool{
	CodeNotPDF: true, CodeEncrypted: true, CodeProtected: true, CodeCorrupt: true,
}

// corpusValues fills every fillable field with a value that needs more
// than WinAnsi basics: accents, a cedilla, the ordinal indicator.
func corpusValues(info Info) map[string]string {
	values := map[string]string{}
	for _, f := range info.Fields {
		if f.Mark != MarkNone || f.ReadOnly {
			continue
		}
		switch f.Type {
		case FieldText:
			values[f.Name] = "João Conceição Ávila, nº 7"
		case FieldDate:
			values[f.Name] = "07/12/2026"
		case FieldCheckbox:
			values[f.Name] = "sim"
		}
	}
	return values
}

// corpusDir is where the Go module cache keeps the pdfcpu module.
func corpusDir(t *testing.T) string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/pdfcpu/pdfcpu").Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		t.Skipf("pdfcpu module not in the module cache (go mod download): %v", err)
	}
	return dir
}

type corpusFile struct {
	name string
	path string // empty for generated cases
	data []byte
}

func corpusFiles(t *testing.T) []corpusFile {
	dir := corpusDir(t)
	var files []corpusFile
	for _, sub := range []string{"pkg/samples", "pkg/testdata"} {
		root := filepath.Join(dir, sub)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".pdf") {
				return nil
			}
			rel, _ := filepath.Rel(dir, p)
			files = append(files, corpusFile{name: rel, path: p})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

type corpusOutcome struct {
	name    string
	refused string // the refusal code, or "" when accepted
	failure string // what broke the promise, or ""
	qpdf    bool   // whether qpdf checked the outputs
	dur     time.Duration
}

func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test skipped in -short mode")
	}
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("qpdf is needed for the corpus test (deps.sh test installs it)")
		}
		t.Skip("qpdf not installed")
	}
	files := corpusFiles(t)
	real := len(files)
	for _, c := range nastyCases(t) {
		files = append(files, corpusFile{name: "hand-made/" + c.name, data: c.pdf})
	}
	fx := getFixtures(t)
	// The neighbour is an ordinary PDF 1.x form, so a PDF 2.0 file meets an
	// older document on either side.
	neighbour := fx.letter

	outcomes := make([]corpusOutcome, len(files))
	work := make(chan int)
	var wg sync.WaitGroup
	for range max(2, runtime.NumCPU()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				f := files[i]
				data := f.data
				if f.path != "" {
					var err error
					if data, err = os.ReadFile(f.path); err != nil {
						outcomes[i] = corpusOutcome{name: f.name, failure: err.Error()}
						continue
					}
				}
				start := time.Now()
				q := ""
				if f.path == "" || qpdfWanted(i, data) {
					q = qpdf
				}
				o := checkOne(q, data, neighbour, nil)
				o.qpdf = q != ""
				if f.path != "" && o.failure == "" {
					o.failure = wrongRefusal(qpdf, f.path, o.refused)
				}
				o.name, o.dur = f.name, time.Since(start)
				outcomes[i] = o
			}
		}()
	}
	for i := range files {
		work <- i
	}
	close(work)
	wg.Wait()

	accepted, refused, checked := 0, map[string]int{}, 0
	var slow []corpusOutcome
	failed := 0
	for _, o := range outcomes {
		if o.failure != "" {
			t.Errorf("%s: %s", o.name, o.failure)
			failed++
			continue
		}
		if o.refused != "" {
			refused[o.refused]++
			t.Logf("refused %s: %s", o.name, o.refused)
		} else {
			accepted++
			if o.qpdf {
				checked++
			}
		}
		slow = append(slow, o)
	}
	sort.Slice(slow, func(i, j int) bool { return slow[i].dur > slow[j].dur })
	for _, o := range slow[:min(5, len(slow))] {
		t.Logf("slowest: %s %v", o.name, o.dur)
	}
	var codes []string
	for c := range refused {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var parts []string
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%s=%d", c, refused[c]))
	}
	// The closing note quotes this line.
	t.Logf("corpus: files=%d (real %d, hand-made %d) accepted=%d refused=%d (%s) failed=%d qpdf-checked=%d",
		len(files), real, len(files)-real, accepted, len(files)-accepted-failed, strings.Join(parts, " "), failed, checked)
}

// wrongRefusal is the failure for a real-world file refused on a code
// other than encryption while qpdf reads it cleanly: the rule is that every
// PDF qpdf reads goes through, so such a refusal is Selo's fault, not the
// file's.
func wrongRefusal(qpdf, path, code string) string {
	if code == "" || code == CodeEncrypted || code == CodeProtected || qpdf == "" {
		return ""
	}
	if exec.Command(qpdf, "--check", path).Run() != nil {
		return "" // qpdf finds it broken too (exit 2) or only with warnings (3)
	}
	return fmt.Sprintf("refused as %s, but qpdf --check finds it clean", code)
}

// qpdfWanted picks the files whose outputs qpdf checks. qpdf decodes every
// stream, about 0.2 s per MB here, so checking all 270 MB of the corpus
// twice takes minutes: by default the outputs of every file up to 64 KB
// and of one in six up to 1 MB are checked (all of them with
// SELO_CORPUS_QPDF=all, none with SELO_CORPUS_QPDF=none). Every file still
// goes through the whole pipeline, and every output qpdf does not check is
// read back and validated by pdfcpu.
func qpdfWanted(i int, data []byte) bool {
	switch os.Getenv("SELO_CORPUS_QPDF") {
	case "all":
		return true
	case "none":
		return false
	}
	return len(data) <= 64<<10 || (i%6 == 0 && len(data) <= 1<<20)
}

// checkOne runs a file through what Selo does with it: the upload check
// (Inspect), generation (Fill, then the store's Describe), then the send's
// preparation (Prepare + Batch.Merge) with the file first and last among
// other documents. Without qpdf, each output is read back by pdfcpu.
func checkOne(qpdf string, data, neighbour []byte, extra map[string]string) (o corpusOutcome) {
	defer func() {
		if r := recover(); r != nil {
			o.failure = fmt.Sprintf("panic: %v", r)
		}
	}()
	info, err := Inspect(data)
	if err != nil {
		code := errCode(err)
		if !refusalCodes[code] {
			return corpusOutcome{failure: fmt.Sprintf("refused with %q, not a refusal code: %v", code, err)}
		}
		return corpusOutcome{refused: code}
	}
	values := corpusValues(info)
	for k, v := range extra {
		values[k] = v
	}
	// Fill hands a document back unchanged when there is nothing to fill,
	// so that case skips the read.
	filled, res, err := data, FillResult{}, error(nil)
	if len(values) > 0 {
		filled, res, err = Fill(data, values)
	}
	if err != nil {
		return corpusOutcome{failure: fmt.Sprintf("accepted, then generation failed: %v", err)}
	}
	if len(res.Unmatched) > 0 {
		return corpusOutcome{failure: fmt.Sprintf("generation did not fill %v", res.Unmatched)}
	}
	after := info
	if len(res.Filled) > 0 {
		// What the store checks before keeping a generated contract.
		if after, err = Describe(filled); err != nil {
			return corpusOutcome{failure: fmt.Sprintf("accepted, then the generated contract was refused: %v", err)}
		}
	}
	for name, v := range extra {
		if f, _ := after.Field(name); (f.Value != "") != truthy(v) && f.Value != v {
			return corpusOutcome{failure: fmt.Sprintf("field %s holds %q after filling %q", name, f.Value, v)}
		}
	}
	for _, order := range []struct {
		label string
		docs  [][]byte
	}{{"first", [][]byte{filled, neighbour}}, {"last", [][]byte{neighbour, filled}}} {
		in := make([]Input, len(order.docs))
		for i, d := range order.docs {
			in[i] = Input{Name: fmt.Sprint(i + 1), PDF: d}
		}
		// What a send does: check, fill and strip each document once, then
		// merge that batch.
		var out bytes.Buffer
		b, err := Prepare(context.Background(), in)
		if err == nil {
			_, err = b.Merge(context.Background(), &out, nil)
		}
		if err != nil {
			return corpusOutcome{failure: fmt.Sprintf("accepted, then the send failed with it %s: %v", order.label, err)}
		}
		if qpdf == "" {
			// Without qpdf, at least pdfcpu must read the output back.
			if _, err := Describe(out.Bytes()); err != nil {
				return corpusOutcome{failure: fmt.Sprintf("accepted, merged %s, the output does not read back: %v", order.label, err)}
			}
			continue
		}
		if msg := qpdfCheck(qpdf, out.Bytes()); msg != "" {
			return corpusOutcome{failure: fmt.Sprintf("accepted, merged %s, qpdf --check: %s", order.label, msg)}
		}
	}
	return corpusOutcome{}
}

// qpdfCheck returns "" when qpdf finds the document clean (no errors, no
// warnings), else what it said.
func qpdfCheck(qpdf string, pdf []byte) string {
	f, err := os.CreateTemp("", "corpus-*.pdf")
	if err != nil {
		return err.Error()
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(pdf); err != nil {
		f.Close()
		return err.Error()
	}
	f.Close()
	out, err := exec.Command(qpdf, "--check", f.Name()).CombinedOutput()
	if err != nil {
		s := string(out)
		if len(s) > 400 {
			s = s[:400] + "…"
		}
		return fmt.Sprintf("%v: %s", err, s)
	}
	return ""
}

// TestWrongRefusalCatchesACleanFile: the corpus check must fail when Selo
// refuses a file qpdf reads cleanly, and let encryption refusals through.
func TestWrongRefusalCatchesACleanFile(t *testing.T) {
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		t.Skip("qpdf not installed (make test installs it)")
	}
	clean := filepath.Join("testdata", "contract.pdf")
	if wrongRefusal(qpdf, clean, CodeCorrupt) == "" {
		t.Error("a clean PDF refused as corrupt was not reported")
	}
	if got := wrongRefusal(qpdf, clean, CodeProtected); got != "" {
		t.Errorf("an encryption refusal was reported: %s", got)
	}
	if got := wrongRefusal(qpdf, clean, ""); got != "" {
		t.Errorf("an accepted file was reported: %s", got)
	}
}
