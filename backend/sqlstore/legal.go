package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"selo/backend/crm"
	"selo/backend/legal"
)

// Legal stores Empreendimento → Jurídico: associated contracts, their scopes
// and signer rules.
type Legal struct {
	db  *DB
	now func() time.Time
}

// Legal returns the Jurídico store.
func (db *DB) Legal() *Legal { return &Legal{db: db, now: time.Now} }

var _ legal.Store = (*Legal)(nil)

// Templates implements legal.Store.
func (s *Legal) Templates(ctx context.Context) ([]legal.Template, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, registry FROM contract_templates ORDER BY name, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []legal.Template{}
	for rows.Next() {
		var t legal.Template
		if err := rows.Scan(&t.ID, &t.Name, &t.Registry); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// TemplateUsedBy names the developments that associate a template, so the
// templates screen can refuse a deletion saying where it is used (the
// foreign key refuses it anyway).
func (s *Legal) TemplateUsedBy(ctx context.Context, templateID int64) ([]string, error) {
	return templateUsers(ctx, s.db, templateID)
}

// List implements legal.Store.
func (s *Legal) List(ctx context.Context, developmentID int64) ([]legal.Association, error) {
	return s.load(ctx, `dc.development_id = ?`, developmentID)
}

// Get implements legal.Store.
func (s *Legal) Get(ctx context.Context, id int64) (legal.Association, error) {
	list, err := s.load(ctx, `dc.id = ?`, id)
	if err != nil {
		return legal.Association{}, err
	}
	if len(list) == 0 {
		return legal.Association{}, crm.E(crm.CodeNotFound)
	}
	return list[0], nil
}

// load reads associations matching where (one "?" bound to arg) with their
// scope items and rules.
func (s *Legal) load(ctx context.Context, where string, arg int64) ([]legal.Association, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT dc.id, dc.development_id, dc.template_id, t.name, t.registry, dc.scope, dc.position,
		dc.version, dc.updated_by_name
		FROM development_contracts dc JOIN contract_templates t ON t.id = dc.template_id
		WHERE `+where+` ORDER BY dc.position, dc.id`, arg)
	if err != nil {
		return nil, err
	}
	out := []legal.Association{}
	index := map[int64]int{}
	for rows.Next() {
		var a legal.Association
		if err := rows.Scan(&a.ID, &a.DevelopmentID, &a.TemplateID, &a.TemplateName, &a.Registry, &a.Scope, &a.Position, &a.Version, &a.UpdatedByName); err != nil {
			rows.Close()
			return nil, err
		}
		a.ScopeItems = []legal.ScopeItem{}
		a.Rules = []crm.SignerRule{}
		a.Previews = []legal.RulePreview{}
		index[a.ID] = len(out)
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}

	// Scope items, labelled and in structure order.
	items, err := s.db.QueryContext(ctx, `SELECT assoc, id, stage, block, unit, kind FROM (
		SELECT sc.association_id AS assoc, st.id AS id, st.name AS stage, '' AS block, '' AS unit, 0 AS kind, st.id AS sid
			FROM development_contract_scope sc JOIN development_contracts dc ON dc.id = sc.association_id
			JOIN stages st ON st.id = sc.stage_id WHERE `+where+`
		UNION ALL SELECT sc.association_id, b.id, st.name, b.name, '', 1, st.id
			FROM development_contract_scope sc JOIN development_contracts dc ON dc.id = sc.association_id
			JOIN blocks b ON b.id = sc.block_id JOIN stages st ON st.id = b.stage_id WHERE `+where+`
		UNION ALL SELECT sc.association_id, u.id, st.name, b.name, u.number, 2, st.id
			FROM development_contract_scope sc JOIN development_contracts dc ON dc.id = sc.association_id
			JOIN units u ON u.id = sc.unit_id JOIN blocks b ON b.id = u.block_id JOIN stages st ON st.id = b.stage_id WHERE `+where+`
		) AS item ORDER BY assoc, sid, block, `+s.db.engine.numberOrder("unit")+`, unit`, arg, arg, arg)
	if err != nil {
		return nil, err
	}
	for items.Next() {
		var assoc, id int64
		var stage, block, unit string
		var kind int
		if err := items.Scan(&assoc, &id, &stage, &block, &unit, &kind); err != nil {
			items.Close()
			return nil, err
		}
		a := &out[index[assoc]]
		a.ScopeItems = append(a.ScopeItems, legal.ScopeItem{ID: id, Label: scopeLabel(kind, stage, block, unit)})
	}
	items.Close()
	if err := items.Err(); err != nil {
		return nil, err
	}

	rules, err := s.db.QueryContext(ctx, `SELECT r.association_id, r.send_order, r.signer_type, r.name, r.email, r.phone, r.cpf,
		r.evidence, r.signature_kind, r.delivery, r.reminder, r.auth
		FROM signer_rules r JOIN development_contracts dc ON dc.id = r.association_id
		WHERE `+where+` ORDER BY r.association_id, r.position`, arg)
	if err != nil {
		return nil, err
	}
	defer rules.Close()
	for rules.Next() {
		var assoc int64
		var r crm.SignerRule
		if err := rules.Scan(&assoc, &r.SendOrder, &r.SignerType, &r.Name, &r.Email, &r.Phone, &r.CPF,
			&r.Evidence, &r.SignatureKind, &r.Delivery, &r.Reminder, &r.Auth); err != nil {
			return nil, err
		}
		a := &out[index[assoc]]
		a.Rules = append(a.Rules, r)
	}
	return out, rules.Err()
}

// scopeLabel names a scope item the way the screen and the in-use message
// show it: "Etapa 1", "Bloco A (Etapa 1)", "Bloco A 101".
func scopeLabel(kind int, stage, block, unit string) string {
	switch kind {
	case 0:
		return stage
	case 1:
		return block + " (" + stage + ")"
	}
	return block + " " + unit
}

// scopeColumn returns the scope item column and the query that lists, among
// the ids of a development, those that exist; "" for the whole development.
func scopeColumn(scope crm.ContractScope) (column, existing string) {
	switch scope {
	case crm.ScopeStages:
		return "stage_id", `SELECT st.id FROM stages st WHERE st.development_id = ? AND st.id = ?`
	case crm.ScopeBlocks:
		return "block_id", `SELECT b.id FROM blocks b JOIN stages st ON st.id = b.stage_id
			WHERE st.development_id = ? AND b.id = ?`
	case crm.ScopeUnits:
		return "unit_id", `SELECT u.id FROM units u JOIN blocks b ON b.id = u.block_id JOIN stages st ON st.id = b.stage_id
			WHERE st.development_id = ? AND u.id = ?`
	}
	return "", ""
}

// writeScope replaces an association's scope items inside tx, refusing ids
// that are not in the development.
func writeScope(ctx context.Context, tx *Tx, assocID, developmentID int64, scope crm.ContractScope, ids []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM development_contract_scope WHERE association_id = ?`, assocID); err != nil {
		return err
	}
	column, existing := scopeColumn(scope)
	if column == "" {
		return nil
	}
	var missing []string
	for _, id := range ids {
		var got int64
		err := tx.QueryRowContext(ctx, existing, developmentID, id).Scan(&got)
		if errors.Is(err, sql.ErrNoRows) {
			missing = append(missing, fmt.Sprint(id))
			continue
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO development_contract_scope (association_id, `+column+`) VALUES (?, ?)`, assocID, id); err != nil {
			return err
		}
	}
	if len(missing) > 0 {
		return invalid(crm.E(legal.CodeScopeItemNotFound, "ids", strings.Join(missing, ", "), "count", len(missing)).OnField("scopeIds"))
	}
	return nil
}

// Insert implements legal.Store.
func (s *Legal) Insert(ctx context.Context, developmentID, templateID int64, scope crm.ContractScope, ids []int64) (int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM developments WHERE id = ?`, developmentID).Scan(&n); err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, crm.E(crm.CodeNotFound)
	}
	var name string
	err = tx.QueryRowContext(ctx, `SELECT name FROM contract_templates WHERE id = ?`, templateID).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, invalid(crm.E(crm.CodeNotFound).OnField("templateId"))
	}
	if err != nil {
		return 0, err
	}
	now := ts(s.now())
	id, err := insertID(ctx, tx, `INSERT INTO development_contracts (development_id, template_id, scope, position, created_at, updated_at)
		VALUES (?, ?, ?, (SELECT COALESCE(MAX(position) + 1, 0) FROM development_contracts WHERE development_id = ?), ?, ?)`,
		developmentID, templateID, scope, developmentID, now, now)
	if uniqueViolation(err) {
		return 0, invalid(crm.E(legal.CodeDuplicateTemplate, "template", name).OnField("templateId"))
	}
	if err != nil {
		return 0, err
	}
	if err := writeScope(ctx, tx, id, developmentID, scope, ids); err != nil {
		return 0, err
	}
	return id, tx.Commit()
}

