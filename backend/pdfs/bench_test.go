package pdfs

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
)

// mergeSet is the benchmark's input set, in order (see
// /work/shared/bench/merge-set.txt): 10 PDFs, 488 pages, 6.3 MB, shipped in
// the pdfcpu module's testdata.
var mergeSet = []string{
	"BuildingWebappsWithGo.pdf", "TheGoProgrammingLanguageCh1.pdf", "GoForOptimization.pdf",
	"ECSTR11-01.pdf", "RA_CI.pdf", "T4.pdf", "go-lecture.pdf", "golang.pdf", "read.go.pdf", "Walden.pdf",
}

const mergeSetPages = 488

// mergeSetDir finds pdfcpu's testdata: $PDFCPU_TESTDATA, or the module
// cache location of the pdfcpu version in go.mod.
func mergeSetDir() string {
	if d := os.Getenv("PDFCPU_TESTDATA"); d != "" {
		return d
	}
	// The version go.mod names, not a fixed one: after an upgrade a fixed
	// path would point at a folder that is gone and the bench would skip.
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/pdfcpu/pdfcpu").Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		return ""
	}
	return filepath.Join(dir, "pkg", "testdata")
}

func loadMergeSet(tb testing.TB) [][]byte {
	tb.Helper()
	dir := mergeSetDir()
	docs := make([][]byte, len(mergeSet))
	for i, name := range mergeSet {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			tb.Skipf("merge set not available (%v); run `go mod download github.com/pdfcpu/pdfcpu` or set PDFCPU_TESTDATA", err)
		}
		docs[i] = b
	}
	return docs
}

// BenchmarkMergeSet measures Merge on the merge set, written to a discard
// writer so only PDF work is timed. bench.sh compares the same work, run as
// a process, with qpdf.
func BenchmarkMergeSet(b *testing.B) {
	docs := loadMergeSet(b)
	// Checked once, outside the timing, so a fast but wrong merge cannot
	// pass for an improvement. (Not a test: it takes seconds.)
	var buf bytes.Buffer
	if err := Merge(context.Background(), docs, &buf); err != nil {
		b.Fatal(err)
	}
	if n, err := api.PageCount(bytes.NewReader(buf.Bytes()), nil); err != nil || n != mergeSetPages {
		b.Fatalf("merged %d pages (err %v), want %d", n, err, mergeSetPages)
	}
	buf = bytes.Buffer{}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := Merge(context.Background(), docs, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMergeRawSet is the stock pdfcpu merge on the same files, the
// baseline Merge improves on.
func BenchmarkMergeRawSet(b *testing.B) {
	docs := loadMergeSet(b)
	b.ReportAllocs()
	for b.Loop() {
		rs := make([]io.ReadSeeker, len(docs))
		for i, d := range docs {
			rs[i] = bytes.NewReader(d)
		}
		if err := api.MergeRaw(rs, io.Discard, false, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFill is one contract filled, the per-document cost of Build.
func BenchmarkFill(b *testing.B) {
	fx := getFixtures(b)
	values := map[string]string{"titular_nome": "João da Silva", "titular_cpf": "123.456.789-09", "valor": "R$ 350.000,00", "aceite_termos": "sim"}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Fill(fx.contract, values); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildEnvelope is a typical envelope: five filled contracts,
// stripped and merged.
func BenchmarkBuildEnvelope(b *testing.B) {
	fx := getFixtures(b)
	in := make([]Input, 5)
	for i := range in {
		in[i] = Input{Name: "c", PDF: fx.contract, Values: map[string]string{"titular_nome": "Ana", "unidade": "1203"}}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(context.Background(), in, io.Discard, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrepareMergeSet is the send path's preparation on the merge set:
// Prepare (read, check, fill, strip once per document) then Batch.Merge.
func BenchmarkPrepareMergeSet(b *testing.B) {
	docs := loadMergeSet(b)
	in := make([]Input, len(docs))
	for i, d := range docs {
		in[i] = Input{Name: fmt.Sprint(i + 1), PDF: d, Values: map[string]string{"titular_nome": "João"}}
	}
	b.ReportAllocs()
	for b.Loop() {
		batch, err := Prepare(context.Background(), in)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := batch.Merge(context.Background(), io.Discard, nil); err != nil {
			b.Fatal(err)
		}
	}
}
