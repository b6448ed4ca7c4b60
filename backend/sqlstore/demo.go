package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"selo/backend/crm"
)

// Demo stores the dados de exemplo: it writes the demo office in one
// transaction, registering every row in sample_records, tells whether it
// can be removed, and removes exactly the registered rows.
type Demo struct{ db *DB }

// Demo returns the demo data store.
func (db *DB) Demo() *Demo { return &Demo{db: db} }

// Setting reads one office setting (see DB.Setting).
func (s *Demo) Setting(ctx context.Context, key string) (string, bool, error) {
	return s.db.Setting(ctx, key)
}

// SetSetting writes one office setting.
func (s *Demo) SetSetting(ctx context.Context, key, value string) error {
	return s.db.SetSetting(ctx, key, value)
}

// Guide reads, in one query, what the "Comece aqui" guide needs: a key
// exists; a development exists; an associated contract has at least one
// signer rule; a reservation exists; a send was started.
func (s *Demo) Guide(ctx context.Context) (crm.DemoGuide, error) {
	var g crm.DemoGuide
	err := s.db.QueryRowContext(ctx, `SELECT
		COALESCE((SELECT MIN(id) FROM developments WHERE archived_at IS NULL), 0),
		EXISTS (SELECT 1 FROM integrations),
		EXISTS (SELECT 1 FROM developments),
		EXISTS (SELECT 1 FROM signer_rules),
		EXISTS (SELECT 1 FROM reservations),
		EXISTS (SELECT 1 FROM send_operations)`).Scan(&g.FirstDevelopmentID, &g.HasKey, &g.HasDevelopment,
		&g.HasSignerRules, &g.HasReservation, &g.HasSend)
	return g, err
}

// Loaded reports whether the demo is in the database.
func (s *Demo) Loaded(ctx context.Context) (bool, error) { return demoLoaded(ctx, s.db) }

// CheckEmpty returns crm.CodeDemoNotEmpty when the office has data of its
// own, so the demo is never mixed with it.
func (s *Demo) CheckEmpty(ctx context.Context) error { return demoCheckEmpty(ctx, s.db) }

// CheckRemovable returns the first reason the demo cannot be removed
// (crm.CodeDemoSent, CodeDemoChanged, CodeDemoInUse), or nil.
func (s *Demo) CheckRemovable(ctx context.Context) error { return demoCheckRemovable(ctx, s.db) }

