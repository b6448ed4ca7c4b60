package sample

import (
	"context"
	"fmt"
	"path/filepath"

	"selo/backend/crm"
	"selo/backend/integrations"
)

// reg is the registered ids of one table, for IN (...) clauses.
func reg(table string) string {
	return `(SELECT row_id FROM sample_records WHERE table_name = '` + table + `')`
}

// refusal is one reason removal must not run: a query returning the name of
// the first offending row, and the error it becomes.
type refusal struct {
	code, kind, query string
}

// refusals, checked in order. CodeSent first: an envelope on the provider is
// the strongest reason to keep the records. Then sample rows the user edited
// (updated_at no longer the snapshot, or child rows replaced, as saving
// signer rules or a reservation's people does), then the user's own rows
// hanging from sample rows, which ON DELETE CASCADE would otherwise take
// with them or RESTRICT would make the delete fail half-way.
var refusals = []refusal{
	{CodeChanged, "integration", `SELECT i.description FROM integrations i JOIN sample_records s ON s.table_name = 'integrations' AND s.row_id = i.id WHERE i.updated_at <> s.updated_at_snapshot`},
	{CodeChanged, "development", `SELECT d.name FROM developments d JOIN sample_records s ON s.table_name = 'developments' AND s.row_id = d.id WHERE d.updated_at <> s.updated_at_snapshot`},
	{CodeChanged, "template", `SELECT t.name FROM contract_templates t JOIN sample_records s ON s.table_name = 'contract_templates' AND s.row_id = t.id WHERE t.updated_at <> s.updated_at_snapshot`},
	{CodeChanged, "association", `SELECT t.name FROM development_contracts dc JOIN contract_templates t ON t.id = dc.template_id
		JOIN sample_records s ON s.table_name = 'development_contracts' AND s.row_id = dc.id
		WHERE dc.updated_at <> s.updated_at_snapshot
		   OR EXISTS (SELECT 1 FROM signer_rules r WHERE r.association_id = dc.id AND r.id NOT IN ` + reg("signer_rules") + `)
		   OR EXISTS (SELECT 1 FROM development_contract_scope sc WHERE sc.association_id = dc.id)`},
	{CodeChanged, "user", `SELECT u.name FROM admin_users u JOIN sample_records s ON s.table_name = 'admin_users' AND s.row_id = u.id WHERE u.updated_at <> s.updated_at_snapshot`},
	{CodeChanged, "reservation", `SELECT r.holder_name FROM reservations r JOIN sample_records s ON s.table_name = 'reservations' AND s.row_id = r.id
		WHERE r.updated_at <> s.updated_at_snapshot
		   OR EXISTS (SELECT 1 FROM reservation_people p WHERE p.reservation_id = r.id AND p.id NOT IN ` + reg("reservation_people") + `)
		   OR EXISTS (SELECT 1 FROM reservation_contracts c WHERE c.reservation_id = r.id AND c.kind = 'attached')`},
	{CodeInUse, "development", `SELECT d.name FROM developments d WHERE d.integration_id IN ` + reg("integrations") + ` AND d.id NOT IN ` + reg("developments")},
	{CodeInUse, "stage", `SELECT st.name FROM stages st WHERE st.development_id IN ` + reg("developments") + ` AND st.id NOT IN ` + reg("stages")},
	{CodeInUse, "block", `SELECT b.name FROM blocks b WHERE b.stage_id IN ` + reg("stages") + ` AND b.id NOT IN ` + reg("blocks")},
	{CodeInUse, "unit", `SELECT u.number FROM units u WHERE u.block_id IN ` + reg("blocks") + ` AND u.id NOT IN ` + reg("units")},
	{CodeInUse, "association", `SELECT t.name FROM development_contracts dc JOIN contract_templates t ON t.id = dc.template_id
		WHERE (dc.development_id IN ` + reg("developments") + ` OR dc.template_id IN ` + reg("contract_templates") + `)
		AND dc.id NOT IN ` + reg("development_contracts")},
	{CodeInUse, "reservation", `SELECT r.holder_name FROM reservations r
		WHERE (r.development_id IN ` + reg("developments") + ` OR r.unit_id IN ` + reg("units") + ` OR r.broker_id IN ` + reg("admin_users") + `)
		AND r.id NOT IN ` + reg("reservations")},
	{CodeInUse, "token", `SELECT t.name FROM admin_tokens t WHERE t.user_id IN ` + reg("admin_users")},
}

