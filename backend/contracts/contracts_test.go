package contracts

// These tests run the real stack below the screen: a temp-file SQLite, the
// real templates, Jurídico, reservations and keys services, and a real
// signing.Sender talking to the Clicksign simulator over HTTP.

import (
	"selo/backend/demo"
	"selo/backend/filestore"

	"context"
	"errors"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"selo/backend/clicksign"
	"selo/backend/clicksign/simulator"
	"selo/backend/crm"
	"selo/backend/developments"
	"selo/backend/integrations"
	"selo/backend/legal"
	"selo/backend/pdfs"
	"selo/backend/reservations"
	"selo/backend/secrets"
	"selo/backend/signing"
	"selo/backend/sqlstore"
	"selo/backend/templates"
)

const simToken = "test-token-contracts-0123456789"

type fixture struct {
	svc    *Service
	db     *sqlstore.DB
	sim    *simulator.Simulator
	sender *signing.Sender
	resv   *reservations.Service
	legal  *legal.Service
	dir    string
	resID  int64
	input  crm.ReservationInput
	assoc  int64
	rules  []crm.SignerRule
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	return newFixtureOn(t, func(_ *sqlstore.DB, dir string) crm.FileStore { return filestore.New(dir) })
}

// newFixtureOn is newFixture with the file store files picks (the data
// folder, or the database as in office mode).
func newFixtureOn(t *testing.T, pick func(db *sqlstore.DB, filesDir string) crm.FileStore) *fixture {
	t.Helper()
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	sim, err := simulator.New(simulator.Options{Tokens: []string{simToken}, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(func() { srv.Close(); sim.Close() })
	dir := t.TempDir()
	db, err := sqlstore.Open(ctx, filepath.Join(dir, "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	keys := integrations.New(db.Integrations(), secrets.NewMemory(), func(context.Context, crm.Environment, string) error { return nil }, log)
	key, err := keys.Save(ctx, crm.IntegrationInput{Description: "Clicksign teste", Environment: crm.EnvSandbox, Token: simToken})
	if err != nil {
		t.Fatal(err)
	}
	devs := developments.New(db.Developments(), log)
	d, err := devs.Save(ctx, crm.DevelopmentInput{Name: "Residencial Ipê"})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := devs.AddStage(ctx, d.ID, "Etapa 1")
	b, _ := devs.AddBlock(ctx, st, "Bloco A")
	if _, err := devs.CreateUnits(ctx, crm.BulkUnitsInput{BlockID: b, FloorFrom: "1", FloorTo: "1", UnitsPerFloor: "2", Price: "300.000"}); err != nil {
		t.Fatal(err)
	}
	if _, err := devs.SaveSettings(ctx, crm.DevelopmentSettings{ID: d.ID, Integrated: true, IntegrationID: key.ID}); err != nil {
		t.Fatal(err)
	}
	got, _ := devs.Get(ctx, d.ID)
	unit := got.Stages[0].Blocks[0].Units[0]

	files := filepath.Join(dir, "files")
	store := pick(db, files)
	tpls := templates.New(db.Templates(), store, log)
	pdf, err := os.ReadFile("../pdfs/testdata/contract.pdf")
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := tpls.Upload(ctx, "Promessa de compra e venda", "contract.pdf", pdf, false)
	if err != nil {
		t.Fatal(err)
	}
	lg := legal.New(db.Legal(), log)
	a, err := lg.Associate(ctx, d.ID, tpl.ID, crm.ScopeDevelopment, nil)
	if err != nil {
		t.Fatal(err)
	}
	holder := crm.NewSignerRule(crm.SignerHolder)
	spouse := crm.ApplyChannelChange(crm.NewSignerRule(crm.SignerSpouse), crm.FieldDelivery, crm.ChannelWhatsApp)
	witness := crm.NewSignerRule(crm.SignerWitness)
	witness.SendOrder = 2
	witness.FixedPerson = crm.FixedPerson{Name: "Tânia Testemunha", Email: "testemunha@example.com"}
	rules := []crm.SignerRule{holder, spouse, witness}
	if _, err := lg.SaveRules(ctx, a.ID, rules); err != nil {
		t.Fatal(err)
	}

	resv := reservations.New(db.Reservations(), log)
	in := crm.ReservationInput{UnitID: unit.ID, Price: "310.000,00", Holder: crm.Person{
		Name: "Maria da Silva", CPF: "529.982.247-25", Email: "maria@example.com", Phone1: "11987654321", Address: "Rua A, 1"},
		Associates: []crm.Associate{{Kind: crm.AssociateSpouse, Person: crm.Person{Name: "João da Silva", Email: "joao@example.com"}}}}
	r, err := resv.Save(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	in.ID = r.ID

	sender := signing.NewSender(db.Envelopes(), keys, &signing.Connector{BaseURLs: map[crm.Environment]string{crm.EnvSandbox: srv.URL + "/api/v3"}}, nil)
	sender.ClientOptions = []clicksign.Option{clicksign.WithRateLimit(0, 0), clicksign.WithRetry(3, time.Millisecond)}
	svc := New(Deps{Store: db.Contracts(), Reservations: resv, Legal: lg, Templates: tpls,
		Developments: devs, Keys: keys, Sender: sender, Files: store, Log: log})
	sender.Recheck = svc.RecheckRegistry // as main.go wires it
	return &fixture{svc: svc, db: db, sim: sim, sender: sender, resv: resv, legal: lg, dir: files, resID: r.ID, input: in,
		assoc: a.ID, rules: rules}
}

func codes(err error) []string {
	var inv *crm.Invalid
	if errors.As(err, &inv) {
		var out []string
		for _, p := range inv.Problems {
			out = append(out, p.Code)
		}
		return out
	}
	if err == nil {
		return nil
	}
	return []string{crm.AsError(err).Code}
}

func TestValuesCoverEveryDataKey(t *testing.T) {
	r := crm.Reservation{ID: 7, UnitNumber: "101", BlockName: "Bloco A", StageName: "Etapa 1", DevelopmentName: "Residencial Ipê",
		PriceCents: 31000050, BrokerName: "Carlos Corretor",
		Holder: crm.Person{Name: "Maria", CPF: "529.982.247-25", Email: "m@example.com", Phone2: "11987654321", Address: "Rua A"},
		Associates: []crm.Associate{
			{Kind: crm.AssociateCoBuyer, Person: crm.Person{Name: "Ana", CPF: "1", Email: "a@x.com", Phone1: "11911112222"}},
			{Kind: crm.AssociateSpouse, Person: crm.Person{Name: "João", CPF: "2"}},
			{Kind: crm.AssociateCoBuyer, Person: crm.Person{Name: "Bia"}},
			{Kind: crm.AssociateGuarantor, Person: crm.Person{Name: "Fiador"}},
		}}
	// 02:30 UTC on the 1st is still the 31st in São Paulo.
	now := time.Date(2026, 2, 1, 2, 30, 0, 0, time.UTC)
	v := Values(r, "", now)
	for _, k := range crm.DataKeys() {
		if _, ok := v[k.Key]; !ok {
			t.Errorf("data key %s has no value", k.Key)
		}
	}
	want := map[string]string{
		"titular_nome": "Maria", "titular_telefone": "11987654321", "titular_endereco": "Rua A",
		"conjuge_nome": "João", "conjuge_cpf": "2", "associados": "Ana, Bia",
		"associado1_nome": "Ana", "associado1_telefone": "11911112222", "associado2_nome": "Bia", "associado3_nome": "",
		"unidade": "101", "bloco": "Bloco A", "etapa": "Etapa 1", "empreendimento": "Residencial Ipê",
		"valor": "R$ 310.000,50", "data": "31/01/2026", "corretor_nome": "Carlos Corretor",
	}
	for k, w := range want {
		if v[k] != w {
			t.Errorf("%s = %q, want %q", k, v[k], w)
		}
	}
	for cents, w := range map[int64]string{0: "R$ 0,00", 5: "R$ 0,05", 100000: "R$ 1.000,00", 123456789: "R$ 1.234.567,89"} {
		if got := FormatBRL(cents); got != w {
			t.Errorf("FormatBRL(%d) = %q, want %q", cents, got, w)
		}
	}
}

func TestGenerateAttachDelete(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	list, err := f.svc.Generate(ctx, f.resID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].State != crm.StateGenerated || list[0].Pages != 2 || list[0].Name != "Promessa de compra e venda" {
		t.Fatalf("generated %+v", list)
	}
	data, err := f.svc.File(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	info, err := pdfs.Inspect(data)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"titular_nome": "Maria da Silva", "unidade": "101", "valor": "R$ 310.000,00"} {
		if fl, _ := info.Field(name); fl.Value != want {
			t.Errorf("field %s = %q, want %q", name, fl.Value, want)
		}
	}

	// Attach, then re-generate: the generated one is replaced in place, the
	// attached one stays after it.
	pdf, _ := os.ReadFile("../pdfs/testdata/letter.pdf")
	if _, err := f.svc.Attach(ctx, f.resID, "Anexo / errado", "x.pdf", pdf); !strings.Contains(strings.Join(codes(err), ","), CodeNameSlash) {
		t.Fatalf("slash: %v", codes(err))
	}
	if _, err := f.svc.Attach(ctx, f.resID, "  ", "x.pdf", []byte("not a pdf")); len(codes(err)) != 2 {
		t.Fatalf("empty name and garbage: %v", codes(err))
	}
	att, err := f.svc.Attach(ctx, f.resID, "Memorial descritivo", "memorial.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	list, err = f.svc.Generate(ctx, f.resID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Kind != crm.ContractGenerated || list[1].ID != att.ID {
		t.Fatalf("after re-generation %+v", list)
	}
	if err := f.svc.Delete(ctx, att.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(f.dir, "contracts", att.SHA256+".pdf")); !os.IsNotExist(err) {
		t.Errorf("attached file left behind: %v", err)
	}
	if _, err := os.Stat(filepath.Join(f.dir, "contracts", list[0].SHA256+".pdf")); err != nil {
		t.Errorf("generated file gone: %v", err)
	}
}

func TestSendChecksEverythingThenSendsOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	list, err := f.svc.Generate(ctx, f.resID)
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := os.ReadFile("../pdfs/testdata/letter.pdf")
	att, err := f.svc.Attach(ctx, f.resID, "Memorial descritivo", "memorial.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	gen := list[0].ID

	// Only attached PDFs: refused.
	if got := codes(func() error { _, err := f.svc.Send(ctx, f.resID, []int64{att.ID}); return err }()); !contains(got, CodeOnlyAttached) {
		t.Fatalf("only attached: %v", got)
	}
	// The spouse is invited by WhatsApp and has no mobile: the exact
	// sentence, naming them; nothing reaches Clicksign.
	_, err = f.svc.Send(ctx, f.resID, []int64{gen, att.ID})
	var inv *crm.Invalid
	if !errors.As(err, &inv) || len(inv.Problems) != 1 || inv.Problems[0].Code != crm.CodeEnvelopeSignerPhoneRequired ||
		inv.Problems[0].Data["name"] != "João da Silva" || inv.Problems[0].Data["message"] != crm.PhoneRequiredMessage {
		t.Fatalf("phone: %v", err)
	}
	if n := len(f.sim.Overview()); n != 0 {
		t.Fatalf("%d envelopes created before the data was right", n)
	}

	// A fiador rule applies only to reservations that have a fiador: this
	// one has none, so the rule invites nobody and only the phone is wrong.
	g := crm.NewSignerRule(crm.SignerGuarantor)
	if _, err := f.legal.SaveRules(ctx, f.assoc, append(append([]crm.SignerRule{}, f.rules...), g)); err != nil {
		t.Fatal(err)
	}
	if got := codes(func() error { _, err := f.svc.Send(ctx, f.resID, []int64{gen}); return err }()); len(got) != 1 ||
		!contains(got, crm.CodeEnvelopeSignerPhoneRequired) {
		t.Fatalf("absent fiador + phone: %v", got)
	}
	if _, err := f.legal.SaveRules(ctx, f.assoc, f.rules); err != nil {
		t.Fatal(err)
	}

	// Fix the phone and send: one envelope, three signers, all pending.
	f.input.Associates[0].Phone1 = "(21) 98888-7777"
	if _, err := f.resv.Save(ctx, f.input); err != nil {
		t.Fatal(err)
	}
	op, err := f.svc.Send(ctx, f.resID, []int64{gen, att.ID})
	if err != nil {
		t.Fatal(err)
	}
	// A double click finds the same operation.
	op2, err := f.svc.Send(ctx, f.resID, []int64{att.ID, gen})
	if err != nil && !contains(codes(err), CodeAlreadySent) {
		t.Fatal(err)
	}
	if err == nil && op2 != op {
		t.Fatalf("second click made operation %d, first %d", op2, op)
	}
	f.sender.Wait()
	got, err := f.svc.Operation(ctx, op)
	if err != nil || got.Status != signing.SendSent {
		t.Fatalf("operation %+v %v", got.Status, err)
	}
	// The screen's one read model of the envelope, and the signers' state
	// as the send stored it (status sync has not run).
	envs, err := (&signing.Syncer{Sender: f.sender, Store: f.db.Envelopes(), Files: filestore.New(t.TempDir())}).Views(ctx, f.resID)
	if err != nil {
		t.Fatal(err)
	}
	if len(envs) != 1 || len(envs[0].Signers) != 3 {
		t.Fatalf("envelopes %+v", envs)
	}
	stored, err := f.db.Envelopes().ListEnvelopes(ctx, f.resID)
	if err != nil || len(stored) != 1 {
		t.Fatalf("stored envelopes %+v %v", stored, err)
	}
	for _, s := range stored[0].Signers {
		if s.State != "pendente" {
			t.Errorf("signer %s state %q", s.Name, s.State)
		}
	}
	if envs[0].Signers[1].Delivery != crm.ChannelWhatsApp || envs[0].Signers[2].Group != 2 {
		t.Errorf("signers %+v", envs[0].Signers)
	}
	if n := len(f.sim.Overview()); n != 1 {
		t.Fatalf("simulator has %d envelopes", n)
	}
	list, _ = f.svc.List(ctx, f.resID)
	for _, c := range list {
		if c.State != crm.StateSent {
			t.Errorf("%s is %s after the send", c.Name, c.State)
		}
	}
	if got := codes(f.svc.Delete(ctx, gen)); !contains(got, CodeLocked) {
		t.Errorf("deleting a sent contract: %v", got)
	}
	// Re-generating leaves the sent contract alone and adds a new one.
	list, err = f.svc.Generate(ctx, f.resID)
	if err != nil || len(list) != 3 || list[0].ID != gen {
		t.Fatalf("re-generation after send: %+v %v", list, err)
	}
	// Sending the sent ones again is refused; no second envelope.
	if got := codes(func() error { _, err := f.svc.Send(ctx, f.resID, []int64{gen}); return err }()); !contains(got, CodeAlreadySent) {
		t.Fatalf("resend: %v", got)
	}
	if n := len(f.sim.Overview()); n != 1 {
		t.Fatalf("simulator has %d envelopes after a resend", n)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestAFailedSendResumesIntoTheSameEnvelope(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.input.Associates[0].Phone1 = "(21) 98888-7777"
	if _, err := f.resv.Save(ctx, f.input); err != nil {
		t.Fatal(err)
	}
	list, err := f.svc.Generate(ctx, f.resID)
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := os.ReadFile("../pdfs/testdata/letter.pdf")
	att, err := f.svc.Attach(ctx, f.resID, "Memorial descritivo", "memorial.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	gen := list[0].ID
	// Clicksign keeps failing on signers: the draft envelope exists, the
	// send stops, resumable.
	f.sim.InjectFault(simulator.Fault{Status: 500, Times: 1000, Method: "POST", Route: "POST /api/v3/envelopes/{envelope_id}/signers"})
	op, err := f.svc.Send(ctx, f.resID, []int64{gen, att.ID})
	if err != nil {
		t.Fatal(err)
	}
	f.sender.Wait()
	got, _ := f.svc.Operation(ctx, op)
	if got.Status != signing.SendFailed || got.EnvelopeID == "" {
		t.Fatalf("after the fault: %s envelope %q", got.Status, got.EnvelopeID)
	}
	list, _ = f.svc.List(ctx, f.resID)
	if list[0].State != crm.StateSending {
		t.Fatalf("contract state %s", list[0].State)
	}
	if open, _ := f.svc.OpenOperations(ctx, f.resID); len(open) != 1 || open[0].ID != op {
		t.Fatalf("open operations %+v", open)
	}
	// Another set holding the same contract would be a second envelope.
	if got := codes(func() error { _, err := f.svc.Send(ctx, f.resID, []int64{gen}); return err }()); !contains(got, CodeInAnotherSend) {
		t.Fatalf("other set: %v", got)
	}
	if got := codes(f.svc.Delete(ctx, gen)); !contains(got, CodeLocked) {
		t.Fatalf("delete during a send: %v", got)
	}
	f.sim.ClearFaults()
	if err := f.svc.Retry(ctx, op); err != nil {
		t.Fatal(err)
	}
	f.sender.Wait()
	got, _ = f.svc.Operation(ctx, op)
	if got.Status != signing.SendSent {
		t.Fatalf("after retry: %s %s", got.Status, got.ErrorCode)
	}
	if n := len(f.sim.Overview()); n != 1 {
		t.Fatalf("simulator has %d envelopes", n)
	}
	if envs, _ := (&signing.Syncer{Sender: f.sender, Store: f.db.Envelopes(), Files: filestore.New(t.TempDir())}).Views(ctx, f.resID); len(envs) != 1 || len(envs[0].ContractIDs) != 2 {
		t.Fatalf("envelopes %+v", envs)
	}
}

// A generated contract outlives its template: the manager may remove the
// association and delete the template afterwards. The contract keeps its own
// file, and sending it is refused by name (it has no signer rule any more)
// before anything reaches Clicksign.
func TestDeletedTemplateBlocksTheSendClearly(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	list, err := f.svc.Generate(ctx, f.resID)
	if err != nil {
		t.Fatal(err)
	}
	c := list[0]
	if err := f.legal.Remove(ctx, f.assoc); err != nil {
		t.Fatal(err)
	}
	tpls := templates.New(f.db.Templates(), filestore.New(f.dir), slog.New(slog.DiscardHandler))
	if err := tpls.Delete(ctx, c.TemplateID); err != nil {
		t.Fatalf("deleting the template once nothing associates it: %v", err)
	}
	if got := codes(func() error { _, err := f.svc.Send(ctx, f.resID, []int64{c.ID}); return err }()); !contains(got, CodeNoRules) {
		t.Fatalf("send after the template was deleted: %v", got)
	}
	if n := len(f.sim.Overview()); n != 0 {
		t.Fatalf("%d envelopes created", n)
	}
	if _, err := f.svc.File(ctx, c.ID); err != nil {
		t.Fatalf("the generated contract lost its file with the template: %v", err)
	}
}

// The dados de exemplo must let a newcomer send at once: every sample
// reservation's generated contracts pass the checks and reach the
// simulator as one envelope each, with every signer pending.
func TestSampleReservationsCanBeSent(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	dir := t.TempDir()
	db, err := sqlstore.Open(ctx, filepath.Join(dir, "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sec := secrets.NewMemory()
	files := filepath.Join(dir, "files")
	if err := demo.New(db.Demo(), sec, filestore.New(files), log).Load(ctx); err != nil {
		t.Fatal(err)
	}
	host := &simulator.Host{Options: simulator.Options{DBPath: filepath.Join(dir, "sim.db")}}
	defer host.Close(ctx)
	connector := &signing.Connector{Sim: host}
	keys := integrations.New(db.Integrations(), sec, connector.Check, log)
	sender := signing.NewSender(db.Envelopes(), keys, connector, nil)
	resv := reservations.New(db.Reservations(), log)
	svc := New(Deps{Store: db.Contracts(), Reservations: resv, Legal: legal.New(db.Legal(), log),
		Templates: templates.New(db.Templates(), filestore.New(files), log), Developments: developments.New(db.Developments(), log),
		Keys: keys, Sender: sender, Files: filestore.New(files), Log: log})

	page, err := resv.List(ctx, crm.ReservationFilter{})
	if err != nil || page.Total != 3 {
		t.Fatalf("sample reservations: %d, %v", page.Total, err)
	}
	for _, r := range page.Items {
		list, err := svc.Generate(ctx, r.ID)
		if err != nil || len(list) == 0 {
			t.Fatalf("reservation %d: generate = %d contracts, %v", r.ID, len(list), err)
		}
		var ids []int64
		for _, c := range list {
			ids = append(ids, c.ID)
		}
		op, err := svc.Send(ctx, r.ID, ids)
		if err != nil {
			t.Fatalf("reservation %d (%s): send refused: %v", r.ID, r.HolderName, err)
		}
		sender.Wait()
		got, err := svc.Operation(ctx, op)
		if err != nil || got.Status != signing.SendSent {
			t.Fatalf("reservation %d: operation %+v, %v", r.ID, got, err)
		}
	}
	sim, _ := host.Simulator()
	views := sim.Overview()
	if len(views) != 3 {
		t.Fatalf("%d envelopes in the simulator, want 3", len(views))
	}
	for _, v := range views {
		if v.Status != "running" || len(v.Signers) < 2 {
			t.Fatalf("envelope %s: %s with %d signers", v.Name, v.Status, len(v.Signers))
		}
	}
}

// A CPF is checked when the reservation is saved, but data can arrive
// otherwise (an older version, an import): the send checks it again and
// names the person before anything reaches Clicksign.
func TestSendRefusesAnInvalidCPF(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	list, err := f.svc.Generate(ctx, f.resID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.Exec(`UPDATE reservation_people SET cpf = '529.982.247-24' WHERE role = 'holder'`); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Send(ctx, f.resID, []int64{list[0].ID})
	var inv *crm.Invalid
	found := false
	if errors.As(err, &inv) {
		for _, p := range inv.Problems {
			if p.Code == crm.CodeCPFInvalid && p.Data["name"] == "Maria da Silva" {
				found = true
			}
		}
	}
	if !found {
		t.Fatalf("send with an invalid CPF = %v", err)
	}
	if n := len(f.sim.Overview()); n != 0 {
		t.Fatalf("%d envelopes created", n)
	}
}
