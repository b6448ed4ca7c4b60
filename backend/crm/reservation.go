package crm

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// ReservationStatus is a reserva's situação. The source CRM lets each office
// configure its workflow; Selo ships the situações every office has.
type ReservationStatus string

// Reservation situações.
const (
	ReservationInReview  ReservationStatus = "in_review" // Em análise
	ReservationApproved  ReservationStatus = "approved"  // Aprovada
	ReservationSold      ReservationStatus = "sold"      // Vendida
	ReservationCancelled ReservationStatus = "cancelled" // Cancelada
	ReservationExpired   ReservationStatus = "expired"   // Vencida
)

// Valid reports whether s is a known situação.
func (s ReservationStatus) Valid() bool {
	switch s {
	case ReservationInReview, ReservationApproved, ReservationSold, ReservationCancelled, ReservationExpired:
		return true
	}
	return false
}

// UnitStatus is what the reserved unit becomes under this situação: a
// cancelled or expired reservation frees the unit, a sale sells it.
func (s ReservationStatus) UnitStatus() UnitStatus {
	switch s {
	case ReservationSold:
		return UnitSold
	case ReservationCancelled, ReservationExpired:
		return UnitAvailable
	}
	return UnitReserved
}

// Open is true while the reservation holds its unit.
func (s ReservationStatus) Open() bool { return s.UnitStatus() != UnitAvailable }

// AssociateKind is the role of a person besides the titular.
type AssociateKind string

// Associate kinds.
const (
	AssociateSpouse    AssociateKind = "spouse"    // Cônjuge
	AssociateCoBuyer   AssociateKind = "cobuyer"   // Co-comprador
	AssociateGuarantor AssociateKind = "guarantor" // Fiador
)

// Valid reports whether k is a known kind.
func (k AssociateKind) Valid() bool {
	return k == AssociateSpouse || k == AssociateCoBuyer || k == AssociateGuarantor
}

// Person is a party of a reservation: the titular or an associado.
type Person struct {
	Name      string `json:"name"`
	CPF       string `json:"cpf"`
	Email     string `json:"email"`
	Phone1    string `json:"phone1"`
	Phone2    string `json:"phone2"`
	BirthDate string `json:"birthDate"` // YYYY-MM-DD
	Address   string `json:"address"`
}

// Associate is a person with their role in the reservation.
type Associate struct {
	Kind AssociateKind `json:"kind"`
	Person
}

// ReservationInput is the reservation form. Price stays text so "abc" is
// reported on its field.
type ReservationInput struct {
	ID         int64             `json:"id"`
	UnitID     int64             `json:"unitId"`
	BrokerID   int64             `json:"brokerId"`
	Price      string            `json:"price"`
	Status     ReservationStatus `json:"status"`
	Holder     Person            `json:"holder"`
	Associates []Associate       `json:"associates"`
	// Version is the Reservation.Version the form was read at (see
	// CodeConflict); 0 skips the check.
	Version int64 `json:"version"`
}

// Reservation is a reserva as stored.
type Reservation struct {
	ID              int64             `json:"id"`
	UnitID          int64             `json:"unitId"`
	UnitNumber      string            `json:"unitNumber"`
	BlockName       string            `json:"blockName"`
	StageName       string            `json:"stageName"`
	DevelopmentID   int64             `json:"developmentId"`
	DevelopmentName string            `json:"developmentName"`
	BrokerID        int64             `json:"brokerId"`
	BrokerName      string            `json:"brokerName"`
	PriceCents      int64             `json:"priceCents"`
	Status          ReservationStatus `json:"status"`
	Holder          Person            `json:"holder"`
	Associates      []Associate       `json:"associates"`
	CreatedAt       time.Time         `json:"createdAt" ts_type:"string"`
	UpdatedAt       time.Time         `json:"updatedAt" ts_type:"string"`
	// CreatedByName is who created it ("Criada por"), UpdatedByName who saved
	// it last; both "" when nobody was chosen on that desktop.
	CreatedByName string `json:"createdByName"`
	UpdatedByName string `json:"updatedByName"`
	// Version counts saves; the form sends it back (see CodeConflict).
	Version int64 `json:"version"`
}

// ReservationSummary is one row of the reservations list.
type ReservationSummary struct {
	ID              int64             `json:"id"`
	DevelopmentName string            `json:"developmentName"`
	BlockName       string            `json:"blockName"`
	UnitNumber      string            `json:"unitNumber"`
	HolderName      string            `json:"holderName"`
	HolderCPF       string            `json:"holderCpf"`
	BrokerName      string            `json:"brokerName"`
	PriceCents      int64             `json:"priceCents"`
	Status          ReservationStatus `json:"status"`
	CreatedAt       time.Time         `json:"createdAt" ts_type:"string"`
}

// ReservationFilter narrows the reservations list. Search matches the
// titular's name (ignoring accents and case) or CPF (digits, any format).
type ReservationFilter struct {
	DevelopmentID int64             `json:"developmentId"`
	Status        ReservationStatus `json:"status"`
	BrokerID      int64             `json:"brokerId"`
	Search        string            `json:"search"`
	Limit         int               `json:"limit"`
	Offset        int               `json:"offset"`
}