// SetScope implements legal.Store.
func (s *Legal) SetScope(ctx context.Context, id int64, scope crm.ContractScope, ids []int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var devID int64
	err = tx.QueryRowContext(ctx, `SELECT development_id FROM development_contracts WHERE id = ?`, id).Scan(&devID)
	if errors.Is(err, sql.ErrNoRows) {
		return crm.E(crm.CodeNotFound)
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE development_contracts SET scope = ?, updated_at = ?, updated_by_name = ? WHERE id = ?`,
		scope, ts(s.now()), s.db.Actor().Name, id); err != nil {
		return err
	}
	if err := writeScope(ctx, tx, id, devID, scope, ids); err != nil {
		return err
	}
	return tx.Commit()
}

// Delete implements legal.Store; the scope and rules go by ON DELETE CASCADE.
func (s *Legal) Delete(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM development_contracts WHERE id = ?`, id)
	return affected(res, err)
}

// ReplaceRules implements legal.Store: the old list goes and the new one
// comes in one transaction, so a failure leaves the previous list intact.
func (s *Legal) ReplaceRules(ctx context.Context, id int64, rules []crm.SignerRule) error {
	return s.ReplaceRulesAt(ctx, id, 0, rules)
}

// ReplaceRulesAt implements legal.Store. The version check and bump come
// first, in the same transaction as the rows: a refused save writes no rule.
func (s *Legal) ReplaceRulesAt(ctx context.Context, id, version int64, rules []crm.SignerRule) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE development_contracts SET updated_at = ?, updated_by_name = ?, version = version + 1
		WHERE id = ? AND (? = 0 OR version = ?)`, ts(s.now()), s.db.Actor().Name, id, version, version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return conflict(ctx, tx, "development_contracts", id)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM signer_rules WHERE association_id = ?`, id); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO signer_rules (association_id, position, send_order, signer_type,
		name, email, phone, cpf, evidence, signature_kind, delivery, reminder, auth)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, r := range rules {
		if _, err := stmt.ExecContext(ctx, id, i, r.SendOrder, r.SignerType, r.Name, r.Email, r.Phone, r.CPF,
			r.Evidence, r.SignatureKind, r.Delivery, r.Reminder, r.Auth); err != nil {
			return fmt.Errorf("signer rule %d: %w", i, err)
		}
	}
	return tx.Commit()
}

