package crm

import "testing"

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"450.000,00", 45000000, true},
		{"R$ 1.234,5", 123450, true},
		{"450000", 45000000, true},
		{"450000.50", 45000050, true},
		{"1.250.000", 125000000, true},
		{"", 0, true},
		{"abc", 0, false},
		{"1,234,5", 0, false},
		{"12,345", 0, false},
		{"-10", 0, false},
	}
	for _, tc := range tests {
		got, err := ParseMoney(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestParseArea(t *testing.T) {
	if got, err := ParseArea("65,4"); err != nil || got != 6540 {
		t.Fatalf("ParseArea = %d, %v", got, err)
	}
	if _, err := ParseArea("sessenta"); err == nil {
		t.Fatal("text area accepted")
	}
}

func TestPlanBulkUnits(t *testing.T) {
	plan, err := PlanBulkUnits(BulkUnitsInput{BlockID: 1, FloorFrom: "1", FloorTo: "12", UnitsPerFloor: "4", Area: "65,40", Price: "450.000,00"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Units) != 48 || plan.Units[0].Number != "101" || plan.Units[3].Number != "104" || plan.Units[47].Number != "1204" || plan.Units[47].Floor != 12 {
		t.Fatalf("plan: %d units, first %v, last %v", len(plan.Units), plan.Units[0], plan.Units[len(plan.Units)-1])
	}
	if plan.AreaCm2 != 6540 || plan.PriceCents != 45000000 {
		t.Fatalf("area %d price %d", plan.AreaCm2, plan.PriceCents)
	}

	bad := []struct {
		name  string
		in    BulkUnitsInput
		field string
		code  string
	}{
		{"floors reversed", BulkUnitsInput{FloorFrom: "5", FloorTo: "2", UnitsPerFloor: "4"}, "floorTo", CodeFloorRange},
		{"no units per floor", BulkUnitsInput{FloorFrom: "1", FloorTo: "2", UnitsPerFloor: "0"}, "unitsPerFloor", CodeOutOfRange},
		{"text floor", BulkUnitsInput{FloorFrom: "um", FloorTo: "2", UnitsPerFloor: "4"}, "floorFrom", CodeNotANumber},
		{"too many", BulkUnitsInput{FloorFrom: "1", FloorTo: "300", UnitsPerFloor: "99"}, "unitsPerFloor", CodeTooManyUnits},
		{"bad price", BulkUnitsInput{FloorFrom: "1", FloorTo: "1", UnitsPerFloor: "1", Price: "muito"}, "price", CodeMoneyInvalid},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := PlanBulkUnits(tc.in)
			if f := fields(err); f[tc.field] != tc.code {
				t.Fatalf("problems %v, want %s on %s", f, tc.code, tc.field)
			}
		})
	}
}

func TestValidateDevelopmentAndSettings(t *testing.T) {
	got, err := ValidateDevelopment(DevelopmentInput{Name: "  Residencial   Jardim ", City: "Campinas", State: "sp"})
	if err != nil || got.Name != "Residencial Jardim" || got.State != "SP" {
		t.Fatalf("got %+v, %v", got, err)
	}
	if f := fields(mustErr(ValidateDevelopment(DevelopmentInput{Name: "", State: "XX"}))); f["name"] != CodeRequired || f["state"] != CodeStateInvalid {
		t.Fatalf("problems %v", f)
	}
	if f := fields(ValidateSettings(DevelopmentSettings{ID: 1, Integrated: true})); f["integrationId"] != CodeIntegrationRequired {
		t.Fatalf("integrated without key: %v", f)
	}
	if ValidateSettings(DevelopmentSettings{ID: 1, Integrated: false}) != nil {
		t.Fatal("a development need not be integrated")
	}
}

func mustErr(_ DevelopmentInput, err error) error { return err }

func TestValidateUnit(t *testing.T) {
	u, err := ValidateUnit(UnitInput{BlockID: 1, Number: " 101 ", Floor: "1", Area: "70", Price: "500.000"})
	if err != nil || u.Number != "101" || u.Status != UnitAvailable || u.PriceCents != 50000000 {
		t.Fatalf("unit %+v, %v", u, err)
	}
	if f := fields(func() error { _, e := ValidateUnit(UnitInput{Status: "demolida"}); return e }()); f["number"] != CodeRequired || f["status"] != "unit.status_invalid" {
		t.Fatalf("problems %v", f)
	}
}
