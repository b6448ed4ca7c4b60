// Command mergecmd merges PDFs with pdfs.Merge the way qpdf is run in the
// benchmark (`mergecmd -o out.pdf in1.pdf in2.pdf ...`), so bench.sh can
// measure both as child processes with the same /usr/bin/time. With -raw
// it runs pdfcpu's stock api.MergeRaw instead, the baseline on record.
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
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: mergecmd -o out.pdf in.pdf...")
		os.Exit(2)
	}
	if err := run(*out, flag.Args(), *raw); err != nil {
		fmt.Fprintln(os.Stderr, "mergecmd:", err)
		os.Exit(1)
	}
}

func run(out string, in []string, raw bool) error {
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
	merge := func() error { return pdfs.Merge(context.Background(), docs, bw) }
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
