package crm

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// UnitStatus is a unit's situação.
type UnitStatus string

// Unit situações.
const (
	UnitAvailable UnitStatus = "available" // disponível
	UnitReserved  UnitStatus = "reserved"  // reservada
	UnitSold      UnitStatus = "sold"      // vendida
	UnitBlocked   UnitStatus = "blocked"   // bloqueada
)

// Valid reports whether s is a known situação.
func (s UnitStatus) Valid() bool {
	switch s {
	case UnitAvailable, UnitReserved, UnitSold, UnitBlocked:
		return true
	}
	return false
}

// InUse is true for units a reservation or sale depends on: they cannot be
// deleted, nor can the block or stage holding them.
func (s UnitStatus) InUse() bool { return s == UnitReserved || s == UnitSold }

// Development is an empreendimento with its structure.
type Development struct {
	ID            int64    `json:"id"`
	Name          string   `json:"name"`
	City          string   `json:"city"`
	State         string   `json:"state"`
	Integrated    bool     `json:"integrated"`
	Provider      Provider `json:"provider"`
	IntegrationID int64    `json:"integrationId"`
	// IntegrationName is the chosen key's description, for lists.
	IntegrationName string         `json:"integrationName"`
	Archived        bool           `json:"archived"`
	Stages          []Stage        `json:"stages"`
	UnitCounts      map[string]int `json:"unitCounts"`
	CreatedAt       time.Time      `json:"createdAt" ts_type:"string"`
	// Version counts saves of the name/city/state form, which sends it back
	// (see CodeConflict); filled by Get. UpdatedByName is who saved last.
	Version       int64  `json:"version"`
	UpdatedByName string `json:"updatedByName"`
}

// Stage is an etapa.
type Stage struct {
	ID     int64   `json:"id"`
	Name   string  `json:"name"`
	Blocks []Block `json:"blocks"`
}

// Block is a bloco.
type Block struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Units []Unit `json:"units"`
}

// Unit is a unidade. Area is in hundredths of a square metre and price in
// centavos, so arithmetic stays exact.
type Unit struct {
	ID         int64      `json:"id"`
	BlockID    int64      `json:"blockId"`
	Number     string     `json:"number"`
	Floor      int        `json:"floor"`
	AreaCm2    int64      `json:"areaCm2"`
	PriceCents int64      `json:"priceCents"`
	Status     UnitStatus `json:"status"`
}

// DevelopmentInput is the create/edit form of a development.
type DevelopmentInput struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	City  string `json:"city"`
	State string `json:"state"`
	// Version is the Development.Version the form was read at; 0 skips the
	// check.
	Version int64 `json:"version"`
}

// DevelopmentSettings is Empreendimento → Configurações.
type DevelopmentSettings struct {
	ID            int64 `json:"id"`
	Integrated    bool  `json:"integrated"`
	IntegrationID int64 `json:"integrationId"`
}

// BulkUnitsInput creates a block's units in one go: "andares 1–12, 4
// unidades por andar" makes 101..104 up to 1201..1204. Numbers stay strings so
// the form can report "abc" on its field.
type BulkUnitsInput struct {
	BlockID       int64  `json:"blockId"`
	FloorFrom     string `json:"floorFrom"`
	FloorTo       string `json:"floorTo"`
	UnitsPerFloor string `json:"unitsPerFloor"`
	Area          string `json:"area"`
	Price         string `json:"price"`
}

// UnitInput creates or edits one unit.
type UnitInput struct {
	ID      int64      `json:"id"`
	BlockID int64      `json:"blockId"`
	Number  string     `json:"number"`
	Floor   string     `json:"floor"`
	Area    string     `json:"area"`
	Price   string     `json:"price"`
	Status  UnitStatus `json:"status"`
}

// Development error codes.
const (
	CodeIntegrationRequired = "development.integration_required"
	CodeStateInvalid        = "development.state_invalid"
	CodeUnitsOverlap        = "units.overlap"
	CodeTooManyUnits        = "units.too_many"
	CodeMoneyInvalid        = "field.money_invalid"
	CodeAreaInvalid         = "field.area_invalid"
	CodeFloorRange          = "units.floor_range"
	CodeArchived            = "development.archived"
	// CodeScopeInUse: an etapa, bloco or unidade cannot be deleted while a
	// contract scope names it or something inside it (data: where,
	// templates, count).
	CodeScopeInUse = "legal.scope_in_use"
)

// brazilianStates are the 27 UFs.
var brazilianStates = strings.Fields("AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO")

// MaxBulkUnits caps one bulk creation; a typo such as 4000 units per floor
// should be an error, not a freeze.
const MaxBulkUnits = 2000

func cleanName(s string) string { return strings.Join(strings.Fields(s), " ") }

// ValidateDevelopment normalises and checks the development form.
func ValidateDevelopment(in DevelopmentInput) (DevelopmentInput, error) {
	var inv Invalid
	out := DevelopmentInput{ID: in.ID, Version: in.Version, Name: cleanName(in.Name), City: cleanName(in.City), State: strings.ToUpper(strings.TrimSpace(in.State))}
	if out.Name == "" {
		inv.Add(E(CodeRequired).OnField("name"))
	} else if utf8.RuneCountInString(out.Name) > 120 {
		inv.Add(E("field.too_long", "max", 120).OnField("name"))
	}
	if out.State != "" && !contains(brazilianStates, out.State) {
		inv.Add(E(CodeStateInvalid).OnField("state"))
	}
	return out, inv.Err()
}

