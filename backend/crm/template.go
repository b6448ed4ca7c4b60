package crm

import (
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// This file is Contratos: the contract templates (PDF forms) an office
// uploads, and THE list of reservation data keys Selo writes into their
// fields. Generating contracts fills a template field with the value of the
// data key MatchFields pairs it with, so DataKeys is the single source of
// truth for what can be filled and how fields are recognised.

// ContractTemplate is a contract model ("Contrato (modelo)"): an uploaded PDF
// described once, on upload.
type ContractTemplate struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// FileName is the name the file had on the user's computer, for display.
	FileName string `json:"fileName"`
	Pages    int    `json:"pages"`
	Size     int64  `json:"size"`
	// SHA256 names the stored file (files/templates/<sha256>.pdf) and spots
	// the same PDF uploaded twice.
	SHA256 string          `json:"sha256"`
	Fields []TemplateField `json:"fields"`
	// MarkCount counts the fields that are signature or initials marks;
	// MarkAnnotations counts marks that are annotations, not fields. Both are
	// switched off when the contract is sent.
	MarkCount       int `json:"markCount"`
	MarkAnnotations int `json:"markAnnotations"`
	// MatchedCount counts the fields Selo fills from reservation data.
	MatchedCount int `json:"matchedCount"`
	// Signed is true when a signature field already holds a signature, which
	// switching marks off invalidates.
	Signed bool `json:"signed"`
	// Registry is "Vai a registro (exige certificado ICP-Brasil)": the
	// contract goes to the property registry, so the parties to the transfer
	// must sign with an ICP-Brasil certificate (see RequiresICP).
	Registry bool `json:"registry"`
	// UsedBy names the developments the template is associated with.
	UsedBy    []string  `json:"usedBy"`
	CreatedAt time.Time `json:"createdAt" ts_type:"string"`
	UpdatedAt time.Time `json:"updatedAt" ts_type:"string"`
	// Version counts saves of the metadata (the name); the rename sends it
	// back (see CodeConflict). UpdatedByName is who saved it last.
	Version       int64  `json:"version"`
	UpdatedByName string `json:"updatedByName"`
}

// TemplateField is one form field of a template as read on upload.
type TemplateField struct {
	Name string `json:"name"`
	// Type is the pdfs field type ("text", "date", "checkbox", "signature"...).
	Type string `json:"type"`
	Page int    `json:"page"`
	// Mark is "signature" or "initials" for a mark switched off on sending,
	// empty otherwise.
	Mark string `json:"mark"`
	// DataKey is the reservation data key that fills the field, empty when
	// Selo leaves it alone.
	DataKey string `json:"dataKey"`
}

// Contract template error codes.
const (
	// CodeTemplateNameSlash: "/" is refused in a template name because the
	// name becomes part of the generated file's name, where "/" would read
	// as a folder.
	CodeTemplateNameSlash = "template.name_slash"
	// CodeTemplateFileRequired: the upload carried no file.
	CodeTemplateFileRequired = "template.file_required"
	// CodeTemplateTooLarge: the file is over MaxTemplateBytes (data: maxMB).
	CodeTemplateTooLarge = "template.too_large"
	// CodeTemplateSameFile: the very same PDF is already a template (data:
	// name of that template).
	CodeTemplateSameFile = "template.same_file"
	// CodeTemplateInUse: the template is associated with developments and
	// cannot be deleted (data: usedBy).
	CodeTemplateInUse = "template.in_use"
	// CodeTemplateFileMissing: the stored PDF is gone from the data folder.
	CodeTemplateFileMissing = "template.file_missing"
)

// MaxTemplateNameLen keeps names readable in lists and file names.
const MaxTemplateNameLen = 120

// MaxTemplateBytes is the largest template accepted: Clicksign refuses
// documents over 20 MB, and a merged envelope only grows from there.
const MaxTemplateBytes = 20 << 20

// ValidateTemplateName normalises a template name (inner spaces collapsed)
// and checks it: required, no "/", at most MaxTemplateNameLen characters, and
// different (ignoring letter case and accents' case) from every name in
// others. Problems are on field "name".
func ValidateTemplateName(name string, others []string) (string, error) {
	var inv Invalid
	n := cleanName(name)
	switch {
	case n == "":
		inv.Add(E(CodeRequired).OnField("name"))
	case strings.Contains(n, "/"):
		inv.Add(E(CodeTemplateNameSlash).OnField("name"))
	case utf8.RuneCountInString(n) > MaxTemplateNameLen:
		inv.Add(E("field.too_long", "max", MaxTemplateNameLen).OnField("name"))
	default:
		for _, o := range others {
			// EqualFold folds "Á" and "á" too, which SQLite's NOCASE does not.
			if strings.EqualFold(cleanName(o), n) {
				inv.Add(E(CodeDuplicate, "value", n).OnField("name"))
				break
			}
		}
	}
	return n, inv.Err()
}

