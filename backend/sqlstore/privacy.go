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
type match struct {
	key privacy.Key
	// pg: the database is PostgreSQL, where LIKE refuses the nondeterministic
	// NOCASE collation of some columns (admin_users.email).
	pg bool
}

// lowered renders lower(col) in a collation LIKE accepts on both engines.
func (m match) lowered(col string) string {
	if m.pg {
		return "lower(" + col + `) COLLATE "C"`
	}
	return "lower(" + col + ")"
}

// values lists the stored spellings of the key in a column compared
// whole: CPF formatted and bare; a Brazilian phone national, with 55 and in
// E.164; a foreign phone only in E.164 (reservation forms keep Brazilian
// national numbers, so its bare digits there would be someone else's).
func (m match) values() []any {
	switch m.key.Kind {
	case privacy.KeyCPF:
		return []any{m.key.FormattedCPF(), m.key.Value}
	case privacy.KeyPhone:
		if m.key.Brazilian() {
			return []any{m.key.Value, "55" + m.key.Value, m.key.E164()}
		}
		return []any{m.key.E164()}
	}
	return []any{m.key.Value}
}

// in renders the filter of a column holding the key whole, and its
// arguments. An e-mail is not folded by the database: SQLite's lower()
// folds only ASCII and PostgreSQL's all of Unicode, so the same search
// would find different people on each engine. The pattern folds the ASCII
// letters (equal on both) and lets any non-ASCII character through; the
// caller then compares the candidate folded in Go (sameEmail).
func (m match) in(col string) (string, []any) {
	if m.key.Kind == privacy.KeyEmail {
		return m.lowered(col) + ` LIKE ? ESCAPE '\'`, []any{asciiPattern(m.key.Value)}
	}
	v := m.values()
	return col + " IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(v)), ", ") + ")", v
}

// asciiPattern is a LIKE pattern for s with every non-ASCII character a
// one-character wildcard.
func asciiPattern(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0x80 {
			b.WriteByte('_')
			continue
		}
		b.WriteString(likeEscape(string(r)))
	}
	return b.String()
}

// sameEmail reports whether a stored e-mail is the key, folded by Go the
// way the key was.
func (m match) sameEmail(stored string) bool {
	return m.key.Kind == privacy.KeyEmail && strings.ToLower(strings.TrimSpace(stored)) == m.key.Value
}

// narrow renders the SQL candidate filter of free text (chat lines, raw
// deliveries) that may carry the key; mentions then decides in Go. People
// type a CPF or phone with any punctuation ("529 982 247 25", "(11)
// 98765-4321"), so SQL looks only for digits they always write together:
// a CPF's two check digits, a phone's last four.
func (m match) narrow(col string) (string, []any) {
	switch m.key.Kind {
	case privacy.KeyCPF:
		return col + ` LIKE ?`, []any{"%" + m.key.Value[len(m.key.Value)-2:] + "%"}
	case privacy.KeyPhone:
		return col + ` LIKE ?`, []any{m.phoneTail()}
	}
	return m.lowered(col) + ` LIKE ? ESCAPE '\'`, []any{"%" + asciiPattern(m.key.Value) + "%"}
}

// mentions reports whether free text carries the key, however it was
// punctuated: an e-mail anywhere (folded by Go), a CPF or phone as a run of
// digit groups separated by spaces, dots, dashes, slashes or parentheses.
// Any consecutive groups of a run may be the key, so "apto 101, CPF 529 982
// 247 25" is found and "1529982247250" is not.
func (m match) mentions(text string) bool {
	if m.key.Kind == privacy.KeyEmail {
		return containsAddress(strings.ToLower(text), m.key.Value)
	}
	for _, run := range digitRuns(text) {
		for i := range run {
			if i > 0 && run[0].plus {
				// "+1 11 98765 4321" is one foreign number, not a
				// Brazilian one after a stray prefix.
				break
			}
			n := 0
			for j := i; j < len(run); j++ {
				if n += run[j].to - run[j].from; n > 15 {
					break
				}
				typed := text[run[i].from:run[j].to]
				switch m.key.Kind {
				case privacy.KeyCPF:
					if onlyDigits(typed) == m.key.Value {
						return true
					}
				case privacy.KeyPhone:
					if run[i].plus {
						typed = "+" + typed
					}
					if ph, ok := crm.ParseChatPhone(typed); ok && m.key.SamePhone(ph) {
						return true
					}
				}
			}
		}
	}
	return false
}

