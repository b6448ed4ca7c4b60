package sqlstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"selo/backend/board"
	"selo/backend/crm"
	"selo/backend/secrets"
	"selo/backend/signing"
	"selo/backend/users"
)

// secondPC opens another handle on db's database, as a second desktop of
// the office would (on SQLite: the same file).
func secondPC(t *testing.T, db *DB) *DB {
	t.Helper()
	other, err := reopenTestDB(t, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

// wantConflict checks err is crm.CodeConflict naming by at at.
func wantConflict(t *testing.T, err error, by string, at time.Time) {
	t.Helper()
	var e *crm.Error
	if !errors.As(err, &e) || e.Code != crm.CodeConflict {
		t.Fatalf("second save = %v, want %s", err, crm.CodeConflict)
	}
	if e.Data["by"] != by || e.Data["at"] != at.UTC().Format(time.RFC3339) {
		t.Fatalf("conflict data = %v, want by %q at %s", e.Data, by, at.UTC().Format(time.RFC3339))
	}
}

// TestReservationEditConflictBetweenTwoPCs: Ana (PC A) and Bruno (PC B)
// open the same reservation; Ana saves first. Bruno's save is refused with
// Ana's name and time, and nothing of his is written: not the price, not the
// people (child rows of the same transaction), not the unit's situação.
func TestReservationEditConflictBetweenTwoPCs(t *testing.T) {
	f := newLegalFixture(t)
	ctx := context.Background()
	a, b := f.db, secondPC(t, f.db)
	a.SetActor(crm.Actor{UserID: 7, Name: "Ana Gestora"})
	b.SetActor(crm.Actor{UserID: 8, Name: "Bruno Corretor"})

	created := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	in := crm.ReservationInput{UnitID: f.unitA101, Status: crm.ReservationInReview,
		Holder: crm.Person{Name: "Maria da Silva", CPF: "529.982.247-25"}}
	id, err := b.Reservations().Create(ctx, in, 100, created)
	if err != nil {
		t.Fatal(err)
	}
	read, err := a.Reservations().Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if read.CreatedByName != "Bruno Corretor" || read.Version != 1 {
		t.Fatalf("created by %q, version %d; want Bruno Corretor, 1", read.CreatedByName, read.Version)
	}

	// Both PCs read version 1.
	anas, brunos := in, in
	anas.ID, brunos.ID = id, id
	anas.Version, brunos.Version = read.Version, read.Version
	anas.Holder.Name = "Maria da Silva Souza"
	brunos.Status = crm.ReservationSold
	brunos.Associates = []crm.Associate{{Kind: crm.AssociateSpouse, Person: crm.Person{Name: "João Souza"}}}

	saved := time.Date(2026, 12, 7, 17, 32, 0, 0, time.UTC)
	if err := a.Reservations().Update(ctx, anas, 200, saved); err != nil {
		t.Fatal(err)
	}
	err = b.Reservations().Update(ctx, brunos, 999, saved.Add(time.Minute))
	wantConflict(t, err, "Ana Gestora", saved)

	got, err := b.Reservations().Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Holder.Name != "Maria da Silva Souza" || got.PriceCents != 200 || got.Status != crm.ReservationInReview ||
		len(got.Associates) != 0 || got.Version != 2 || got.UpdatedByName != "Ana Gestora" || got.CreatedByName != "Bruno Corretor" {
		t.Fatalf("after the refused save: %+v; want Ana's save intact", got)
	}
	var unit crm.UnitStatus
	if err := b.QueryRowContext(ctx, `SELECT status FROM units WHERE id = ?`, f.unitA101).Scan(&unit); err != nil || unit != crm.UnitReserved {
		t.Fatalf("unit situação = %q, %v; the refused sale must not sell it", unit, err)
	}

	// Reloaded at version 2, Bruno's save goes through and bumps it.
	brunos.Version = got.Version
	if err := b.Reservations().Update(ctx, brunos, 999, saved.Add(2*time.Minute)); err != nil {
		t.Fatalf("save after reloading: %v", err)
	}
	if got, _ := a.Reservations().Get(ctx, id); got.Version != 3 || got.Status != crm.ReservationSold || got.UpdatedByName != "Bruno Corretor" {
		t.Fatalf("after the reloaded save: version %d, %s by %q", got.Version, got.Status, got.UpdatedByName)
	}
}

// TestSentByIsWhoClickedSend: the send records who started it, and the
// envelope keeps that name even when another PC (another actor) finishes
// the send.
func TestSentByIsWhoClickedSend(t *testing.T) {
	db, res := newContractsFixture(t)
	ctx := context.Background()
	other := secondPC(t, db)
	db.SetActor(crm.Actor{UserID: 3, Name: "Carla Corretora"})
	other.SetActor(crm.Actor{UserID: 4, Name: "Davi Gestor"})
	id := startSend(t, db, res)
	finishSend(t, other, id)
	var uid int64
	var name string
	if err := db.QueryRowContext(ctx, `SELECT sent_by_user_id, sent_by_name FROM envelopes WHERE operation_id = ?`, id).Scan(&uid, &name); err != nil {
		t.Fatal(err)
	}
	if uid != 3 || name != "Carla Corretora" {
		t.Fatalf("envelope sent by %d %q; want 3 Carla Corretora", uid, name)
	}
	views, err := other.Envelopes().EnvelopeViews(ctx, res, time.Now())
	if err != nil || len(views) != 1 || views[0].SentByName != "Carla Corretora" {
		t.Fatalf("reservation screen's envelopes = %+v, %v; want one sent by Carla Corretora", views, err)
	}
}

// startSend creates a send of res's contract 1 on db.
func startSend(t *testing.T, db *DB, res int64) int64 {
	t.Helper()
	id, _, err := db.Envelopes().CreateSend(context.Background(), signing.SendOperation{Key: signing.SendKey(res, []int64{1}),
		ReservationID: res, IntegrationID: 3, ContractIDs: []int64{1}, Name: "Reserva — Apto 101"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// finishSend runs the remaining steps of send id on db, as the PC that
// resumed it would.
func finishSend(t *testing.T, db *DB, id int64) {
	t.Helper()
	ctx, s, now := context.Background(), db.Envelopes(), time.Now()
	holder := crm.ResolveSigner(crm.NewSignerRule(crm.SignerHolder), crm.FixedPerson{Name: "Maria da Silva", Email: "maria@exemplo.com.br"})
	steps := []func() error{
		func() error {
			return s.SavePrepared(ctx, id, "Reserva — Apto 101 · ref. X", "Reserva.pdf", []byte("%PDF-1.7 x"),
				[]signing.SendSigner{{Position: 0, Signer: holder}}, now)
		},
		func() error { return s.BeginEnvelope(ctx, id, now.AddDate(0, 0, 15), now) },
		func() error { return s.SetEnvelope(ctx, id, "env-1", now) },
		func() error { return s.SetDocument(ctx, id, "doc-1", now) },
		func() error { return s.SetSignerID(ctx, id, 0, "sig-maria", now) },
		func() error { return s.RecordActivated(ctx, id, now) },
	}
	for i, f := range steps {
		if err := f(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
}

// TestUserEditConflictBetweenTwoPCs: two PCs open the same Usuário; the
// second save is refused with who and when, and the first one stays.
func TestUserEditConflictBetweenTwoPCs(t *testing.T) {
	ctx := context.Background()
	dbA, _ := openTestDB(t)
	dbB := secondPC(t, dbA)
	dbA.SetActor(crm.Actor{UserID: 1, Name: "Ana Gestora"})
	dbB.SetActor(crm.Actor{UserID: 2, Name: "Bruno Corretor"})
	pcA := users.New(dbA.Users(), secrets.NewMemory(), nil)
	pcB := users.New(dbB.Users(), secrets.NewMemory(), nil)

	u, err := pcA.CreateUser(ctx, crm.UserInput{Name: "Carla Menezes", Email: "carla@imob.com.br", Role: crm.RoleCorretor})
	if err != nil {
		t.Fatal(err)
	}
	if u.Version != 1 {
		t.Fatalf("new user version %d, want 1", u.Version)
	}
	first, err := pcA.UpdateUser(ctx, crm.UserInput{ID: u.ID, Name: "Carla Menezes Lima", Email: u.Email, Role: crm.RoleCorretor, Version: u.Version})
	if err != nil {
		t.Fatal(err)
	}
	_, err = pcB.UpdateUser(ctx, crm.UserInput{ID: u.ID, Name: u.Name, Email: u.Email, Role: crm.RoleGestor, Version: u.Version})
	wantConflict(t, err, "Ana Gestora", first.UpdatedAt)
	got, err := pcB.UpdateUser(ctx, crm.UserInput{ID: u.ID, Name: "Carla Menezes Lima", Email: u.Email, Role: crm.RoleGestor, Version: first.Version})
	if err != nil {
		t.Fatalf("save after reloading: %v", err)
	}
	if got.Name != "Carla Menezes Lima" || got.Role != crm.RoleGestor || got.Version != 3 || got.UpdatedByName != "Bruno Corretor" {
		t.Fatalf("after the reloaded save: %+v", got)
	}
}

// TestBoardCorretorFilterFindsSenderAndCreator: in office mode the Painel's
// corretor filter finds an envelope under who created the reservation and
// under who sent it, even when the reservation names no corretor, and offers
// both names; someone with no hand in it finds nothing.
func TestBoardCorretorFilterFindsSenderAndCreator(t *testing.T) {
	f := newLegalFixture(t)
	ctx := context.Background()
	db := f.db
	people := users.New(db.Users(), secrets.NewMemory(), nil)
	mk := func(name, email string, role crm.UserRole) crm.User {
		u, err := people.CreateUser(ctx, crm.UserInput{Name: name, Email: email, Role: role})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	ana := mk("Ana Gestora", "ana@imob.com.br", crm.RoleGestor)
	bruno := mk("Bruno Corretor", "bruno@imob.com.br", crm.RoleCorretor)
	carla := mk("Carla Corretora", "carla@imob.com.br", crm.RoleCorretor)

	db.SetActor(crm.Actor{UserID: bruno.ID, Name: bruno.Name})
	res, err := db.Reservations().Create(ctx, crm.ReservationInput{UnitID: f.unitA101, Status: crm.ReservationInReview,
		Holder: crm.Person{Name: "Maria da Silva", CPF: "529.982.247-25"}}, 100, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	db.SetActor(crm.Actor{UserID: carla.ID, Name: carla.Name})
	finishSend(t, db, startSend(t, db, res))

	for _, c := range []struct {
		who  crm.User
		want int
	}{{bruno, 1}, {carla, 1}, {ana, 0}} {
		facts, err := db.Board().BoardFacts(ctx, board.Query{BrokerID: c.who.ID})
		if err != nil {
			t.Fatal(err)
		}
		if facts.Counts.Total != c.want || len(facts.Envelopes) != c.want {
			t.Errorf("corretor %s: %d envelopes (%d rows), want %d", c.who.Name, facts.Counts.Total, len(facts.Envelopes), c.want)
		}
	}
	opts, err := db.Board().BoardOptions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range opts.Brokers {
		names = append(names, o.Name)
	}
	if len(names) != 2 || names[0] != "Bruno Corretor" || names[1] != "Carla Corretora" {
		t.Fatalf("corretor options = %v, want Bruno Corretor and Carla Corretora", names)
	}
}

// TestDevelopmentEditConflictBetweenTwoPCs: the development form's second
// save from another PC is refused with who and when; the first stays.
func TestDevelopmentEditConflictBetweenTwoPCs(t *testing.T) {
	ctx := context.Background()
	a, b, id, read, now := developmentOnTwoPCs(t)
	saved := now.Add(time.Hour)
	if err := a.Developments().Update(ctx, crm.DevelopmentInput{ID: id, Name: "Residencial Ipê Amarelo", City: "Campinas", State: "SP", Version: read.Version}, saved); err != nil {
		t.Fatal(err)
	}
	err := b.Developments().Update(ctx, crm.DevelopmentInput{ID: id, Name: "Residencial Ipê", City: "Valinhos", State: "SP", Version: read.Version}, saved.Add(time.Minute))
	wantConflict(t, err, "Ana Gestora", saved)
	got, err := b.Developments().Get(ctx, id)
	if err != nil || got.Name != "Residencial Ipê Amarelo" || got.City != "Campinas" || got.Version != 2 || got.UpdatedByName != "Ana Gestora" {
		t.Fatalf("after the refused save: %+v, %v", got, err)
	}
	if err := b.Developments().Update(ctx, crm.DevelopmentInput{ID: id + 100, Name: "X", Version: 1}, saved); !errors.Is(err, &crm.Error{Code: crm.CodeNotFound}) {
		t.Fatalf("saving a deleted development = %v, want not_found", err)
	}
}

// TestSignerRulesConflictBetweenTwoPCs: two PCs edit one contract's signer
// list; the second "Gravar" is refused with who and when, and none of its
// rows (written in the same transaction) are left behind.
func TestSignerRulesConflictBetweenTwoPCs(t *testing.T) {
	f := newLegalFixture(t)
	ctx := context.Background()
	a, b := f.db, secondPC(t, f.db)
	a.SetActor(crm.Actor{UserID: 1, Name: "Ana Gestora"})
	b.SetActor(crm.Actor{UserID: 2, Name: "Bruno Corretor"})
	id, err := a.Legal().Insert(ctx, f.dev, f.tplPromessa, crm.ScopeDevelopment, nil)
	if err != nil {
		t.Fatal(err)
	}
	read, err := b.Legal().Get(ctx, id)
	if err != nil || read.Version != 1 {
		t.Fatalf("read: version %d, %v", read.Version, err)
	}
	holder := crm.NewSignerRule(crm.SignerHolder)
	witness := crm.NewSignerRule(crm.SignerWitness)
	witness.SendOrder = 2
	if err := a.Legal().ReplaceRulesAt(ctx, id, read.Version, []crm.SignerRule{holder}); err != nil {
		t.Fatal(err)
	}
	anas, err := a.Legal().Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var at string
	if err := a.QueryRowContext(ctx, `SELECT updated_at FROM development_contracts WHERE id = ?`, id).Scan(&at); err != nil {
		t.Fatal(err)
	}
	when, _ := time.Parse(time.RFC3339Nano, at)
	err = b.Legal().ReplaceRulesAt(ctx, id, read.Version, []crm.SignerRule{holder, witness})
	wantConflict(t, err, "Ana Gestora", when)
	got, err := b.Legal().Get(ctx, id)
	if err != nil || len(got.Rules) != 1 || got.Rules[0].SignerType != crm.SignerHolder || got.Version != anas.Version || got.UpdatedByName != "Ana Gestora" {
		t.Fatalf("after the refused save: %d rules, version %d by %q, %v", len(got.Rules), got.Version, got.UpdatedByName, err)
	}
}

// TestTemplateRenameConflictBetweenTwoPCs: a contract template renamed on
// PC A cannot be renamed over from PC B's stale drawer.
func TestTemplateRenameConflictBetweenTwoPCs(t *testing.T) {
	f := newLegalFixture(t)
	ctx := context.Background()
	a, b := f.db, secondPC(t, f.db)
	a.SetActor(crm.Actor{UserID: 1, Name: "Ana Gestora"})
	b.SetActor(crm.Actor{UserID: 2, Name: "Bruno Corretor"})
	read, err := b.Templates().Get(ctx, f.tplPromessa)
	if err != nil || read.Version != 1 {
		t.Fatalf("read: version %d, %v", read.Version, err)
	}
	saved := time.Date(2026, 12, 7, 17, 32, 0, 0, time.UTC)
	if err := a.Templates().RenameAt(ctx, read.ID, read.Version, "Promessa 2027", saved); err != nil {
		t.Fatal(err)
	}
	err = b.Templates().RenameAt(ctx, read.ID, read.Version, "Promessa antiga", saved.Add(time.Minute))
	wantConflict(t, err, "Ana Gestora", saved)
	if got, err := b.Templates().Get(ctx, read.ID); err != nil || got.Name != "Promessa 2027" || got.Version != 2 || got.UpdatedByName != "Ana Gestora" {
		t.Fatalf("after the refused rename: %q version %d by %q, %v", got.Name, got.Version, got.UpdatedByName, err)
	}
}

// TestDevelopmentConflictNamesWhoTouchedItLast: archiving a development is
// a change too, so a stale save of its form names whoever archived it, at
// that moment, not the form's last editor at the archive's time.
func TestDevelopmentConflictNamesWhoTouchedItLast(t *testing.T) {
	ctx := context.Background()
	a, b, id, read, now := developmentOnTwoPCs(t)
	if err := a.Developments().Update(ctx, crm.DevelopmentInput{ID: id, Name: "Residencial Ipê Amarelo", City: "Campinas", State: "SP", Version: read.Version}, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	a.SetActor(crm.Actor{UserID: 3, Name: "Carla Corretora"})
	archived := now.Add(2 * time.Hour)
	if err := a.Developments().SetArchived(ctx, id, true, archived); err != nil {
		t.Fatal(err)
	}
	err := b.Developments().Update(ctx, crm.DevelopmentInput{ID: id, Name: "Residencial Ipê", City: "Valinhos", State: "SP", Version: read.Version}, archived.Add(time.Minute))
	wantConflict(t, err, "Carla Corretora", archived)
}

// developmentOnTwoPCs: Ana's PC (a) and Bruno's (b) on one database, a
// development Ana created at now, and Bruno's read of it at version 1.
func developmentOnTwoPCs(t *testing.T) (a, b *DB, id int64, read crm.Development, now time.Time) {
	t.Helper()
	ctx := context.Background()
	a, _ = openTestDB(t)
	b = secondPC(t, a)
	a.SetActor(crm.Actor{UserID: 1, Name: "Ana Gestora"})
	b.SetActor(crm.Actor{UserID: 2, Name: "Bruno Corretor"})
	now = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	id, err := a.Developments().Insert(ctx, crm.DevelopmentInput{Name: "Residencial Ipê", City: "Campinas", State: "SP"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if read, err = b.Developments().Get(ctx, id); err != nil || read.Version != 1 {
		t.Fatalf("read = version %d, %v", read.Version, err)
	}
	return a, b, id, read, now
}
