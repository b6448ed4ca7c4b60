package crm

import (
	"testing"
	"time"
)

var today = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func validInput() ReservationInput {
	return ReservationInput{
		UnitID: 1, Price: "450.000,00",
		Holder:     Person{Name: " Maria  da Silva ", CPF: "52998224725", Email: "Maria@Example.com", Phone1: "(11) 98765-4321", BirthDate: "1990-05-20"},
		Associates: []Associate{{Kind: AssociateSpouse, Person: Person{Name: "João da Silva", CPF: "111.444.777-35", Phone1: "+55 11 91234-5678"}}},
	}
}

func TestValidateReservationNormalises(t *testing.T) {
	out, price, err := ValidateReservation(validInput(), today)
	if err != nil {
		t.Fatal(err)
	}
	if price != 45000000 || out.Status != ReservationInReview {
		t.Fatalf("price %d status %s", price, out.Status)
	}
	h := out.Holder
	if h.Name != "Maria da Silva" || h.CPF != "529.982.247-25" || h.Email != "maria@example.com" || h.Phone1 != "11987654321" {
		t.Fatalf("holder %+v", h)
	}
	if a := out.Associates[0]; a.CPF != "111.444.777-35" || a.Phone1 != "11912345678" {
		t.Fatalf("associate %+v", a)
	}
}

func TestValidateReservationListsEveryProblem(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*ReservationInput)
		field string
		code  string
	}{
		{"CPF with wrong check digits", func(in *ReservationInput) { in.Holder.CPF = "529.982.247-24" }, "holder.cpf", CodeCPFInvalid},
		{"CPF of repeated digits", func(in *ReservationInput) { in.Holder.CPF = "111.111.111-11" }, "holder.cpf", CodeCPFInvalid},
		{"titular without CPF", func(in *ReservationInput) { in.Holder.CPF = "" }, "holder.cpf", CodeRequired},
		{"titular without e-mail", func(in *ReservationInput) { in.Holder.Email = "" }, "holder.email", CodeRequired},
		{"bad e-mail", func(in *ReservationInput) { in.Holder.Email = "maria@" }, "holder.email", CodeEmailInvalid},
		{"titular without Telefone 1", func(in *ReservationInput) { in.Holder.Phone1 = "" }, "holder.phone1", CodeRequired},
		{"short phone", func(in *ReservationInput) { in.Holder.Phone2 = "9876-54" }, "holder.phone2", CodePhoneInvalid},
		{"birth date in the future", func(in *ReservationInput) { in.Holder.BirthDate = "2030-01-01" }, "holder.birthDate", CodeBirthInvalid},
		{"no unit", func(in *ReservationInput) { in.UnitID = 0 }, "unitId", CodeRequired},
		{"price abc", func(in *ReservationInput) { in.Price = "abc" }, "price", CodeMoneyInvalid},
		{"price zero", func(in *ReservationInput) { in.Price = "0" }, "price", CodeRequired},
		{"associado without name", func(in *ReservationInput) { in.Associates[0].Name = "" }, "associates[0].name", CodeRequired},
		{"associado with the titular's CPF", func(in *ReservationInput) { in.Associates[0].CPF = "529.982.247-25" }, "associates[0].cpf", CodeDuplicateCPF},
		{"unknown associado kind", func(in *ReservationInput) { in.Associates[0].Kind = "tio" }, "associates[0].kind", CodeKindInvalid},
		{"unknown situação", func(in *ReservationInput) { in.Status = "paused" }, "status", CodeStatusInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := validInput()
			tc.edit(&in)
			_, _, err := ValidateReservation(in, today)
			if f := fields(err); f[tc.field] != tc.code {
				t.Fatalf("problems %v, want %s on %s", f, tc.code, tc.field)
			}
		})
	}
}

func TestReservationStatusMovesTheUnit(t *testing.T) {
	cases := map[ReservationStatus]UnitStatus{
		ReservationInReview: UnitReserved, ReservationApproved: UnitReserved, ReservationSold: UnitSold,
		ReservationCancelled: UnitAvailable, ReservationExpired: UnitAvailable,
	}
	for s, want := range cases {
		if s.UnitStatus() != want {
			t.Errorf("%s -> %s, want %s", s, s.UnitStatus(), want)
		}
	}
}

func TestSearchKey(t *testing.T) {
	if SearchKey("  JOSÉ  da Conceição ") != "jose da conceicao" || SearchKey("529.982.247-25") != "52998224725" {
		t.Fatal(SearchKey("  JOSÉ  da Conceição "), SearchKey("529.982.247-25"))
	}
}
