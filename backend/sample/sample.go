// Package sample is the first-run experience: the "Comece aqui" guide's
// steps, computed from the database, and the dados de exemplo, a realistic
// office (a Simulador local key, a development with two blocks, two contract
// templates Selo draws itself, signer rules, a corretor and three
// reservations) loaded into an empty database in one transaction and removed
// again, exactly, through the sample_records registry.
package sample

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"selo/backend/crm"
	"selo/backend/integrations"
	"selo/backend/pdfs"
	"selo/backend/secrets"
	"selo/backend/sqlite"
)

// Error codes of the sample data.
const (
	// CodeAlreadyLoaded: the sample is in the database already.
	CodeAlreadyLoaded = "sample.already_loaded"
	// CodeNotEmpty: the database holds the office's own data (data: tables,
	// the kinds of record found), and the sample is only loaded into an empty
	// one so it can never be mixed with real records.
	CodeNotEmpty = "sample.not_empty"
	// CodeNotLoaded: there is no sample to remove.
	CodeNotLoaded = "sample.not_loaded"
	// CodeChanged: the user edited a sample record (data: kind, name);
	// removing it would throw the edit away.
	CodeChanged = "sample.changed"
	// CodeInUse: a record the user made depends on the sample (data: kind,
	// name of the user's record).
	CodeInUse = "sample.in_use"
	// CodeSent: a sample reservation's contracts were sent for signature
	// (data: count); the envelope exists on the provider and its local
	// record must stay.
	CodeSent = "sample.sent"
)

// Service loads, describes and removes the sample data and computes the
// guide.
type Service struct {
	db       *sqlite.DB
	secrets  secrets.Store
	filesDir string
	log      *slog.Logger
	now      func() time.Time
}

