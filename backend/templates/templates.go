// Package templates is Contratos: the office's contract templates. A PDF is
// read once on upload (pages, form fields, signature and initials marks, the
// fields Selo fills from reservation data), kept in the data home under its
// SHA-256, and described by a database row.
package templates

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"selo/backend/crm"
	"selo/backend/pdfs"
)

// Store is what the service needs from the database; tests wrap the real
// store to make one step fail.
type Store interface {
	List(ctx context.Context) ([]crm.ContractTemplate, error)
	Get(ctx context.Context, id int64) (crm.ContractTemplate, error)
	Names(ctx context.Context, exceptID int64) ([]string, error)
	NameOfFile(ctx context.Context, sha256 string) (string, error)
	Insert(ctx context.Context, t crm.ContractTemplate, now time.Time) (int64, error)
	Rename(ctx context.Context, id int64, name string, now time.Time) error
	// RenameAt is Rename only at the template's version (0: unchecked);
	// another save since is crm.CodeConflict.
	RenameAt(ctx context.Context, id, version int64, name string, now time.Time) error
	// SetRegistryAt marks or unmarks "Vai a registro" at the template's
	// version (0: unchecked); another save since is crm.CodeConflict.
	SetRegistryAt(ctx context.Context, id, version int64, registry bool, now time.Time) error
	Delete(ctx context.Context, id int64) (string, error)
}

// Service is the contract templates use cases.
type Service struct {
	store Store
	files crm.FileStore
	log   *slog.Logger
	now   func() time.Time
	// mu serialises uploads and deletions so two of them never race on the
	// same file (the same PDF dropped twice in a row, say).
	mu sync.Mutex
}

// New returns the templates service. files keeps the PDFs under their
// SHA-256 (crm.FileTemplate): the data folder on one PC, the database in an
// office.
func New(s Store, files crm.FileStore, log *slog.Logger) *Service {
	return &Service{store: s, files: files, log: log, now: time.Now}
}

// List returns every template by name, with its fields, matches and the
// developments using it.
func (s *Service) List(ctx context.Context) ([]crm.ContractTemplate, error) {
	list, err := s.store.List(ctx)
	for i := range list {
		rematch(&list[i])
	}
	return list, err
}

// Get returns one template with its fields, marks and matches.
func (s *Service) Get(ctx context.Context, id int64) (crm.ContractTemplate, error) {
	t, err := s.store.Get(ctx, id)
	if err != nil {
		return t, err
	}
	rematch(&t)
	return t, nil
}

// Upload validates name and file, stores the PDF and returns the new
// template. Every problem is listed at once: the name's on field "name", the
// file's (not a PDF, encrypted, corrupt, too large, already uploaded) on
// field "file". Nothing is kept when anything fails: the file is written
// before the row and removed again if the row cannot be inserted. registry
// is "Vai a registro", saved with the row: a flag set by a second call could
// fail after the template exists and leave it unflagged.
func (s *Service) Upload(ctx context.Context, name, fileName string, pdf []byte, registry bool) (crm.ContractTemplate, error) {
	s.mu.Lock()
	defer s.mu.Unlock()

	var inv crm.Invalid
	names, err := s.store.Names(ctx, 0)
	if err != nil {
		return crm.ContractTemplate{}, err
	}
	name, err = crm.ValidateTemplateName(name, names)
	addProblems(&inv, err)

	var info pdfs.Info
	var sum string
	switch {
	case len(pdf) == 0:
		inv.Add(crm.E(crm.CodeTemplateFileRequired).OnField("file"))
	case len(pdf) > crm.MaxTemplateBytes:
		inv.Add(TooLarge(int64(len(pdf)), crm.MaxTemplateBytes))
	default:
		info, err = pdfs.Inspect(pdf)
		if err != nil {
			inv.Add(crm.AsError(err).OnField("file"))
			break
		}
		h := sha256.Sum256(pdf)
		sum = hex.EncodeToString(h[:])
		other, err := s.store.NameOfFile(ctx, sum)
		if err != nil {
			return crm.ContractTemplate{}, err
		}
		if other != "" {
			inv.Add(crm.E(crm.CodeTemplateSameFile, "name", other).OnField("file"))
		}
	}
	if err := inv.Err(); err != nil {
		return crm.ContractTemplate{}, err
	}
	// Reading a large PDF takes a while; a user who cancelled meanwhile
	// (Cancelar on the form) gets nothing saved.
	if err := ctx.Err(); err != nil {
		return crm.ContractTemplate{}, err
	}

	t := crm.ContractTemplate{
		Name:            name,
		FileName:        filepath.Base(filepath.FromSlash(fileName)),
		Pages:           info.Pages,
		Size:            int64(len(pdf)),
		SHA256:          sum,
		Fields:          describeFields(info.Fields),
		MarkAnnotations: info.MarkAnnotations,
		Signed:          info.Signed,
		Registry:        registry,
	}
	if t.FileName == "." || t.FileName == string(filepath.Separator) {
		t.FileName = ""
	}
	created, err := s.files.Put(ctx, crm.FileTemplate, sum, pdf)
	if err != nil {
		return crm.ContractTemplate{}, fmt.Errorf("storing template file: %w", err)
	}
	id, err := s.store.Insert(ctx, t, s.now())
	if err != nil {
		// No half-kept template: the file goes with the failed row, unless it
		// was already there (then it belongs to nobody we know of, and
		// leaving it costs nothing).
		if created {
			if rmErr := s.files.Delete(context.WithoutCancel(ctx), crm.FileTemplate, sum); rmErr != nil {
				s.log.Error("removing the file of a template not saved", "sha256", sum, "err", rmErr)
			}
		}
		return crm.ContractTemplate{}, err
	}
	s.log.Info("contract template uploaded", "id", id, "pages", t.Pages, "fields", len(t.Fields), "marks", info.Marks)
	return s.Get(ctx, id)
}

