package board

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"selo/backend/signing"
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
			State: signing.StateRunning,
			// 01:30 UTC is still the previous day in Brasília.
			SentAt: time.Date(2026, 3, 1, 1, 30, 0, 0, time.UTC), DeadlineAt: now.Add(50 * time.Hour), DaysLeft: 3,
			Missing: []MissingSigner{
				{Name: "João da Silva", Since: time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC)},
				{Name: "Tânia Testemunha", Waiting: true},
			},
		},
		{
			ReservationID: 13, ClientName: "=cmd|' /C calc'!A0", DevelopmentName: "Jardins", UnitNumber: "7",
			EnvelopeName: "Contratos", State: signing.StateRefused, SentAt: now, DeadlineAt: now.AddDate(0, 0, 15), DaysLeft: 15,
			Refusal: &Refusal{SignerName: "Pedro", Reason: "Valor errado.\nRefazer o contrato", At: now},
		},
		{ReservationID: 14, State: signing.StateFinished, SentAt: now, DeadlineAt: now.AddDate(0, 0, -1), DaysLeft: -1},
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
		{ID: "f", State: signing.StateFinished, SentAt: now.AddDate(0, 0, -30)},
		{ID: "r2", State: signing.StateRunning, SentAt: now.AddDate(0, 0, -1)},
		{ID: "x", State: signing.StateRefused, SentAt: now.AddDate(0, 0, -3)},
		{ID: "r1", State: signing.StateRunning, SentAt: now.AddDate(0, 0, -2)},
		{ID: "v", State: signing.StateExpired, SentAt: now.AddDate(0, 0, -20)},
		{ID: "c", State: signing.StateCanceled, SentAt: now.AddDate(0, 0, -20)},
	}}
	var got []string
	for _, r := range Report(facts, now) {
		got = append(got, r.EnvelopeID)
	}
	if strings.Join(got, ",") != "r1,r2,x,v,c,f" {
		t.Fatalf("order = %v", got)
	}
}