// New returns the service. filesDir is the data home's files folder, where
// templates (files/templates) and generated contracts (files/contracts) live.
func New(db *sqlite.DB, sec secrets.Store, filesDir string, log *slog.Logger) *Service {
	return &Service{db: db, secrets: sec, filesDir: filesDir, log: log, now: time.Now}
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

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Status reports the sample's state.
func (s *Service) Status(ctx context.Context) (Status, error) {
	var st Status
	var err error
	if st.Loaded, err = loaded(ctx, s.db); err != nil {
		return st, err
	}
	if !st.Loaded {
		err := checkEmpty(ctx, s.db)
		st.CanLoad = err == nil
		if e := (*crm.Error)(nil); errors.As(err, &e) {
			st.Blocked, st.Data = e.Code, e.Data
			return st, nil
		}
		return st, err
	}
	err = checkRemovable(ctx, s.db)
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

func loaded(ctx context.Context, q querier) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sample_records)`).Scan(&n)
	return n == 1, err
}

// userTables are the tables whose rows make a database "the office's": the
// sample never mixes with them.
var userTables = []string{"integrations", "developments", "contract_templates", "reservations", "admin_users"}

func checkEmpty(ctx context.Context, q querier) error {
	var found []string
	for _, t := range userTables {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+t+`)`).Scan(&n); err != nil {
			return err
		}
		if n == 1 {
			found = append(found, t)
		}
	}
	if len(found) > 0 {
		return crm.E(CodeNotEmpty, "tables", found)
	}
	return nil
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

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if ok, err := loaded(ctx, tx); err != nil {
		return err
	} else if ok {
		return crm.E(CodeAlreadyLoaded)
	}
	if err := checkEmpty(ctx, tx); err != nil {
		return err
	}

	l := &loader{ctx: ctx, tx: tx, now: s.now().UTC()}
	var cleanup []func()
	undo := func() {
		for i := len(cleanup) - 1; i >= 0; i-- {
			cleanup[i]()
		}
	}
	intID, tok, err := l.integration()
	if err != nil {
		return err
	}
	devID, units, err := l.development(intID)
	if err != nil {
		return err
	}
	var tplIDs []int64
	for _, t := range []struct {
		name, file string
		pdf        []byte
	}{{promessaName, "promessa-compra-e-venda-exemplo.pdf", promessa}, {annexName, "anexo-i-memorial-descritivo-exemplo.pdf", annex}} {
		id, path, created, err := l.template(s.templatesDir(), t.name, t.file, t.pdf)
		if created {
			cleanup = append(cleanup, func() { removeFile(s.log, path) })
		}
		if err != nil {
			undo()
			return err
		}
		tplIDs = append(tplIDs, id)
	}
	if err := l.legal(devID, tplIDs[0], tplIDs[1]); err != nil {
		undo()
		return err
	}
	brokerID, err := l.broker()
	if err != nil {
		undo()
		return err
	}
	if err := l.reservations(devID, brokerID, units); err != nil {
		undo()
		return err
	}
	if l.err != nil {
		undo()
		return l.err
	}
	key := integrations.SecretKey(intID)
	if err := s.secrets.Set(ctx, key, tok); err != nil {
		undo()
		return err
	}
	cleanup = append(cleanup, func() {
		if err := s.secrets.Delete(context.Background(), key); err != nil {
			s.log.Error("removing the token of a sample key not saved", "err", err)
		}
	})
	if err := tx.Commit(); err != nil {
		undo()
		return err
	}
	s.log.Info("sample data loaded", "development", devID, "units", len(units))
	return nil
}

func (s *Service) templatesDir() string { return filepath.Join(s.filesDir, "templates") }
func (s *Service) contractsDir() string { return filepath.Join(s.filesDir, "contracts") }

func removeFile(log *slog.Logger, path string) {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		log.Error("removing a sample file", "path", path, "err", err)
	}
}

// loader writes the sample rows inside one transaction and records each in
// sample_records. The first error sticks; later steps do nothing.
type loader struct {
	ctx context.Context
	tx  *sql.Tx
	now time.Time
	err error
}

func (l *loader) ts() string { return l.now.Format(time.RFC3339Nano) }

// insert runs an INSERT and registers the new row; withUpdated says the
// table has updated_at, whose value (the load time) is the snapshot.
func (l *loader) insert(table string, withUpdated bool, query string, args ...any) int64 {
	if l.err != nil {
		return 0
	}
	res, err := l.tx.ExecContext(l.ctx, query, args...)
	if err != nil {
		l.err = fmt.Errorf("sample %s: %w", table, err)
		return 0
	}
	id, err := res.LastInsertId()
	if err != nil {
		l.err = err
		return 0
	}
	snap := ""
	if withUpdated {
		snap = l.ts()
	}
	if _, err := l.tx.ExecContext(l.ctx, `INSERT INTO sample_records (table_name, row_id, updated_at_snapshot) VALUES (?, ?, ?)`,
		table, id, snap); err != nil {
		l.err = err
	}
	return id
}

// integration adds the Simulador local key; its token is made here, as the
// keys screen makes one for a new simulator key, and stored by Load.
func (l *loader) integration() (int64, string, error) {
	b := make([]byte, 20)
	_, _ = rand.Read(b)
	tok := "sim_" + hex.EncodeToString(b)
	id := l.insert("integrations", true, `INSERT INTO integrations (description, environment, token_last4, has_token, deadline_days, created_at, updated_at)
		VALUES (?, 'simulator', ?, 1, 30, ?, ?)`, integrationName, crm.Last4(tok), l.ts(), l.ts())
	return id, tok, l.err
}

type unitKey struct{ block, number string }

type unitRow struct {
	id    int64
	price int64
}

func (l *loader) development(integrationID int64) (int64, map[unitKey]unitRow, error) {
	dev := l.insert("developments", true, `INSERT INTO developments (name, city, state, integrated, integration_id, created_at, updated_at)
		VALUES (?, 'Campinas', 'SP', 1, ?, ?, ?)`, developmentName, integrationID, l.ts(), l.ts())
	stage := l.insert("stages", false, `INSERT INTO stages (development_id, name) VALUES (?, ?)`, dev, stageName)
	blocks := map[string]int64{}
	units := map[unitKey]unitRow{}
	for _, u := range sampleUnits() {
		b, ok := blocks[u.block]
		if !ok {
			b = l.insert("blocks", false, `INSERT INTO blocks (stage_id, name) VALUES (?, ?)`, stage, u.block)
			blocks[u.block] = b
		}
		id := l.insert("units", false, `INSERT INTO units (block_id, number, floor, area_cm2, price_cents) VALUES (?, ?, ?, ?, ?)`,
			b, u.number, u.floor, u.area, u.price)
		units[unitKey{u.block, u.number}] = unitRow{id: id, price: u.price}
	}
	return dev, units, l.err
}

// template stores a generated PDF the way an upload is stored: inspected by
// pdfs, written to files/templates/<sha256>.pdf, described by a row whose
// fields carry their marks. created says the file is new (Load removes it
// if the transaction fails).
func (l *loader) template(dir, name, fileName string, pdf []byte) (id int64, path string, created bool, err error) {
	if l.err != nil {
		return 0, "", false, l.err
	}
	info, err := pdfs.Inspect(pdf)
	if err != nil {
		return 0, "", false, err
	}
	sum := sha256.Sum256(pdf)
	hexSum := hex.EncodeToString(sum[:])
	fields := make([]crm.TemplateField, 0, len(info.Fields))
	for _, f := range info.Fields {
		fields = append(fields, crm.TemplateField{Name: f.Name, Type: string(f.Type), Page: f.Page, Mark: string(f.Mark)})
	}
	js, err := json.Marshal(fields)
	if err != nil {
		return 0, "", false, err
	}
	path = filepath.Join(dir, hexSum+".pdf")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return 0, "", false, err
	}
	if _, statErr := os.Stat(path); errors.Is(statErr, fs.ErrNotExist) {
		if err := os.WriteFile(path, pdf, 0o600); err != nil {
			return 0, "", false, err
		}
		created = true
	}
	id = l.insert("contract_templates", true, `INSERT INTO contract_templates (name, file_name, sha256, size_bytes, pages, fields,
		mark_annotations, signed, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		name, fileName, hexSum, len(pdf), info.Pages, string(js), info.MarkAnnotations, info.Signed, l.ts(), l.ts())
	return id, path, created, l.err
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
		assoc := l.insert("development_contracts", true, `INSERT INTO development_contracts (development_id, template_id, scope, position, created_at, updated_at)
			VALUES (?, ?, 'development', ?, ?, ?)`, devID, a.tpl, pos, l.ts(), l.ts())
		for i, r := range a.rules {
			l.insert("signer_rules", false, `INSERT INTO signer_rules (association_id, position, send_order, signer_type, name, email, phone, cpf,
				evidence, signature_kind, delivery, reminder, auth) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				assoc, i, r.SendOrder, r.SignerType, r.Name, r.Email, r.Phone, r.CPF, r.Evidence, r.SignatureKind, r.Delivery, r.Reminder, r.Auth)
		}
	}
	return l.err
}

func (l *loader) broker() (int64, error) {
	id := l.insert("admin_users", true, `INSERT INTO admin_users (name, email, role, active, created_at, updated_at) VALUES (?, ?, 'corretor', 1, ?, ?)`,
		brokerName, brokerEmail, l.ts(), l.ts())
	return id, l.err
}

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
		id := l.insert("reservations", true, `INSERT INTO reservations (unit_id, development_id, broker_id, price_cents, status,
			holder_name, holder_cpf, search_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			u.id, devID, brokerID, price, n.Status, n.Holder.Name, n.Holder.CPF,
			crm.SearchKey(n.Holder.Name)+" "+crm.SearchKey(n.Holder.CPF), l.ts(), l.ts())
		people := append([]crm.Associate{{Kind: "holder", Person: n.Holder}}, n.Associates...)
		for pos, p := range people {
			l.insert("reservation_people", false, `INSERT INTO reservation_people (reservation_id, role, position, name, cpf, email,
				phone1, phone2, birth_date, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, string(p.Kind), pos, p.Name, p.CPF, p.Email, p.Phone1, p.Phone2, p.BirthDate, p.Address)
		}
		if l.err == nil {
			if _, err := l.tx.ExecContext(l.ctx, `UPDATE units SET status = ? WHERE id = ?`, n.Status.UnitStatus(), u.id); err != nil {
				return err
			}
		}
	}
	return l.err
}

func (p person) crm() crm.Person {
	return crm.Person{Name: p.name, CPF: cpfFromSeed(p.cpfSeed), Email: p.email, Phone1: p.phone, BirthDate: p.birth, Address: p.address}
}