// Rename changes a template's name, with the same rules as on upload.
func (s *Service) Rename(ctx context.Context, id int64, name string) (crm.ContractTemplate, error) {
	return s.RenameAt(ctx, id, 0, name)
}

// RenameAt is Rename for the Contratos drawer: only at the version it read,
// so another PC's rename in between is refused rather than overwritten.
func (s *Service) RenameAt(ctx context.Context, id, version int64, name string) (crm.ContractTemplate, error) {
	names, err := s.store.Names(ctx, id)
	if err != nil {
		return crm.ContractTemplate{}, err
	}
	n, err := crm.ValidateTemplateName(name, names)
	if err != nil {
		return crm.ContractTemplate{}, err
	}
	if err := s.store.RenameAt(ctx, id, version, n, s.now()); err != nil {
		return crm.ContractTemplate{}, err
	}
	return s.Get(ctx, id)
}

// SetRegistry marks the template "Vai a registro (exige certificado
// ICP-Brasil)" or unmarks it, at the version the screen read. Signer rules
// already saved are left as they are: the send refuses a registry contract
// whose parties would sign without a certificate (crm.AddRegistryProblems)
// and Jurídico shows why, so nothing changes behind the office's back.
func (s *Service) SetRegistry(ctx context.Context, id, version int64, registry bool) (crm.ContractTemplate, error) {
	if err := s.store.SetRegistryAt(ctx, id, version, registry, s.now()); err != nil {
		return crm.ContractTemplate{}, err
	}
	s.log.Info("contract template registry flag saved", "id", id, "registry", registry)
	return s.Get(ctx, id)
}

// Delete removes a template and its file. A template associated with a
// development is refused with crm.CodeTemplateInUse naming them.
func (s *Service) Delete(ctx context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sum, err := s.store.Delete(ctx, id)
	if err != nil {
		return err
	}
	// The row is gone; a file that cannot be removed is only wasted space.
	if err := s.files.Delete(context.WithoutCancel(ctx), crm.FileTemplate, sum); err != nil {
		s.log.Error("removing a deleted template's file", "id", id, "err", err)
	}
	s.log.Info("contract template deleted", "id", id)
	return nil
}

// File returns the template's PDF, for previews and for generating
// contracts. A file missing from the data folder is
// crm.CodeTemplateFileMissing.
func (s *Service) File(ctx context.Context, id int64) ([]byte, error) {
	t, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	data, err := s.files.Get(ctx, crm.FileTemplate, t.SHA256)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, crm.E(crm.CodeTemplateFileMissing, "name", t.Name).Wrap(err)
	}
	return data, err
}

// DataKeys lists the reservation data Selo fills into templates.
func (s *Service) DataKeys() []crm.DataKey { return crm.DataKeys() }

// describeFields turns inspected fields into template fields, pairing the
// fillable ones with reservation data.
func describeFields(fields []pdfs.Field) []crm.TemplateField {
	out := make([]crm.TemplateField, 0, len(fields))
	for _, f := range fields {
		out = append(out, crm.TemplateField{Name: f.Name, Type: string(f.Type), Page: f.Page, Mark: string(f.Mark)})
	}
	match(out)
	return out
}

// fillable says which fields take reservation data: text and date fields
// that are not marks. A check box or a signature field named "cpf" is not
// somewhere to write a CPF.
func fillable(f crm.TemplateField) bool {
	return f.Mark == "" && (f.Type == string(pdfs.FieldText) || f.Type == string(pdfs.FieldDate))
}

func match(fields []crm.TemplateField) {
	var names []string
	for _, f := range fields {
		if fillable(f) {
			names = append(names, f.Name)
		}
	}
	m := crm.MatchFields(names)
	for i := range fields {
		fields[i].DataKey = ""
		if fillable(fields[i]) {
			fields[i].DataKey = m[fields[i].Name]
		}
	}
}

// rematch recomputes matches and counts when a template is read, so a
// template uploaded before an alias was added still gets it: crm.DataKeys
// stays the single source of truth.
func rematch(t *crm.ContractTemplate) {
	match(t.Fields)
	t.MarkCount, t.MatchedCount = 0, 0
	for _, f := range t.Fields {
		if f.Mark != "" {
			t.MarkCount++
		}
		if f.DataKey != "" {
			t.MatchedCount++
		}
	}
}

func addProblems(inv *crm.Invalid, err error) {
	var v *crm.Invalid
	if errors.As(err, &v) {
		for _, p := range v.Problems {
			inv.Add(p)
		}
	}
}
