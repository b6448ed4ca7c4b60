package demo

import "fmt"

// The sample office. Every name a user sees ends with "(exemplo)" so the
// sample is never mistaken for real data; e-mails use example.com (reserved
// for examples) and phones the (19) 90000 range, so nothing reaches a real
// person.

const (
	integrationName = "Simulador local (exemplo)"
	developmentName = "Residencial Jardim das Acácias (exemplo)"
	stageName       = "Fase 1"
	promessaName    = "Promessa de compra e venda (exemplo)"
	annexName       = "Anexo I — Memorial descritivo (exemplo)"
	brokerName      = "Paulo Henrique Siqueira (exemplo)"
	brokerEmail     = "corretor.exemplo@example.com"
)

// unitSpec is one unit of the sample development.
type unitSpec struct {
	block  string
	number string
	floor  int
	area   int64 // hundredths of m²
	price  int64 // centavos
}

// sampleUnits: Bloco A and Bloco B, three floors of two units each, the
// "01" units larger and dearer, prices rising with the floor.
func sampleUnits() []unitSpec {
	var out []unitSpec
	for bi, block := range []string{"Bloco A", "Bloco B"} {
		for floor := 1; floor <= 3; floor++ {
			for u := 1; u <= 2; u++ {
				area, price := int64(7215), int64(485_000_00)
				if u == 2 {
					area, price = 5840, 389_000_00
				}
				price += int64(floor-1)*6_500_00 + int64(bi)*3_000_00
				out = append(out, unitSpec{block: block, number: fmt.Sprintf("%d0%d", floor, u), floor: floor, area: area, price: price})
			}
		}
	}
	return out
}

// person is a party of a sample reservation.
type person struct {
	name, cpfSeed, email, phone, birth, address string
}

// reservationSpec is one sample reservation.
type reservationSpec struct {
	block, unit string
	status      string
	holder      person
	spouse      *person
}

func sampleReservations() []reservationSpec {
	return []reservationSpec{
		{block: "Bloco A", unit: "101", status: "in_review",
			holder: person{"Mariana Alves Rocha (exemplo)", "304918276", "mariana.rocha@example.com", "(19) 90000-0101", "1988-03-14",
				"Rua das Paineiras, 120, apto 32, Cambuí, Campinas/SP (exemplo)"},
			spouse: &person{"Rafael Costa Rocha (exemplo)", "518273640", "rafael.rocha@example.com", "(19) 90000-0102", "1986-11-02",
				"Rua das Paineiras, 120, apto 32, Cambuí, Campinas/SP (exemplo)"}},
		{block: "Bloco A", unit: "202", status: "approved",
			holder: person{"Carlos Eduardo Nunes (exemplo)", "627384015", "carlos.nunes@example.com", "(19) 90000-0201", "1979-07-21",
				"Avenida Orosimbo Maia, 455, Centro, Campinas/SP (exemplo)"}},
		{block: "Bloco B", unit: "301", status: "in_review",
			holder: person{"Juliana Pereira Santos (exemplo)", "739150428", "juliana.santos@example.com", "(19) 90000-0301", "1993-01-30",
				"Rua Barão de Jaguara, 900, Centro, Campinas/SP (exemplo)"}},
	}
}

// witness is the fixed Testemunha of the sample's signer rules.
var witness = person{name: "Beatriz Lima Ferreira (exemplo)", cpfSeed: "846205913", email: "testemunha.exemplo@example.com",
	phone: "(19) 90000-0901"}

// cpfFromSeed completes nine base digits with the two CPF check digits, so
// the sample passes every CPF check without borrowing a real person's CPF
// from anywhere. The result is formatted 000.000.000-00.
func cpfFromSeed(seed string) string {
	d := make([]int, 0, 11)
	for _, r := range seed {
		d = append(d, int(r-'0'))
	}
	for n := 9; n <= 10; n++ {
		sum := 0
		for i := 0; i < n; i++ {
			sum += d[i] * (n + 1 - i)
		}
		c := sum * 10 % 11
		if c == 10 {
			c = 0
		}
		d = append(d, c)
	}
	s := ""
	for _, x := range d {
		s += string(rune('0' + x))
	}
	return s[0:3] + "." + s[3:6] + "." + s[6:9] + "-" + s[9:11]
}
