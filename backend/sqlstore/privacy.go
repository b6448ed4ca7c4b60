package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"selo/backend/crm"
	"selo/backend/privacy"
)

// Privacy is the LGPD store: where a person appears, their anonymisation in
// one transaction, the access log and lead retention (privacy.Store).
type Privacy struct {
	db *DB
	// afterWrite, when set (tests), runs after each write of an
	// anonymisation; an error it returns aborts the transaction there, as
	// a crash would.
	afterWrite func(n int) error
}

// Privacy returns the LGPD store.
func (db *DB) Privacy() *Privacy { return &Privacy{db: db} }

var _ privacy.Store = (*Privacy)(nil)

// AnonymisedName replaces a person's name wherever it is anonymised: the
// LGPD's "titular" (the data subject), not the reservation's.
const AnonymisedName = "Titular anonimizado"

// anonymisedMessage replaces each line of an anonymised chat.
const anonymisedMessage = "[mensagem removida por anonimização]"

// anonymisedBody replaces a raw JivoChat delivery; its key and hash stay,
// so a redelivery is still recognised.
var anonymisedBody = []byte(`{"anonimizado":true}`)

// retentionClaim is the settings key holding when the last retention pass
// ran, the claim that keeps it to one PC a day in an office.
const retentionClaim = "privacy.retention_last_run"

// Setting reads one office setting.
func (s *Privacy) Setting(ctx context.Context, key string) (string, bool, error) {
	return s.db.Setting(ctx, key)
}

// SetSetting writes one office setting.
func (s *Privacy) SetSetting(ctx context.Context, key, value string) error {
	return s.db.SetSetting(ctx, key, value)
}

// Find lists every place key appears in.
func (s *Privacy) Find(ctx context.Context, key privacy.Key) ([]privacy.Place, error) {
	return s.find(ctx, s.db, key)
}

// match is how a key is looked for in one kind of column.
type match struct{ key privacy.Key }

// values lists the stored spellings of the key: CPF formatted and bare,
// e-mail as is, phone national, with 55 and in E.164.
func (m match) values() []any {
	switch m.key.Kind {
	case privacy.KeyCPF:
		return []any{m.key.FormattedCPF(), m.key.Value}
	case privacy.KeyPhone:
		return []any{m.key.Value, "55" + m.key.Value, m.key.E164()}
	}
	return []any{m.key.Value}
}

// in renders "col IN (?, ?)" (lower-cased for e-mail) and its arguments.
func (m match) in(col string) (string, []any) {
	v := m.values()
	if m.key.Kind == privacy.KeyEmail {
		col = "lower(" + col + ")"
	}
	return col + " IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(v)), ", ") + ")", v
}

