// Package contracts is Reserva → Contratos: the contracts of a reservation
// ("Gerar contratos" from the development's associated templates, "Anexar
// PDF"), their preview and state, and "Enviar contratos para assinatura
// eletrônica", which resolves every signer from the reservation and hands
// one request to signing.Sender.
package contracts

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"selo/backend/crm"
	"selo/backend/legal"
	"selo/backend/pdfs"
	"selo/backend/signing"
)

// Error codes of this package (the send's own are in signing).
const (
	// CodeNoneApplicable: the development associates no template with this
	// unit's scope, so "Gerar contratos" has nothing to make.
	CodeNoneApplicable = "contract.none_applicable"
	// CodeNameSlash: "/" is refused in a contract name (it becomes part of
	// a file name).
	CodeNameSlash = "contract.name_slash"
	// CodeFileMissing: the contract's PDF is gone from the data folder
	// (data: name).
	CodeFileMissing = "contract.file_missing"
	// CodeLocked: see crm.CodeContractLocked.
	CodeLocked = crm.CodeContractLocked

	// CodeNoContracts: nothing was ticked.
	CodeNoContracts = "envelope.no_contracts"
	// CodeOnlyAttached: only attached PDFs were ticked; they have no signer
	// rules, so they can only ride along with a generated contract.
	CodeOnlyAttached = "envelope.only_attached"
	// CodeNotIntegrated: the development is not "Integrado API" or has no
	// key (data: development).
	CodeNotIntegrated = "envelope.not_integrated"
	// CodeNoRules: a generated contract has no signer rule (data: contract).
	CodeNoRules = "envelope.no_rules"
	// CodeInAnotherSend: a ticked contract belongs to an unfinished send of
	// other contracts; resume that one ("Tentar novamente") instead (data:
	// contract).
	CodeInAnotherSend = "envelope.in_another_send"
	// CodeAlreadySent: a ticked contract is already in a live envelope
	// (data: contract).
	CodeAlreadySent = "envelope.already_sent"
	// CodeBrokerMissing: a rule asks for the corretor and the reservation
	// has none (data: contract). Rules for the cônjuge, co-buyers and
	// fiadores simply do not apply to a reservation without them.
	CodeBrokerMissing = "envelope.broker_missing"
)

// Sender is what the service needs from signing.Sender.
type Sender interface {
	Start(ctx context.Context, req signing.SendRequest) (int64, error)
	StartResume(ctx context.Context, opID int64) error
	Cancel(ctx context.Context, opID int64) error
	Get(ctx context.Context, opID int64) (signing.SendOperation, error)
}

// Store is what the service needs from the contracts' storage. Loaded
// contracts carry their derived state (crm.ContractStateOf).
type Store interface {
	List(ctx context.Context, reservationID int64) ([]crm.Contract, error)
	Get(ctx context.Context, id int64) (crm.Contract, error)
	// Save inserts c, replacing the reservation's still-generated contracts
	// of the same association, and returns the new id and the file hashes
	// no row references any more.
	Save(ctx context.Context, c crm.Contract, now time.Time) (int64, []string, error)
	// Delete removes a still-generated contract (crm.CodeContractLocked
	// otherwise) and returns its file hash when nothing else uses it.
	Delete(ctx context.Context, id int64, now time.Time) (string, error)
	FileInUse(ctx context.Context, sha string) (bool, error)
	OpenOperations(ctx context.Context, reservationID int64) ([]int64, error)
	BrokerContact(ctx context.Context, userID int64) (name, email string, err error)
}

// Deps are the services Contracts builds on.
type Deps struct {
	Store        Store
	Reservations interface {
		Get(context.Context, int64) (crm.Reservation, error)
	}
	Legal interface {
		ApplicableContracts(ctx context.Context, developmentID, unitID int64) ([]legal.Association, error)
		Get(ctx context.Context, id int64) (legal.Association, error)
	}
	Templates interface {
		Get(ctx context.Context, id int64) (crm.ContractTemplate, error)
		File(ctx context.Context, id int64) ([]byte, error)
	}
	Developments interface {
		Get(ctx context.Context, id int64) (crm.Development, error)
	}
	Keys   signing.KeyTokens
	Sender Sender
	// Files keeps the contracts' PDFs under their SHA-256
	// (crm.FileContract): the data folder on one PC, the database in an
	// office.
	Files crm.FileStore
	Log   *slog.Logger
}

