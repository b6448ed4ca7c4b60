package demo

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/developments"
	"selo/backend/filestore"
	"selo/backend/integrations"
	"selo/backend/legal"
	"selo/backend/reservations"
	"selo/backend/secrets"
	"selo/backend/sqlstore"
	"selo/backend/templates"
)

type env struct {
	db    *sqlstore.DB
	sec   *secrets.Memory
	files string
	svc   *Service
	log   *slog.Logger
}

func newEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	db, err := sqlstore.Open(context.Background(), filepath.Join(dir, "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sec := secrets.NewMemory()
	files := filepath.Join(dir, "files")
	return &env{db: db, sec: sec, files: files, svc: New(db.Demo(), sec, filestore.New(files), log), log: log}
}

func count(t *testing.T, db *sqlstore.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func wantCode(t *testing.T, err error, code string) *crm.Error {
	t.Helper()
	var e *crm.Error
	if !errors.As(err, &e) || e.Code != code {
		t.Fatalf("err = %v, want code %s", err, code)
	}
	return e
}

// userTableCounts are the row counts a refused operation must leave as
// they were.
func tableCounts(t *testing.T, db *sqlstore.DB) map[string]int {
	out := map[string]int{}
	for _, tb := range []string{"integrations", "developments", "stages", "blocks", "units", "contract_templates",
		"development_contracts", "signer_rules", "admin_users", "reservations", "reservation_people", "sample_records"} {
		out[tb] = count(t, db, `SELECT COUNT(*) FROM `+tb)
	}
	return out
}

func sameCounts(t *testing.T, before, after map[string]int) {
	t.Helper()
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: %d rows, want %d", k, after[k], v)
		}
	}
}

func TestCPFFromSeedIsValid(t *testing.T) {
	seeds := []string{witness.cpfSeed}
	for _, r := range sampleReservations() {
		seeds = append(seeds, r.holder.cpfSeed)
		if r.spouse != nil {
			seeds = append(seeds, r.spouse.cpfSeed)
		}
	}
	seen := map[string]bool{}
	for _, s := range seeds {
		c := cpfFromSeed(s)
		if !crm.ValidCPF(c) {
			t.Errorf("cpfFromSeed(%s) = %s, not valid", s, c)
		}
		if seen[c] {
			t.Errorf("CPF %s repeated", c)
		}
		seen[c] = true
	}
	// A known-good check: 111.444.777-35 is the textbook example.
	if got := cpfFromSeed("111444777"); got != "111.444.777-35" {
		t.Errorf("cpfFromSeed(111444777) = %s", got)
	}
}

