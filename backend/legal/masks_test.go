package legal_test

import (
	"context"
	"reflect"
	"testing"

	"selo/backend/crm"
)

// TestSaveRulesTakesWhatTheMasksSend: Configurar Assinantes sends the fixed
// signer's CPF and Celular as its masked fields show them (the frontend's
// SignerRulesEditor.masks.spec checks that text is what is sent). Go saves
// that text, reads it as the mobile and CPF Clicksign gets, and refuses a
// landline in Celular with the message the editor also gives before saving.
func TestSaveRulesTakesWhatTheMasksSend(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	a, err := e.svc.Associate(ctx, e.dev, e.tpl[0], crm.ScopeDevelopment, nil)
	if err != nil {
		t.Fatal(err)
	}
	witness := crm.ApplyChannelChange(crm.NewSignerRule(crm.SignerWitness), crm.FieldAuth, crm.ChannelICPBrasil)
	witness.FixedPerson = crm.FixedPerson{Name: "Ana Lima", Email: "ana@exemplo.com.br", Phone: "(11) 98765-4321", CPF: "529.982.247-25"}
	rules := []crm.SignerRule{crm.NewSignerRule(crm.SignerHolder), witness}

	saved, err := e.svc.SaveRules(ctx, a.ID, rules)
	if err != nil {
		t.Fatalf("the masked CPF and Celular were refused: %v", problems(err))
	}
	got := saved.Rules[1].FixedPerson
	if got.Phone != "(11) 98765-4321" || got.CPF != "529.982.247-25" {
		t.Fatalf("stored %+v", got)
	}
	if m, ok := crm.ValidMobile(got.Phone); !ok || m != "11987654321" {
		t.Fatalf("mobile %q %v", m, ok)
	}
	if k := crm.PersonKey(got); k != "cpf:52998224725" {
		t.Fatalf("person key %q", k)
	}

	rules[1].Phone = "(11) 3456-7890"
	_, err = e.svc.SaveRules(ctx, a.ID, rules)
	if p := problems(err); !reflect.DeepEqual(p, []string{crm.CodeSignerPhoneInvalid + "@rules[1].phone"}) {
		t.Fatalf("landline in Celular: problems %v", p)
	}
	rules[1].Phone, rules[1].CPF = "(11) 98765-4321", "529.982.247-26"
	_, err = e.svc.SaveRules(ctx, a.ID, rules)
	if p := problems(err); !reflect.DeepEqual(p, []string{crm.CodeSignerCPFInvalid + "@rules[1].cpf"}) {
		t.Fatalf("wrong CPF: problems %v", p)
	}
}
