// Package demo is the first-run experience: the "Comece aqui" guide's
// steps, computed from the database, and the dados de exemplo, a realistic
// office (a Simulador local key, a development with two blocks, two contract
// templates Selo draws itself, signer rules, a corretor and three
// reservations) loaded into an empty database in one transaction and removed
// again, exactly, through the sample_records registry.
package demo

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"selo/backend/crm"
	"selo/backend/integrations"
	"selo/backend/pdfs"
	"selo/backend/secrets"
)

// Error codes of the sample data (declared in crm, where the store that
// reports most of them can name them).
const (
	// CodeAlreadyLoaded: the sample is in the database already.
	CodeAlreadyLoaded = crm.CodeDemoAlreadyLoaded
	// CodeNotEmpty: the database holds the office's own data (data: tables,
	// the kinds of record found), and the sample is only loaded into an empty
	// one so it can never be mixed with real records.
	CodeNotEmpty = crm.CodeDemoNotEmpty
	// CodeNotLoaded: there is no sample to remove.
	CodeNotLoaded = crm.CodeDemoNotLoaded
	// CodeChanged: the user edited a sample record (data: kind, name);
	// removing it would throw the edit away.
	CodeChanged = crm.CodeDemoChanged
	// CodeInUse: a record the user made depends on the sample (data: kind,
	// name of the user's record).
	CodeInUse = crm.CodeDemoInUse
	// CodeSent: a sample reservation's contracts were sent for signature
	// (data: count); the envelope exists on the provider and its local
	// record must stay.
	CodeSent = crm.CodeDemoSent
)

// Store is the storage the sample needs: a transaction writing the whole
// office (crm.DemoWriter) or nothing, the checks that guard loading and
// removing, exact removal, the guide's facts, and the office settings.
type Store interface {
	Load(ctx context.Context, now time.Time, fn func(crm.DemoWriter) error) error
	Loaded(ctx context.Context) (bool, error)
	CheckEmpty(ctx context.Context) error
	CheckRemovable(ctx context.Context) error
	Remove(ctx context.Context) (crm.DemoRemoved, error)
	Guide(ctx context.Context) (crm.DemoGuide, error)
	Setting(ctx context.Context, key string) (value string, ok bool, err error)
	SetSetting(ctx context.Context, key, value string) error
}

// Service loads, describes and removes the sample data and computes the
// guide.
type Service struct {
	store   Store
	secrets secrets.Store
	files   crm.FileStore
	log     *slog.Logger
	now     func() time.Time
}

// New returns the service. files keeps the templates' and generated
// contracts' PDFs (the data folder on one PC, the database in an office).
func New(store Store, sec secrets.Store, files crm.FileStore, log *slog.Logger) *Service {
	return &Service{store: store, secrets: sec, files: files, log: log, now: time.Now}
}

// Status says whether the sample is loaded and whether it can be removed
// now; when not, Blocked is the error code Remove would give and Data its
// values, so the screen can say why before the user tries.
type Status struct {
	Loaded    bool           `json:"loaded"`
	CanLoad   bool           `json:"canLoad"`
	CanRemove bool           `json:"canRemove"`
	Blocked   string         `json:"blocked"`
	Data      map[string]any `json:"data"`
}

// Status reports the sample's state.
func (s *Service) Status(ctx context.Context) (Status, error) {
	var st Status
	var err error
	if st.Loaded, err = s.store.Loaded(ctx); err != nil {
		return st, err
	}
	if !st.Loaded {
		err := s.store.CheckEmpty(ctx)
		st.CanLoad = err == nil
		if e := (*crm.Error)(nil); errors.As(err, &e) {
			st.Blocked, st.Data = e.Code, e.Data
			return st, nil
		}
		return st, err
	}
	err = s.store.CheckRemovable(ctx)
	if err == nil {
		st.CanRemove = true
		return st, nil
	}
	if e := (*crm.Error)(nil); errors.As(err, &e) {
		st.Blocked, st.Data = e.Code, e.Data
		return st, nil
	}
	return st, err
}

