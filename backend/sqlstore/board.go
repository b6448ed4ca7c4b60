package sqlstore

import (
	"context"
	"sort"
	"strings"
	"time"

	"selo/backend/board"
	"selo/backend/crm"
)

// Board reads the manager's Painel (board.Store).
type Board struct{ db *DB }

var _ board.Store = (*Board)(nil)

// Board returns the Painel's store.
func (db *DB) Board() *Board { return &Board{db: db} }

// boardFrom joins each envelope to what the board shows of its
// reservation. LEFT joins: envelopes outlive their reservation (no foreign
// key, see 0009), and such an envelope still counts.
const boardFrom = ` FROM envelopes e
	LEFT JOIN reservations r ON r.id = e.reservation_id`

// boardWhere is the filter as one fixed condition, so each query is one
// prepared statement whatever is chosen. Stamps are RFC 3339 UTC with a "Z"
// and a fraction only when non-zero; a bound written without zone or
// fraction ("2026-03-10T03:00:00") sorts before every stamp of that second
// and after every earlier one, so text comparison is exact at the edges.
//
// The corretor matches the reservation's corretor, who sent the envelope or
// who created the reservation (see board.Filter.BrokerID for why).
const boardWhere = ` (? = 0 OR r.development_id = ?)
	AND (? = 0 OR r.broker_id = ? OR e.sent_by_user_id = ? OR r.created_by_user_id = ?)
	AND (? = '' OR e.created_at >= ?) AND (? = '' OR e.created_at < ?)`

func boardArgs(q board.Query) []any {
	from, before := boardBound(q.SentFrom), boardBound(q.SentBefore)
	return []any{q.DevelopmentID, q.DevelopmentID, q.BrokerID, q.BrokerID, q.BrokerID, q.BrokerID, from, from, before, before}
}

func boardBound(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05")
}

// BoardFacts answers the board in two queries: the counts by state (with
// the unfiltered total beside them), then the envelopes of the asked states
// joined to their reservation and signers, one row per signer.
func (s *Board) BoardFacts(ctx context.Context, q board.Query) (board.Facts, error) {
	var f board.Facts
	args := boardArgs(q)
	// boardWhere as a condition on the envelope alone: its reservation is
	// looked up only when the filter names a development or corretor.
	// Joining it for every envelope made this count most of the Painel's
	// time on SQLite (15 ms of CPU against 2 ms, 10,000 envelopes).
	// The corretor condition is boardWhere's: the reservation's corretor,
	// the sender or the reservation's creator.
	from, before := boardBound(q.SentFrom), boardBound(q.SentBefore)
	rows, err := s.db.QueryContext(ctx, `SELECT e.state, COUNT(*), COALESCE(SUM(CASE
		WHEN (? = '' OR e.created_at >= ?) AND (? = '' OR e.created_at < ?) AND ((? = 0 AND ? = 0) OR EXISTS (
			SELECT 1 FROM reservations r WHERE r.id = e.reservation_id AND (? = 0 OR r.development_id = ?)
			AND (? = 0 OR r.broker_id = ? OR e.sent_by_user_id = ? OR r.created_by_user_id = ?)))
		THEN 1 ELSE 0 END), 0) FROM envelopes e GROUP BY e.state`,
		from, from, before, before, q.DevelopmentID, q.BrokerID, q.DevelopmentID, q.DevelopmentID,
		q.BrokerID, q.BrokerID, q.BrokerID, q.BrokerID)
	if err != nil {
		return f, err
	}
	for rows.Next() {
		var state string
		var all, matching int
		if err := rows.Scan(&state, &all, &matching); err != nil {
			rows.Close()
			return f, err
		}
		f.Any = f.Any || all > 0
		f.Counts.Add(crm.EnvelopeState(state), matching)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, err
	}
	if f.Counts.Total == 0 {
		f.Envelopes = []board.Envelope{}
		return f, nil
	}
	states := ""
	if len(q.States) > 0 {
		states = ` AND e.state IN (?` + strings.Repeat(`, ?`, len(q.States)-1) + `)`
		for _, st := range q.States {
			args = append(args, string(st))
		}
	}
	rows, err = s.db.QueryContext(ctx, `SELECT e.id, e.reservation_id, COALESCE(r.holder_name, ''), COALESCE(d.name, ''),
		COALESCE(b.name, ''), COALESCE(u.number, ''), COALESCE(a.name, ''), e.name, e.state, e.created_at, e.deadline_at,
		s.signer_id IS NOT NULL, COALESCE(s.name, ''), COALESCE(s.group_no, 0), COALESCE(s.state, ''),
		COALESCE(s.state_at, ''), COALESCE(s.reason, ''), COALESCE(i.environment, '') = 'simulator'`+boardFrom+`
		LEFT JOIN integrations i ON i.id = e.integration_id
		LEFT JOIN developments d ON d.id = r.development_id
		LEFT JOIN units u ON u.id = r.unit_id
		LEFT JOIN blocks b ON b.id = u.block_id
		LEFT JOIN admin_users a ON a.id = r.broker_id
		LEFT JOIN envelope_signers s ON s.envelope_id = e.id
		WHERE`+boardWhere+states+`
		ORDER BY e.created_at, e.id, s.position`, args...)
	if err != nil {
		return f, err
	}
	defer rows.Close()
	f.Envelopes = []board.Envelope{}
	for rows.Next() {
		var e board.Envelope
		var g board.Signer
		var state, sent, deadline, signerState, signerAt string
		var hasSigner bool
		if err := rows.Scan(&e.ID, &e.ReservationID, &e.ClientName, &e.DevelopmentName, &e.BlockName, &e.UnitNumber,
			&e.BrokerName, &e.Name, &state, &sent, &deadline, &hasSigner, &g.Name, &g.Group, &signerState, &signerAt,
			&g.Reason, &e.Simulator); err != nil {
			return f, err
		}
		// Rows of one envelope are consecutive (ORDER BY e.id within the
		// same stamp), so a new id starts a new envelope.
		if n := len(f.Envelopes); n == 0 || f.Envelopes[n-1].ID != e.ID {
			e.State, e.SentAt, e.DeadlineAt = crm.EnvelopeState(state), envTime(sent), envTime(deadline)
			e.Signers = []board.Signer{}
			f.Envelopes = append(f.Envelopes, e)
		}
		if hasSigner {
			g.State, g.At = crm.SignerState(signerState), envTime(signerAt)
			last := &f.Envelopes[len(f.Envelopes)-1]
			last.Signers = append(last.Signers, g)
		}
	}
	return f, rows.Err()
}

