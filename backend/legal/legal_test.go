package legal_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/legal"
	"selo/backend/signing"
	"selo/backend/sqlstore"
)

func TestCovers(t *testing.T) {
	p := crm.UnitPath{DevelopmentID: 1, StageID: 10, BlockID: 100, UnitID: 1000}
	for _, c := range []struct {
		name  string
		scope crm.ContractScope
		ids   []int64
		want  bool
	}{
		{"whole development covers any unit", crm.ScopeDevelopment, nil, true},
		{"whole development ignores stray ids", crm.ScopeDevelopment, []int64{5}, true},
		{"the unit's stage", crm.ScopeStages, []int64{9, 10}, true},
		{"another stage", crm.ScopeStages, []int64{9}, false},
		{"a stage id equal to the block id does not count", crm.ScopeStages, []int64{100}, false},
		{"the unit's block", crm.ScopeBlocks, []int64{100}, true},
		{"another block", crm.ScopeBlocks, []int64{101}, false},
		{"a block id equal to the stage id does not count", crm.ScopeBlocks, []int64{10}, false},
		{"the unit itself", crm.ScopeUnits, []int64{999, 1000}, true},
		{"another unit", crm.ScopeUnits, []int64{999}, false},
		{"empty list of units", crm.ScopeUnits, nil, false},
		{"unknown scope kind", crm.ContractScope("tower"), []int64{10, 100, 1000}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := crm.ScopeCovers(c.scope, c.ids, p); got != c.want {
				t.Fatalf("Covers(%s, %v) = %v, want %v", c.scope, c.ids, got, c.want)
			}
		})
	}
}

type env struct {
	svc                    *legal.Service
	dev, other             int64
	stage1, stage2         int64
	blockA, blockB         int64
	unitA1, unitA2, unitB1 int64
	otherUnit              int64
	tpl                    []int64
	db                     *sqlstore.DB
}