// like renders a text search for the key anywhere in col (transcripts, raw
// bodies, JSON), with its arguments.
func (m match) like(col string) (string, []any) {
	var conds []string
	var args []any
	for _, v := range m.values() {
		conds = append(conds, "lower("+col+`) LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscape(v.(string))+"%")
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// person reports whether a stored person's CPF, e-mail or phone is the key,
// however it was typed.
func (m match) person(p crm.FixedPerson) bool {
	switch m.key.Kind {
	case privacy.KeyCPF:
		return crm.ValidCPF(p.CPF) && strings.ReplaceAll(strings.ReplaceAll(p.CPF, ".", ""), "-", "") == m.key.Value
	case privacy.KeyEmail:
		return strings.EqualFold(strings.TrimSpace(p.Email), m.key.Value)
	case privacy.KeyPhone:
		ph, ok := crm.ParseChatPhone(p.Phone)
		return ok && ph.Number == m.key.Value
	}
	return false
}

// prefix renders the candidate filter for a column holding a phone as
// typed: its last four digits, then Go reads the whole number.
func (m match) phoneTail() string { return "%" + m.key.Value[len(m.key.Value)-4:] + "%" }

func (s *Privacy) find(ctx context.Context, q querier, key privacy.Key) ([]privacy.Place, error) {
	m := match{key}
	var out []privacy.Place
	steps := []func(context.Context, querier, match) ([]privacy.Place, error){
		s.findReservations, s.findSends, s.findEnvelopeSigners, s.findSignerRules, s.findLeads, s.findUsers,
	}
	for _, step := range steps {
		ps, err := step(ctx, q, m)
		if err != nil {
			return nil, err
		}
		out = append(out, ps...)
	}
	return out, nil
}

// signedReservation is true when the reservation has a signed contract or
// a finished envelope.
const signedReservation = `(EXISTS (SELECT 1 FROM reservation_contracts sc WHERE sc.reservation_id = r.id AND sc.signed_at <> '')
	OR EXISTS (SELECT 1 FROM envelopes se WHERE se.reservation_id = r.id AND se.state = 'finalizado'))`

func reservationTitle(id int64, dev, block, unit string) string {
	return fmt.Sprintf("Reserva %d · %s · %s %s", id, dev, block, unit)
}

func (s *Privacy) findReservations(ctx context.Context, q querier, m match) ([]privacy.Place, error) {
	var cond string
	var args []any
	switch m.key.Kind {
	case privacy.KeyCPF:
		c1, a1 := m.in("p.cpf")
		c2, a2 := m.in("r.holder_cpf")
		cond, args = "("+c1+" OR (p.role = 'holder' AND "+c2+"))", append(a1, a2...)
	case privacy.KeyEmail:
		cond, args = m.in("p.email")
	case privacy.KeyPhone:
		c1, a1 := m.in("p.phone1")
		c2, a2 := m.in("p.phone2")
		cond, args = "("+c1+" OR "+c2+")", append(a1, a2...)
	}
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.role, p.name, p.cpf, p.email, p.phone1, p.phone2, p.birth_date, p.address,
		r.id, r.status, r.created_at, d.name, b.name, u.number, `+signedReservation+`
		FROM reservation_people p JOIN reservations r ON r.id = p.reservation_id
		JOIN units u ON u.id = r.unit_id JOIN blocks b ON b.id = u.block_id JOIN developments d ON d.id = r.development_id
		WHERE `+cond+` ORDER BY r.id, p.position`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []privacy.Place
	var resIDs []int64
	titles := map[int64]string{}
	signed := map[int64]bool{}
	for rows.Next() {
		var id, resID int64
		var role, name, cpf, email, p1, p2, birth, addr, status, created, dev, block, unit string
		var sig bool
		if err := rows.Scan(&id, &role, &name, &cpf, &email, &p1, &p2, &birth, &addr, &resID, &status, &created,
			&dev, &block, &unit, &sig); err != nil {
			return nil, err
		}
		kind := privacy.PlaceAssociate
		if role == "holder" {
			kind = privacy.PlaceHolder
		}
		title := reservationTitle(resID, dev, block, unit)
		if _, seen := titles[resID]; !seen {
			resIDs = append(resIDs, resID)
		}
		titles[resID], signed[resID] = title, sig
		out = append(out, privacy.Place{Kind: kind, Table: "reservation_people", RowID: fmt.Sprint(id), Title: title,
			ReservationID: resID, Signed: sig, Fields: []privacy.Field{
				{Name: "role", Value: role}, {Name: "name", Value: name}, {Name: "cpf", Value: cpf}, {Name: "email", Value: email},
				{Name: "phone1", Value: p1}, {Name: "phone2", Value: p2}, {Name: "birthDate", Value: birth},
				{Name: "address", Value: addr}, {Name: "status", Value: status}, {Name: "createdAt", Value: created},
			}})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for _, resID := range resIDs {
		cs, err := q.QueryContext(ctx, `SELECT id, kind, name, file_name, sha256, signed_at, created_at
			FROM reservation_contracts WHERE reservation_id = ? ORDER BY position, id`, resID)
		if err != nil {
			return nil, err
		}
		for cs.Next() {
			var id int64
			var kind, name, file, sha, signedAt, created string
			if err := cs.Scan(&id, &kind, &name, &file, &sha, &signedAt, &created); err != nil {
				cs.Close()
				return nil, err
			}
			out = append(out, privacy.Place{Kind: privacy.PlaceContract, Table: "reservation_contracts", RowID: fmt.Sprint(id),
				Title: titles[resID] + " · " + name, ReservationID: resID, Signed: signed[resID], Fields: []privacy.Field{
					{Name: "contract", Value: name}, {Name: "fileName", Value: file}, {Name: "sha256", Value: sha},
					{Name: "signedAt", Value: signedAt}, {Name: "createdAt", Value: created},
				}})
		}
		err = cs.Err()
		cs.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// sendCandidates is the filter of send signers that may name the person;
// Go reads each candidate's JSON to be sure.
func (m match) sendCandidates() (string, []any) {
	if m.key.Kind == privacy.KeyPhone {
		return "(s.person_key = ? OR s.signer LIKE ?)", []any{m.key.PersonKey(), m.phoneTail()}
	}
	c, a := m.like("s.signer")
	return "(s.person_key = ? OR " + c + ")", append([]any{m.key.PersonKey()}, a...)
}

func (m match) signer(pk, raw string) (crm.ResolvedSigner, bool) {
	var rs crm.ResolvedSigner
	if err := json.Unmarshal([]byte(raw), &rs); err != nil {
		return rs, pk == m.key.PersonKey()
	}
	return rs, pk == m.key.PersonKey() || m.person(rs.FixedPerson)
}

func (s *Privacy) findSends(ctx context.Context, q querier, m match) ([]privacy.Place, error) {
	cond, args := m.sendCandidates()
	rows, err := q.QueryContext(ctx, `SELECT s.operation_id, s.position, s.person_key, s.signer, o.reservation_id, o.name, o.status,
		o.created_at, COALESCE((SELECT e.state FROM envelopes e WHERE e.operation_id = o.id), ''),
		EXISTS (SELECT 1 FROM send_operation_files f WHERE f.operation_id = o.id),
		(EXISTS (SELECT 1 FROM reservation_contracts sc WHERE sc.reservation_id = o.reservation_id AND sc.signed_at <> '')
		 OR EXISTS (SELECT 1 FROM envelopes se WHERE se.reservation_id = o.reservation_id AND se.state = 'finalizado'))
		FROM send_operation_signers s JOIN send_operations o ON o.id = s.operation_id
		WHERE `+cond+` ORDER BY s.operation_id, s.position`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []privacy.Place
	for rows.Next() {
		var op, pos, resID int64
		var pk, raw, name, status, created, state string
		var file, sig bool
		if err := rows.Scan(&op, &pos, &pk, &raw, &resID, &name, &status, &created, &state, &file, &sig); err != nil {
			return nil, err
		}
		rs, ok := m.signer(pk, raw)
		if !ok {
			continue
		}
		st := state
		if status == "running" {
			st = privacy.SendInFlight
		}
		fields := []privacy.Field{{Name: "name", Value: rs.Name}, {Name: "cpf", Value: rs.CPF}, {Name: "email", Value: rs.Email},
			{Name: "phone", Value: rs.Phone}, {Name: "operation", Value: name}, {Name: "status", Value: status},
			{Name: "createdAt", Value: created}}
		if file {
			fields = append(fields, privacy.Field{Name: "fileName", Value: "PDF reunido para envio"})
		}
		out = append(out, privacy.Place{Kind: privacy.PlaceSend, Table: "send_operation_signers",
			RowID: fmt.Sprintf("%d:%d", op, pos), Title: name, ReservationID: resID, Signed: sig || state == string(crm.EnvelopeFinished),
			EnvelopeState: st, Fields: fields})
	}
	return out, rows.Err()
}

func (s *Privacy) findEnvelopeSigners(ctx context.Context, q querier, m match) ([]privacy.Place, error) {
	// An envelope signer records no phone or CPF, only the person key the
	// send gave them: found by that key, by e-mail, or through the send
	// signer it was created from.
	sendCond, sendArgs := m.sendCandidates()
	cond, args := "es.person_key = ?", []any{m.key.PersonKey()}
	if m.key.Kind == privacy.KeyEmail {
		c, a := m.in("es.email")
		cond, args = "("+cond+" OR "+c+")", append(args, a...)
	}
	args = append(args, sendArgs...)
	rows, err := q.QueryContext(ctx, `SELECT es.envelope_id, es.signer_id, es.person_key, es.name, es.email, es.state, es.reason,
		e.name, e.state, e.reservation_id, e.created_at, e.signed_file,
		(SELECT s.signer FROM send_operation_signers s WHERE s.operation_id = e.operation_id AND s.person_key = es.person_key),
		(EXISTS (SELECT 1 FROM reservation_contracts sc WHERE sc.reservation_id = e.reservation_id AND sc.signed_at <> '')
		 OR EXISTS (SELECT 1 FROM envelopes se WHERE se.reservation_id = e.reservation_id AND se.state = 'finalizado'))
		FROM envelope_signers es JOIN envelopes e ON e.id = es.envelope_id
		WHERE `+cond+` OR EXISTS (SELECT 1 FROM send_operation_signers s WHERE s.operation_id = e.operation_id
			AND s.person_key = es.person_key AND `+sendCond+`)
		ORDER BY e.created_at, es.envelope_id, es.position`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []privacy.Place
	for rows.Next() {
		var envID, signerID, pk, name, email, state, reason, envName, envState, created, signedFile string
		var resID int64
		var raw sql.NullString
		var sig bool
		if err := rows.Scan(&envID, &signerID, &pk, &name, &email, &state, &reason, &envName, &envState, &resID, &created,
			&signedFile, &raw, &sig); err != nil {
			return nil, err
		}
		ok := pk == m.key.PersonKey() || (m.key.Kind == privacy.KeyEmail && strings.EqualFold(email, m.key.Value))
		if !ok && raw.Valid {
			_, ok = m.signer(pk, raw.String)
		}
		if !ok {
			continue
		}
		fields := []privacy.Field{{Name: "name", Value: name}, {Name: "email", Value: email}, {Name: "envelope", Value: envName},
			{Name: "state", Value: state}, {Name: "createdAt", Value: created}}
		if reason != "" {
			fields = append(fields, privacy.Field{Name: "reason", Value: reason})
		}
		if signedFile != "" {
			fields = append(fields, privacy.Field{Name: "fileName", Value: "Documento assinado"})
		}
		out = append(out, privacy.Place{Kind: privacy.PlaceEnvelopeSigner, Table: "envelope_signers",
			RowID: envID + ":" + signerID, Title: envName, ReservationID: resID, EnvelopeID: envID,
			Signed: sig || envState == string(crm.EnvelopeFinished), EnvelopeState: envState, Fields: fields})
	}
	return out, rows.Err()
}

func (s *Privacy) findSignerRules(ctx context.Context, q querier, m match) ([]privacy.Place, error) {
	var cond string
	var args []any
	switch m.key.Kind {
	case privacy.KeyPhone:
		cond, args = "sr.phone LIKE ?", []any{m.phoneTail()}
	case privacy.KeyCPF:
		cond, args = m.in("sr.cpf")
	default:
		cond, args = m.in("sr.email")
	}
	rows, err := q.QueryContext(ctx, `SELECT sr.id, sr.signer_type, sr.name, sr.email, sr.phone, sr.cpf, d.name, t.name
		FROM signer_rules sr JOIN development_contracts dc ON dc.id = sr.association_id
		JOIN developments d ON d.id = dc.development_id JOIN contract_templates t ON t.id = dc.template_id
		WHERE `+cond+` ORDER BY sr.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []privacy.Place
	for rows.Next() {
		var id int64
		var typ, name, email, phone, cpf, dev, tpl string
		if err := rows.Scan(&id, &typ, &name, &email, &phone, &cpf, &dev, &tpl); err != nil {
			return nil, err
		}
		if !m.person(crm.FixedPerson{Name: name, Email: email, Phone: phone, CPF: cpf}) {
			continue
		}
		out = append(out, privacy.Place{Kind: privacy.PlaceSignerRule, Table: "signer_rules", RowID: fmt.Sprint(id),
			Title: dev + " · " + tpl, Fields: []privacy.Field{{Name: "signerType", Value: typ}, {Name: "name", Value: name},
				{Name: "cpf", Value: cpf}, {Name: "email", Value: email}, {Name: "phone", Value: phone}}})
	}
	return out, rows.Err()
}

// leadMatch is the filter of leads about the person: their contact
// columns, or a visitor line of their chat that carries the key (the only
// way a CPF reaches a lead).
func (m match) leadMatch() (string, []any) {
	var conds []string
	var args []any
	switch m.key.Kind {
	case privacy.KeyEmail:
		c, a := m.in("l.email")
		conds, args = append(conds, c), append(args, a...)
	case privacy.KeyPhone:
		c, a := m.in("l.phone")
		conds, args = append(conds, c), append(args, a...)
	}
	c, a := m.like("lm.text")
	conds = append(conds, "EXISTS (SELECT 1 FROM lead_messages lm WHERE lm.lead_id = l.id AND "+c+")")
	return "(" + strings.Join(conds, " OR ") + ")", append(args, a...)
}

func (s *Privacy) findLeads(ctx context.Context, q querier, m match) ([]privacy.Place, error) {
	cond, args := m.leadMatch()
	rows, err := q.QueryContext(ctx, `SELECT l.id, l.stage, l.name, l.email, l.phone, l.visitor_id, l.client_id, l.source,
		l.organization, l.geo_city, l.geo_region, l.geo_country, l.page_url, l.created_at
		FROM leads l WHERE `+cond+` ORDER BY l.created_at, l.id`, args...)
	if err != nil {
		return nil, err
	}
	var out []privacy.Place
	var ids []string
	for rows.Next() {
		var id, stage, name, email, phone, visitor, client, source, org, city, region, country, page, created string
		if err := rows.Scan(&id, &stage, &name, &email, &phone, &visitor, &client, &source, &org, &city, &region, &country,
			&page, &created); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
		out = append(out, privacy.Place{Kind: privacy.PlaceLead, Table: "leads", RowID: id, LeadID: id,
			Title: "Lead de " + leadDay(created), Fields: []privacy.Field{
				{Name: "name", Value: name}, {Name: "email", Value: email}, {Name: "phone", Value: phone},
				{Name: "stage", Value: stage}, {Name: "source", Value: source}, {Name: "visitorId", Value: visitor},
				{Name: "clientId", Value: client}, {Name: "organization", Value: org}, {Name: "city", Value: city},
				{Name: "region", Value: region}, {Name: "country", Value: country}, {Name: "pageUrl", Value: page},
				{Name: "createdAt", Value: created},
			}})
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		msgs, err := personMessages(ctx, q, id)
		if err != nil {
			return nil, err
		}
		if len(msgs) > 0 {
			out = append(out, privacy.Place{Kind: privacy.PlaceTranscript, Table: "lead_messages", RowID: id, LeadID: id,
				Title: fmt.Sprintf("Conversa do lead (%d mensagens)", len(msgs)), Messages: msgs})
		}
		evs, err := leadEvents(ctx, q, `lead_id = ?`, []any{id}, id)
		if err != nil {
			return nil, err
		}
		out = append(out, evs...)
	}
	// Deliveries that reached no lead (a chat without contact, a lead
	// removed since) still hold what the visitor sent. Keys are ASCII, so
	// PostgreSQL's escaped text of the bytes is enough to find them.
	body := `CAST(body AS TEXT)`
	if s.db.engine == Postgres {
		body = `encode(body, 'escape')`
	}
	c, a := m.like(body)
	evs, err := leadEvents(ctx, q, `lead_id IS NULL AND `+c, a, "")
	if err != nil {
		return nil, err
	}
	return append(out, evs...), nil
}

func leadDay(created string) string {
	t := parseDBTime(created)
	if t.IsZero() {
		return created
	}
	return t.Format("02/01/2006")
}

func personMessages(ctx context.Context, q querier, leadID string) ([]privacy.Message, error) {
	rows, err := q.QueryContext(ctx, `SELECT at, author, agent_name, text FROM lead_messages WHERE lead_id = ? ORDER BY at, id`, leadID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []privacy.Message
	for rows.Next() {
		var m privacy.Message
		var agent string
		if err := rows.Scan(&m.At, &m.Author, &agent, &m.Text); err != nil {
			return nil, err
		}
		if agent != "" {
			m.Author += " (" + agent + ")"
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func leadEvents(ctx context.Context, q querier, cond string, args []any, leadID string) ([]privacy.Place, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, event_name, received_at, body FROM jivochat_events WHERE `+cond+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []privacy.Place
	for rows.Next() {
		var id int64
		var name, at string
		var body []byte
		if err := rows.Scan(&id, &name, &at, &body); err != nil {
			return nil, err
		}
		out = append(out, privacy.Place{Kind: privacy.PlaceChatEvent, Table: "jivochat_events", RowID: fmt.Sprint(id),
			LeadID: leadID, Title: name + " · " + leadDay(at), Fields: []privacy.Field{
				{Name: "event", Value: name}, {Name: "receivedAt", Value: at}, {Name: "bytes", Value: fmt.Sprint(len(body))},
				{Name: "body", Value: string(body)},
			}})
	}
	return out, rows.Err()
}

func (s *Privacy) findUsers(ctx context.Context, q querier, m match) ([]privacy.Place, error) {
	if m.key.Kind != privacy.KeyEmail {
		return nil, nil
	}
	cond, args := m.in("email")
	rows, err := q.QueryContext(ctx, `SELECT id, name, email, role, active FROM admin_users WHERE `+cond+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []privacy.Place
	for rows.Next() {
		var id, active int64
		var name, email, role string
		if err := rows.Scan(&id, &name, &email, &role, &active); err != nil {
			return nil, err
		}
		act := "sim"
		if active == 0 {
			act = "não"
		}
		out = append(out, privacy.Place{Kind: privacy.PlaceUser, Table: "admin_users", RowID: fmt.Sprint(id), Title: name,
			Fields: []privacy.Field{{Name: "name", Value: name}, {Name: "email", Value: email}, {Name: "role", Value: role},
				{Name: "active", Value: act}}})
	}
	return out, rows.Err()
}

// Anonymise applies privacy.Decide to everything about key in one write
// transaction, with the log entry: a failure anywhere leaves all as it was.
func (s *Privacy) Anonymise(ctx context.Context, key privacy.Key, entry privacy.LogEntry) (privacy.Outcome, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return privacy.Outcome{}, err
	}
	defer tx.Rollback()
	places, err := s.find(ctx, tx, key)
	if err != nil {
		return privacy.Outcome{}, err
	}
	if len(places) == 0 {
		return privacy.Outcome{}, crm.E(privacy.CodeNothingFound)
	}
	places = privacy.Decide(places)
	var running []string
	for _, p := range places {
		if p.Action == privacy.ActionBlocked {
			running = append(running, p.Title)
		}
	}
	if len(running) > 0 {
		return privacy.Outcome{}, crm.E(privacy.CodeEnvelopeRunning, "envelopes", strings.Join(running, "; "))
	}
	w := &writer{tx: tx, ctx: ctx, after: s.afterWrite}
	now := dbTime(entry.At)
	out := privacy.Outcome{Report: privacy.Report{Key: key, Masked: key.Masked(), GeneratedAt: entry.At, Places: places}}
	var shas []string
	touched := map[int64]bool{}
	for _, p := range places {
		switch p.Action {
		case privacy.ActionKeep:
			out.Kept = append(out.Kept, p)
			continue
		case privacy.ActionDelete:
			out.Deleted++
		default:
			out.Anonymised++
		}
		switch p.Kind {
		case privacy.PlaceHolder, privacy.PlaceAssociate:
			w.exec(`UPDATE reservation_people SET name = ?, cpf = '', email = '', phone1 = '', phone2 = '',
				birth_date = '', address = '' WHERE id = ?`, AnonymisedName, p.RowID)
			if p.Kind == privacy.PlaceHolder {
				w.exec(`UPDATE reservations SET holder_name = ?, holder_cpf = '', search_text = ? WHERE id = ?`,
					AnonymisedName, crm.SearchKey(AnonymisedName), p.ReservationID)
			}
			touched[p.ReservationID] = true
		case privacy.PlaceContract:
			var sha string
			if w.err == nil {
				w.err = tx.QueryRowContext(ctx, `SELECT sha256 FROM reservation_contracts WHERE id = ?`, p.RowID).Scan(&sha)
			}
			w.exec(`DELETE FROM reservation_contracts WHERE id = ?`, p.RowID)
			shas = append(shas, sha)
			touched[p.ReservationID] = true
		case privacy.PlaceSend:
			op, pos, _ := strings.Cut(p.RowID, ":")
			var raw string
			if w.err == nil {
				w.err = tx.QueryRowContext(ctx, `SELECT signer FROM send_operation_signers WHERE operation_id = ? AND position = ?`,
					op, pos).Scan(&raw)
			}
			w.exec(`UPDATE send_operation_signers SET person_key = ?, signer = ? WHERE operation_id = ? AND position = ?`,
				"anon:"+pos, anonymisedSigner(raw, "anon:"+pos), op, pos)
			w.exec(`DELETE FROM send_operation_files WHERE operation_id = ?`, op)
			// A send that never reached e-signature cannot resume with a
			// person who is no longer there.
			w.exec(`UPDATE send_operations SET status = 'canceled', active = 0, updated_at = ?
				WHERE id = ? AND status IN ('pending', 'failed')`, now, op)
		case privacy.PlaceEnvelopeSigner:
			env, signer, _ := strings.Cut(p.RowID, ":")
			w.exec(`UPDATE envelope_signers SET name = ?, email = '', person_key = ?, reason = ''
				WHERE envelope_id = ? AND signer_id = ?`, AnonymisedName, "anon:"+signer, env, signer)
			w.exec(`UPDATE envelope_events SET reason = '' WHERE envelope_id = ? AND signer_id = ?`, env, signer)
		case privacy.PlaceLead:
			w.exec(`UPDATE leads SET name = ?, email = '', phone = '', visitor_id = '', client_id = '', user_token = '',
				organization = '', client_status = '', tags = NULL, page_url = '', page_title = '', utm_raw = '',
				geo_city = '', geo_region = '', geo_region_code = '', geo_country = '', geo_country_code = '',
				geo_latitude = '', geo_longitude = '', search_text = ?, updated_at = ? WHERE id = ?`,
				AnonymisedName, crm.SearchKey(AnonymisedName), now, p.RowID)
		case privacy.PlaceTranscript:
			w.exec(`UPDATE lead_messages SET text = ? WHERE lead_id = ?`, anonymisedMessage, p.RowID)
		case privacy.PlaceChatEvent:
			w.exec(`UPDATE jivochat_events SET body = ? WHERE id = ?`, anonymisedBody, p.RowID)
		}
	}
	ids := make([]int64, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		// Another PC's open form on this reservation must not save the
		// person back: its version no longer matches.
		w.exec(`UPDATE reservations SET updated_at = ?, updated_by_name = ?, version = version + 1 WHERE id = ?`,
			now, entry.UserName, id)
	}
	for _, sha := range shas {
		var n int
		if w.err == nil {
			w.err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM reservation_contracts WHERE sha256 = ?`, sha).Scan(&n)
		}
		if n == 0 && sha != "" {
			out.Files = append(out.Files, sha)
			// In an office the PDF's bytes live in the database: they
			// go in the same transaction. On one PC the table is empty
			// and the service removes the file from the folder after
			// the commit.
			w.exec(`DELETE FROM files WHERE kind = ? AND name = ?`, string(crm.FileContract), sha)
		}
	}
	entry.Counts = map[string]int{"places": len(places), "anonymised": out.Anonymised, "deleted": out.Deleted, "kept": len(out.Kept)}
	if w.err == nil {
		w.err = insertLog(ctx, tx, entry)
	}
	if w.err != nil {
		return privacy.Outcome{}, w.err
	}
	if err := tx.Commit(); err != nil {
		return privacy.Outcome{}, err
	}
	return out, nil
}

// anonymisedSigner rewrites a send signer's JSON without the person, so
// whatever reads the operation still finds a signer.
func anonymisedSigner(raw, key string) string {
	var rs crm.ResolvedSigner
	_ = json.Unmarshal([]byte(raw), &rs)
	rs.Key = key
	rs.FixedPerson = crm.FixedPerson{Name: AnonymisedName}
	b, err := json.Marshal(rs)
	if err != nil {
		return `{}`
	}
	return string(b)
}

// writer runs a transaction's writes until the first failure.
type writer struct {
	tx    *Tx
	ctx   context.Context
	err   error
	n     int
	after func(n int) error
}

func (w *writer) exec(q string, args ...any) {
	if w.err != nil {
		return
	}
	if _, w.err = w.tx.ExecContext(w.ctx, q, args...); w.err != nil {
		return
	}
	w.n++
	if w.after != nil {
		w.err = w.after(w.n)
	}
}

func insertLog(ctx context.Context, q execer, e privacy.LogEntry) error {
	counts, err := json.Marshal(e.Counts)
	if err != nil {
		return err
	}
	if e.Counts == nil {
		counts = []byte("{}")
	}
	_, err = q.ExecContext(ctx, `INSERT INTO privacy_log (at, user_id, user_name, action, subject, counts) VALUES (?, ?, ?, ?, ?, ?)`,
		dbTime(e.At), e.UserID, e.UserName, string(e.Action), e.Subject, string(counts))
	return err
}

// Log records one access log entry.
func (s *Privacy) Log(ctx context.Context, e privacy.LogEntry) error { return insertLog(ctx, s.db, e) }

// AccessLog lists the latest entries, newest first.
func (s *Privacy) AccessLog(ctx context.Context, limit int) ([]privacy.LogEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, user_id, user_name, action, subject, counts FROM privacy_log
		ORDER BY at DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []privacy.LogEntry{}
	for rows.Next() {
		var e privacy.LogEntry
		var at, action, counts string
		if err := rows.Scan(&e.ID, &at, &e.UserID, &e.UserName, &action, &e.Subject, &counts); err != nil {
			return nil, err
		}
		e.At, e.Action = parseDBTime(at), privacy.LogAction(action)
		_ = json.Unmarshal([]byte(counts), &e.Counts)
		out = append(out, e)
	}
	return out, rows.Err()
}

// oldLeads are the leads the retention pass removes: last activity before
// the cutoff, never converted, and no reservation person with their e-mail
// or phone (a lead the desk turned into a reservation without marking it).
const oldLeads = `SELECT l.id FROM leads l
	WHERE (CASE WHEN l.last_event_at <> '' THEN l.last_event_at ELSE l.created_at END) < ?
	AND l.stage <> 'converted'
	AND NOT EXISTS (SELECT 1 FROM reservation_people p WHERE (l.email <> '' AND lower(p.email) = l.email)
		OR (l.phone <> '' AND (('+55' || p.phone1) = l.phone OR ('+55' || p.phone2) = l.phone)))`

// RemoveOldLeads deletes old leads that never became a reservation, with
// their transcripts and raw deliveries, unless a pass ran since notBefore.
// The claim and the deletion share one write transaction, which on
// PostgreSQL takes the office's writer lock: two PCs starting together run
// it once.
func (s *Privacy) RemoveOldLeads(ctx context.Context, cutoff, notBefore time.Time, entry privacy.LogEntry) (int, bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, err
	}
	defer tx.Rollback()
	var last string
	err = tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, retentionClaim).Scan(&last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, false, err
	}
	if !notBefore.IsZero() && last != "" && !parseDBTime(last).Before(notBefore) {
		return 0, false, nil
	}
	rows, err := tx.QueryContext(ctx, oldLeads, dbTime(cutoff))
	if err != nil {
		return 0, false, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, false, err
		}
		ids = append(ids, id)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return 0, false, err
	}
	for _, id := range ids {
		// The raw deliveries hold the same data; their foreign key would
		// only set lead_id to NULL and keep the body.
		if _, err := tx.ExecContext(ctx, `DELETE FROM jivochat_events WHERE lead_id = ?`, id); err != nil {
			return 0, false, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM leads WHERE id = ?`, id); err != nil {
			return 0, false, err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		retentionClaim, dbTime(entry.At), dbTime(entry.At)); err != nil {
		return 0, false, err
	}
	if entry.Counts == nil {
		entry.Counts = map[string]int{}
	}
	entry.Counts["removed"] = len(ids)
	if err := insertLog(ctx, tx, entry); err != nil {
		return 0, false, err
	}
	return len(ids), true, tx.Commit()
}