func TestStepsOnEmptyDatabaseAndHidden(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	steps, err := e.svc.Steps(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != 5 {
		t.Fatalf("steps = %v", steps)
	}
	for _, s := range steps {
		if s.Done {
			t.Errorf("step %s done on an empty database", s.Key)
		}
	}
	if h, err := e.svc.Hidden(ctx); err != nil || h {
		t.Fatalf("Hidden = %v, %v", h, err)
	}
	if err := e.svc.SetHidden(ctx, true); err != nil {
		t.Fatal(err)
	}
	if h, _ := e.svc.Hidden(ctx); !h {
		t.Error("guide not hidden")
	}
	if err := e.svc.SetHidden(ctx, false); err != nil {
		t.Fatal(err)
	}
	if h, _ := e.svc.Hidden(ctx); h {
		t.Error("guide still hidden")
	}
	st, err := e.svc.Status(ctx)
	if err != nil || st.Loaded || !st.CanLoad || st.CanRemove {
		t.Errorf("status = %+v, %v", st, err)
	}
}

func TestLoadAndRemove(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if err := e.svc.Load(ctx); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"integrations": 1, "developments": 1, "stages": 1, "blocks": 2, "units": 12,
		"contract_templates": 2, "development_contracts": 2, "signer_rules": 5, "admin_users": 1, "reservations": 3,
		"reservation_people": 4}
	got := tableCounts(t, e.db)
	total := 0
	for k, v := range want {
		total += v
		if got[k] != v {
			t.Errorf("%s = %d, want %d", k, got[k], v)
		}
	}
	if got["sample_records"] != total {
		t.Errorf("sample_records = %d, want %d", got["sample_records"], total)
	}
	if n := count(t, e.db, `SELECT COUNT(*) FROM units WHERE status = 'reserved'`); n != 3 {
		t.Errorf("reserved units = %d, want 3", n)
	}
	if n := count(t, e.db, `SELECT COUNT(*) FROM developments WHERE integrated = 1 AND integration_id IS NOT NULL`); n != 1 {
		t.Error("sample development not integrated with the sample key")
	}

	// Every name a user sees is marked as a sample.
	for _, q := range []string{`SELECT description FROM integrations`, `SELECT name FROM developments`, `SELECT name FROM contract_templates`,
		`SELECT name FROM admin_users`, `SELECT name FROM reservation_people`} {
		rows, err := e.db.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var n string
			rows.Scan(&n)
			if !strings.HasSuffix(n, "(exemplo)") {
				t.Errorf("%q is not marked (exemplo)", n)
			}
		}
		rows.Close()
	}

	// Valid CPFs and mobiles in every reservation person.
	rows, err := e.db.QueryContext(ctx, `SELECT cpf, phone1 FROM reservation_people`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var cpf, phone string
		rows.Scan(&cpf, &phone)
		if !crm.ValidCPF(cpf) {
			t.Errorf("CPF %s invalid", cpf)
		}
		if _, ok := crm.ValidMobile(phone); !ok {
			t.Errorf("phone %s not a valid mobile", phone)
		}
	}
	rows.Close()

	// The templates read back through the templates service like uploads:
	// the promessa's thirteen fields matched, its marks present, the file there.
	tpls := templates.New(e.db.Templates(), filestore.New(e.files), e.log)
	list, err := tpls.List(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("templates = %v, %v", list, err)
	}
	for _, tp := range list {
		if _, err := tpls.File(ctx, tp.ID); err != nil {
			t.Errorf("file of %s: %v", tp.Name, err)
		}
		if tp.Name == promessaName {
			if tp.MatchedCount != len(promessaFields) {
				t.Errorf("promessa matched %d fields, want %d", tp.MatchedCount, len(promessaFields))
			}
			if tp.MarkCount < 2 {
				t.Errorf("promessa marks = %d, want the /Sig field and %s", tp.MarkCount, promessaBuyerMark)
			}
			hasSig := false
			for _, f := range tp.Fields {
				if f.Type == "signature" && f.Mark != "" {
					hasSig = true
				}
			}
			if !hasSig {
				t.Error("promessa has no signature field")
			}
		}
	}

	// Jurídico shows the rules, the cônjuge on WhatsApp.
	lg := legal.New(e.db.Legal(), e.log)
	var devID int64
	e.db.QueryRowContext(ctx, `SELECT id FROM developments`).Scan(&devID)
	assocs, err := lg.List(ctx, devID)
	if err != nil || len(assocs) != 2 {
		t.Fatalf("associations = %v, %v", assocs, err)
	}
	spouseOK := false
	for _, r := range assocs[0].Rules {
		if r.SignerType == crm.SignerSpouse && r.Delivery == crm.ChannelWhatsApp {
			spouseOK = true
		}
	}
	if !spouseOK {
		t.Errorf("promessa rules = %+v, want the cônjuge on WhatsApp", assocs[0].Rules)
	}

	if _, err := e.sec.Get(ctx, integrations.SecretKey(1)); err != nil {
		t.Errorf("sample key token: %v", err)
	}
	steps, _ := e.svc.Steps(ctx)
	for i, s := range steps {
		if s.Done != (i < 4) {
			t.Errorf("step %s done = %v", s.Key, s.Done)
		}
	}
	if steps[2].DevelopmentID == 0 {
		t.Error("contracts step names no development")
	}
	st, err := e.svc.Status(ctx)
	if err != nil || !st.Loaded || !st.CanRemove || st.CanLoad {
		t.Errorf("status = %+v, %v", st, err)
	}

	// Loading twice is refused and changes nothing.
	before := tableCounts(t, e.db)
	wantCode(t, e.svc.Load(ctx), CodeAlreadyLoaded)
	sameCounts(t, before, tableCounts(t, e.db))

	var tplFiles []string
	filepath.WalkDir(e.files, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			tplFiles = append(tplFiles, p)
		}
		return nil
	})
	if len(tplFiles) != 2 {
		t.Errorf("files = %v", tplFiles)
	}

	if err := e.svc.Remove(ctx); err != nil {
		t.Fatal(err)
	}
	for k, v := range tableCounts(t, e.db) {
		if v != 0 {
			t.Errorf("%s: %d rows left", k, v)
		}
	}
	for _, f := range tplFiles {
		if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("file %s left", f)
		}
	}
	if len(e.sec.Keys()) != 0 {
		t.Errorf("keyring left %v", e.sec.Keys())
	}
	wantCode(t, e.svc.Remove(ctx), CodeNotLoaded)
	// And it can be loaded again.
	if err := e.svc.Load(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestLoadRefusedWhenUserDataExists(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	keys := integrations.New(e.db.Integrations(), e.sec, nil, e.log)
	if _, err := keys.Save(ctx, crm.IntegrationInput{Description: "Minha chave", Environment: crm.EnvSimulator}); err != nil {
		t.Fatal(err)
	}
	before := tableCounts(t, e.db)
	err := e.svc.Load(ctx)
	ce := wantCode(t, err, CodeNotEmpty)
	if tb, _ := ce.Data["tables"].([]string); len(tb) != 1 || tb[0] != "integrations" {
		t.Errorf("data = %v", ce.Data)
	}
	sameCounts(t, before, tableCounts(t, e.db))
	if n := count(t, e.db, `SELECT COUNT(*) FROM integrations WHERE description = 'Minha chave'`); n != 1 {
		t.Error("the user's key was touched")
	}
	if _, err := os.Stat(filepath.Join(e.files, "templates")); err == nil {
		entries, _ := os.ReadDir(filepath.Join(e.files, "templates"))
		if len(entries) != 0 {
			t.Errorf("files written: %v", entries)
		}
	}
	st, _ := e.svc.Status(ctx)
	if st.CanLoad || st.Blocked != CodeNotEmpty {
		t.Errorf("status = %+v", st)
	}
}

func TestRemoveRefusedWhenSampleReservationChanged(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if err := e.svc.Load(ctx); err != nil {
		t.Fatal(err)
	}
	resv := reservations.New(e.db.Reservations(), e.log)
	page, err := resv.List(ctx, crm.ReservationFilter{Limit: 10})
	if err != nil || len(page.Items) != 3 {
		t.Fatalf("list = %+v, %v", page, err)
	}
	r, err := resv.Get(ctx, page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Millisecond)
	in := crm.ReservationInput{ID: r.ID, UnitID: r.UnitID, BrokerID: r.BrokerID, Price: "400000,00", Status: r.Status,
		Holder: r.Holder, Associates: r.Associates}
	if _, err := resv.Save(ctx, in); err != nil {
		t.Fatal(err)
	}
	before := tableCounts(t, e.db)
	ce := wantCode(t, e.svc.Remove(ctx), CodeChanged)
	if ce.Data["kind"] != "reservation" || ce.Data["name"] != r.Holder.Name {
		t.Errorf("data = %v", ce.Data)
	}
	sameCounts(t, before, tableCounts(t, e.db))
	if n := count(t, e.db, `SELECT COUNT(*) FROM reservations WHERE price_cents = 40000000`); n != 1 {
		t.Error("the user's edit was lost")
	}
	st, _ := e.svc.Status(ctx)
	if st.CanRemove || st.Blocked != CodeChanged {
		t.Errorf("status = %+v", st)
	}
}

func TestRemoveRefusedWhenUserRecordsHangFromTheSample(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if err := e.svc.Load(ctx); err != nil {
		t.Fatal(err)
	}
	// A real reservation on a free sample unit, made by the user.
	resv := reservations.New(e.db.Reservations(), e.log)
	var unitID, brokerID int64
	e.db.QueryRowContext(ctx, `SELECT id FROM units WHERE status = 'available' ORDER BY id LIMIT 1`).Scan(&unitID)
	e.db.QueryRowContext(ctx, `SELECT id FROM admin_users`).Scan(&brokerID)
	mine, err := resv.Save(ctx, crm.ReservationInput{UnitID: unitID, BrokerID: brokerID, Price: "500000", Status: crm.ReservationInReview,
		Holder: crm.Person{Name: "Cliente Real", CPF: cpfFromSeed("135792468"), Email: "real@example.com", Phone1: "(11) 90000-1234"}})
	if err != nil {
		t.Fatal(err)
	}
	before := tableCounts(t, e.db)
	ce := wantCode(t, e.svc.Remove(ctx), CodeInUse)
	if ce.Data["kind"] != "reservation" || ce.Data["name"] != "Cliente Real" {
		t.Errorf("data = %v", ce.Data)
	}
	sameCounts(t, before, tableCounts(t, e.db))
	if _, err := resv.Get(ctx, mine.ID); err != nil {
		t.Errorf("the user's reservation: %v", err)
	}
}

func TestRemoveRefusedWhenSampleWasSent(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if err := e.svc.Load(ctx); err != nil {
		t.Fatal(err)
	}
	var resID, keyID int64
	e.db.QueryRowContext(ctx, `SELECT id FROM reservations ORDER BY id LIMIT 1`).Scan(&resID)
	e.db.QueryRowContext(ctx, `SELECT id FROM integrations`).Scan(&keyID)
	now := time.Now().UTC().Format(time.RFC3339Nano)
	if _, err := e.db.ExecContext(ctx, `INSERT INTO send_operations (op_key, reservation_id, integration_id, name, status, step, created_at, updated_at)
		VALUES ('r1:c1', ?, ?, 'Envio', 'sent', 'notified', ?, ?)`, resID, keyID, now, now); err != nil {
		t.Fatal(err)
	}
	before := tableCounts(t, e.db)
	ce := wantCode(t, e.svc.Remove(ctx), CodeSent)
	if ce.Data["count"] != 1 {
		t.Errorf("data = %v", ce.Data)
	}
	sameCounts(t, before, tableCounts(t, e.db))
	steps, _ := e.svc.Steps(ctx)
	if !steps[4].Done {
		t.Error("send step not done with a send operation")
	}
}

func TestRemoveRefusedWhenUserExtendedTheSampleDevelopment(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if err := e.svc.Load(ctx); err != nil {
		t.Fatal(err)
	}
	devs := developments.New(e.db.Developments(), e.log)
	var stageID int64
	e.db.QueryRowContext(ctx, `SELECT id FROM stages`).Scan(&stageID)
	if _, err := devs.AddBlock(ctx, stageID, "Bloco C"); err != nil {
		t.Fatal(err)
	}
	before := tableCounts(t, e.db)
	ce := wantCode(t, e.svc.Remove(ctx), CodeInUse)
	if ce.Data["kind"] != "block" || ce.Data["name"] != "Bloco C" {
		t.Errorf("data = %v", ce.Data)
	}
	sameCounts(t, before, tableCounts(t, e.db))
}

func TestRemoveTakesGeneratedContractFiles(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if err := e.svc.Load(ctx); err != nil {
		t.Fatal(err)
	}
	var resID int64
	e.db.QueryRowContext(ctx, `SELECT id FROM reservations ORDER BY id LIMIT 1`).Scan(&resID)
	sum := strings.Repeat("ab", 32)
	dir := filepath.Join(e.files, "contracts")
	os.MkdirAll(dir, 0o700)
	file := filepath.Join(dir, sum+".pdf")
	os.WriteFile(file, []byte("%PDF-1.7"), 0o600)
	if _, err := e.db.ExecContext(ctx, `INSERT INTO reservation_contracts (reservation_id, kind, name, pages, size_bytes, sha256, position, created_at)
		VALUES (?, 'generated', 'Promessa', 2, 8, ?, 0, '2026-11-27T00:00:00Z')`, resID, sum); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Remove(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
		t.Error("generated contract file left behind")
	}
	if n := count(t, e.db, `SELECT COUNT(*) FROM reservation_contracts`); n != 0 {
		t.Errorf("%d contracts left", n)
	}
}

func TestLoadLeavesNothingWhenTheKeyringFails(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.sec.FailSet = errors.New("keyring locked")
	if err := e.svc.Load(ctx); err == nil {
		t.Fatal("Load succeeded with a failing keyring")
	}
	for k, v := range tableCounts(t, e.db) {
		if v != 0 {
			t.Errorf("%s: %d rows after a failed load", k, v)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(e.files, "templates"))
	if len(entries) != 0 {
		t.Errorf("files left after a failed load: %v", entries)
	}
	if err := e.svc.Load(ctx); err != nil {
		t.Fatalf("Load after the keyring came back: %v", err)
	}
}