// BoardOptions lists the developments and corretores (in the filter's
// sense: corretor, sender or creator) of reservations that sent at least
// one envelope, in one query, sorted by name the way a pt-BR
// reader expects ("Ágata" beside "Ana", which NOCASE would put after "Z").
func (s *Board) BoardOptions(ctx context.Context) (board.Options, error) {
	o := board.Options{Developments: []board.Option{}, Brokers: []board.Option{}}
	rows, err := s.db.QueryContext(ctx, `SELECT 'd', d.id, d.name FROM developments d
		WHERE d.id IN (SELECT r.development_id FROM envelopes e JOIN reservations r ON r.id = e.reservation_id)
		UNION ALL
		SELECT 'b', a.id, a.name FROM admin_users a
		WHERE a.id IN (SELECT r.broker_id FROM envelopes e JOIN reservations r ON r.id = e.reservation_id)
		OR a.id IN (SELECT e.sent_by_user_id FROM envelopes e)
		OR a.id IN (SELECT r.created_by_user_id FROM envelopes e JOIN reservations r ON r.id = e.reservation_id)`)
	if err != nil {
		return o, err
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var opt board.Option
		if err := rows.Scan(&kind, &opt.ID, &opt.Name); err != nil {
			return o, err
		}
		if kind == "d" {
			o.Developments = append(o.Developments, opt)
		} else {
			o.Brokers = append(o.Brokers, opt)
		}
	}
	if err := rows.Err(); err != nil {
		return o, err
	}
	for _, list := range [][]board.Option{o.Developments, o.Brokers} {
		sort.SliceStable(list, func(i, j int) bool {
			ki, kj := crm.SearchKey(list[i].Name), crm.SearchKey(list[j].Name)
			if ki != kj {
				return ki < kj
			}
			return list[i].ID < list[j].ID
		})
	}
	return o, nil
}