// DataKey is one piece of reservation data Selo writes into template fields.
type DataKey struct {
	// Key is stable: generated contracts and saved settings refer to it.
	Key string `json:"key"`
	// Label is the pt-BR name shown on screen.
	Label string `json:"label"`
	// Group gathers keys on screen: titular, conjuge, associados, unidade,
	// venda, corretor.
	Group string `json:"group"`
	// Aliases are other field names that mean this key. They are compared
	// after normalisation (see MatchFields), so one spelling per wording is
	// enough: "nome do titular" also covers "NomeTitular" and "titular.nome".
	Aliases []string `json:"aliases"`
}

// MaxAssociates is how many associates (co-buyers) have numbered keys.
const MaxAssociates = 3

var dataKeys = buildDataKeys()

func buildDataKeys() []DataKey {
	keys := []DataKey{
		{Key: "titular_nome", Label: "Nome do titular", Group: "titular", Aliases: []string{"nome", "nome completo", "nome titular completo", "nome cliente", "nome comprador", "comprador", "titular", "cliente", "adquirente", "nome adquirente", "promitente comprador", "nome promitente comprador"}},
		{Key: "titular_cpf", Label: "CPF do titular", Group: "titular", Aliases: []string{"cpf", "cpf cliente", "cpf comprador", "cpf cnpj titular", "cpf cnpj", "documento titular"}},
		{Key: "titular_email", Label: "E-mail do titular", Group: "titular", Aliases: []string{"email", "e-mail", "email cliente", "email comprador"}},
		{Key: "titular_telefone", Label: "Telefone do titular", Group: "titular", Aliases: []string{"telefone", "celular", "fone", "telefone cliente", "celular titular", "whatsapp"}},
		{Key: "titular_endereco", Label: "Endereço do titular", Group: "titular", Aliases: []string{"endereco", "endereco completo", "endereco cliente", "endereco comprador", "endereco residencial", "residencia titular"}},
		{Key: "conjuge_nome", Label: "Nome do cônjuge", Group: "conjuge", Aliases: []string{"conjuge", "nome conjuge titular", "conjuge titular"}},
		{Key: "conjuge_cpf", Label: "CPF do cônjuge", Group: "conjuge", Aliases: []string{"cpf conjuge titular"}},
		{Key: "associados", Label: "Associados (todos os nomes)", Group: "associados", Aliases: []string{"nomes associados", "coadquirentes", "cocompradores", "associados nomes"}},
	}
	for i := 1; i <= MaxAssociates; i++ {
		n := string(rune('0' + i))
		keys = append(keys,
			DataKey{Key: "associado" + n + "_nome", Label: "Nome do associado " + n, Group: "associados", Aliases: []string{"associado " + n, "coadquirente " + n + " nome"}},
			DataKey{Key: "associado" + n + "_cpf", Label: "CPF do associado " + n, Group: "associados", Aliases: []string{"coadquirente " + n + " cpf"}},
			DataKey{Key: "associado" + n + "_email", Label: "E-mail do associado " + n, Group: "associados", Aliases: []string{"associado " + n + " e-mail"}},
			DataKey{Key: "associado" + n + "_telefone", Label: "Telefone do associado " + n, Group: "associados", Aliases: []string{"associado " + n + " celular"}},
		)
	}
	keys = append(keys,
		DataKey{Key: "unidade", Label: "Unidade", Group: "unidade", Aliases: []string{"numero unidade", "unidade numero", "apartamento", "apto", "lote"}},
		DataKey{Key: "bloco", Label: "Bloco", Group: "unidade", Aliases: []string{"torre", "quadra", "nome bloco"}},
		DataKey{Key: "etapa", Label: "Etapa", Group: "unidade", Aliases: []string{"fase", "nome etapa"}},
		DataKey{Key: "empreendimento", Label: "Empreendimento", Group: "unidade", Aliases: []string{"nome empreendimento", "condominio", "residencial"}},
		DataKey{Key: "valor", Label: "Valor", Group: "venda", Aliases: []string{"valor total", "valor venda", "valor imovel", "valor unidade", "preco", "preco total", "valor contrato"}},
		DataKey{Key: "data", Label: "Data do contrato", Group: "venda", Aliases: []string{"data contrato", "data reserva", "data emissao", "data documento", "data hoje"}},
		DataKey{Key: "corretor_nome", Label: "Nome do corretor", Group: "corretor", Aliases: []string{"corretor", "nome corretor responsavel", "corretor responsavel", "broker"}},
	)
	return keys
}

// DataKeys returns the reservation data keys Selo fills, in screen order.
// The slice is a copy: callers may keep or sort it.
func DataKeys() []DataKey {
	out := make([]DataKey, len(dataKeys))
	for i, k := range dataKeys {
		k.Aliases = append([]string(nil), k.Aliases...)
		out[i] = k
	}
	return out
}

// LookupDataKey returns the data key named key.
func LookupDataKey(key string) (DataKey, bool) {
	for _, k := range dataKeys {
		if k.Key == key {
			return k, true
		}
	}
	return DataKey{}, false
}

