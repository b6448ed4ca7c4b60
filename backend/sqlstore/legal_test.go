package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/legal"
)

// legalFixture is a development with two stages, blocks and units, a second
// development, and two contract templates.
type legalFixture struct {
	db                         *DB
	store                      *Legal
	dev, other                 int64
	stage1, stage2, otherStage int64
	blockA, blockB, otherBlock int64
	unitA101, unitA102, unitB1 int64
	tplPromessa, tplDistrato   int64
}

func insertTemplate(t *testing.T, db *DB, name string) int64 {
	t.Helper()
	now := time.Now().UTC().Format(time.RFC3339Nano)
	id, err := insertID(context.Background(), db, `INSERT INTO contract_templates (name, file_name, sha256, size_bytes, pages, created_at, updated_at)
		VALUES (?, 'contract.pdf', ?, 100, 1, ?, ?)`, name, fmt.Sprintf("%064x", len(name)*7919+int(time.Now().UnixNano()%1000000)), now, now)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func newLegalFixture(t *testing.T) legalFixture {
	t.Helper()
	db, _ := openTemp(t)
	ctx := context.Background()
	devs := db.Developments()
	f := legalFixture{db: db, store: db.Legal()}
	must := func(id int64, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	now := time.Now()
	f.dev = must(devs.Insert(ctx, crm.DevelopmentInput{Name: "Residencial Acácias"}, now))
	f.other = must(devs.Insert(ctx, crm.DevelopmentInput{Name: "Vila Verde"}, now))
	f.stage1 = must(devs.AddStage(ctx, f.dev, "Etapa 1"))
	f.stage2 = must(devs.AddStage(ctx, f.dev, "Etapa 2"))
	f.otherStage = must(devs.AddStage(ctx, f.other, "Etapa 1"))
	f.blockA = must(devs.AddBlock(ctx, f.stage1, "Bloco A"))
	f.blockB = must(devs.AddBlock(ctx, f.stage2, "Bloco B"))
	f.otherBlock = must(devs.AddBlock(ctx, f.otherStage, "Bloco X"))
	f.unitA101 = must(devs.SaveUnit(ctx, crm.Unit{BlockID: f.blockA, Number: "101", Status: crm.UnitAvailable}))
	f.unitA102 = must(devs.SaveUnit(ctx, crm.Unit{BlockID: f.blockA, Number: "102", Status: crm.UnitAvailable}))
	f.unitB1 = must(devs.SaveUnit(ctx, crm.Unit{BlockID: f.blockB, Number: "1", Status: crm.UnitAvailable}))
	f.tplPromessa = insertTemplate(t, db, "Promessa de compra e venda")
	f.tplDistrato = insertTemplate(t, db, "Termo de vistoria")
	return f
}

func legalProblem(err error) string {
	var inv *crm.Invalid
	if errors.As(err, &inv) {
		return inv.Problems[0].Code + "@" + inv.Problems[0].Field
	}
	var e *crm.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return fmt.Sprint(err)
}

func TestLegalAssociationsScopesAndNames(t *testing.T) {
	f := newLegalFixture(t)
	ctx := context.Background()
	id, err := f.store.Insert(ctx, f.dev, f.tplPromessa, crm.ScopeBlocks, []int64{f.blockB, f.blockA})
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.store.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	labels := []string{}
	for _, it := range a.ScopeItems {
		labels = append(labels, it.Label)
	}
	if a.TemplateName != "Promessa de compra e venda" || a.Scope != crm.ScopeBlocks || strings.Join(labels, "|") != "Bloco A (Etapa 1)|Bloco B (Etapa 2)" || a.Position != 0 {
		t.Fatalf("association = %+v", a)
	}

	// The same template twice is refused on its field, naming it.
	_, err = f.store.Insert(ctx, f.dev, f.tplPromessa, crm.ScopeDevelopment, nil)
	if legalProblem(err) != legal.CodeDuplicateTemplate+"@templateId" {
		t.Fatalf("duplicate = %v", err)
	}
	// A block of another development is not a valid scope item; nothing is kept.
	_, err = f.store.Insert(ctx, f.dev, f.tplDistrato, crm.ScopeBlocks, []int64{f.otherBlock})
	if legalProblem(err) != legal.CodeScopeItemNotFound+"@scopeIds" {
		t.Fatalf("foreign block = %v", err)
	}
	if _, err := f.store.Insert(ctx, f.dev, 9999, crm.ScopeDevelopment, nil); legalProblem(err) != crm.CodeNotFound+"@templateId" {
		t.Fatalf("unknown template = %v", err)
	}
	second, err := f.store.Insert(ctx, f.dev, f.tplDistrato, crm.ScopeUnits, []int64{f.unitA102, f.unitA101})
	if err != nil {
		t.Fatal(err)
	}
	list, err := f.store.List(ctx, f.dev)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[1].ID != second || list[1].Position != 1 || list[1].ScopeItems[0].Label != "Bloco A 101" {
		t.Fatalf("list = %+v", list)
	}

	// SetScope replaces the items; a bad one leaves the old scope.
	if err := f.store.SetScope(ctx, id, crm.ScopeStages, []int64{f.otherStage}); legalProblem(err) != legal.CodeScopeItemNotFound+"@scopeIds" {
		t.Fatalf("bad scope = %v", err)
	}
	if a, _ := f.store.Get(ctx, id); a.Scope != crm.ScopeBlocks || len(a.ScopeItems) != 2 {
		t.Fatalf("scope changed by a failed SetScope: %+v", a)
	}
	if err := f.store.SetScope(ctx, id, crm.ScopeDevelopment, nil); err != nil {
		t.Fatal(err)
	}
	if a, _ := f.store.Get(ctx, id); a.Scope != crm.ScopeDevelopment || len(a.ScopeItems) != 0 {
		t.Fatalf("scope = %+v", a)
	}
}

func TestDeletingStructureInAScopeIsRefused(t *testing.T) {
	f := newLegalFixture(t)
	ctx := context.Background()
	devs := f.db.Developments()
	if _, err := f.store.Insert(ctx, f.dev, f.tplPromessa, crm.ScopeUnits, []int64{f.unitA101}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Insert(ctx, f.dev, f.tplDistrato, crm.ScopeBlocks, []int64{f.blockA}); err != nil {
		t.Fatal(err)
	}
	inUse := func(err error, where, templates string) {
		t.Helper()
		var e *crm.Error
		if !errors.As(err, &e) || e.Code != crm.CodeScopeInUse || e.Data["where"] != where || e.Data["templates"] != templates {
			t.Fatalf("err = %v, want %s where %q templates %q", err, crm.CodeScopeInUse, where, templates)
		}
	}
	inUse(devs.DeleteUnit(ctx, f.unitA101), "Bloco A 101", "“Promessa de compra e venda”")
	inUse(devs.DeleteBlock(ctx, f.blockA), "Bloco A (Etapa 1), Bloco A 101", "“Termo de vistoria”, “Promessa de compra e venda”")
	inUse(devs.DeleteStage(ctx, f.stage1), "Bloco A (Etapa 1), Bloco A 101", "“Termo de vistoria”, “Promessa de compra e venda”")
	// Outside every scope, deleting works as before.
	// A unit inside a named block may go: the block, which the scope
	// names, stays.
	if err := devs.DeleteUnit(ctx, f.unitA102); err != nil {
		t.Fatalf("unit 102 is named by no scope: %v", err)
	}
	if err := devs.DeleteStage(ctx, f.stage2); err != nil {
		t.Fatalf("stage 2 is in no scope: %v", err)
	}
	// The foreign keys hold even without the friendly check.
	if _, err := f.db.Exec(`DELETE FROM units WHERE id = ?`, f.unitA101); err == nil {
		t.Fatal("raw delete of a unit in a scope succeeded")
	}
	if _, err := f.db.Exec(`DELETE FROM contract_templates WHERE id = ?`, f.tplPromessa); err == nil {
		t.Fatal("deleting an associated template succeeded")
	}
	used, err := f.store.TemplateUsedBy(ctx, f.tplPromessa)
	if err != nil || strings.Join(used, ",") != "Residencial Acácias" {
		t.Fatalf("used by = %v, %v", used, err)
	}
}

func TestSignerRulesReplaceAtomicallyAndGoWithTheAssociation(t *testing.T) {
	f := newLegalFixture(t)
	ctx := context.Background()
	id, err := f.store.Insert(ctx, f.dev, f.tplPromessa, crm.ScopeDevelopment, nil)
	if err != nil {
		t.Fatal(err)
	}
	holder := crm.NewSignerRule(crm.SignerHolder)
	witness := crm.NewSignerRule(crm.SignerWitness)
	witness.SendOrder = 2
	witness.FixedPerson = crm.FixedPerson{Name: "Ana Lima", Email: "ana@exemplo.com.br", Phone: "11987654321", CPF: "529.982.247-25"}
	if err := f.store.ReplaceRules(ctx, id, []crm.SignerRule{holder, witness}); err != nil {
		t.Fatal(err)
	}
	a, _ := f.store.Get(ctx, id)
	if len(a.Rules) != 2 || a.Rules[1] != witness || a.Rules[0] != holder {
		t.Fatalf("rules = %+v", a.Rules)
	}
	// A value the schema refuses in the middle of a list leaves the old list.
	bad := crm.NewSignerRule(crm.SignerSpouse)
	bad.Auth = "telegram"
	if err := f.store.ReplaceRules(ctx, id, []crm.SignerRule{holder, bad, witness}); err == nil {
		t.Fatal("an unknown channel was stored")
	}
	if a, _ := f.store.Get(ctx, id); len(a.Rules) != 2 {
		t.Fatalf("half-saved: %+v", a.Rules)
	}
	if err := f.store.ReplaceRules(ctx, 9999, []crm.SignerRule{holder}); legalProblem(err) != crm.CodeNotFound {
		t.Fatalf("unknown association = %v", err)
	}
	if err := f.store.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := f.db.QueryRow(`SELECT COUNT(*) FROM signer_rules`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d rules left after removing the association (%v)", n, err)
	}
	if err := f.store.Delete(ctx, id); legalProblem(err) != crm.CodeNotFound {
		t.Fatalf("second delete = %v", err)
	}
}

func TestDeletingADevelopmentTakesItsAssociations(t *testing.T) {
	f := newLegalFixture(t)
	ctx := context.Background()
	if _, err := f.store.Insert(ctx, f.dev, f.tplPromessa, crm.ScopeUnits, []int64{f.unitA101}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Insert(ctx, f.dev, f.tplDistrato, crm.ScopeStages, []int64{f.stage1}); err != nil {
		t.Fatal(err)
	}
	// No screen deletes developments today (they are archived), but the
	// cascade must not trip over the scope's RESTRICT when one does.
	if _, err := f.db.Exec(`DELETE FROM developments WHERE id = ?`, f.dev); err != nil {
		t.Fatalf("deleting the development: %v", err)
	}
	var n int
	if err := f.db.QueryRow(`SELECT COUNT(*) FROM development_contract_scope`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d scope rows left (%v)", n, err)
	}
}