func demoLoaded(ctx context.Context, q querier) (bool, error) {
	var loaded bool // EXISTS: 0/1 on SQLite, a boolean on PostgreSQL
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sample_records)`).Scan(&loaded)
	return loaded, err
}

// demoUserTables are the tables whose rows make a database "the office's":
// the demo never mixes with them.
var demoUserTables = []string{"integrations", "developments", "contract_templates", "reservations", "admin_users"}

func demoCheckEmpty(ctx context.Context, q querier) error {
	var found []string
	for _, t := range demoUserTables {
		var has bool
		if err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+t+`)`).Scan(&has); err != nil {
			return err
		}
		if has {
			found = append(found, t)
		}
	}
	if len(found) > 0 {
		return crm.E(crm.CodeDemoNotEmpty, "tables", found)
	}
	return nil
}

// Load runs fn in one write transaction after checking that the demo is not
// loaded (crm.CodeDemoAlreadyLoaded) and the database is empty
// (crm.CodeDemoNotEmpty); an error from fn or the commit writes nothing.
// Every record fn makes is stamped now.
func (s *Demo) Load(ctx context.Context, now time.Time, fn func(crm.DemoWriter) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if ok, err := demoLoaded(ctx, tx); err != nil {
		return err
	} else if ok {
		return crm.E(crm.CodeDemoAlreadyLoaded)
	}
	if err := demoCheckEmpty(ctx, tx); err != nil {
		return err
	}
	if err := fn(&demoWriter{ctx: ctx, tx: tx, now: now.UTC()}); err != nil {
		return err
	}
	return tx.Commit()
}

// demoWriter writes the demo rows inside one transaction and records each in
// sample_records.
type demoWriter struct {
	ctx context.Context
	tx  *Tx
	now time.Time
}

func (w *demoWriter) ts() string { return w.now.Format(time.RFC3339Nano) }

// insert runs an INSERT and registers the new row; withUpdated says the
// table has updated_at, whose value (the load time) is the snapshot that
// later tells an edited demo record from an untouched one.
func (w *demoWriter) insert(table string, withUpdated bool, query string, args ...any) (int64, error) {
	id, err := insertID(w.ctx, w.tx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("sample %s: %w", table, err)
	}
	snap := ""
	if withUpdated {
		snap = w.ts()
	}
	_, err = w.tx.ExecContext(w.ctx, `INSERT INTO sample_records (table_name, row_id, updated_at_snapshot) VALUES (?, ?, ?)`,
		table, id, snap)
	return id, err
}

func (w *demoWriter) Integration(description string, env crm.Environment, last4 string, deadlineDays int) (int64, error) {
	return w.insert("integrations", true, `INSERT INTO integrations (description, environment, token_last4, has_token, deadline_days, created_at, updated_at)
		VALUES (?, ?, ?, 1, ?, ?, ?)`, description, string(env), last4, deadlineDays, w.ts(), w.ts())
}

func (w *demoWriter) Development(name, city, state string, integrationID int64) (int64, error) {
	return w.insert("developments", true, `INSERT INTO developments (name, city, state, integrated, integration_id, created_at, updated_at)
		VALUES (?, ?, ?, 1, ?, ?, ?)`, name, city, state, integrationID, w.ts(), w.ts())
}

func (w *demoWriter) Stage(developmentID int64, name string) (int64, error) {
	return w.insert("stages", false, `INSERT INTO stages (development_id, name) VALUES (?, ?)`, developmentID, name)
}

func (w *demoWriter) Block(stageID int64, name string) (int64, error) {
	return w.insert("blocks", false, `INSERT INTO blocks (stage_id, name) VALUES (?, ?)`, stageID, name)
}

func (w *demoWriter) Unit(blockID int64, number string, floor int, areaCm2, priceCents int64) (int64, error) {
	return w.insert("units", false, `INSERT INTO units (block_id, number, floor, area_cm2, price_cents) VALUES (?, ?, ?, ?, ?)`,
		blockID, number, floor, areaCm2, priceCents)
}

func (w *demoWriter) Template(t crm.ContractTemplate) (int64, error) {
	js, err := json.Marshal(t.Fields)
	if err != nil {
		return 0, err
	}
	return w.insert("contract_templates", true, `INSERT INTO contract_templates (name, file_name, sha256, size_bytes, pages, fields,
		mark_annotations, signed, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.Name, t.FileName, t.SHA256, t.Size, t.Pages, string(js), t.MarkAnnotations, t.Signed, w.ts(), w.ts())
}

