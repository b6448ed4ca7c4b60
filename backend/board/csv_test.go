package board

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"time"

	"selo/backend/crm"
)

func TestTextNeutralisesFormulas(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\";\"clique\")", "'=HYPERLINK(\"http://x\";\"clique\")"},
		{"+55 11 98765-4321", "'+55 11 98765-4321"},
		{"-1+1", "'-1+1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"Maria da Silva", "Maria da Silva"},
		{"Dados errados = refazer", "Dados errados = refazer"},
		{"José-Carlos", "José-Carlos"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// readBack parses the file as a spreadsheet would, after checking the bytes
// a pt-BR Excel relies on.
func readBack(t *testing.T, data []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("no UTF-8 BOM: % x", data[:min(len(data), 8)])
	}
	r := csv.NewReader(bytes.NewReader(data[3:]))
	r.Comma = ';'
	r.FieldsPerRecord = len(Header)
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestCSVFile(t *testing.T) {
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	rows := []Row{
		{
			ReservationID: 12, ClientName: "Maria \"Mari\" da Silva", DevelopmentName: "Residencial Ipê; Fase 2",
			BlockName: "Bloco A", UnitNumber: "101", BrokerName: "Carla Corretora", EnvelopeName: "Contratos da reserva 12",
			State: crm.EnvelopeRunning,
			// 01:30 UTC is still the previous day in Brasília.
			SentAt: time.Date(2026, 3, 1, 1, 30, 0, 0, time.UTC), DeadlineAt: now.Add(50 * time.Hour), DaysLeft: 3,
			Missing: []MissingSigner{
				{Name: "João da Silva", Since: time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC)},
				{Name: "Tânia Testemunha", Waiting: true},
			},
		},
		{
			ReservationID: 13, ClientName: "=cmd|' /C calc'!A0", DevelopmentName: "Jardins", UnitNumber: "7",
			EnvelopeName: "Contratos", State: crm.EnvelopeRefused, SentAt: now, DeadlineAt: now.AddDate(0, 0, 15), DaysLeft: 15,
			Refusal: &Refusal{SignerName: "Pedro", Reason: "Valor errado.\nRefazer o contrato", At: now},
		},
		{ReservationID: 14, State: crm.EnvelopeFinished, SentAt: now, DeadlineAt: now.AddDate(0, 0, -1), DaysLeft: -1},
	}
	data, err := CSV(rows)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("\r\n")) {
		t.Error("lines must end in CRLF for Windows spreadsheets")
	}
	recs := readBack(t, data)
	if len(recs) != 4 {
		t.Fatalf("%d records, want header + 3", len(recs))
	}
	if strings.Join(recs[0], "|") != strings.Join(Header, "|") || recs[0][6] != "Situação" {
		t.Fatalf("header = %v", recs[0])
	}
	col := func(rec []string, name string) string {
		for i, h := range Header {
			if h == name {
				return rec[i]
			}
		}
		t.Fatalf("no column %q", name)
		return ""
	}
	running, refused, finished := recs[1], recs[2], recs[3]
	checks := []struct{ got, want string }{
		{col(running, "Reserva"), "12"},
		{col(running, "Cliente"), "Maria \"Mari\" da Silva"},
		{col(running, "Empreendimento"), "Residencial Ipê; Fase 2"},
		{col(running, "Unidade"), "Bloco A · 101"},
		{col(running, "Situação"), "Em andamento"},
		{col(running, "Enviado em"), "28/02/2026"},
		{col(running, "Prazo"), "12/03/2026"},
		{col(running, "Dias restantes"), "3"},
		{col(running, "Faltam assinar"), "João da Silva, Tânia Testemunha (aguardando a vez)"},
		{col(running, "Aguardando desde"), "02/03/2026"},
		{col(running, "Recusado por"), ""},
		{col(refused, "Cliente"), "'=cmd|' /C calc'!A0"},
		{col(refused, "Unidade"), "7"},
		{col(refused, "Situação"), "Recusado"},
		{col(refused, "Dias restantes"), ""},
		{col(refused, "Recusado por"), "Pedro"},
		// Line ends inside a quoted field come back as written (CRLF).
		{strings.ReplaceAll(col(refused, "Motivo da recusa"), "\r\n", "\n"), "Valor errado.\nRefazer o contrato"},
		{col(refused, "Recusado em"), "10/03/2026"},
		{col(finished, "Situação"), "Finalizado"},
		{col(finished, "Corretor"), ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	// The raw bytes quote what needs it and nothing else.
	text := string(data)
	for _, want := range []string{`"Maria ""Mari"" da Silva"`, `"Residencial Ipê; Fase 2"`, "\r\n14;;;;;;Finalizado;10/03/2026;09/03/2026;;;;;;\r\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("file lacks %q:\n%s", want, text)
		}
	}
}

func TestCSVOfNothingIsTheHeader(t *testing.T) {
	data, err := CSV(nil)
	if err != nil {
		t.Fatal(err)
	}
	if recs := readBack(t, data); len(recs) != 1 {
		t.Fatalf("records = %v", recs)
	}
}

func TestReportPutsWhatNeedsActionFirst(t *testing.T) {
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	facts := Facts{Envelopes: []Envelope{
		{ID: "f", State: crm.EnvelopeFinished, SentAt: now.AddDate(0, 0, -30)},
		{ID: "r2", State: crm.EnvelopeRunning, SentAt: now.AddDate(0, 0, -1)},
		{ID: "x", State: crm.EnvelopeRefused, SentAt: now.AddDate(0, 0, -3)},
		{ID: "r1", State: crm.EnvelopeRunning, SentAt: now.AddDate(0, 0, -2)},
		{ID: "v", State: crm.EnvelopeExpired, SentAt: now.AddDate(0, 0, -20)},
		{ID: "c", State: crm.EnvelopeCanceled, SentAt: now.AddDate(0, 0, -20)},
	}}
	var got []string
	for _, r := range Report(facts, now) {
		got = append(got, r.EnvelopeID)
	}
	if strings.Join(got, ",") != "r1,r2,x,v,c,f" {
		t.Fatalf("order = %v", got)
	}
}

// "Aguardando desde" is when the signers whose turn it is were asked to
// sign, as the board's rule (and Clicksign's order, reference §4.4) has it:
// the first order from the send; a later order from the last signature of
// the order before it, since Clicksign invites an order only once the one
// before has all signed. So not the first signature of that order, not a
// signature of the current order, not a signer still waiting for their
// turn, and not the send when an earlier order held it up. Days are
// Brasília's, and the file says what the Painel shows beside each name.
func TestCSVWaitingSinceIsWhenTheCurrentOrderWasAsked(t *testing.T) {
	now := brt(2026, 3, 10, 12, 0)
	signed := func(name string, group int, at time.Time) Signer {
		return Signer{Name: name, Group: group, State: crm.SignerSigned, At: at}
	}
	pending := func(name string, group int) Signer {
		return Signer{Name: name, Group: group, State: crm.SignerPending}
	}
	facts := Facts{Envelopes: []Envelope{
		{
			// Listed out of order, as positions may be: the order decides.
			ID: "second-order", ReservationID: 1, State: crm.EnvelopeRunning, SentAt: brt(2026, 3, 1, 9, 0),
			Signers: []Signer{
				pending("Tânia Testemunha", 3),
				signed("Maria", 1, brt(2026, 3, 2, 10, 0)),
				signed("Carla", 2, brt(2026, 3, 5, 23, 30)),
				signed("João", 1, brt(2026, 3, 4, 18, 0)),
				pending("Pedro", 2),
			},
		},
		{
			// Sent late in the evening: still that day in Brasília, the next in UTC.
			ID: "first-order", ReservationID: 2, State: crm.EnvelopeRunning, SentAt: brt(2026, 3, 1, 23, 30),
			Signers: []Signer{pending("Ana", 2), signed("Bia", 1, brt(2026, 3, 3, 8, 0)), pending("Caio", 1)},
		},
		{
			ID: "third-order", ReservationID: 3, State: crm.EnvelopeRunning, SentAt: brt(2026, 3, 1, 9, 0),
			Signers: []Signer{signed("Rui", 1, brt(2026, 3, 2, 9, 0)), signed("Sara", 2, brt(2026, 3, 5, 23, 30)),
				{Name: "Tito", Group: 3, State: crm.SignerWaiting}},
		},
	}}
	want := map[string]string{"second-order": "04/03/2026", "first-order": "01/03/2026", "third-order": "05/03/2026"}

	data, err := CSV(Report(facts, now))
	if err != nil {
		t.Fatal(err)
	}
	recs := readBack(t, data)
	col := map[string]int{}
	for i, h := range Header {
		col[h] = i
	}
	byReservation := map[string][]string{}
	for _, r := range recs[1:] {
		byReservation[r[col["Reserva"]]] = r
	}
	screen := map[string]string{}
	for _, r := range Build(facts, now).Waiting {
		for _, m := range r.Missing {
			if !m.Waiting {
				screen[r.EnvelopeID] = Day(m.Since)
				break
			}
		}
	}
	for _, e := range facts.Envelopes {
		got := byReservation[strconv.FormatInt(e.ReservationID, 10)][col["Aguardando desde"]]
		if got != want[e.ID] {
			t.Errorf("%s: Aguardando desde = %q, want %q", e.ID, got, want[e.ID])
		}
		if screen[e.ID] != got {
			t.Errorf("%s: the Painel shows %q beside the signer, the CSV %q", e.ID, screen[e.ID], got)
		}
	}
	if got := byReservation["1"][col["Faltam assinar"]]; got != "Tânia Testemunha (aguardando a vez), Pedro" {
		t.Errorf("Faltam assinar = %q", got)
	}
}