func setup(t *testing.T) env {
	t.Helper()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	must := func(id int64, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	devs := db.Developments()
	now := time.Now()
	e := env{svc: legal.New(db.Legal(), slog.New(slog.DiscardHandler)), db: db}
	e.dev = must(devs.Insert(ctx, crm.DevelopmentInput{Name: "Residencial Acácias"}, now))
	e.other = must(devs.Insert(ctx, crm.DevelopmentInput{Name: "Vila Verde"}, now))
	e.stage1 = must(devs.AddStage(ctx, e.dev, "Etapa 1"))
	e.stage2 = must(devs.AddStage(ctx, e.dev, "Etapa 2"))
	e.blockA = must(devs.AddBlock(ctx, e.stage1, "Bloco A"))
	e.blockB = must(devs.AddBlock(ctx, e.stage2, "Bloco B"))
	e.unitA1 = must(devs.SaveUnit(ctx, crm.Unit{BlockID: e.blockA, Number: "101", Status: crm.UnitAvailable}))
	e.unitA2 = must(devs.SaveUnit(ctx, crm.Unit{BlockID: e.blockA, Number: "102", Status: crm.UnitAvailable}))
	e.unitB1 = must(devs.SaveUnit(ctx, crm.Unit{BlockID: e.blockB, Number: "201", Status: crm.UnitAvailable}))
	os := must(devs.AddStage(ctx, e.other, "Única"))
	ob := must(devs.AddBlock(ctx, os, "Torre"))
	e.otherUnit = must(devs.SaveUnit(ctx, crm.Unit{BlockID: ob, Number: "1", Status: crm.UnitAvailable}))
	for i, name := range []string{"Promessa de compra e venda", "Quadro resumo", "Termo de vistoria", "Aditivo do bloco B"} {
		ts := now.UTC().Format(time.RFC3339Nano)
		res, err := db.Exec(`INSERT INTO contract_templates (name, sha256, size_bytes, pages, created_at, updated_at)
			VALUES (?, ?, 1, 1, ?, ?)`, name, fmt.Sprintf("%064d", i), ts, ts)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		e.tpl = append(e.tpl, id)
	}
	return e
}

func problems(err error) []string {
	var inv *crm.Invalid
	if errors.As(err, &inv) {
		var out []string
		for _, p := range inv.Problems {
			out = append(out, p.Code+"@"+p.Field)
		}
		return out
	}
	var e *crm.Error
	if errors.As(err, &e) {
		return []string{e.Code}
	}
	if err != nil {
		return []string{err.Error()}
	}
	return nil
}

func TestApplicableContractsFollowTheScopes(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	assoc := func(tpl int64, scope crm.ContractScope, ids ...int64) legal.Association {
		t.Helper()
		a, err := e.svc.Associate(ctx, e.dev, tpl, scope, ids)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	promessa := assoc(e.tpl[0], crm.ScopeDevelopment, 12345) // ids ignored for the whole development
	resumo := assoc(e.tpl[1], crm.ScopeStages, e.stage1)
	vistoria := assoc(e.tpl[2], crm.ScopeUnits, e.unitA2, e.unitA2) // repeated ids collapse
	aditivo := assoc(e.tpl[3], crm.ScopeBlocks, e.blockB)
	if len(promessa.ScopeItems) != 0 || len(vistoria.ScopeItems) != 1 {
		t.Fatalf("scope items: %+v / %+v", promessa.ScopeItems, vistoria.ScopeItems)
	}

	for _, c := range []struct {
		unit int64
		want []int64
	}{
		{e.unitA1, []int64{promessa.ID, resumo.ID}},
		{e.unitA2, []int64{promessa.ID, resumo.ID, vistoria.ID}},
		{e.unitB1, []int64{promessa.ID, aditivo.ID}},
	} {
		got, err := e.svc.ApplicableContracts(ctx, e.dev, c.unit)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, a := range got {
			ids = append(ids, a.ID)
		}
		if fmt.Sprint(ids) != fmt.Sprint(c.want) {
			t.Errorf("unit %d: applicable %v, want %v", c.unit, ids, c.want)
		}
	}
	if _, err := e.svc.ApplicableContracts(ctx, e.dev, e.otherUnit); strings.Join(problems(err), ",") != legal.CodeUnitNotInDevelopment {
		t.Fatalf("unit of another development = %v", err)
	}
	if _, err := e.svc.ApplicableContracts(ctx, e.dev, 99999); strings.Join(problems(err), ",") != crm.CodeNotFound {
		t.Fatalf("unknown unit = %v", err)
	}

	// Widening a scope changes the answer at once.
	if _, err := e.svc.SetScope(ctx, aditivo.ID, crm.ScopeDevelopment, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := e.svc.ApplicableContracts(ctx, e.dev, e.unitA1)
	if len(got) != 3 {
		t.Fatalf("after widening: %d applicable", len(got))
	}
}

func TestAssociateRefusesBadInput(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	for _, c := range []struct {
		name  string
		tpl   int64
		scope crm.ContractScope
		ids   []int64
		want  string
	}{
		{"no template", 0, crm.ScopeDevelopment, nil, legal.CodeTemplateRequired + "@templateId"},
		{"unknown scope", e.tpl[0], "tower", nil, legal.CodeScopeInvalid + "@scope"},
		{"blocks without any", e.tpl[0], crm.ScopeBlocks, nil, legal.CodeScopeEmpty + "@scopeIds"},
		{"units with only zero ids", e.tpl[0], crm.ScopeUnits, []int64{0}, legal.CodeScopeEmpty + "@scopeIds"},
		{"a unit of another development", e.tpl[0], crm.ScopeUnits, []int64{e.otherUnit}, legal.CodeScopeItemNotFound + "@scopeIds"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := e.svc.Associate(ctx, e.dev, c.tpl, c.scope, c.ids)
			if strings.Join(problems(err), ",") != c.want {
				t.Fatalf("err = %v, want %s", err, c.want)
			}
		})
	}
	if _, err := e.svc.Associate(ctx, e.dev, e.tpl[0], crm.ScopeDevelopment, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Associate(ctx, e.dev, e.tpl[0], crm.ScopeStages, []int64{e.stage1}); strings.Join(problems(err), ",") != legal.CodeDuplicateTemplate+"@templateId" {
		t.Fatalf("duplicate = %v", err)
	}
	list, _ := e.svc.List(ctx, e.dev)
	if len(list) != 1 {
		t.Fatalf("%d associations after refusals, want 1", len(list))
	}
}

func TestSaveRulesValidatesEverythingAndPreviewsCompromises(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	a, err := e.svc.Associate(ctx, e.dev, e.tpl[0], crm.ScopeDevelopment, nil)
	if err != nil {
		t.Fatal(err)
	}

	if _, err := e.svc.SaveRules(ctx, a.ID, nil); strings.Join(problems(err), ",") != crm.CodeSignerRulesEmpty+"@rules" {
		t.Fatalf("empty list = %v", err)
	}

	holder := crm.NewSignerRule(crm.SignerHolder)
	spouse := crm.NewSignerRule(crm.SignerSpouse)
	spouse = crm.ApplyChannelChange(spouse, crm.FieldDelivery, crm.ChannelWhatsApp)
	witness := crm.NewSignerRule(crm.SignerWitness)
	witness.SendOrder = 0
	witness.Name = "  Ana   Lima "
	// Party rules carry no person data: the reservation supplies it.
	holder.Email = "stale@exemplo.com.br"

	good := []crm.SignerRule{holder, spouse, witness}
	if _, err := e.svc.SaveRules(ctx, a.ID, good); strings.Join(problems(err), ",") !=
		crm.CodeSignerRuleOrderInvalid+"@rules[2].sendOrder,"+crm.CodeRequired+"@rules[2].email" {
		t.Fatalf("witness without order and e-mail = %v", problems(err))
	}
	if got, _ := e.svc.Get(ctx, a.ID); len(got.Rules) != 0 {
		t.Fatalf("a refused list was saved: %+v", got.Rules)
	}

	good[2].SendOrder = 2
	good[2].Email = " ana@exemplo.com.br "
	saved, err := e.svc.SaveRules(ctx, a.ID, good)
	if err != nil {
		t.Fatal(err)
	}
	if len(saved.Rules) != 3 || saved.Rules[0].Email != "" || saved.Rules[2].Name != "Ana Lima" || saved.Rules[2].Email != "ana@exemplo.com.br" ||
		saved.Rules[1].Delivery != crm.ChannelWhatsApp || saved.Rules[1].Auth != crm.ChannelWhatsApp {
		t.Fatalf("saved = %+v", saved.Rules)
	}
	codes := func(p legal.RulePreview) string {
		var out []string
		for _, c := range p.Compromises {
			out = append(out, c.Code)
		}
		return strings.Join(out, ",")
	}
	if len(saved.Previews) != 3 ||
		codes(saved.Previews[0]) != signing.CompromiseRoleParty ||
		codes(saved.Previews[1]) != signing.CompromiseCustomMessage+","+signing.CompromiseRoleParty ||
		codes(saved.Previews[2]) != "" {
		t.Fatalf("previews = %+v", saved.Previews)
	}

	// SMS reminders go by e-mail: the compromise the screen must show.
	sms := crm.ApplyChannelChange(crm.NewSignerRule(crm.SignerBroker), crm.FieldReminder, crm.ChannelSMS)
	p := legal.Preview([]crm.SignerRule{sms})
	if codes(p[0]) != signing.CompromiseReminderSMS+","+signing.CompromiseSignedCopySMS || !strings.Contains(p[0].Compromises[0].Message, "por e-mail") {
		t.Fatalf("SMS reminder preview = %+v", p)
	}

	// Removing the association removes its rules with it.
	if err := e.svc.Remove(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Get(ctx, a.ID); strings.Join(problems(err), ",") != crm.CodeNotFound {
		t.Fatalf("after remove = %v", err)
	}
	if _, err := e.svc.SaveRules(ctx, a.ID, good); strings.Join(problems(err), ",") != crm.CodeNotFound {
		t.Fatalf("rules of a removed association = %v", err)
	}
}