// UnitPath implements legal.Store.
func (s *Legal) UnitPath(ctx context.Context, unitID int64) (crm.UnitPath, error) {
	p := crm.UnitPath{UnitID: unitID}
	err := s.db.QueryRowContext(ctx, `SELECT st.development_id, st.id, b.id FROM units u
		JOIN blocks b ON b.id = u.block_id JOIN stages st ON st.id = b.stage_id WHERE u.id = ?`, unitID).
		Scan(&p.DevelopmentID, &p.StageID, &p.BlockID)
	if errors.Is(err, sql.ErrNoRows) {
		return p, crm.E(crm.CodeNotFound)
	}
	return p, err
}

// scopeUsers lists the contract scopes that name anything under a stage,
// block or unit about to be deleted: which items, and which templates. The
// where clause filters st (stage), b (block) and u (unit) rows; items named
// directly and items inside are both found.
func (s *Developments) scopeUsers(ctx context.Context, where string, id int64) (items, templates []string, err error) {
	// DISTINCT in an inner query: PostgreSQL will not ORDER BY a DISTINCT
	// result on an expression it does not select (the number order).
	rows, err := s.db.QueryContext(ctx, `SELECT kind, stage, block, unit, template FROM (
		SELECT DISTINCT kind, stage, block, unit, template FROM (
		SELECT 0 AS kind, st.name AS stage, '' AS block, '' AS unit, t.name AS template, st.id AS sid, 0 AS bid, 0 AS uid
			FROM development_contract_scope sc JOIN stages st ON st.id = sc.stage_id
			JOIN development_contracts dc ON dc.id = sc.association_id JOIN contract_templates t ON t.id = dc.template_id
		UNION ALL SELECT 1, st.name, b.name, '', t.name, st.id, b.id, 0
			FROM development_contract_scope sc JOIN blocks b ON b.id = sc.block_id JOIN stages st ON st.id = b.stage_id
			JOIN development_contracts dc ON dc.id = sc.association_id JOIN contract_templates t ON t.id = dc.template_id
		UNION ALL SELECT 2, st.name, b.name, u.number, t.name, st.id, b.id, u.id
			FROM development_contract_scope sc JOIN units u ON u.id = sc.unit_id JOIN blocks b ON b.id = u.block_id
			JOIN stages st ON st.id = b.stage_id
			JOIN development_contracts dc ON dc.id = sc.association_id JOIN contract_templates t ON t.id = dc.template_id
	) AS item WHERE `+where+`) AS used
		ORDER BY kind, stage, block, `+s.db.engine.numberOrder("unit")+`, unit, template`, id)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	seenItem, seenTemplate := map[string]bool{}, map[string]bool{}
	for rows.Next() {
		var kind int
		var stage, block, unit, template string
		if err := rows.Scan(&kind, &stage, &block, &unit, &template); err != nil {
			return nil, nil, err
		}
		if l := scopeLabel(kind, stage, block, unit); !seenItem[l] {
			seenItem[l] = true
			items = append(items, l)
		}
		if !seenTemplate[template] {
			seenTemplate[template] = true
			templates = append(templates, "“"+template+"”")
		}
	}
	return items, templates, rows.Err()
}

// scopeInUse refuses a deletion that would leave a contract scope naming
// something gone, saying what is named and by which contracts.
func (s *Developments) scopeInUse(ctx context.Context, where string, id int64) error {
	items, templates, err := s.scopeUsers(ctx, where, id)
	if err != nil || len(items) == 0 {
		return err
	}
	shown := items
	if len(shown) > 5 {
		shown = append(shown[:5:5], "…")
	}
	return crm.E(crm.CodeScopeInUse, "where", strings.Join(shown, ", "), "templates", strings.Join(templates, ", "),
		"count", len(items))
}