// ReservationPage is a page of the list with the total that matched.
type ReservationPage struct {
	Items []ReservationSummary `json:"items"`
	Total int                  `json:"total"`
}

// Reservation error codes.
const (
	CodeUnitUnavailable = "reservation.unit_unavailable"
	CodeCPFInvalid      = "signer.cpf_invalid"
	CodeEmailInvalid    = "signer.email_invalid"
	CodePhoneInvalid    = "signer.phone_invalid"
	CodeBirthInvalid    = "person.birth_date_invalid"
	CodeKindInvalid     = "person.kind_invalid"
	CodeStatusInvalid   = "reservation.status_invalid"
	CodeDuplicateCPF    = "reservation.duplicate_cpf"
)

// ValidateReservation normalises the form and lists every problem, with
// field paths like "holder.cpf" and "associates[1].email".
func ValidateReservation(in ReservationInput, today time.Time) (ReservationInput, int64, error) {
	var inv Invalid
	out := in
	if out.Status == "" {
		out.Status = ReservationInReview
	}
	if in.UnitID == 0 {
		inv.Add(E(CodeRequired).OnField("unitId"))
	}
	if !out.Status.Valid() {
		inv.Add(E(CodeStatusInvalid).OnField("status"))
	}
	price, err := ParseMoney(in.Price)
	switch {
	case err != nil:
		inv.Add(E(CodeMoneyInvalid).OnField("price"))
	case price <= 0:
		inv.Add(E(CodeRequired).OnField("price"))
	}
	out.Holder = normalizePerson(&inv, "holder", in.Holder, true, today)
	seen := map[string]string{}
	if d := cpfDigits(out.Holder.CPF); d != "" {
		seen[d] = "holder"
	}
	out.Associates = make([]Associate, 0, len(in.Associates))
	for i, a := range in.Associates {
		path := fmt.Sprintf("associates[%d]", i)
		if !a.Kind.Valid() {
			inv.Add(E(CodeKindInvalid).OnField(path + ".kind"))
		}
		a.Person = normalizePerson(&inv, path, a.Person, false, today)
		if d := cpfDigits(a.CPF); d != "" {
			if _, dup := seen[d]; dup {
				inv.Add(E(CodeDuplicateCPF).OnField(path + ".cpf"))
			}
			seen[d] = path
		}
		out.Associates = append(out.Associates, a)
	}
	return out, price, inv.Err()
}

// normalizePerson trims and formats a person's data. The titular needs name,
// a valid CPF, an e-mail and Telefone 1, because every contract and signature
// is about them; an associado needs a name, and whatever else is given must
// be valid.
func normalizePerson(inv *Invalid, path string, p Person, holder bool, today time.Time) Person {
	p.Name = cleanName(p.Name)
	p.Email = strings.ToLower(strings.TrimSpace(p.Email))
	p.Address = cleanName(p.Address)
	p.BirthDate = strings.TrimSpace(p.BirthDate)
	if p.Name == "" {
		inv.Add(E(CodeRequired).OnField(path + ".name"))
	}
	switch cpf := strings.TrimSpace(p.CPF); {
	case cpf == "" && holder:
		inv.Add(E(CodeRequired).OnField(path + ".cpf"))
	case cpf == "":
		p.CPF = ""
	case !ValidCPF(cpf):
		inv.Add(E(CodeCPFInvalid).OnField(path + ".cpf"))
	default:
		p.CPF = FormatCPF(cpf)
	}
	switch {
	case p.Email == "" && holder:
		inv.Add(E(CodeRequired).OnField(path + ".email"))
	case p.Email != "" && !ValidEmail(p.Email):
		inv.Add(E(CodeEmailInvalid).OnField(path + ".email"))
	}
	for i, ph := range []*string{&p.Phone1, &p.Phone2} {
		field := fmt.Sprintf("%s.phone%d", path, i+1)
		*ph = strings.TrimSpace(*ph)
		switch {
		case *ph == "" && holder && i == 0:
			inv.Add(E(CodeRequired).OnField(field))
		case *ph == "":
		default:
			n, ok := NormalizePhone(*ph)
			if !ok {
				inv.Add(E(CodePhoneInvalid).OnField(field))
			}
			*ph = n
		}
	}
	if p.BirthDate != "" {
		d, err := time.Parse("2006-01-02", p.BirthDate)
		if err != nil || d.After(today) || d.Year() < 1900 {
			inv.Add(E(CodeBirthInvalid).OnField(path + ".birthDate"))
		}
	}
	return p
}

// SearchKey folds text for search: lower case, no accents, digits and
// letters only, so "José" matches "jose" and "529.982.247-25" matches
// "52998224725".
func SearchKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := foldAccent[r]; ok {
			r = f
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' {
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

var foldAccent = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'é': 'e', 'ê': 'e', 'è': 'e', 'ë': 'e',
	'í': 'i', 'î': 'i', 'ì': 'i', 'ï': 'i', 'ó': 'o', 'ô': 'o', 'õ': 'o', 'ò': 'o', 'ö': 'o',
	'ú': 'u', 'û': 'u', 'ù': 'u', 'ü': 'u', 'ç': 'c', 'ñ': 'n',
}