// Load fills an empty database with the sample office in one transaction.
// It refuses with CodeAlreadyLoaded or CodeNotEmpty and then writes
// nothing. The template files are written before the commit and removed
// again if it fails; so is the sample key's token in the keyring.
func (s *Service) Load(ctx context.Context) error {
	promessa, err := PromessaPDF()
	if err != nil {
		return err
	}
	annex, err := AnnexPDF()
	if err != nil {
		return err
	}

	var cleanup []func()
	undo := func() {
		for i := len(cleanup) - 1; i >= 0; i-- {
			cleanup[i]()
		}
	}
	// The files are written before the transaction, not inside it: in an
	// office they go to the same database, whose writers take turns, so a
	// write from inside Load's transaction would wait for itself.
	files := []struct {
		name, file string
		pdf        []byte
		sum        string
	}{{name: promessaName, file: "promessa-compra-e-venda-exemplo.pdf", pdf: promessa},
		{name: annexName, file: "anexo-i-memorial-descritivo-exemplo.pdf", pdf: annex}}
	for i := range files {
		sum := sha256.Sum256(files[i].pdf)
		files[i].sum = hex.EncodeToString(sum[:])
		created, err := s.files.Put(ctx, crm.FileTemplate, files[i].sum, files[i].pdf)
		if created {
			sum := files[i].sum
			cleanup = append(cleanup, func() { s.removeFile(crm.FileTemplate, sum) })
		}
		if err != nil {
			undo()
			return err
		}
	}
	var devID int64
	var units map[unitKey]unitRow
	now := s.now().UTC()
	err = s.store.Load(ctx, now, func(w crm.DemoWriter) error {
		l := &loader{w: w, now: now}
		intID, tok, err := l.integration()
		if err != nil {
			return err
		}
		if devID, units, err = l.development(intID); err != nil {
			return err
		}
		var tplIDs []int64
		for _, t := range files {
			id, err := l.template(t.name, t.file, t.sum, t.pdf)
			if err != nil {
				return err
			}
			tplIDs = append(tplIDs, id)
		}
		if err := l.legal(devID, tplIDs[0], tplIDs[1]); err != nil {
			return err
		}
		brokerID, err := l.broker()
		if err != nil {
			return err
		}
		if err := l.reservations(devID, brokerID, units); err != nil {
			return err
		}
		key := integrations.SecretKey(intID)
		if err := s.secrets.Set(ctx, key, tok); err != nil {
			return err
		}
		cleanup = append(cleanup, func() {
			if err := s.secrets.Delete(context.Background(), key); err != nil {
				s.log.Error("removing the token of a sample key not saved", "err", err)
			}
		})
		return nil
	})
	if err != nil {
		// Files and the token were written before the commit; nothing
		// refers to them now.
		undo()
		return err
	}
	s.log.Info("sample data loaded", "development", devID, "units", len(units))
	return nil
}

func (s *Service) removeFile(kind crm.FileKind, sum string) {
	if err := s.files.Delete(context.Background(), kind, sum); err != nil {
		s.log.Error("removing a sample file", "kind", kind, "sha256", sum, "err", err)
	}
}

// loader writes the sample office through the store's transaction.
type loader struct {
	w   crm.DemoWriter
	now time.Time
}

// integration adds the Simulador local key; its token is made here, as the
// keys screen makes one for a new simulator key, and stored by Load.
func (l *loader) integration() (int64, string, error) {
	b := make([]byte, 20)
	_, _ = rand.Read(b)
	tok := "sim_" + hex.EncodeToString(b)
	id, err := l.w.Integration(integrationName, crm.EnvSimulator, crm.Last4(tok), 30)
	return id, tok, err
}

type unitKey struct{ block, number string }

type unitRow struct {
	id    int64
	price int64
}

func (l *loader) development(integrationID int64) (int64, map[unitKey]unitRow, error) {
	dev, err := l.w.Development(developmentName, "Campinas", "SP", integrationID)
	if err != nil {
		return 0, nil, err
	}
	stage, err := l.w.Stage(dev, stageName)
	if err != nil {
		return 0, nil, err
	}
	blocks := map[string]int64{}
	units := map[unitKey]unitRow{}
	for _, u := range sampleUnits() {
		b, ok := blocks[u.block]
		if !ok {
			if b, err = l.w.Block(stage, u.block); err != nil {
				return 0, nil, err
			}
			blocks[u.block] = b
		}
		id, err := l.w.Unit(b, u.number, u.floor, u.area, u.price)
		if err != nil {
			return 0, nil, err
		}
		units[unitKey{u.block, u.number}] = unitRow{id: id, price: u.price}
	}
	return dev, units, nil
}