// ValidateSettings checks Empreendimento → Configurações: "Integrado API"
// needs a key.
func ValidateSettings(in DevelopmentSettings) error {
	if in.Integrated && in.IntegrationID == 0 {
		var inv Invalid
		inv.Add(E(CodeIntegrationRequired).OnField("integrationId"))
		return inv.Err()
	}
	return nil
}

// PlannedUnit is one unit a bulk creation will insert.
type PlannedUnit struct {
	Number string
	Floor  int
}

// BulkPlan is a validated bulk creation.
type BulkPlan struct {
	BlockID    int64
	Units      []PlannedUnit
	AreaCm2    int64
	PriceCents int64
}

// PlanBulkUnits validates the bulk form and lists the units it makes. Numbers
// are the floor followed by the position on two digits (101, 102, ... 1204).
func PlanBulkUnits(in BulkUnitsInput) (BulkPlan, error) {
	var inv Invalid
	plan := BulkPlan{BlockID: in.BlockID}
	from, okFrom := intField(&inv, "floorFrom", in.FloorFrom, 0, 300)
	to, okTo := intField(&inv, "floorTo", in.FloorTo, 0, 300)
	per, okPer := intField(&inv, "unitsPerFloor", in.UnitsPerFloor, 1, 99)
	if okFrom && okTo && to < from {
		inv.Add(E(CodeFloorRange).OnField("floorTo"))
	}
	area, err := ParseArea(in.Area)
	if err != nil {
		inv.Add(err.(*Error).OnField("area"))
	}
	price, err := ParseMoney(in.Price)
	if err != nil {
		inv.Add(err.(*Error).OnField("price"))
	}
	if okFrom && okTo && okPer && to >= from && (to-from+1)*per > MaxBulkUnits {
		inv.Add(E(CodeTooManyUnits, "max", MaxBulkUnits).OnField("unitsPerFloor"))
	}
	if err := inv.Err(); err != nil {
		return plan, err
	}
	plan.AreaCm2, plan.PriceCents = area, price
	for f := from; f <= to; f++ {
		for i := 1; i <= per; i++ {
			plan.Units = append(plan.Units, PlannedUnit{Number: fmt.Sprintf("%d%02d", f, i), Floor: f})
		}
	}
	return plan, nil
}

// ValidateUnit normalises the single-unit form.
func ValidateUnit(in UnitInput) (Unit, error) {
	var inv Invalid
	u := Unit{ID: in.ID, BlockID: in.BlockID, Number: strings.TrimSpace(in.Number), Status: in.Status}
	if u.Number == "" {
		inv.Add(E(CodeRequired).OnField("number"))
	}
	if strings.TrimSpace(in.Floor) != "" {
		u.Floor, _ = intField(&inv, "floor", in.Floor, -5, 300)
	}
	var err error
	if u.AreaCm2, err = ParseArea(in.Area); err != nil {
		inv.Add(err.(*Error).OnField("area"))
	}
	if u.PriceCents, err = ParseMoney(in.Price); err != nil {
		inv.Add(err.(*Error).OnField("price"))
	}
	if u.Status == "" {
		u.Status = UnitAvailable
	}
	if !u.Status.Valid() {
		inv.Add(E("unit.status_invalid").OnField("status"))
	}
	return u, inv.Err()
}

func intField(inv *Invalid, field, s string, min, max int) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		inv.Add(E(CodeRequired).OnField(field))
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		inv.Add(E(CodeNotANumber).OnField(field))
		return 0, false
	}
	if n < min || n > max {
		inv.Add(E(CodeOutOfRange, "min", min, "max", max).OnField(field))
		return 0, false
	}
	return n, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ParseMoney reads a BRL amount as typed in Brazil ("450.000,00",
// "R$ 1.234,5", "450000") into centavos. Empty is zero.
func ParseMoney(s string) (int64, error) {
	return parseDecimal(strings.TrimPrefix(strings.TrimSpace(strings.ReplaceAll(s, "R$", "")), " "), CodeMoneyInvalid)
}

// ParseArea reads an area in m² ("65,4", "120") into hundredths of m².
func ParseArea(s string) (int64, error) {
	return parseDecimal(strings.TrimSuffix(strings.TrimSpace(s), "m²"), CodeAreaInvalid)
}

// parseDecimal reads a pt-BR number with up to two decimals: "." groups
// thousands and "," marks decimals. A lone "." followed by one or two digits
// is read as a decimal point too, because that is how numbers are pasted
// from spreadsheets set to English.
func parseDecimal(s, code string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	intPart, frac := s, ""
	if i := strings.LastIndexByte(s, ','); i >= 0 {
		intPart, frac = s[:i], s[i+1:]
		intPart = strings.ReplaceAll(intPart, ".", "")
	} else if i := strings.LastIndexByte(s, '.'); i >= 0 && len(s)-i-1 <= 2 && strings.Count(s, ".") == 1 {
		intPart, frac = s[:i], s[i+1:]
	} else {
		intPart = strings.ReplaceAll(s, ".", "")
	}
	if intPart == "" || len(frac) > 2 || !digits(intPart) || !digits(frac) || len(intPart) > 13 {
		return 0, E(code)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	n, err := strconv.ParseInt(intPart+frac, 10, 64)
	if err != nil {
		return 0, E(code)
	}
	return n, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