// sentQuery counts the send operations and envelopes of sample
// reservations.
const sentQuery = `SELECT (SELECT COUNT(*) FROM send_operations WHERE reservation_id IN ` + `(SELECT row_id FROM sample_records WHERE table_name = 'reservations')` + `)
	+ (SELECT COUNT(*) FROM envelopes WHERE reservation_id IN (SELECT row_id FROM sample_records WHERE table_name = 'reservations')
	   AND operation_id NOT IN (SELECT id FROM send_operations))`

// checkRemovable returns the first reason the sample cannot be removed, or
// nil.
func checkRemovable(ctx context.Context, q querier) error {
	var sent int
	if err := q.QueryRowContext(ctx, sentQuery).Scan(&sent); err != nil {
		return err
	}
	if sent > 0 {
		return crm.E(CodeSent, "count", sent)
	}
	for _, r := range refusals {
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

// deletes remove the registered rows top-down in an order the RESTRICT
// foreign keys accept: reservations (with their people and generated
// contracts) before the units and the corretor, associations before
// templates, developments before their key.
var deletes = []string{"reservations", "development_contracts", "contract_templates", "developments", "integrations", "admin_users"}

// Remove deletes exactly the sample, in one transaction, then the sample
// template files, the generated contract files no other contract shares and
// the sample key's token. It refuses with CodeNotLoaded, CodeSent,
// CodeChanged or CodeInUse and then touches nothing.
func (s *Service) Remove(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if ok, err := loaded(ctx, tx); err != nil {
		return err
	} else if !ok {
		return crm.E(CodeNotLoaded)
	}
	if err := checkRemovable(ctx, tx); err != nil {
		return err
	}

	var files []string
	collect := func(query, dir string) error {
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
			files = append(files, filepath.Join(dir, sum+".pdf"))
		}
		return rows.Err()
	}
	if err := collect(`SELECT sha256 FROM contract_templates WHERE id IN `+reg("contract_templates"), s.templatesDir()); err != nil {
		return err
	}
	// A generated contract's file may be shared by another contract with the
	// same bytes; only files no remaining contract names are removed.
	if err := collect(`SELECT DISTINCT c.sha256 FROM reservation_contracts c WHERE c.reservation_id IN `+reg("reservations")+`
		AND NOT EXISTS (SELECT 1 FROM reservation_contracts o WHERE o.sha256 = c.sha256 AND o.reservation_id NOT IN `+reg("reservations")+`)`,
		s.contractsDir()); err != nil {
		return err
	}
	var keyIDs []int64
	rows, err := tx.QueryContext(ctx, `SELECT row_id FROM sample_records WHERE table_name = 'integrations'`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		keyIDs = append(keyIDs, id)
	}
	rows.Close()

	for _, t := range deletes {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE id IN `+reg(t)); err != nil {
			return fmt.Errorf("removing sample %s: %w", t, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sample_records`); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// The rows are gone; a file or token left behind is only clutter, so it
	// is logged, not reported.
	for _, f := range files {
		removeFile(s.log, f)
	}
	for _, id := range keyIDs {
		if err := s.secrets.Delete(ctx, integrations.SecretKey(id)); err != nil {
			s.log.Warn("removing the sample key's token", "err", err)
		}
	}
	s.log.Info("sample data removed", "files", len(files))
	return nil
}