// Service is Reserva → Contratos.
type Service struct {
	d Deps
	// Now is the clock.
	Now func() time.Time
	// mu serialises writes of files and rows, so a double click on "Gerar
	// contratos" cannot interleave two re-generations.
	mu sync.Mutex
}

// New builds the service.
func New(d Deps) *Service {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	return &Service{d: d, Now: time.Now}
}

// List returns the reservation's contracts in screen order with their state.
func (s *Service) List(ctx context.Context, reservationID int64) ([]crm.Contract, error) {
	list, err := s.d.Store.List(ctx, reservationID)
	for i, c := range list {
		if c.State == crm.StateCanceled {
			list[i].SentAgain = redone(c, list)
		}
	}
	return list, err
}

// Generate makes one contract per association covering the reservation's
// unit, filling each template from the reservation (Values), and returns the
// reservation's contracts. Contracts of the same association still "gerado"
// are replaced; sent ones are never touched.
func (s *Service) Generate(ctx context.Context, reservationID int64) ([]crm.Contract, error) {
	r, err := s.d.Reservations.Get(ctx, reservationID)
	if err != nil {
		return nil, err
	}
	assocs, err := s.d.Legal.ApplicableContracts(ctx, r.DevelopmentID, r.UnitID)
	if err != nil {
		return nil, err
	}
	if len(assocs) == 0 {
		return nil, crm.E(CodeNoneApplicable, "development", r.DevelopmentName)
	}
	values := Values(r, "", s.Now())
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range assocs {
		if err := s.generateOne(ctx, r, a, values); err != nil {
			return nil, err
		}
	}
	s.d.Log.Info("contracts generated", "reservation", reservationID, "count", len(assocs))
	return s.d.Store.List(ctx, reservationID)
}

func (s *Service) generateOne(ctx context.Context, r crm.Reservation, a legal.Association, values map[string]string) error {
	t, err := s.d.Templates.Get(ctx, a.TemplateID)
	if err != nil {
		return err
	}
	src, err := s.d.Templates.File(ctx, a.TemplateID)
	if err != nil {
		return err
	}
	fields := map[string]string{}
	for _, f := range t.Fields {
		if f.DataKey != "" {
			fields[f.Name] = values[f.DataKey]
		}
	}
	filled, _, err := pdfs.Fill(src, fields)
	if err != nil {
		return err
	}
	_, err = s.store(ctx, crm.Contract{ReservationID: r.ID, Kind: crm.ContractGenerated, AssociationID: a.ID,
		TemplateID: t.ID, Name: t.Name, FileName: t.FileName}, filled)
	return err
}