// template describes a generated PDF the way an upload is described:
// inspected by pdfs, a row whose fields carry their marks. Its file, stored
// under hexSum, was written by Load before the transaction.
func (l *loader) template(name, fileName, hexSum string, pdf []byte) (id int64, err error) {
	info, err := pdfs.Inspect(pdf)
	if err != nil {
		return 0, err
	}
	fields := make([]crm.TemplateField, 0, len(info.Fields))
	for _, f := range info.Fields {
		fields = append(fields, crm.TemplateField{Name: f.Name, Type: string(f.Type), Page: f.Page, Mark: string(f.Mark)})
	}
	return l.w.Template(crm.ContractTemplate{Name: name, FileName: fileName, SHA256: hexSum, Size: int64(len(pdf)),
		Pages: info.Pages, Fields: fields, MarkAnnotations: info.MarkAnnotations, Signed: info.Signed})
}

// signerRules are the sample's Configurar Assinantes: the titular by
// e-mail; the cônjuge by WhatsApp, set through crm.ApplyChannelChange so
// the other channels follow the same rules as on screen; the corretor; and a
// fixed testemunha signing last.
func signerRules() []crm.SignerRule {
	holder := crm.NewSignerRule(crm.SignerHolder)
	spouse := crm.ApplyChannelChange(crm.NewSignerRule(crm.SignerSpouse), crm.FieldDelivery, crm.ChannelWhatsApp)
	broker := crm.NewSignerRule(crm.SignerBroker)
	broker.SendOrder = 2
	w := crm.NewSignerRule(crm.SignerWitness)
	w.SendOrder = 3
	phone, _ := crm.ValidMobile(witness.phone)
	w.FixedPerson = crm.FixedPerson{Name: witness.name, Email: witness.email, Phone: phone, CPF: cpfFromSeed(witness.cpfSeed)}
	return []crm.SignerRule{holder, spouse, broker, w}
}

func (l *loader) legal(devID, promessaID, annexID int64) error {
	if err := crm.ValidateSignerRules(signerRules()); err != nil {
		return fmt.Errorf("sample signer rules: %w", err)
	}
	for pos, a := range []struct {
		tpl   int64
		rules []crm.SignerRule
	}{{promessaID, signerRules()}, {annexID, []crm.SignerRule{crm.NewSignerRule(crm.SignerHolder)}}} {
		if _, err := l.w.Association(devID, a.tpl, pos, a.rules); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) broker() (int64, error) { return l.w.Broker(brokerName, brokerEmail) }

// reservations adds the three reservations, normalised by the same
// crm.ValidateReservation the form goes through, and reserves their units.
func (l *loader) reservations(devID, brokerID int64, units map[unitKey]unitRow) error {
	for _, r := range sampleReservations() {
		u := units[unitKey{r.block, r.unit}]
		in := crm.ReservationInput{UnitID: u.id, BrokerID: brokerID, Price: fmt.Sprintf("%d,%02d", u.price/100, u.price%100),
			Status: crm.ReservationStatus(r.status), Holder: r.holder.crm()}
		if r.spouse != nil {
			in.Associates = []crm.Associate{{Kind: crm.AssociateSpouse, Person: r.spouse.crm()}}
		}
		n, price, err := crm.ValidateReservation(in, l.now)
		if err != nil {
			return fmt.Errorf("sample reservation %s: %w", r.holder.name, err)
		}
		if _, err := l.w.Reservation(n, devID, price); err != nil {
			return err
		}
	}
	return nil
}

func (p person) crm() crm.Person {
	return crm.Person{Name: p.name, CPF: cpfFromSeed(p.cpfSeed), Email: p.email, Phone1: p.phone, BirthDate: p.birth, Address: p.address}
}