// containsAddress reports whether addr appears in text as a whole address:
// "ana@example.com" is not in "diana@example.com" or "ana@example.com.br".
func containsAddress(text, addr string) bool {
	inAddr := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("._%+-", c) >= 0 || c >= 0x80
	}
	for from := 0; ; {
		i := strings.Index(text[from:], addr)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(addr)
		before := i == 0 || !inAddr(text[i-1])
		after := end == len(text) || !inAddr(text[end]) || (text[end] == '.' && (end+1 == len(text) || !inAddr(text[end+1])))
		if before && after {
			return true
		}
		from = i + 1
	}
}

// digitGroup is a maximal run of digits in a text, at [from, to); plus
// says a "+" comes right before it.
type digitGroup struct {
	from, to int
	plus     bool
}

// digitRuns splits text into runs of digit groups joined by at most three
// separator characters (space, . - / ( )).
func digitRuns(text string) [][]digitGroup {
	var runs [][]digitGroup
	var cur []digitGroup
	gapOK, broken := false, false
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c >= '0' && c <= '9':
			j := i
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				j++
			}
			g := digitGroup{from: i, to: j, plus: i > 0 && text[i-1] == '+'}
			if len(cur) > 0 && !gapOK {
				runs, cur = append(runs, cur), nil
			}
			cur = append(cur, g)
			i, gapOK, broken = j, false, false
			continue
		case strings.IndexByte(" .-/()+", c) >= 0 && len(cur) > 0 && !broken:
			gapOK = i-cur[len(cur)-1].to < 3
		default:
			gapOK, broken = false, true
		}
		i++
	}
	if len(cur) > 0 {
		runs = append(runs, cur)
	}
	return runs
}

func onlyDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// person reports whether a stored person's CPF, e-mail or phone is the key,
// however it was typed.
func (m match) person(p crm.FixedPerson) bool {
	switch m.key.Kind {
	case privacy.KeyCPF:
		return crm.ValidCPF(p.CPF) && onlyDigits(p.CPF) == m.key.Value
	case privacy.KeyEmail:
		return m.sameEmail(p.Email)
	case privacy.KeyPhone:
		ph, ok := crm.ParseChatPhone(p.Phone)
		return ok && m.key.SamePhone(ph)
	}
	return false
}

// phoneTail renders the candidate filter for a column holding a phone as
// typed: its last four digits, then Go reads the whole number.
func (m match) phoneTail() string { return "%" + m.key.Value[len(m.key.Value)-4:] + "%" }

func (s *Privacy) find(ctx context.Context, q querier, key privacy.Key) ([]privacy.Place, error) {
	m := match{key: key, pg: s.db.engine == Postgres}
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
	errs, err := s.findSendErrors(ctx, q, out)
	if err != nil {
		return nil, err
	}
	return append(out, errs...), nil
}

