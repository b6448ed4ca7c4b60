package templates

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/filestore"
	"selo/backend/pdfs"
	"selo/backend/sqlstore"
)

type env struct {
	svc   *Service
	db    *sqlstore.DB
	files string
}

func setup(t *testing.T) env {
	t.Helper()
	dir := t.TempDir()
	db, err := sqlstore.Open(context.Background(), filepath.Join(dir, "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	files := filepath.Join(dir, "files")
	return env{svc: New(db.Templates(), filestore.New(files), slog.New(slog.DiscardHandler)), db: db, files: files}
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "pdfs", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// problems lists an error's "code@field" entries, sorted.
func problems(err error) []string {
	var inv *crm.Invalid
	if errors.As(err, &inv) {
		var out []string
		for _, p := range inv.Problems {
			out = append(out, p.Code+"@"+p.Field)
		}
		sort.Strings(out)
		return out
	}
	if err == nil {
		return nil
	}
	return []string{crm.AsError(err).Code}
}

func storedFiles(t *testing.T, e env) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(e.files, "templates"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, en := range entries {
		out = append(out, en.Name())
	}
	return out
}

func TestUploadReadsTheContractOnce(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	pdf := fixture(t, "contract.pdf")
	tpl, err := e.svc.Upload(ctx, "  Contrato de  Compra e Venda ", "/home/ana/Contrato.pdf", pdf, false)
	if err != nil {
		t.Fatal(err)
	}
	if tpl.Name != "Contrato de Compra e Venda" || tpl.FileName != "Contrato.pdf" || tpl.Pages != 2 || tpl.Size != int64(len(pdf)) || len(tpl.SHA256) != 64 {
		t.Fatalf("template = %+v", tpl)
	}
	byName := map[string]crm.TemplateField{}
	for _, f := range tpl.Fields {
		byName[f.Name] = f
	}
	want := map[string][2]string{ // mark, data key
		"titular_nome":            {"", "titular_nome"},
		"titular_cpf":             {"", "titular_cpf"},
		"unidade":                 {"", "unidade"},
		"valor":                   {"", "valor"},
		"Assinatura do Comprador": {"signature", ""},
		"rubrica_1":               {"initials", ""},
		"campo_7":                 {"signature", ""},
		"data_assinatura":         {"", ""},
		"aceite_termos":           {"", ""},
	}
	for name, w := range want {
		f, ok := byName[name]
		if !ok || f.Mark != w[0] || f.DataKey != w[1] {
			t.Errorf("field %q = %+v (present %v), want mark %q key %q", name, f, ok, w[0], w[1])
		}
	}
	if tpl.MarkCount != 6 || tpl.MatchedCount != 4 || tpl.MarkAnnotations != 1 || len(tpl.UsedBy) != 0 {
		t.Errorf("counts: marks %d, matched %d, annotations %d, usedBy %v", tpl.MarkCount, tpl.MatchedCount, tpl.MarkAnnotations, tpl.UsedBy)
	}
	// The file is kept under its hash, private, and reads back identical.
	if files := storedFiles(t, e); len(files) != 1 || files[0] != tpl.SHA256+".pdf" {
		t.Fatalf("stored files = %v", files)
	}
	st, _ := os.Stat(filepath.Join(e.files, "templates", tpl.SHA256+".pdf"))
	if st.Mode().Perm() != 0o600 {
		t.Errorf("file mode = %v", st.Mode())
	}
	back, err := e.svc.File(ctx, tpl.ID)
	if err != nil || string(back) != string(pdf) {
		t.Fatalf("File = %d bytes, %v", len(back), err)
	}
	list, err := e.svc.List(ctx)
	if err != nil || len(list) != 1 || list[0].MarkCount != 6 || list[0].MatchedCount != 4 {
		t.Fatalf("List = %+v, %v", list, err)
	}
}

func TestBadUploadsStoreNothing(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	if _, err := e.svc.Upload(ctx, "Contrato", "contract.pdf", fixture(t, "contract.pdf"), false); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, file string
		data       []byte
		want       []string
	}{
		{"Encriptado", "encrypted.pdf", fixture(t, "encrypted.pdf"), []string{pdfs.CodeProtected + "@file"}},
		{"Só dono", "owner-only.pdf", fixture(t, "owner-only.pdf"), []string{pdfs.CodeEncrypted + "@file"}},
		{"Lixo", "garbage.pdf", fixture(t, "garbage.pdf"), []string{pdfs.CodeCorrupt + "@file"}},
		{"Cortado", "truncated.pdf", fixture(t, "truncated.pdf"), []string{pdfs.CodeCorrupt + "@file"}},
		{"Imagem", "image-as-pdf.pdf", fixture(t, "image-as-pdf.pdf"), []string{pdfs.CodeNotPDF + "@file"}},
		{"Vazio", "", nil, []string{crm.CodeTemplateFileRequired + "@file"}},
		{"Grande", "big.pdf", make([]byte, crm.MaxTemplateBytes+1), []string{crm.CodeTemplateTooLarge + "@file"}},
		// Name and file problems come together, so one try shows both.
		{"A/B", "garbage.pdf", fixture(t, "garbage.pdf"), []string{pdfs.CodeCorrupt + "@file", crm.CodeTemplateNameSlash + "@name"}},
		{"CONTRATO", "letter.pdf", fixture(t, "letter.pdf"), []string{crm.CodeDuplicate + "@name"}},
		{"Outro nome", "copia.pdf", fixture(t, "contract.pdf"), []string{crm.CodeTemplateSameFile + "@file"}},
		{"", "letter.pdf", fixture(t, "letter.pdf"), []string{crm.CodeRequired + "@name"}},
	}
	for _, c := range cases {
		_, err := e.svc.Upload(ctx, c.name, c.file, c.data, false)
		if got := problems(err); strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("Upload(%q, %q) = %v, want %v", c.name, c.file, got, c.want)
		}
	}
	var ce *crm.Invalid
	_, err := e.svc.Upload(ctx, "Outro nome", "copia.pdf", fixture(t, "contract.pdf"), false)
	if errors.As(err, &ce); ce.Problems[0].Data["name"] != "Contrato" {
		t.Errorf("same file names the other template: %+v", ce.Problems[0])
	}
	if list, _ := e.svc.List(ctx); len(list) != 1 {
		t.Errorf("%d templates listed, want 1", len(list))
	}
	if files := storedFiles(t, e); len(files) != 1 {
		t.Errorf("stored files = %v", files)
	}
}

// failingInsert lets the file be written and then fails the row.
type failingInsert struct{ Store }

func (failingInsert) Insert(context.Context, crm.ContractTemplate, time.Time) (int64, error) {
	return 0, errors.New("disk I/O error")
}

func TestNoHalfWrittenTemplates(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	real := e.svc.store

	// The row fails: the file written just before goes too.
	e.svc.store = failingInsert{real}
	if _, err := e.svc.Upload(ctx, "Contrato", "contract.pdf", fixture(t, "contract.pdf"), false); err == nil {
		t.Fatal("upload with a failing insert succeeded")
	}
	if files := storedFiles(t, e); len(files) != 0 {
		t.Fatalf("files left after a failed insert: %v", files)
	}

	// The file cannot be written (its folder is a file): no row.
	e.svc.store = real
	if err := os.RemoveAll(filepath.Join(e.files, "templates")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(e.files, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(e.files, "templates"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Upload(ctx, "Contrato", "contract.pdf", fixture(t, "contract.pdf"), false); err == nil {
		t.Fatal("upload without a place for the file succeeded")
	}
	if list, _ := e.svc.List(ctx); len(list) != 0 {
		t.Fatalf("row inserted without its file: %+v", list)
	}
	if err := os.Remove(filepath.Join(e.files, "templates")); err != nil {
		t.Fatal(err)
	}

	// A missing file is reported as such, not as an internal error.
	tpl, err := e.svc.Upload(ctx, "Contrato", "contract.pdf", fixture(t, "contract.pdf"), false)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(e.files, "templates", tpl.SHA256+".pdf"))
	if _, err := e.svc.File(ctx, tpl.ID); !errors.Is(err, crm.E(crm.CodeTemplateFileMissing)) {
		t.Fatalf("File without file = %v", err)
	}
}

func TestRenameAndDelete(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	a, err := e.svc.Upload(ctx, "Contrato", "contract.pdf", fixture(t, "contract.pdf"), false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.svc.Upload(ctx, "Carta", "letter.pdf", fixture(t, "letter.pdf"), false)
	if err != nil {
		t.Fatal(err)
	}
	if b.MatchedCount != 1 || b.MarkCount != 1 {
		t.Errorf("letter: matched %d, marks %d", b.MatchedCount, b.MarkCount)
	}
	if _, err := e.svc.Rename(ctx, b.ID, "contrato"); strings.Join(problems(err), ",") != crm.CodeDuplicate+"@name" {
		t.Errorf("rename to a taken name = %v", err)
	}
	if _, err := e.svc.Rename(ctx, b.ID, "Carta 1/2"); strings.Join(problems(err), ",") != crm.CodeTemplateNameSlash+"@name" {
		t.Errorf("rename with a slash = %v", err)
	}
	// Renaming to itself in another case is allowed.
	if got, err := e.svc.Rename(ctx, b.ID, "CARTA de proposta"); err != nil || got.Name != "CARTA de proposta" {
		t.Fatalf("rename = %+v, %v", got, err)
	}

	// Associated with a development: refused, naming it; file and row stay.
	if _, err := e.db.Exec(`INSERT INTO developments (id, name, created_at, updated_at) VALUES (3, 'Residencial Jardim das Acácias', 'x', 'x')`); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.Exec(`INSERT INTO development_contracts (development_id, template_id, position, created_at, updated_at) VALUES (3, ?, 0, 'x', 'x')`, a.ID); err != nil {
		t.Fatal(err)
	}
	err = e.svc.Delete(ctx, a.ID)
	var ce *crm.Error
	if !errors.As(err, &ce) || ce.Code != crm.CodeTemplateInUse || ce.Data["usedBy"] != "Residencial Jardim das Acácias" {
		t.Fatalf("delete in use = %v", err)
	}
	if _, err := e.svc.File(ctx, a.ID); err != nil {
		t.Fatalf("file of a template in use: %v", err)
	}

	if err := e.svc.Delete(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if files := storedFiles(t, e); len(files) != 1 || files[0] != a.SHA256+".pdf" {
		t.Fatalf("files after delete = %v", files)
	}
	if _, err := e.svc.Get(ctx, b.ID); !errors.Is(err, crm.E(crm.CodeNotFound)) {
		t.Fatalf("deleted template = %v", err)
	}
	// The same PDF can come back once its template is gone.
	if _, err := e.svc.Upload(ctx, "Carta", "letter.pdf", fixture(t, "letter.pdf"), false); err != nil {
		t.Fatalf("re-upload after delete: %v", err)
	}
}
