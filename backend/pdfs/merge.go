package pdfs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"selo/backend/crm"
)

// Input is one contract for Build: the template PDF and the values for its
// fields (nil means "do not fill").
type Input struct {
	// Name identifies the document in errors and results (a contract
	// name); it is not written into the PDF.
	Name   string
	PDF    []byte
	Values map[string]string
}

// DocResult is what happened to one input.
type DocResult struct {
	Name  string
	Pages int
	Fill  FillResult
	Strip StripReport
}

// Result describes the merged document Build wrote.
type Result struct {
	Pages int
	// Bytes is how much was written to the writer.
	Bytes int64
	Docs  []DocResult
}

// Progress receives the pipeline's progress: step is one of the Step
// constants, done and total count documents (or 0/1 for the final write).
// It is called from the goroutine that called Build, never concurrently.
type Progress func(step string, done, total int)

// Progress steps, in the order they complete.
const (
	// StepPrepare: a document was read, filled and had its marks removed.
	StepPrepare = "prepare"
	// StepMerge: a document was appended to the merged result.
	StepMerge = "merge"
	// StepWrite: the merged document was written.
	StepWrite = "write"
)

// Merge concatenates docs, in order, into one PDF written to w. Inputs are
// read and validated concurrently (one worker per CPU) while the ones
// already read are appended in order; the result is written once. A
// cancelled ctx stops it (while reading, between documents or while
// writing) with crm.CodeCanceled. Nothing is written unless every document
// was read and merged; a failure during the write itself can leave a
// partial document in w, so write to a temporary file or buffer.
func Merge(ctx context.Context, docs [][]byte, w io.Writer) error {
	in := make([]Input, len(docs))
	for i, d := range docs {
		in[i] = Input{Name: fmt.Sprintf("%d", i+1), PDF: d}
	}
	_, err := run(ctx, in, w, nil, false)
	return err
}

// Build runs the whole preparation for an envelope: each input is filled
// with its values and stripped of its signature and initials marks, then
// all are merged in order into w. Documents are prepared concurrently and
// never written in between. Errors name the document at fault in their
// data ("doc": 1-based index, "name").
func Build(ctx context.Context, inputs []Input, w io.Writer, progress Progress) (Result, error) {
	return run(ctx, inputs, w, progress, true)
}

type prepared struct {
	ctx *model.Context
	doc DocResult
	err error
}

func run(c context.Context, inputs []Input, w io.Writer, progress Progress, prepare bool) (Result, error) {
	if c == nil {
		c = context.Background()
	}
	if len(inputs) == 0 {
		return Result{}, crm.E(CodeEmpty)
	}
	if progress == nil {
		progress = func(string, int, int) {}
	}
	if err := c.Err(); err != nil {
		return Result{}, crm.E(crm.CodeCanceled).Wrap(err)
	}
	c, cancel := context.WithCancel(c)
	defer cancel()

	n := len(inputs)
	slots := make([]chan prepared, n)
	for i := range slots {
		slots[i] = make(chan prepared, 1)
	}
	workers := min(runtime.NumCPU(), n)
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if c.Err() != nil {
					slots[i] <- prepared{err: crm.E(crm.CodeCanceled).Wrap(c.Err())}
					continue
				}
				slots[i] <- prepareOne(c, inputs[i], prepare)
			}
		}()
	}
	// Workers must be gone before returning, so nothing keeps working on
	// (or holding) the caller's buffers after an error or cancellation.
	defer wg.Wait()

	res := Result{Docs: make([]DocResult, 0, n)}
	var dest *model.Context
	for i := range n {
		var p prepared
		select {
		case p = <-slots[i]:
		case <-c.Done():
			return res, crm.E(crm.CodeCanceled).Wrap(c.Err())
		}
		if p.err != nil {
			cancel()
			return res, withDoc(p.err, i, inputs[i].Name)
		}
		progress(StepPrepare, i+1, n)
		res.Docs = append(res.Docs, p.doc)
		var err error
		if dest, err = mergeInto(dest, p.ctx, i); err != nil {
			cancel()
			return res, withDoc(err, i, inputs[i].Name)
		}
		progress(StepMerge, i+1, n)
	}
	return finish(c, dest, w, res, progress)
}

// Batch is a set of documents that were each read once, checked, filled
// and stripped of their marks, waiting to be merged. The send path checks
// its documents with Prepare and merges the very same parsed documents, so
// no document is read twice. A Batch is merged at most once: merging
// changes the parsed documents.
type Batch struct {
	docs   []prepared
	inputs []Input
	merged bool
}

// DocErrors lists the documents Prepare could not prepare, each error a
// *crm.Error naming its document ("doc": 1-based index, "name").
type DocErrors []error

// Error reports the first document's problem and how many there are.
func (d DocErrors) Error() string {
	if len(d) == 1 {
		return d[0].Error()
	}
	return fmt.Sprintf("%v (and %d more documents)", d[0], len(d)-1)
}

// Unwrap gives errors.As the first document's *crm.Error.
func (d DocErrors) Unwrap() error {
	if len(d) == 0 {
		return nil
	}
	return d[0]
}

