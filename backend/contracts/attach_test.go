package contracts

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/templates"
)

// "Anexar PDF" saves a file the page posted to the inbox (never base64
// over the bridge): the contract holds exactly the posted bytes under the
// posted file name, and the temporary file is gone afterwards.
func TestAttachStagedSavesThePostedBytesAndEmptiesTheInbox(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	pdf, err := os.ReadFile("../pdfs/testdata/letter.pdf")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "uploads")
	in := templates.NewInbox(dir, crm.MaxTemplateBytes, slog.New(slog.DiscardHandler))
	st, err := in.Receive("Memorial descritivo.pdf", int64(len(pdf)), bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.svc.AttachStaged(ctx, in, f.resID, "Memorial descritivo", st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Kind != "attached" || c.Name != "Memorial descritivo" || c.FileName != "Memorial descritivo.pdf" || c.Size != int64(len(pdf)) {
		t.Fatalf("attached %+v", c)
	}
	got, err := f.svc.File(ctx, c.ID)
	if err != nil || !bytes.Equal(got, pdf) {
		t.Fatalf("stored file differs (%d bytes, want %d): %v", len(got), len(pdf), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d files left in the upload folder", len(entries))
	}
	// The id is spent: using it again reads as no file chosen.
	if got := codes(func() error { _, err := f.svc.AttachStaged(ctx, in, f.resID, "De novo", st.ID); return err }()); len(got) != 1 || got[0] != crm.CodeTemplateFileRequired {
		t.Errorf("spent id: %v", got)
	}
}

// A refused file is dropped too (the card has no form to resubmit), and a
// staged file that grew past the limit is refused with its size, together
// with the name's problem.
func TestAttachStagedRefusalsNameTheFileAndKeepNothing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "uploads")
	in := templates.NewInbox(dir, 2<<20, slog.New(slog.DiscardHandler))
	st, err := in.Receive("lixo.pdf", 9, bytes.NewReader([]byte("not a pdf")))
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(func() error { _, err := f.svc.AttachStaged(ctx, in, f.resID, "Lixo", st.ID); return err }()); len(got) != 1 || got[0] == crm.CodeTemplateFileRequired {
		t.Errorf("garbage: %v", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused file left %d files", len(entries))
	}

	picked := filepath.Join(t.TempDir(), "grande.pdf")
	if err := os.WriteFile(picked, []byte("%PDF-1.7"), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err = in.Pick(picked)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(picked, make([]byte, 3<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.AttachStaged(ctx, in, f.resID, " ", st.ID)
	got := codes(err)
	if len(got) != 2 || got[0] != crm.CodeRequired || got[1] != crm.CodeTemplateTooLarge {
		t.Fatalf("grown file with no name: %v", got)
	}
	if p := crm.AsError(err.(*crm.Invalid).Problems[1]); p.Data["sizeMB"] != int64(3) || p.Data["maxMB"] != int64(2) || p.Field != "file" {
		t.Errorf("too large: %+v", p)
	}
	if _, err := os.Stat(picked); err != nil {
		t.Errorf("the user's own file was touched: %v", err)
	}
	if list, _ := f.svc.List(ctx, f.resID); len(list) != 0 {
		t.Errorf("refused files were saved: %+v", list)
	}
}

// cancelled is a staged file whose Discard (Cancelar) came while it was
// being checked.
type cancelled struct{ pdf []byte }

func (c cancelled) Open(ctx context.Context, _ string) (context.Context, string, []byte, func(), error) {
	ctx, cancel := context.WithCancel(ctx)
	cancel()
	return ctx, "memorial.pdf", c.pdf, func() {}, nil
}
func (cancelled) Discard(string) {}

func TestAttachStagedCancelledSavesNothing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	pdf, _ := os.ReadFile("../pdfs/testdata/letter.pdf")
	if _, err := f.svc.AttachStaged(ctx, cancelled{pdf}, f.resID, "Memorial", "x"); err == nil {
		t.Fatal("a cancelled attach was saved")
	}
	if list, _ := f.svc.List(ctx, f.resID); len(list) != 0 {
		t.Errorf("saved after Cancelar: %+v", list)
	}
}

// otherPCSaves lets another PC save its own attachment right after this
// one's row is written, before Attach reads it back.
type otherPCSaves struct {
	Store
	then func()
	once sync.Once
}

func (s *otherPCSaves) Save(ctx context.Context, c crm.Contract, now time.Time) (int64, []string, error) {
	id, orphans, err := s.Store.Save(ctx, c, now)
	s.once.Do(s.then)
	return id, orphans, err
}

// Two PCs attaching to one reservation at the same moment: each is answered
// with its own file (the "“Memorial” anexado." notice names it), not with
// whichever row happens to be last in the list.
func TestAttachAnswersWithItsOwnRowWhenAnotherPCAttachesAtOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	pdf, err := os.ReadFile("../pdfs/testdata/letter.pdf")
	if err != nil {
		t.Fatal(err)
	}
	deps := f.svc.d
	other := New(deps)
	racing := &otherPCSaves{Store: deps.Store}
	racing.then = func() {
		if _, err := other.Attach(ctx, f.resID, "Planta do outro PC", "planta.pdf", pdf); err != nil {
			t.Error(err)
		}
	}
	deps.Store = racing
	mine := New(deps)
	c, err := mine.Attach(ctx, f.resID, "Memorial", "memorial.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Memorial" || c.FileName != "memorial.pdf" {
		t.Fatalf("Attach answered with %q (%s), want this PC's Memorial", c.Name, c.FileName)
	}
	list, err := f.svc.List(ctx, f.resID)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]int64{}
	for _, x := range list {
		names[x.Name] = x.ID
	}
	if names["Memorial"] != c.ID || names["Planta do outro PC"] == 0 {
		t.Fatalf("list %v; Attach answered id %d", names, c.ID)
	}
}
