package templates

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"selo/backend/crm"
)

func newInbox(t *testing.T, max int64) (*Inbox, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "uploads")
	return NewInbox(dir, max, slog.New(slog.DiscardHandler)), dir
}

func inboxFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestPostedFileIsSavedByIDAndKeptWhenTheNameIsRefused(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	in, dir := newInbox(t, crm.MaxTemplateBytes)
	pdf := fixture(t, "contract.pdf")
	st, err := in.Receive("Compra e Venda.pdf", int64(len(pdf)), bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	if st.ID == "" || st.FileName != "Compra e Venda.pdf" || st.Size != int64(len(pdf)) {
		t.Fatalf("staged = %+v", st)
	}
	files := inboxFiles(t, dir)
	if len(files) != 1 {
		t.Fatalf("inbox files = %v", files)
	}
	info, _ := os.Stat(filepath.Join(dir, files[0]))
	if info.Mode().Perm() != 0o600 {
		t.Errorf("staged file mode = %v", info.Mode())
	}

	// A refused name leaves the file staged for the next try.
	if _, err := e.svc.UploadStaged(ctx, in, "Contrato 1/2", st.ID, false); !equal(problems(err), []string{"template.name_slash@name"}) {
		t.Fatalf("refused name: %v", problems(err))
	}
	tpl, err := e.svc.UploadStaged(ctx, in, "Contrato 1-2", st.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if tpl.Name != "Contrato 1-2" || tpl.FileName != "Compra e Venda.pdf" || tpl.Pages != 2 || tpl.Size != int64(len(pdf)) {
		t.Fatalf("template = %+v", tpl)
	}
	// Saved, the temporary copy is gone and the id no longer names a file.
	if files := inboxFiles(t, dir); len(files) != 0 {
		t.Errorf("inbox files after save = %v", files)
	}
	if _, err := e.svc.UploadStaged(ctx, in, "Outro", st.ID, false); !equal(problems(err), []string{"template.file_required@file"}) {
		t.Errorf("reused id: %v", problems(err))
	}
}

func TestPostOverTheLimitIsRefusedWithBothSizesAndNothingKept(t *testing.T) {
	in, dir := newInbox(t, 2<<20)
	big := bytes.Repeat([]byte("x"), 5<<20+100)
	for _, declared := range []int64{int64(len(big)), -1} {
		_, err := in.Receive("grande.pdf", declared, bytes.NewReader(big))
		ce := crm.AsError(err)
		if ce.Code != crm.CodeTemplateTooLarge || ce.Field != "file" || ce.Data["sizeMB"] != int64(6) || ce.Data["maxMB"] != int64(2) {
			t.Fatalf("declared %d: err = %+v", declared, ce)
		}
	}
	if files := inboxFiles(t, dir); len(files) != 0 {
		t.Errorf("inbox files = %v", files)
	}
}

func TestEmptyPostIsNoFile(t *testing.T) {
	// WebKitGTK once delivered a file-backed body as empty: that must read
	// as "choose the file", never stage a file that fails later.
	in, dir := newInbox(t, 1<<20)
	_, err := in.Receive("contrato.pdf", -1, bytes.NewReader(nil))
	if ce := crm.AsError(err); ce.Code != crm.CodeTemplateFileRequired || ce.Field != "file" {
		t.Fatalf("empty post: %+v", ce)
	}
	if files := inboxFiles(t, dir); len(files) != 0 {
		t.Errorf("inbox files = %v", files)
	}
}

func TestPickedFileIsReadInPlaceAndNeverDeleted(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	in, _ := newInbox(t, crm.MaxTemplateBytes)
	path := filepath.Join(t.TempDir(), "Minuta.pdf")
	if err := os.WriteFile(path, fixture(t, "letter.pdf"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := in.Pick(path)
	if err != nil || st.FileName != "Minuta.pdf" {
		t.Fatalf("Pick = %+v, %v", st, err)
	}
	if _, err := e.svc.UploadStaged(ctx, in, "Minuta", st.ID, false); err != nil {
		t.Fatal(err)
	}
	in.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the user's file was touched: %v", err)
	}

	big := filepath.Join(t.TempDir(), "Grande.pdf")
	if err := os.WriteFile(big, make([]byte, 3<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	small, _ := newInbox(t, 1<<20)
	_, err = small.Pick(big)
	if ce := crm.AsError(err); ce.Code != crm.CodeTemplateTooLarge || ce.Data["sizeMB"] != int64(3) || ce.Data["maxMB"] != int64(1) {
		t.Fatalf("big pick: %+v", ce)
	}
}

func TestDiscardCancelsAndDeletes(t *testing.T) {
	e := setup(t)
	in, dir := newInbox(t, crm.MaxTemplateBytes)
	pdf := fixture(t, "contract.pdf")
	st, err := in.Receive("c.pdf", int64(len(pdf)), bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	in.Discard(st.ID)
	if files := inboxFiles(t, dir); len(files) != 0 {
		t.Errorf("inbox files after discard = %v", files)
	}
	if _, err := e.svc.UploadStaged(context.Background(), in, "Contrato", st.ID, false); !equal(problems(err), []string{"template.file_required@file"}) {
		t.Errorf("discarded id: %v", problems(err))
	}

	// Cancelar arrives while the PDF is being checked: nothing is saved,
	// and the save answers with the cancellation rather than a template.
	st, _ = in.Receive("c.pdf", int64(len(pdf)), bytes.NewReader(pdf))
	e.svc.store = cancelDuringCheck{Store: e.svc.store, cancel: func() { in.Discard(st.ID) }}
	if _, err := e.svc.UploadStaged(context.Background(), in, "Contrato", st.ID, false); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled upload: %v", err)
	}
	if list, _ := e.svc.List(context.Background()); len(list) != 0 || len(storedFiles(t, e)) != 0 {
		t.Errorf("a cancelled upload was saved: %d templates, files %v", len(list), storedFiles(t, e))
	}
	if files := inboxFiles(t, dir); len(files) != 0 {
		t.Errorf("inbox files after a cancelled save = %v", files)
	}
}

// cancelDuringCheck discards the upload (Cancelar on the form) at the
// moment the service starts checking it.
type cancelDuringCheck struct {
	Store
	cancel func()
}

func (c cancelDuringCheck) Names(ctx context.Context, exceptID int64) ([]string, error) {
	c.cancel()
	return c.Store.Names(context.Background(), exceptID)
}

func TestLeftoversAndOldStagedFilesAreRemoved(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "uploads")
	os.MkdirAll(dir, 0o700)
	old := filepath.Join(dir, "upload-old.pdf")
	os.WriteFile(old, []byte("%PDF"), 0o600)
	twoDaysAgo := time.Now().Add(-48 * time.Hour)
	os.Chtimes(old, twoDaysAgo, twoDaysAgo)
	// A file another window staged a moment ago (a second launch builds an
	// inbox before the single-instance lock turns it away) stays.
	os.WriteFile(filepath.Join(dir, "upload-running.pdf"), []byte("%PDF"), 0o600)
	in := NewInbox(dir, 1<<20, slog.New(slog.DiscardHandler))
	if files := inboxFiles(t, dir); len(files) != 1 || files[0] != "upload-running.pdf" {
		t.Fatalf("after start-up the folder holds %v, want only the running window's file", files)
	}
	os.Remove(filepath.Join(dir, "upload-running.pdf"))
	for i := 0; i < maxStaged+3; i++ {
		if _, err := in.Receive("f.pdf", 4, bytes.NewReader([]byte("%PDF"))); err != nil {
			t.Fatal(err)
		}
	}
	if files := inboxFiles(t, dir); len(files) != maxStaged {
		t.Errorf("staged files = %d, want %d", len(files), maxStaged)
	}
	in.Close()
	if files := inboxFiles(t, dir); len(files) != 0 {
		t.Errorf("files after Close = %v", files)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// "Vai a registro" ticked on the upload form is saved with the template in
// the one call: the template returned and the one read back carry it, and a
// refused upload keeps neither template nor flag.
func TestUploadStagedSavesTheRegistryFlagWithTheTemplate(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	in, _ := newInbox(t, crm.MaxTemplateBytes)
	pdf := fixture(t, "contract.pdf")
	st, err := in.Receive("Promessa.pdf", int64(len(pdf)), bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.UploadStaged(ctx, in, "Promessa/1", st.ID, true); err == nil {
		t.Fatal("a refused name was saved")
	}
	if list, _ := e.svc.List(ctx); len(list) != 0 {
		t.Fatalf("templates after a refusal: %+v", list)
	}
	tpl, err := e.svc.UploadStaged(ctx, in, "Promessa", st.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if !tpl.Registry {
		t.Fatalf("returned template not flagged: %+v", tpl)
	}
	if got, err := e.svc.Get(ctx, tpl.ID); err != nil || !got.Registry {
		t.Fatalf("stored template %+v %v", got, err)
	}
	plain, err := e.svc.Upload(ctx, "Carta", "letter.pdf", fixture(t, "letter.pdf"), false)
	if err != nil || plain.Registry {
		t.Fatalf("plain upload %+v %v", plain, err)
	}
}

// A post that lands while the app closes (Close has deleted what waited)
// is not kept: nothing would ever use or delete it before a launch a day
// later.
func TestPostLandingAfterCloseIsNotKept(t *testing.T) {
	in, dir := newInbox(t, 1<<20)
	in.Close()
	if _, err := in.Receive("tarde.pdf", 13, bytes.NewReader([]byte("%PDF-1.7 body"))); crm.AsError(err).Code != crm.CodeCanceled {
		t.Fatalf("a post after Close: %v, want %s", err, crm.CodeCanceled)
	}
	if got := inboxFiles(t, dir); len(got) != 0 {
		t.Fatalf("the post after Close left %v", got)
	}
}

// Discarding an id that was saved (its file consumed) or never posted is
// harmless, and remembering such ids is bounded.
func TestDiscardedIDsAreRememberedWithinABound(t *testing.T) {
	in, _ := newInbox(t, 1<<20)
	for i := range maxGone + 10 {
		in.Discard(fmt.Sprintf("%032x", i))
	}
	if len(in.gone) != maxGone {
		t.Fatalf("%d discarded ids remembered, want at most %d", len(in.gone), maxGone)
	}
	// The newest are the ones kept: a post still on its way is recent.
	if _, err := in.ReceiveAs(fmt.Sprintf("%032x", maxGone+9), "a.pdf", 13, bytes.NewReader([]byte("%PDF-1.7 body"))); crm.AsError(err).Code != crm.CodeCanceled {
		t.Fatalf("a post under the newest discarded id: %v", err)
	}
	if _, err := in.ReceiveAs(fmt.Sprintf("%032x", 0), "a.pdf", 13, bytes.NewReader([]byte("%PDF-1.7 body"))); err != nil {
		t.Fatalf("the oldest discarded id, long forgotten: %v", err)
	}
}
