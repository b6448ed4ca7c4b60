// Command mergecmd runs the send path's document preparation the way qpdf
// is run in the benchmark (`mergecmd -o out.pdf in1.pdf in2.pdf ...`), so
// bench.sh can measure both as child processes with the same
// /usr/bin/time. By default it does what a send does: pdfs.Prepare (read,
// check, fill, strip each document once) then Batch.Merge (merge and write
// once). -merge runs pdfs.Merge only (no fill or strip); -raw runs
// pdfcpu's stock api.MergeRaw, the baseline on record.
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pdfcpu/pdfcpu/pkg/api"

	"selo/backend/pdfs"
)

func main() {
	out := flag.String("o", "", "output PDF")
	raw := flag.Bool("raw", false, "use pdfcpu's api.MergeRaw (baseline)")
	mergeOnly := flag.Bool("merge", false, "merge only, as pdfs.Merge (no fill, no strip)")
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: mergecmd -o out.pdf in.pdf...")
		os.Exit(2)
	}
	if err := run(*out, flag.Args(), *raw, *mergeOnly); err != nil {
		fmt.Fprintln(os.Stderr, "mergecmd:", err)
		os.Exit(1)
	}
}

func run(out string, in []string, raw, mergeOnly bool) error {
	docs := make([][]byte, len(in))
	for i, name := range in {
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		docs[i] = b
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	merge := func() error { return prepareAndMerge(docs, bw) }
	if mergeOnly {
		merge = func() error { return pdfs.Merge(context.Background(), docs, bw) }
	}
	if raw {
		merge = func() error {
			api.DisableConfigDir()
			rs := make([]io.ReadSeeker, len(docs))
			for i, d := range docs {
				rs[i] = bytes.NewReader(d)
			}
			return api.MergeRaw(rs, bw, false, nil)
		}
	}
	if err := merge(); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// prepareAndMerge is the send path (signing.Sender's validate + prepare):
// every document is read once, checked, filled with the values a generated
// contract carries and stripped of its marks, then the batch is merged.
func prepareAndMerge(docs [][]byte, w io.Writer) error {
	in := make([]pdfs.Input, len(docs))
	for i, d := range docs {
		in[i] = pdfs.Input{Name: fmt.Sprintf("doc %d", i+1), PDF: d, Values: map[string]string{
			"titular_nome": "João da Conceição", "titular_cpf": "123.456.789-09", "unidade": "Bloco B, 1203",
		}}
	}
	b, err := pdfs.Prepare(context.Background(), in)
	if err != nil {
		return err
	}
	_, err = b.Merge(context.Background(), w, nil)
	return err
}