// Prepare reads, checks, fills and strips every input concurrently (one
// worker per CPU). It returns DocErrors listing every document at fault,
// so a screen can show all of them at once, or crm.CodeCanceled when ctx
// is cancelled.
func Prepare(c context.Context, inputs []Input) (*Batch, error) {
	if c == nil {
		c = context.Background()
	}
	if len(inputs) == 0 {
		return nil, crm.E(CodeEmpty)
	}
	n := len(inputs)
	docs := make([]prepared, n)
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.NumCPU(), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if c.Err() != nil {
					return
				}
				docs[i] = prepareOne(c, inputs[i], true)
			}
		}()
	}
	wg.Wait()
	if err := c.Err(); err != nil {
		return nil, crm.E(crm.CodeCanceled).Wrap(err)
	}
	var errs DocErrors
	for i, d := range docs {
		if d.err != nil {
			errs = append(errs, withDoc(d.err, i, inputs[i].Name))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return &Batch{docs: docs, inputs: inputs}, nil
}

// Docs says what preparing did to each document, in input order.
func (b *Batch) Docs() []DocResult {
	out := make([]DocResult, len(b.docs))
	for i, d := range b.docs {
		out[i] = d.doc
	}
	return out
}

// Merge appends the prepared documents in order and writes the result
// once to w, with Build's progress steps (StepMerge per document, then
// StepWrite). A failure during the write can leave a partial document in
// w, as with Build.
func (b *Batch) Merge(c context.Context, w io.Writer, progress Progress) (Result, error) {
	if c == nil {
		c = context.Background()
	}
	if progress == nil {
		progress = func(string, int, int) {}
	}
	if b.merged {
		return Result{}, crm.E(CodeMerge).Wrap(errors.New("batch already merged"))
	}
	b.merged = true
	n := len(b.docs)
	res := Result{Docs: b.Docs()}
	var dest *model.Context
	for i, p := range b.docs {
		if err := c.Err(); err != nil {
			return res, crm.E(crm.CodeCanceled).Wrap(err)
		}
		var err error
		if dest, err = mergeInto(dest, p.ctx, i); err != nil {
			return res, withDoc(err, i, b.inputs[i].Name)
		}
		progress(StepMerge, i+1, n)
	}
	return finish(c, dest, w, res, progress)
}

// mergeInto appends src to dest; the first document becomes the
// destination.
func mergeInto(dest, src *model.Context, i int) (*model.Context, error) {
	v := src.XRefTable.Version()
	if dest == nil {
		dest = src
		// The first document becomes the merge target whatever it was
		// read for; pdfcpu consults the command while merging.
		dest.Configuration.Cmd = model.MERGECREATE
		dest.EnsureVersionForWriting()
	} else if err := appendDoc(dest, src, i); err != nil {
		return dest, err
	}
	raiseVersion(dest, v)
	return dest, nil
}

// finish writes the merged document and completes res.
func finish(c context.Context, dest *model.Context, w io.Writer, res Result, progress Progress) (Result, error) {
	if err := c.Err(); err != nil {
		return res, crm.E(crm.CodeCanceled).Wrap(err)
	}
	res.Pages = dest.PageCount
	cw := &countingWriter{ctx: c, w: w}
	if err := write(dest, cw); err != nil {
		if c.Err() != nil {
			return res, crm.E(crm.CodeCanceled).Wrap(c.Err())
		}
		return res, crm.E(CodeMerge).Wrap(err)
	}
	res.Bytes = cw.n
	progress(StepWrite, 1, 1)
	return res, nil
}

func prepareOne(c context.Context, in Input, prepare bool) prepared {
	cmd := model.MERGECREATE
	if prepare && len(in.Values) > 0 {
		cmd = model.FILLFORMFIELDS
	}
	ctx, err := readContext(c, in.PDF, cmd)
	if err != nil {
		return prepared{err: err}
	}
	p := prepared{ctx: ctx, doc: DocResult{Name: in.Name, Pages: ctx.PageCount}}
	if !prepare {
		return p
	}
	if len(in.Values) > 0 {
		if p.doc.Fill, err = fillContext(ctx, in.Values); err != nil {
			return prepared{err: err}
		}
	}
	if p.doc.Strip, err = stripContext(ctx); err != nil {
		return prepared{err: err}
	}
	return p
}

func appendDoc(dest, src *model.Context, i int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = crm.E(CodeMerge).Wrap(fmt.Errorf("pdfcpu panic: %v", r))
		}
	}()
	if err := pdfcpu.MergeXRefTables(fmt.Sprintf("%d", i+1), src, dest, false, false); err != nil {
		return crm.E(CodeMerge).Wrap(err)
	}
	return nil
}

// raiseVersion makes the merged document declare the highest version of
// its parts: pages taken from a PDF 2.0 file may use 2.0 features, and the
// result must not depend on which contract happens to come first.
// pdfcpu's writer puts this version in the header.
func raiseVersion(dest *model.Context, v model.Version) {
	if v > dest.XRefTable.Version() {
		dest.XRefTable.RootVersion = &v
	}
}

// withDoc adds the document's position and name to a user-facing error so
// the screen can say which contract is at fault.
func withDoc(err error, i int, name string) error {
	var e *crm.Error
	if !errors.As(err, &e) {
		e = crm.E(CodeMerge).Wrap(err)
	}
	c := *e
	c.Data = map[string]any{}
	for k, v := range e.Data {
		c.Data[k] = v
	}
	c.Data["doc"] = i + 1
	if name != "" {
		c.Data["name"] = name
	}
	return &c
}

// countingWriter counts bytes and stops the (otherwise uninterruptible)
// pdfcpu writer once the operation is cancelled.
type countingWriter struct {
	ctx context.Context
	w   io.Writer
	n   int64
}

func (cw *countingWriter) Write(p []byte) (int, error) {
	if err := cw.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := cw.w.Write(p)
	cw.n += int64(n)
	return n, err
}
