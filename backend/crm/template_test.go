package crm

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateTemplateName(t *testing.T) {
	others := []string{"Contrato de Compra e Venda", "Ágio"}
	cases := []struct {
		in, want, code string
	}{
		{"  Contrato   Padrão ", "Contrato Padrão", ""},
		{"", "", CodeRequired},
		{"   ", "", CodeRequired},
		{"Contrato 1/2", "Contrato 1/2", CodeTemplateNameSlash},
		{strings.Repeat("a", MaxTemplateNameLen), strings.Repeat("a", MaxTemplateNameLen), ""},
		{strings.Repeat("á", MaxTemplateNameLen+1), strings.Repeat("á", MaxTemplateNameLen+1), "field.too_long"},
		{"contrato de compra  e venda", "contrato de compra e venda", CodeDuplicate},
		// Letter case beyond ASCII counts too: SQLite's NOCASE would miss it.
		{"ÁGIO", "ÁGIO", CodeDuplicate},
	}
	for _, c := range cases {
		got, err := ValidateTemplateName(c.in, others)
		if got != c.want {
			t.Errorf("ValidateTemplateName(%q) = %q, want %q", c.in, got, c.want)
		}
		var inv *Invalid
		switch {
		case c.code == "" && err != nil:
			t.Errorf("ValidateTemplateName(%q) = %v, want ok", c.in, err)
		case c.code != "" && (!errors.As(err, &inv) || inv.Problems[0].Code != c.code || inv.Problems[0].Field != "name"):
			t.Errorf("ValidateTemplateName(%q) = %v, want %s on name", c.in, err, c.code)
		}
	}
}

func TestMatchFields(t *testing.T) {
	cases := map[string]string{
		"titular_nome":            "titular_nome",
		"Titular_Nome":            "titular_nome",
		"nome do titular":         "titular_nome",
		"titular.nome":            "titular_nome",
		"NomeDoTitular":           "titular_nome",
		"NOME-TITULAR":            "titular_nome",
		"Nome do Comprador":       "titular_nome",
		"nome_cliente":            "titular_nome",
		"CPF_Comprador":           "titular_cpf",
		"cpf":                     "titular_cpf",
		"CPF/CNPJ do titular":     "titular_cpf",
		"E-mail do titular":       "titular_email",
		"titularEmail":            "titular_email",
		"Celular do cliente":      "titular_telefone",
		"telefone titular":        "titular_telefone",
		"Endereço do Titular":     "titular_endereco",
		"ENDERECO":                "titular_endereco",
		"Nome do Cônjuge":         "conjuge_nome",
		"cpf_conjuge":             "conjuge_cpf",
		"associado1_nome":         "associado1_nome",
		"Nome do Associado 1":     "associado1_nome",
		"associado_2_cpf":         "associado2_cpf",
		"Associado3Email":         "associado3_email",
		"Telefone associado 2":    "associado2_telefone",
		"associados":              "associados",
		"unidade":                 "unidade",
		"Nº da unidade":           "unidade",
		"apto":                    "unidade",
		"Bloco":                   "bloco",
		"torre":                   "bloco",
		"etapa":                   "etapa",
		"Empreendimento":          "empreendimento",
		"nome_do_empreendimento":  "empreendimento",
		"valor":                   "valor",
		"Valor Total":             "valor",
		"preço":                   "valor",
		"data":                    "data",
		"Data do Contrato":        "data",
		"corretor_nome":           "corretor_nome",
		"Nome do Corretor":        "corretor_nome",
		"corretor":                "corretor_nome",
		"data_assinatura":         "",
		"observacoes":             "",
		"aceite_termos":           "",
		"Assinatura do Comprador": "",
		"rubrica_1":               "",
		"nome da mãe":             "",
		"cpf do corretor":         "",
		"titular_nome_2":          "",
		"":                        "",
	}
	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	got := MatchFields(names)
	for n, want := range cases {
		if got[n] != want {
			t.Errorf("MatchFields(%q) = %q, want %q", n, got[n], want)
		}
		if _, ok := got[n]; ok && want == "" {
			t.Errorf("MatchFields(%q) present, want absent", n)
		}
	}
}

func TestDataKeysAreConsistent(t *testing.T) {
	if len(aliasConflicts) > 0 {
		t.Fatalf("aliases claimed by two keys: %v", aliasConflicts)
	}
	seen := map[string]bool{}
	for _, k := range DataKeys() {
		if k.Key == "" || k.Label == "" || k.Group == "" || seen[k.Key] {
			t.Errorf("bad or repeated key %+v", k)
		}
		seen[k.Key] = true
		// Every key matches a field named exactly like it, so a template
		// author can always use the key itself.
		if m := MatchFields([]string{k.Key}); m[k.Key] != k.Key {
			t.Errorf("field %q matches %q", k.Key, m[k.Key])
		}
		if got, ok := LookupDataKey(k.Key); !ok || got.Label != k.Label {
			t.Errorf("LookupDataKey(%q) = %+v, %v", k.Key, got, ok)
		}
	}
	for _, want := range []string{"titular_nome", "titular_cpf", "titular_email", "titular_telefone", "titular_endereco",
		"associado1_nome", "unidade", "bloco", "etapa", "empreendimento", "valor", "data", "corretor_nome"} {
		if !seen[want] {
			t.Errorf("missing data key %q", want)
		}
	}
	// DataKeys hands out copies.
	ks := DataKeys()
	ks[0].Aliases[0] = "changed"
	if DataKeys()[0].Aliases[0] == "changed" {
		t.Error("DataKeys shares its aliases")
	}
}