// aliasIndex maps a canonical field name to its data key. A canonical name
// claimed by two keys is a mistake in the list, caught by a test through
// aliasConflicts.
var aliasIndex, aliasConflicts = buildAliasIndex()

func buildAliasIndex() (map[string]string, []string) {
	idx := map[string]string{}
	var conflicts []string
	for _, k := range dataKeys {
		for _, a := range append([]string{k.Key}, k.Aliases...) {
			c := canonicalFieldName(a)
			if c == "" {
				continue
			}
			if other, ok := idx[c]; ok && other != k.Key {
				conflicts = append(conflicts, a+" ("+other+", "+k.Key+")")
				continue
			}
			idx[c] = k.Key
		}
	}
	return idx, conflicts
}

// MatchFields pairs template field names with the data key that fills each.
// Fields with no match are absent from the result. A name matches a key when
// both have the same words once normalised: letter case, accents,
// separators ("_", ".", "-", spaces, camelCase), word order, linking words
// (do, da, de...) and digits glued to words ("associado1") do not matter,
// and common fieldSynonyms are folded (comprador/cliente -> titular, celular ->
// telefone, e-mail -> email...). So "Titular_Nome", "nome do titular",
// "titular.nome" and "NomeDoTitular" all fill titular_nome, and
// "CPF_Comprador" fills titular_cpf.
//
// Matching only looks at names: the caller leaves out signature marks and
// fields that cannot hold text.
func MatchFields(fieldNames []string) map[string]string {
	out := map[string]string{}
	for _, f := range fieldNames {
		if k, ok := aliasIndex[canonicalFieldName(f)]; ok {
			out[f] = k
		}
	}
	return out
}

// fieldLinkWords carry no meaning in a field name.
var fieldLinkWords = map[string]bool{"do": true, "da": true, "de": true, "dos": true, "das": true, "o": true, "a": true, "e": true, "no": true, "na": true}

// fieldSynonyms fold words that mean the same in a contract to one.
var fieldSynonyms = map[string]string{
	"comprador": "titular", "compradora": "titular", "cliente": "titular", "adquirente": "titular",
	"proponente": "titular", "promitente": "titular", "contratante": "titular", "holder": "titular",
	"mail": "email", "tel": "telefone", "fone": "telefone", "phone": "telefone", "celular": "telefone",
	"whatsapp": "telefone", "cel": "telefone",
	"end": "endereco", "logradouro": "endereco", "address": "endereco",
	"name": "nome",
	"unid": "unidade", "un": "unidade", "unit": "unidade", "apartamento": "unidade", "apto": "unidade", "ap": "unidade",
	"conjugue": "conjuge", "esposa": "conjuge", "esposo": "conjuge", "spouse": "conjuge",
	"coadquirente": "associado", "cocomprador": "associado", "associate": "associado",
	"coadquirentes": "associados", "cocompradores": "associados",
	"corretora": "corretor", "price": "valor",
	"block": "bloco", "stage": "etapa", "development": "empreendimento",
	"n": "numero", "nº": "numero", "num": "numero", "nro": "numero",
}

// canonicalFieldName reduces a field name to its sorted meaningful words,
// joined by spaces. Words come from splitting at anything that is not a
// letter or digit, at lower-to-upper case changes and between letters and
// digits.
func canonicalFieldName(s string) string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	var prev rune
	for _, r := range s {
		r = foldFieldRune(r)
		switch {
		case unicode.IsLetter(r):
			if (unicode.IsUpper(r) && unicode.IsLower(prev)) || unicode.IsDigit(prev) {
				flush()
			}
			cur = append(cur, unicode.ToLower(r))
		case unicode.IsDigit(r):
			if unicode.IsLetter(prev) {
				flush()
			}
			cur = append(cur, r)
		default:
			flush()
		}
		prev = r
	}
	flush()
	var kept []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		// "e-mail" splits into "e" and "mail"; join it back before "e" is
		// dropped as a linking word.
		if w == "e" && i+1 < len(words) && words[i+1] == "mail" {
			kept = append(kept, "email")
			i++
			continue
		}
		if fieldLinkWords[w] {
			continue
		}
		if s, ok := fieldSynonyms[w]; ok {
			w = s
		}
		kept = append(kept, w)
	}
	sort.Strings(kept)
	return strings.Join(kept, " ")
}

// foldFieldRune maps the accented letters of Portuguese to their base letter,
// keeping case.
func foldFieldRune(r rune) rune {
	if r < 0xC0 {
		return r
	}
	if i := strings.IndexRune(fieldAccented, r); i >= 0 {
		return []rune(fieldUnaccented)[utf8.RuneCountInString(fieldAccented[:i])]
	}
	return r
}

const (
	fieldAccented   = "áàâãäÁÀÂÃÄéèêëÉÈÊËíìîïÍÌÎÏóòôõöÓÒÔÕÖúùûüÚÙÛÜçÇñÑ"
	fieldUnaccented = "aaaaaAAAAAeeeeEEEEiiiiIIIIoooooOOOOOuuuuUUUUcCnN"
)