// Attach adds an outside PDF to the reservation under name.
func (s *Service) Attach(ctx context.Context, reservationID int64, name, fileName string, pdf []byte) (crm.Contract, error) {
	inv := checkAttachName(&name)
	if len(pdf) == 0 {
		inv.Add(crm.E(crm.CodeTemplateFileRequired).OnField("file"))
	} else if len(pdf) > crm.MaxTemplateBytes {
		inv.Add(crm.E(crm.CodeTemplateTooLarge, "sizeMB", (len(pdf)+(1<<20)-1)>>20, "maxMB", crm.MaxTemplateBytes>>20).OnField("file"))
	} else if _, err := pdfs.Inspect(pdf); err != nil {
		inv.Add(crm.AsError(err).OnField("file"))
	}
	if err := inv.Err(); err != nil {
		return crm.Contract{}, err
	}
	if _, err := s.d.Reservations.Get(ctx, reservationID); err != nil {
		return crm.Contract{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Cancelar on the card discards the staged file while it was checked:
	// nothing may be saved after that.
	if err := ctx.Err(); err != nil {
		return crm.Contract{}, err
	}
	c := crm.Contract{ReservationID: reservationID, Kind: crm.ContractAttached, Name: name, FileName: filepath.Base(fileName)}
	id, err := s.store(ctx, c, pdf)
	if err != nil {
		return crm.Contract{}, err
	}
	// The row just saved, by its id: the list's last row can be another
	// PC's attachment saved in the same moment. Read even if Cancelar came
	// after the commit: the row exists, and saying "canceled" would lie.
	return s.d.Store.Get(context.WithoutCancel(ctx), id)
}

// checkAttachName normalises an attached PDF's name in place and returns
// its problems, for Attach and for a staged file that could not be read.
func checkAttachName(name *string) crm.Invalid {
	var inv crm.Invalid
	*name = strings.Join(strings.Fields(*name), " ")
	switch {
	case *name == "":
		inv.Add(crm.E(crm.CodeRequired).OnField("name"))
	case strings.Contains(*name, "/"):
		inv.Add(crm.E(CodeNameSlash).OnField("name"))
	case len([]rune(*name)) > crm.MaxTemplateNameLen:
		inv.Add(crm.E("field.too_long", "max", crm.MaxTemplateNameLen).OnField("name"))
	}
	return inv
}

// StagedFiles is where a PDF waits between the moment the page posts it
// (or the native dialog picks it) and "Anexar PDF" saving it, so its bytes
// never cross the Wails bridge. templates.Inbox implements it.
type StagedFiles interface {
	// Open returns the file's name and bytes and a context that Discard
	// cancels; done releases the file. An unknown id opens as no file.
	Open(ctx context.Context, id string) (context.Context, string, []byte, func(), error)
	// Discard forgets the file (deleting a posted one).
	Discard(id string)
}

// AttachStaged is Attach for a file staged in files under uploadID. The
// file leaves the inbox once saved; refused, it is dropped too (the card
// has no form to fix and resubmit: the user picks a file again).
func (s *Service) AttachStaged(ctx context.Context, files StagedFiles, reservationID int64, name, uploadID string) (crm.Contract, error) {
	defer files.Discard(uploadID)
	ctx, fileName, pdf, done, err := files.Open(ctx, uploadID)
	if err != nil {
		var ce *crm.Error
		if !errors.As(err, &ce) {
			return crm.Contract{}, err
		}
		inv := checkAttachName(&name)
		inv.Add(ce)
		return crm.Contract{}, inv.Err()
	}
	defer done()
	return s.Attach(ctx, reservationID, name, fileName, pdf)
}

// store writes the file (temp + rename) and then the row, and returns the
// row's id; when the row fails, a file it created is removed, so file and
// row exist together or not at all. Files replaced by a re-generation are
// removed after commit.
func (s *Service) store(ctx context.Context, c crm.Contract, pdf []byte) (int64, error) {
	// The file is Selo's own fill of a template that passed Inspect, or an
	// attachment Attach has just inspected: reading it is enough.
	info, err := pdfs.Describe(pdf)
	if err != nil {
		return 0, err
	}
	sum := sha256.Sum256(pdf)
	c.SHA256 = hex.EncodeToString(sum[:])
	c.Pages, c.Size = info.Pages, int64(len(pdf))
	created, err := s.writeOnce(ctx, c.SHA256, pdf)
	if err != nil {
		return 0, err
	}
	id, orphans, err := s.d.Store.Save(ctx, c, s.Now())
	if err != nil {
		if created {
			if used, uerr := s.d.Store.FileInUse(context.WithoutCancel(ctx), c.SHA256); uerr == nil && !used {
				s.remove(ctx, c.SHA256)
			}
		}
		return 0, err
	}
	for _, o := range orphans {
		if o != c.SHA256 {
			s.remove(ctx, o)
		}
	}
	return id, nil
}

// File returns a contract's PDF.
func (s *Service) File(ctx context.Context, id int64) ([]byte, error) {
	c, err := s.d.Store.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	data, err := s.d.Files.Get(ctx, crm.FileContract, c.SHA256)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, crm.E(CodeFileMissing, "name", c.Name).Wrap(err)
	}
	return data, err
}

// Delete removes a contract that is still "gerado" (generated or attached)
// and its file when no other contract shares it.
func (s *Service) Delete(ctx context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sha, err := s.d.Store.Delete(ctx, id, s.Now())
	if err != nil {
		return err
	}
	if sha != "" {
		s.remove(ctx, sha)
	}
	return nil
}

// remove forgets a file no row uses any more. The rows are already
// committed, so a file that cannot be removed is only wasted space: logged,
// not returned.
func (s *Service) remove(ctx context.Context, sum string) {
	if err := s.d.Files.Delete(context.WithoutCancel(ctx), crm.FileContract, sum); err != nil {
		s.d.Log.Error("removing an unused contract file", "sha256", sum, "err", err)
	}
}

// writeOnce stores a content-addressed file: an existing one already has
// these bytes (same hash), so it is kept and created is false.
func (s *Service) writeOnce(ctx context.Context, sum string, data []byte) (created bool, err error) {
	ok, err := s.d.Files.Exists(ctx, crm.FileContract, sum)
	if err != nil || ok {
		return false, err
	}
	return s.d.Files.Put(ctx, crm.FileContract, sum, data)
}