// findSendErrors lists the failed sends whose error data (the problems the
// send screen showed, each with a signer's name) may name the person: those
// of a reservation they are in, and those of a send naming them. The data
// names people, not keys, so it cannot be searched by the key itself.
func (s *Privacy) findSendErrors(ctx context.Context, q querier, found []privacy.Place) ([]privacy.Place, error) {
	var res, ops []any
	seenRes, seenOp := map[int64]bool{}, map[string]bool{}
	for _, p := range found {
		switch p.Kind {
		case privacy.PlaceHolder, privacy.PlaceAssociate:
			if !seenRes[p.ReservationID] {
				seenRes[p.ReservationID] = true
				res = append(res, p.ReservationID)
			}
		case privacy.PlaceSend:
			op, _, _ := strings.Cut(p.RowID, ":")
			if !seenOp[op] {
				seenOp[op] = true
				ops = append(ops, op)
			}
		}
	}
	if len(res) == 0 && len(ops) == 0 {
		return nil, nil
	}
	var conds []string
	if len(res) > 0 {
		conds = append(conds, "o.reservation_id IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(res)), ", ")+")")
	}
	if len(ops) > 0 {
		conds = append(conds, "o.id IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(ops)), ", ")+")")
	}
	rows, err := q.QueryContext(ctx, `SELECT o.id, o.reservation_id, o.name, o.status, o.error_code, o.error_data, o.created_at,
		COALESCE((SELECT e.state FROM envelopes e WHERE e.operation_id = o.id), ''),
		(EXISTS (SELECT 1 FROM reservation_contracts sc WHERE sc.reservation_id = o.reservation_id AND sc.signed_at <> '')
		 OR EXISTS (SELECT 1 FROM envelopes se WHERE se.reservation_id = o.reservation_id AND se.state = 'finalizado'))
		FROM send_operations o WHERE o.error_data <> '' AND (`+strings.Join(conds, " OR ")+`) ORDER BY o.id`, append(res, ops...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []privacy.Place
	for rows.Next() {
		var id, resID int64
		var name, status, code, data, created, state string
		var sig bool
		if err := rows.Scan(&id, &resID, &name, &status, &code, &data, &created, &state, &sig); err != nil {
			return nil, err
		}
		out = append(out, privacy.Place{Kind: privacy.PlaceSendError, Table: "send_operations", RowID: fmt.Sprint(id),
			Title: name, ReservationID: resID, Signed: sig || state == string(crm.EnvelopeFinished),
			Fields: []privacy.Field{{Name: "operation", Value: name}, {Name: "status", Value: status},
				{Name: "errorCode", Value: code}, {Name: "errorData", Value: data}, {Name: "createdAt", Value: created}}})
	}
	return out, rows.Err()
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
		if !m.key.Brazilian() {
			// Reservation forms accept only Brazilian numbers (crm.ParsePhone).
			return nil, nil
		}
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
		if m.key.Kind == privacy.KeyEmail && !m.sameEmail(email) {
			continue
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
				Title: titles[resID] + " · " + name, ReservationID: resID, Signed: signed[resID], Regenerable: kind == "generated",
				Fields: []privacy.Field{
					{Name: "contract", Value: name}, {Name: "origin", Value: kind}, {Name: "fileName", Value: file}, {Name: "sha256", Value: sha},
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
	c, a := m.narrow("s.signer")
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
		ok := pk == m.key.PersonKey() || m.sameEmail(email)
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

// leadContact is the filter of leads whose own contact columns are the
// key (a CPF is never one).
func (m match) leadContact() (string, []any, bool) {
	switch m.key.Kind {
	case privacy.KeyEmail:
		c, a := m.in("l.email")
		return c, a, true
	case privacy.KeyPhone:
		c, a := m.in("l.phone")
		return c, a, true
	}
	return "", nil, false
}

func (s *Privacy) findLeads(ctx context.Context, q querier, m match) ([]privacy.Place, error) {
	var out []privacy.Place
	var ids []string
	own := map[string]bool{}
	if cond, args, ok := m.leadContact(); ok {
		rows, err := q.QueryContext(ctx, `SELECT l.id, l.stage, l.name, l.email, l.phone, l.visitor_id, l.client_id, l.source,
			l.organization, l.geo_city, l.geo_region, l.geo_country, l.page_url, l.created_at
			FROM leads l WHERE `+cond+` ORDER BY l.created_at, l.id`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, stage, name, email, phone, visitor, client, source, org, city, region, country, page, created string
			if err := rows.Scan(&id, &stage, &name, &email, &phone, &visitor, &client, &source, &org, &city, &region, &country,
				&page, &created); err != nil {
				rows.Close()
				return nil, err
			}
			if m.key.Kind == privacy.KeyEmail && !m.sameEmail(email) {
				continue
			}
			ids, own[id] = append(ids, id), true
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
		evs, err := leadEvents(ctx, q, `lead_id = ?`, []any{id}, id, nil)
		if err != nil {
			return nil, err
		}
		out = append(out, evs...)
	}
	mentions, err := s.findMentions(ctx, q, m, own)
	if err != nil {
		return nil, err
	}
	out = append(out, mentions...)
	// Deliveries that reached no lead (a chat without contact, a lead
	// removed since) still hold what the visitor sent.
	c, a := m.narrow(s.bodyText())
	evs, err := leadEvents(ctx, q, `lead_id IS NULL AND `+c, a, "", m.mentions)
	if err != nil {
		return nil, err
	}
	return append(out, evs...), nil
}

// bodyText is a raw delivery's bytes as text SQL can search. Keys are
// ASCII, so PostgreSQL's escaped text of the bytes is enough to narrow.
func (s *Privacy) bodyText() string {
	if s.db.engine == Postgres {
		return `encode(body, 'escape')`
	}
	return `CAST(body AS TEXT)`
}

// findMentions finds the chat lines in which a visitor wrote the key, in
// leads that are not the person's by their contact (own). Only visitor
// lines count: what an agent typed (a CPF read out to confirm, another
// client's e-mail pasted by mistake) says nothing about who the visitor is.
//
// Such a chat is not taken to be the person's. A visitor may be quoting
// someone (a spouse's CPF, a friend's phone), so the lead's name, contacts,
// location and the rest of its conversation may well belong to another
// person, who asked nothing. What is certainly the person's is the line
// carrying their key: that line is exported and, on anonymising, replaced
// (PlaceChatMention), and so are the raw deliveries of that chat that carry
// the key, since they repeat it.
func (s *Privacy) findMentions(ctx context.Context, q querier, m match, own map[string]bool) ([]privacy.Place, error) {
	c, a := m.narrow("lm.text")
	rows, err := q.QueryContext(ctx, `SELECT lm.id, lm.lead_id, lm.at, lm.text, l.created_at FROM lead_messages lm
		JOIN leads l ON l.id = lm.lead_id WHERE lm.author = 'visitor' AND `+c+` ORDER BY l.created_at, lm.lead_id, lm.at, lm.id`, a...)
	if err != nil {
		return nil, err
	}
	type hit struct {
		created string
		ids     []string
		msgs    []privacy.Message
	}
	var order []string
	hits := map[string]*hit{}
	for rows.Next() {
		var id int64
		var lead, at, text, created string
		if err := rows.Scan(&id, &lead, &at, &text, &created); err != nil {
			rows.Close()
			return nil, err
		}
		if own[lead] || !m.mentions(text) {
			continue
		}
		h := hits[lead]
		if h == nil {
			h = &hit{created: created}
			hits[lead] = h
			order = append(order, lead)
		}
		h.ids = append(h.ids, fmt.Sprint(id))
		h.msgs = append(h.msgs, privacy.Message{At: at, Author: "visitor", Text: text})
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, err
	}
	var out []privacy.Place
	for _, lead := range order {
		h := hits[lead]
		out = append(out, privacy.Place{Kind: privacy.PlaceChatMention, Table: "lead_messages",
			RowID: lead + ":" + strings.Join(h.ids, ","), LeadID: lead,
			Title: fmt.Sprintf("Chat de %s (%d mensagens citam a chave)", leadDay(h.created), len(h.msgs)), Messages: h.msgs})
		bc, ba := m.narrow(s.bodyText())
		evs, err := leadEvents(ctx, q, `lead_id = ? AND `+bc, append([]any{lead}, ba...), lead, m.mentions)
		if err != nil {
			return nil, err
		}
		out = append(out, evs...)
	}
	return out, nil
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

// leadEvents lists raw deliveries as places; keep, when set, picks those
// whose body carries the key.
func leadEvents(ctx context.Context, q querier, cond string, args []any, leadID string, keep func(string) bool) ([]privacy.Place, error) {
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
		if keep != nil && !keep(string(body)) {
			continue
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
		if !m.sameEmail(email) {
			continue
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
		case privacy.PlaceSendError:
			// The code stays (the screen still says why the send failed);
			// the data, which names the signers, goes. A send that failed
			// cannot resume without the person either.
			w.exec(`UPDATE send_operations SET error_data = '', updated_at = ? WHERE id = ?`, now, p.RowID)
			w.exec(`UPDATE send_operations SET status = 'canceled', active = 0, updated_at = ?
				WHERE id = ? AND status IN ('pending', 'failed')`, now, p.RowID)
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
		case privacy.PlaceChatMention:
			lead, ids, _ := strings.Cut(p.RowID, ":")
			for _, id := range strings.Split(ids, ",") {
				w.exec(`UPDATE lead_messages SET text = ? WHERE id = ? AND lead_id = ?`, anonymisedMessage, id, lead)
			}
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
	_, err = q.ExecContext(ctx, `INSERT INTO privacy_log (at, user_id, user_name, host, action, subject, counts) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		dbTime(e.At), e.UserID, e.UserName, e.Host, string(e.Action), e.Subject, string(counts))
	return err
}

// Log records one access log entry.
func (s *Privacy) Log(ctx context.Context, e privacy.LogEntry) error { return insertLog(ctx, s.db, e) }

// AccessLog lists the latest entries, newest first.
func (s *Privacy) AccessLog(ctx context.Context, limit int) ([]privacy.LogEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, user_id, user_name, host, action, subject, counts FROM privacy_log
		ORDER BY at DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []privacy.LogEntry{}
	for rows.Next() {
		var e privacy.LogEntry
		var at, action, counts string
		if err := rows.Scan(&e.ID, &at, &e.UserID, &e.UserName, &e.Host, &action, &e.Subject, &counts); err != nil {
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

// orphanDeliveries renders the statement (DELETE FROM, SELECT COUNT(*)
// FROM) over the raw deliveries without a lead received before a cutoff.
func orphanDeliveries(verb string) string {
	return verb + ` jivochat_events WHERE lead_id IS NULL AND received_at < ?`
}

// CountOldLeads counts what a retention pass with cutoff would remove now.
func (s *Privacy) CountOldLeads(ctx context.Context, cutoff time.Time) (int, int, error) {
	var leads, deliveries int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (`+oldLeads+`) old`, dbTime(cutoff)).Scan(&leads); err != nil {
		return 0, 0, err
	}
	if err := s.db.QueryRowContext(ctx, orphanDeliveries("SELECT COUNT(*) FROM"), dbTime(cutoff)).Scan(&deliveries); err != nil {
		return 0, 0, err
	}
	return leads, deliveries, nil
}

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
	// Deliveries that reached no lead (a chat without contact, a lead
	// removed before) hold what the visitor wrote just the same.
	res, err := tx.ExecContext(ctx, orphanDeliveries("DELETE FROM"), dbTime(cutoff))
	if err != nil {
		return 0, false, err
	}
	deliveries, _ := res.RowsAffected()
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		retentionClaim, dbTime(entry.At), dbTime(entry.At)); err != nil {
		return 0, false, err
	}
	if entry.Counts == nil {
		entry.Counts = map[string]int{}
	}
	entry.Counts["removed"] = len(ids)
	entry.Counts["deliveries"] = int(deliveries)
	if err := insertLog(ctx, tx, entry); err != nil {
		return 0, false, err
	}
	return len(ids), true, tx.Commit()
}
