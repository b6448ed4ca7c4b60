// Package pdfs prepares contract PDFs for e-signature: it validates them,
// fills their form fields, switches off their signature and initials marks
// (the provider draws its own) and merges them into one document.
//
// Everything runs on pdfcpu in memory. The exported functions take and
// return bytes because contracts are small; Merge, Build and Batch.Merge
// also stream the merged result to a writer so a large envelope is written
// only once.
//
// The promise to the screens: a file Inspect accepts goes all the way
// (generation, then a send in any order with other contracts); any other
// file is refused by Inspect with a code the screen explains (not a PDF,
// protected by a password, encrypted, damaged, cannot be filled or
// merged). corpus_test.go holds it against real and hand-made files.
package pdfs

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"selo/backend/crm"
)

// Error codes raised by this package. The frontend keys its pt-BR text on
// them, so they never change once released.
const (
	// CodeNotPDF: the file is not a PDF at all (an image, a Word file, text).
	CodeNotPDF = "pdf.not_pdf"
	// CodeEncrypted: the PDF is password protected or encrypted; it cannot
	// be filled or merged without the owner removing the protection.
	CodeEncrypted = "pdf.encrypted"
	// CodeCorrupt: the file claims to be a PDF but cannot be read or fails
	// validation (truncated download, broken cross-reference table).
	CodeCorrupt = "pdf.corrupt"
	// CodeProtected: the PDF needs a password to be opened at all.
	CodeProtected = "pdf.protected"
	// CodeEmpty: no input was given where at least one document is needed.
	CodeEmpty = "pdf.empty"
	// CodeFill: the values could not be written into the document's form.
	CodeFill = "pdf.fill_failed"
	// CodeMerge: the documents were readable on their own but could not be
	// merged or written.
	CodeMerge = "pdf.merge_failed"
)

// init keeps pdfcpu from creating a config folder (and reading user fonts)
// under the user's profile: a desktop app must not leave such traces, and a
// missing or unwritable profile must not break PDF work. It runs once,
// before any pdfcpu configuration is built by this package.
func init() { api.DisableConfigDir() }

// newConf returns a fresh configuration for one document. Each pdfcpu
// context keeps a pointer to its configuration and commands mutate it, so
// sharing one between goroutines would race.
func newConf(cmd model.CommandMode) *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.Cmd = cmd
	// Relaxed is what real-world contracts exported by Word and friends
	// need; strict refuses many files every viewer opens.
	conf.ValidationMode = model.ValidationRelaxed
	conf.CreateBookmarks = false
	// Optimizing dedupes every font and image dictionary: seconds on big
	// files to save bytes the signing provider does not charge for.
	conf.Optimize = false
	conf.OptimizeBeforeWriting = false
	// Object streams save a few percent of file size for a flate pass over
	// every small object, the single largest cost of writing a merged
	// envelope. qpdf does not create them either.
	conf.WriteObjectStream = false
	return conf
}

// looksLikePDF reports whether data carries the %PDF- header where readers
// look for it (the spec allows junk before it; Acrobat accepts 1 KiB).
func looksLikePDF(data []byte) bool {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	return bytes.Contains(head, []byte("%PDF-"))
}

// readContext parses and validates one document, classifying failures into
// the user-facing codes. pdfcpu panics on some malformed input, so the
// panic is turned into a corrupt-file error instead of taking down the app.
func readContext(c context.Context, data []byte, cmd model.CommandMode) (ctx *model.Context, err error) {
	if c == nil {
		c = context.Background()
	}
	if len(data) == 0 || !looksLikePDF(data) {
		return nil, crm.E(CodeNotPDF, "size", len(data))
	}
	// Before any pdfcpu work, so the font folder is set once and seen by
	// every goroutine; a failure only matters to a fill, which asks again.
	_ = ensureFonts()
	ctx, err = readValidated(c, data, cmd)
	if err == nil || crm.AsError(err).Code != CodeCorrupt {
		return ctx, err
	}
	// A cross-reference table whose offsets are wrong (an editor that
	// inserted bytes, a transfer that changed line ends) is what qpdf and
	// viewers repair by scanning the objects. pdfcpu does that only when it
	// cannot find the table, so the last pointer to it is hidden.
	if alt := hideXref(data); alt != nil {
		if ctx2, err2 := readValidated(c, alt, cmd); err2 == nil {
			return ctx2, nil
		}
	}
	return nil, err
}

