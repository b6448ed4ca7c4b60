package board

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

	"selo/backend/crm"
)

// bom makes Excel read the file as UTF-8; without it accents arrive as
// "JosÃ©" on a pt-BR Windows.
const bom = "\ufeff"

// Header is the CSV's first line, in Portuguese.
var Header = []string{
	"Reserva", "Cliente", "Empreendimento", "Unidade", "Corretor", "Envio", "Situação", "Enviado em", "Prazo",
	"Dias restantes", "Faltam assinar", "Aguardando desde", "Recusado por", "Motivo da recusa", "Recusado em",
}

// stateLabel is the Situação column, as the screens name the states.
var stateLabel = map[crm.EnvelopeState]string{
	crm.EnvelopeRunning:  "Em andamento",
	crm.EnvelopeFinished: "Finalizado",
	crm.EnvelopeCanceled: "Cancelado",
	crm.EnvelopeExpired:  "Prazo vencido",
	crm.EnvelopeRefused:  "Recusado",
}

// CSV writes rows the way a pt-BR spreadsheet opens them without a wizard:
// ";" between fields (the comma is the decimal separator there), UTF-8 with
// a BOM, CRLF line ends, dates as dd/mm/aaaa. Fields holding ";", quotes or
// line breaks are quoted by encoding/csv.
//
// Every row is an envelope (see Report), running or not, with its Situação:
// the waiting list is the "Em andamento" rows, and the rest lets the same
// file answer "what happened this month" once filtered in the spreadsheet.
func CSV(rows []Row) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(bom)
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.UseCRLF = true
	if err := w.Write(Header); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if err := w.Write(record(r)); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func record(r Row) []string {
	label, ok := stateLabel[r.State]
	if !ok {
		label = string(r.State)
	}
	days := ""
	if r.State == crm.EnvelopeRunning && !r.DeadlineAt.IsZero() {
		days = strconv.Itoa(r.DaysLeft)
	}
	var names []string
	var since string
	for _, m := range r.Missing {
		if m.Waiting {
			names = append(names, m.Name+" (aguardando a vez)")
			continue
		}
		names = append(names, m.Name)
		// Missing is in order, so the first asked signer is the oldest.
		if since == "" {
			since = Day(m.Since)
		}
	}
	var by, reason, refused string
	if r.Refusal != nil {
		by, reason, refused = r.Refusal.SignerName, r.Refusal.Reason, Day(r.Refusal.At)
	}
	unit := r.UnitNumber
	if r.BlockName != "" {
		unit = r.BlockName + " · " + r.UnitNumber
	}
	// Numbers and dates are written by us; everything else was typed by
	// someone (a client's name, a refusal reason) and goes through Text.
	return []string{
		strconv.FormatInt(r.ReservationID, 10), Text(r.ClientName), Text(r.DevelopmentName), Text(unit),
		Text(r.BrokerName), Text(r.EnvelopeName), label, Day(r.SentAt), Day(r.DeadlineAt), days,
		Text(strings.Join(names, ", ")), since, Text(by), Text(reason), refused,
	}
}

// Text neutralises CSV formula injection: a spreadsheet runs a cell that
// starts with = + - @ (or a tab or carriage return, which some strip before
// looking) as a formula, so a refusal reason typed as "=HYPERLINK(...)"
// would become a live link. A leading apostrophe makes it plain text, and
// Excel hides the apostrophe.
func Text(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