func (w *demoWriter) Association(developmentID, templateID int64, position int, rules []crm.SignerRule) (int64, error) {
	assoc, err := w.insert("development_contracts", true, `INSERT INTO development_contracts (development_id, template_id, scope, position, created_at, updated_at)
		VALUES (?, ?, 'development', ?, ?, ?)`, developmentID, templateID, position, w.ts(), w.ts())
	if err != nil {
		return 0, err
	}
	for i, r := range rules {
		if _, err := w.insert("signer_rules", false, `INSERT INTO signer_rules (association_id, position, send_order, signer_type, name, email, phone, cpf,
			evidence, signature_kind, delivery, reminder, auth) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			assoc, i, r.SendOrder, r.SignerType, r.Name, r.Email, r.Phone, r.CPF, r.Evidence, r.SignatureKind, r.Delivery, r.Reminder, r.Auth); err != nil {
			return 0, err
		}
	}
	return assoc, nil
}

func (w *demoWriter) Broker(name, email string) (int64, error) {
	return w.insert("admin_users", true, `INSERT INTO admin_users (name, email, role, active, created_at, updated_at) VALUES (?, ?, 'corretor', 1, ?, ?)`,
		name, email, w.ts(), w.ts())
}

func (w *demoWriter) Reservation(n crm.ReservationInput, developmentID, priceCents int64) (int64, error) {
	id, err := w.insert("reservations", true, `INSERT INTO reservations (unit_id, development_id, broker_id, price_cents, status,
		holder_name, holder_cpf, search_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n.UnitID, developmentID, n.BrokerID, priceCents, n.Status, n.Holder.Name, n.Holder.CPF,
		crm.SearchKey(n.Holder.Name)+" "+crm.SearchKey(n.Holder.CPF), w.ts(), w.ts())
	if err != nil {
		return 0, err
	}
	people := append([]crm.Associate{{Kind: "holder", Person: n.Holder}}, n.Associates...)
	for pos, p := range people {
		if _, err := w.insert("reservation_people", false, `INSERT INTO reservation_people (reservation_id, role, position, name, cpf, email,
			phone1, phone2, birth_date, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, string(p.Kind), pos, p.Name, p.CPF, p.Email, p.Phone1, p.Phone2, p.BirthDate, p.Address); err != nil {
			return 0, err
		}
	}
	if _, err := w.tx.ExecContext(w.ctx, `UPDATE units SET status = ? WHERE id = ?`, n.Status.UnitStatus(), n.UnitID); err != nil {
		return 0, err
	}
	return id, nil
}

// demoReg is the registered ids of one table, for IN (...) clauses.
func demoReg(table string) string {
	return `(SELECT row_id FROM sample_records WHERE table_name = '` + table + `')`
}

// demoRefusal is one reason removal must not run: a query returning the
// name of the first offending row, and the error it becomes.
type demoRefusal struct {
	code, kind, query string
}

// demoRefusals, checked in order after CodeDemoSent, the strongest reason to
// keep the records (an envelope on the provider). Then demo rows the user
// edited (updated_at no longer the snapshot, or child rows replaced, as
// saving signer rules or a reservation's people does), then the user's own
// rows hanging from demo rows, which ON DELETE CASCADE would otherwise take
// with them or RESTRICT would make the delete fail half-way.
var demoRefusals = []demoRefusal{
	{crm.CodeDemoChanged, "integration", `SELECT i.description FROM integrations i JOIN sample_records s ON s.table_name = 'integrations' AND s.row_id = i.id WHERE i.updated_at <> s.updated_at_snapshot`},
	{crm.CodeDemoChanged, "development", `SELECT d.name FROM developments d JOIN sample_records s ON s.table_name = 'developments' AND s.row_id = d.id WHERE d.updated_at <> s.updated_at_snapshot`},
	{crm.CodeDemoChanged, "template", `SELECT t.name FROM contract_templates t JOIN sample_records s ON s.table_name = 'contract_templates' AND s.row_id = t.id WHERE t.updated_at <> s.updated_at_snapshot`},
	{crm.CodeDemoChanged, "association", `SELECT t.name FROM development_contracts dc JOIN contract_templates t ON t.id = dc.template_id
		JOIN sample_records s ON s.table_name = 'development_contracts' AND s.row_id = dc.id
		WHERE dc.updated_at <> s.updated_at_snapshot
		   OR EXISTS (SELECT 1 FROM signer_rules r WHERE r.association_id = dc.id AND r.id NOT IN ` + demoReg("signer_rules") + `)
		   OR EXISTS (SELECT 1 FROM development_contract_scope sc WHERE sc.association_id = dc.id)`},
	{crm.CodeDemoChanged, "user", `SELECT u.name FROM admin_users u JOIN sample_records s ON s.table_name = 'admin_users' AND s.row_id = u.id WHERE u.updated_at <> s.updated_at_snapshot`},
	{crm.CodeDemoChanged, "reservation", `SELECT r.holder_name FROM reservations r JOIN sample_records s ON s.table_name = 'reservations' AND s.row_id = r.id
		WHERE r.updated_at <> s.updated_at_snapshot
		   OR EXISTS (SELECT 1 FROM reservation_people p WHERE p.reservation_id = r.id AND p.id NOT IN ` + demoReg("reservation_people") + `)
		   OR EXISTS (SELECT 1 FROM reservation_contracts c WHERE c.reservation_id = r.id AND c.kind = 'attached')`},
	{crm.CodeDemoInUse, "development", `SELECT d.name FROM developments d WHERE d.integration_id IN ` + demoReg("integrations") + ` AND d.id NOT IN ` + demoReg("developments")},
	{crm.CodeDemoInUse, "stage", `SELECT st.name FROM stages st WHERE st.development_id IN ` + demoReg("developments") + ` AND st.id NOT IN ` + demoReg("stages")},
	{crm.CodeDemoInUse, "block", `SELECT b.name FROM blocks b WHERE b.stage_id IN ` + demoReg("stages") + ` AND b.id NOT IN ` + demoReg("blocks")},
	{crm.CodeDemoInUse, "unit", `SELECT u.number FROM units u WHERE u.block_id IN ` + demoReg("blocks") + ` AND u.id NOT IN ` + demoReg("units")},
	{crm.CodeDemoInUse, "association", `SELECT t.name FROM development_contracts dc JOIN contract_templates t ON t.id = dc.template_id
		WHERE (dc.development_id IN ` + demoReg("developments") + ` OR dc.template_id IN ` + demoReg("contract_templates") + `)
		AND dc.id NOT IN ` + demoReg("development_contracts")},
	{crm.CodeDemoInUse, "reservation", `SELECT r.holder_name FROM reservations r
		WHERE (r.development_id IN ` + demoReg("developments") + ` OR r.unit_id IN ` + demoReg("units") + ` OR r.broker_id IN ` + demoReg("admin_users") + `)
		AND r.id NOT IN ` + demoReg("reservations")},
	{crm.CodeDemoInUse, "token", `SELECT t.name FROM admin_tokens t WHERE t.user_id IN ` + demoReg("admin_users")},
}

// demoSentQuery counts the send operations and envelopes of demo
// reservations.
const demoSentQuery = `SELECT (SELECT COUNT(*) FROM send_operations WHERE reservation_id IN ` + `(SELECT row_id FROM sample_records WHERE table_name = 'reservations')` + `)
	+ (SELECT COUNT(*) FROM envelopes WHERE reservation_id IN (SELECT row_id FROM sample_records WHERE table_name = 'reservations')
	   AND operation_id NOT IN (SELECT id FROM send_operations))`

func demoCheckRemovable(ctx context.Context, q querier) error {
	var sent int
	if err := q.QueryRowContext(ctx, demoSentQuery).Scan(&sent); err != nil {
		return err
	}
	if sent > 0 {
		return crm.E(crm.CodeDemoSent, "count", sent)
	}
	for _, r := range demoRefusals {
		rows, err := q.QueryContext(ctx, r.query+` LIMIT 1`)
		if err != nil {
			return fmt.Errorf("sample check %s/%s: %w", r.code, r.kind, err)
		}
		var name string
		found := rows.Next()
		if found {
			err = rows.Scan(&name)
		}
		rows.Close()
		if err != nil {
			return err
		}
		if found {
			return crm.E(r.code, "kind", r.kind, "name", name)
		}
	}
	return nil
}

// demoDeletes remove the registered rows top-down in an order the RESTRICT
// foreign keys accept: reservations (with their people and generated
// contracts) before the units and the corretor, associations before
// templates, developments before their key.
var demoDeletes = []string{"reservations", "development_contracts", "contract_templates", "developments", "integrations", "admin_users"}

// Remove deletes exactly the demo rows in one transaction and returns what
// the caller must clean outside the database. It refuses with
// crm.CodeDemoNotLoaded or a CheckRemovable code and then touches nothing.
func (s *Demo) Remove(ctx context.Context) (crm.DemoRemoved, error) {
	var out crm.DemoRemoved
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return out, err
	}
	defer tx.Rollback()
	if ok, err := demoLoaded(ctx, tx); err != nil {
		return out, err
	} else if !ok {
		return out, crm.E(crm.CodeDemoNotLoaded)
	}
	if err := demoCheckRemovable(ctx, tx); err != nil {
		return out, err
	}

	collect := func(query string, into *[]string) error {
		rows, err := tx.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sum string
			if err := rows.Scan(&sum); err != nil {
				return err
			}
			*into = append(*into, sum)
		}
		return rows.Err()
	}
	if err := collect(`SELECT sha256 FROM contract_templates WHERE id IN `+demoReg("contract_templates"), &out.TemplateFiles); err != nil {
		return out, err
	}
	// A generated contract's file may be shared by another contract with the
	// same bytes; only files no remaining contract names are returned.
	if err := collect(`SELECT DISTINCT c.sha256 FROM reservation_contracts c WHERE c.reservation_id IN `+demoReg("reservations")+`
		AND NOT EXISTS (SELECT 1 FROM reservation_contracts o WHERE o.sha256 = c.sha256 AND o.reservation_id NOT IN `+demoReg("reservations")+`)`,
		&out.ContractFiles); err != nil {
		return out, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT row_id FROM sample_records WHERE table_name = 'integrations'`)
	if err != nil {
		return out, err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return out, err
		}
		out.IntegrationIDs = append(out.IntegrationIDs, id)
	}
	rows.Close()

	for _, t := range demoDeletes {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE id IN `+demoReg(t)); err != nil {
			return out, fmt.Errorf("removing sample %s: %w", t, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sample_records`); err != nil {
		return out, err
	}
	return out, tx.Commit()
}