func readValidated(c context.Context, data []byte, cmd model.CommandMode) (ctx *model.Context, err error) {
	defer func() {
		if r := recover(); r != nil {
			ctx, err = nil, crm.E(CodeCorrupt).Wrap(fmt.Errorf("pdfcpu panic: %v", r))
		}
	}()
	ctx, err = pdfcpu.ReadWithContext(c, bytes.NewReader(data), newConf(cmd))
	if err != nil && errors.Is(err, pdfcpu.ErrEncrypted) && cmd != model.VALIDATE {
		// For merging, pdfcpu refuses any encryption before trying to
		// open it; reading to validate tells whether a password is needed
		// to open the file (protected) or only to change it (encrypted).
		if _, verr := pdfcpu.ReadWithContext(c, bytes.NewReader(data), newConf(model.VALIDATE)); verr != nil {
			err = verr
		}
	}
	if err != nil {
		return nil, classifyReadError(c, err)
	}
	if ctx.XRefTable.Encrypt != nil || inlineEncrypt(data) {
		// An owner-password-only file opens without a password, but the
		// signing provider refuses it and merging would silently drop the
		// protection, so the user must get an unprotected copy.
		return nil, crm.E(CodeEncrypted)
	}
	if err := c.Err(); err != nil {
		return nil, crm.E(crm.CodeCanceled).Wrap(err)
	}
	verr := api.ValidateContext(ctx)
	if verr == nil {
		return ctx, nil
	}
	// Validation may have changed the context before failing, so the
	// second chance starts from a fresh read.
	ctx, err = pdfcpu.ReadWithContext(c, bytes.NewReader(data), newConf(cmd))
	if err != nil || !relax(ctx.XRefTable) {
		return nil, crm.E(CodeCorrupt).Wrap(verr)
	}
	if err := api.ValidateContext(ctx); err != nil {
		return nil, crm.E(CodeCorrupt).Wrap(err)
	}
	return ctx, nil
}

// hideXref returns a copy of data whose last startxref points at offset 0,
// where no cross-reference section is, so pdfcpu rebuilds the table by
// scanning the objects. nil when there is no startxref to change.
func hideXref(data []byte) []byte {
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return nil
	}
	j := i + len("startxref")
	for j < len(data) && isPDFSpace(data[j]) {
		j++
	}
	k := j
	for k < len(data) && data[k] >= '0' && data[k] <= '9' {
		k++
	}
	if k == j || (k == j+1 && data[j] == '0') {
		return nil
	}
	alt := append([]byte(nil), data...)
	alt[j] = '0'
	for p := j + 1; p < k; p++ {
		alt[p] = ' '
	}
	return alt
}

func classifyReadError(c context.Context, err error) error {
	switch {
	case c.Err() != nil:
		return crm.E(crm.CodeCanceled).Wrap(err)
	case errors.Is(err, pdfcpu.ErrWrongPassword):
		// No password was given, so "wrong" means one is needed to open.
		return crm.E(CodeProtected).Wrap(err)
	case errors.Is(err, pdfcpu.ErrEncrypted), errors.Is(err, pdfcpu.ErrMalformedEncryption),
		errors.Is(err, pdfcpu.ErrUnsupportedEncryptionFeature):
		return crm.E(CodeEncrypted).Wrap(err)
	case errors.Is(err, pdfcpu.ErrPostScriptInput):
		return crm.E(CodeNotPDF).Wrap(err)
	default:
		return crm.E(CodeCorrupt).Wrap(err)
	}
}

// readAll accepts the input kinds callers have at hand: bytes from the
// database, or a file or upload as an io.Reader.
func readAll(r io.Reader) ([]byte, error) {
	if r == nil {
		return nil, crm.E(CodeNotPDF)
	}
	if s, ok := r.(io.Seeker); ok {
		// An io.ReadSeeker may have been read before; a PDF is read from
		// its start.
		if _, err := s.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
	}
	return io.ReadAll(r)
}

// bufio64 returns a 64 KiB buffered writer. pdfcpu issues many tiny writes
// and reuses a bufio.Writer whose buffer is at least its own 4 KiB.
func bufio64(w io.Writer) *bufio.Writer { return bufio.NewWriterSize(w, 64<<10) }

// write serializes ctx once through a large buffer. A 64 KiB bufio.Writer
// is reused by pdfcpu as is (it only wraps writers with smaller buffers).
func write(ctx *model.Context, w io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdfcpu panic while writing: %v", r)
		}
	}()
	if err := pinInfoLast(ctx); err != nil {
		return err
	}
	bw := bufio64(w)
	if err := api.WriteContext(ctx, bw); err != nil {
		return err
	}
	return bw.Flush()
}

// pinInfoLast moves the document information dictionary to a new, highest
// object number. pdfcpu writes only reachable objects but declares the
// trailer /Size from its table; when the highest-numbered entry is
// unreachable (a merged source's Info title, a removed mark) the file says
// it has more objects than it holds, which qpdf and strict readers flag.
// The Info dictionary is always written, so putting it last keeps /Size
// honest. The old entry stays behind unreferenced and is not written.
func pinInfoLast(ctx *model.Context) error {
	xt := ctx.XRefTable
	d := types.NewDict()
	if xt.Info != nil {
		old, err := xt.DereferenceDict(*xt.Info)
		if err != nil {
			return err
		}
		if old != nil {
			d = old
		}
	}
	objNr, err := xt.InsertObject(d)
	if err != nil {
		return err
	}
	xt.Info = types.NewIndirectRef(objNr, 0)
	return nil
}

func writeBytes(ctx *model.Context) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(int(ctx.Read.FileSize) + 4096)
	if err := write(ctx, &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
