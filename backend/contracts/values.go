package contracts

import (
	"strconv"
	"strings"
	"time"
	// The zone database is embedded so "data" is Brasília time on Windows
	// too, where Go finds no zoneinfo of its own.
	_ "time/tzdata"

	"selo/backend/crm"
)

// brazil is the zone contract dates are written in.
var brazil = func() *time.Location {
	loc, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		// Without the zone, UTC-3 (Brazil has no daylight saving since 2019).
		return time.FixedZone("BRT", -3*60*60)
	}
	return loc
}()

// Values builds the value of every reservation data key (crm.DataKeys) from
// a reservation, its corretor's name and the current time. A key with no
// data (no spouse, a second associate that does not exist) maps to "" so
// the template field is written blank rather than keeping sample text.
//
// Associates are the co-buyers (kind cobuyer), the same people a rule of
// type "associate" makes sign; the spouse is the first associate of kind
// spouse.
func Values(r crm.Reservation, brokerName string, now time.Time) map[string]string {
	v := make(map[string]string, len(crm.DataKeys()))
	for _, k := range crm.DataKeys() {
		v[k.Key] = ""
	}
	h := r.Holder
	v["titular_nome"] = h.Name
	v["titular_cpf"] = h.CPF
	v["titular_email"] = h.Email
	v["titular_telefone"] = firstNonEmpty(h.Phone1, h.Phone2)
	v["titular_endereco"] = h.Address
	if sp, ok := spouse(r); ok {
		v["conjuge_nome"] = sp.Name
		v["conjuge_cpf"] = sp.CPF
	}
	co := associatesOf(r, crm.AssociateCoBuyer)
	names := make([]string, len(co))
	for i, a := range co {
		names[i] = a.Name
		if i < crm.MaxAssociates {
			n := strconv.Itoa(i + 1)
			v["associado"+n+"_nome"] = a.Name
			v["associado"+n+"_cpf"] = a.CPF
			v["associado"+n+"_email"] = a.Email
			v["associado"+n+"_telefone"] = firstNonEmpty(a.Phone1, a.Phone2)
		}
	}
	v["associados"] = strings.Join(names, ", ")
	v["unidade"] = r.UnitNumber
	v["bloco"] = r.BlockName
	v["etapa"] = r.StageName
	v["empreendimento"] = r.DevelopmentName
	v["valor"] = FormatBRL(r.PriceCents)
	v["data"] = now.In(brazil).Format("02/01/2006")
	v["corretor_nome"] = firstNonEmpty(brokerName, r.BrokerName)
	return v
}

// FormatBRL writes centavos as pt-BR currency text: "R$ 450.000,00".
func FormatBRL(cents int64) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	whole := strconv.FormatInt(cents/100, 10)
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(d)
	}
	frac := strconv.FormatInt(cents%100, 10)
	if len(frac) == 1 {
		frac = "0" + frac
	}
	sign := ""
	if neg {
		sign = "-"
	}
	return sign + "R$ " + b.String() + "," + frac
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func spouse(r crm.Reservation) (crm.Person, bool) {
	for _, a := range r.Associates {
		if a.Kind == crm.AssociateSpouse {
			return a.Person, true
		}
	}
	return crm.Person{}, false
}

func associatesOf(r crm.Reservation, kind crm.AssociateKind) []crm.Person {
	var out []crm.Person
	for _, a := range r.Associates {
		if a.Kind == kind {
			out = append(out, a.Person)
		}
	}
	return out
}
