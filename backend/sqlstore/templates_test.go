package sqlstore

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"selo/backend/crm"
)

func sampleTemplate(name, sha string) crm.ContractTemplate {
	return crm.ContractTemplate{
		Name: name, FileName: "contrato.pdf", SHA256: strings.Repeat(sha, 64), Size: 7248, Pages: 2,
		Fields: []crm.TemplateField{
			{Name: "titular_nome", Type: "text", Page: 1, DataKey: "titular_nome"},
			{Name: "Assinatura do Comprador", Type: "text", Page: 1, Mark: "signature"},
		},
		MarkAnnotations: 1,
	}
}

func firstProblem(err error) string {
	var inv *crm.Invalid
	if errors.As(err, &inv) {
		return inv.Problems[0].Code + "@" + inv.Problems[0].Field
	}
	return crm.AsError(err).Code
}

func TestTemplatesStore(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	s := db.Templates()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

	id, err := s.Insert(ctx, sampleTemplate("Contrato de Compra e Venda", "a"), now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Insert(ctx, sampleTemplate("CONTRATO DE COMPRA E VENDA", "b"), now); firstProblem(err) != crm.CodeDuplicate+"@name" {
		t.Fatalf("duplicate name = %v", err)
	}
	if _, err := s.Insert(ctx, sampleTemplate("Outro", "a"), now); firstProblem(err) != crm.CodeTemplateSameFile+"@file" {
		t.Fatalf("same file = %v", err)
	}
	if name, err := s.NameOfFile(ctx, strings.Repeat("a", 64)); err != nil || name != "Contrato de Compra e Venda" {
		t.Fatalf("NameOfFile = %q, %v", name, err)
	}
	if name, err := s.NameOfFile(ctx, strings.Repeat("c", 64)); err != nil || name != "" {
		t.Fatalf("NameOfFile(new) = %q, %v", name, err)
	}

	got, err := s.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Pages != 2 || got.Size != 7248 || len(got.Fields) != 2 || got.Fields[1].Mark != "signature" ||
		got.MarkAnnotations != 1 || !got.CreatedAt.Equal(now) || len(got.UsedBy) != 0 {
		t.Fatalf("Get = %+v", got)
	}

	id2, err := s.Insert(ctx, sampleTemplate("Aditivo", "b"), now)
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.List(ctx)
	if err != nil || len(list) != 2 || list[0].Name != "Aditivo" {
		t.Fatalf("List = %+v, %v", list, err)
	}
	names, err := s.Names(ctx, id2)
	if err != nil || len(names) != 1 || names[0] != "Contrato de Compra e Venda" {
		t.Fatalf("Names = %v, %v", names, err)
	}

	if err := s.Rename(ctx, id2, "contrato de compra e venda", now); firstProblem(err) != crm.CodeDuplicate+"@name" {
		t.Fatalf("rename to a taken name = %v", err)
	}
	if err := s.Rename(ctx, id2, "Aditivo 2026", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.Rename(ctx, 999, "x", now); firstProblem(err) != crm.CodeNotFound {
		t.Fatalf("rename missing = %v", err)
	}

	// Associated with a development: refused, naming it.
	if _, err := db.Exec(`INSERT INTO developments (id, name, created_at, updated_at) VALUES (7, 'Vila Verde', 'x', 'x')`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO development_contracts (development_id, template_id, position, created_at, updated_at) VALUES (7, ?, 0, 'x', 'x')`, id); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Get(ctx, id); len(got.UsedBy) != 1 || got.UsedBy[0] != "Vila Verde" {
		t.Fatalf("UsedBy = %v", got.UsedBy)
	}
	_, err = s.Delete(ctx, id)
	var ce *crm.Error
	if !errors.As(err, &ce) || ce.Code != crm.CodeTemplateInUse || ce.Data["usedBy"] != "Vila Verde" {
		t.Fatalf("delete in use = %v", err)
	}
	if _, err := s.Get(ctx, id); err != nil {
		t.Fatalf("template in use was deleted: %v", err)
	}

	sha, err := s.Delete(ctx, id2)
	if err != nil || sha != strings.Repeat("b", 64) {
		t.Fatalf("Delete = %q, %v", sha, err)
	}
	if _, err := s.Get(ctx, id2); firstProblem(err) != crm.CodeNotFound {
		t.Fatalf("deleted template still there: %v", err)
	}
	if _, err := s.Delete(ctx, id2); firstProblem(err) != crm.CodeNotFound {
		t.Fatalf("delete twice = %v", err)
	}
}

func TestTemplateNameRulesHoldInTheSchema(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	// The service refuses these first; the CHECK keeps a bug from storing them.
	for _, name := range []string{"", "a/b", strings.Repeat("x", 121)} {
		if _, err := db.Templates().Insert(ctx, sampleTemplate(name, "d"), time.Now()); err == nil {
			t.Errorf("name %q stored", name)
		}
	}
}
