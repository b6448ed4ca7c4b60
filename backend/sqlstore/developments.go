package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"selo/backend/crm"
)

// Developments stores empreendimentos and their etapas, blocos and unidades.
type Developments struct{ db *DB }

// Developments returns the developments store.
func (db *DB) Developments() *Developments { return &Developments{db: db} }

func ts(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// A development's provider follows its key (COALESCE(i.provider, ...)):
// choosing a DocuSign key makes it a DocuSign development, with nothing
// stored twice that could disagree; d.provider only answers for a
// development with no key yet.

// List returns developments by name with unit counts per situação; archived
// ones only when asked.
func (s *Developments) List(ctx context.Context, includeArchived bool) ([]crm.Development, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.name, d.city, d.state, d.integrated, COALESCE(i.provider, d.provider),
		COALESCE(d.integration_id, 0), COALESCE(i.description, ''), d.archived_at IS NOT NULL, d.created_at
		FROM developments d LEFT JOIN integrations i ON i.id = d.integration_id
		WHERE ? = 1 OR d.archived_at IS NULL ORDER BY d.name`, includeArchived)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []crm.Development
	index := map[int64]int{}
	for rows.Next() {
		var d crm.Development
		var created string
		if err := rows.Scan(&d.ID, &d.Name, &d.City, &d.State, &d.Integrated, &d.Provider, &d.IntegrationID,
			&d.IntegrationName, &d.Archived, &created); err != nil {
			return nil, err
		}
		d.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
		d.UnitCounts = map[string]int{}
		index[d.ID] = len(out)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	counts, err := s.db.QueryContext(ctx, `SELECT st.development_id, u.status, COUNT(*) FROM units u
		JOIN blocks b ON b.id = u.block_id JOIN stages st ON st.id = b.stage_id
		GROUP BY st.development_id, u.status`)
	if err != nil {
		return nil, err
	}
	defer counts.Close()
	for counts.Next() {
		var id int64
		var status string
		var n int
		if err := counts.Scan(&id, &status, &n); err != nil {
			return nil, err
		}
		if k, ok := index[id]; ok {
			out[k].UnitCounts[status] = n
		}
	}
	return out, counts.Err()
}

// Get returns one development with its whole structure.
func (s *Developments) Get(ctx context.Context, id int64) (crm.Development, error) {
	var d crm.Development
	var created string
	err := s.db.QueryRowContext(ctx, `SELECT d.id, d.name, d.city, d.state, d.integrated, COALESCE(i.provider, d.provider),
		COALESCE(d.integration_id, 0), COALESCE(i.description, ''), d.archived_at IS NOT NULL, d.created_at,
		d.version, d.updated_by_name
		FROM developments d LEFT JOIN integrations i ON i.id = d.integration_id WHERE d.id = ?`, id).
		Scan(&d.ID, &d.Name, &d.City, &d.State, &d.Integrated, &d.Provider, &d.IntegrationID, &d.IntegrationName, &d.Archived, &created,
			&d.Version, &d.UpdatedByName)
	if errors.Is(err, sql.ErrNoRows) {
		return d, crm.E(crm.CodeNotFound)
	}
	if err != nil {
		return d, err
	}
	d.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	d.UnitCounts = map[string]int{}

	rows, err := s.db.QueryContext(ctx, `SELECT st.id, st.name, COALESCE(b.id, 0), COALESCE(b.name, ''),
		COALESCE(u.id, 0), COALESCE(u.number, ''), COALESCE(u.floor, 0), COALESCE(u.area_cm2, 0),
		COALESCE(u.price_cents, 0), COALESCE(u.status, '')
		FROM stages st LEFT JOIN blocks b ON b.stage_id = st.id LEFT JOIN units u ON u.block_id = b.id
		WHERE st.development_id = ?
		ORDER BY st.id, b.name, u.floor, `+s.db.engine.numberOrder("u.number")+`, u.number`, id)
	if err != nil {
		return d, err
	}
	defer rows.Close()
	for rows.Next() {
		var stID, bID int64
		var stName, bName string
		var u crm.Unit
		if err := rows.Scan(&stID, &stName, &bID, &bName, &u.ID, &u.Number, &u.Floor, &u.AreaCm2, &u.PriceCents, &u.Status); err != nil {
			return d, err
		}
		if n := len(d.Stages); n == 0 || d.Stages[n-1].ID != stID {
			d.Stages = append(d.Stages, crm.Stage{ID: stID, Name: stName, Blocks: []crm.Block{}})
		}
		st := &d.Stages[len(d.Stages)-1]
		if bID == 0 {
			continue
		}
		if n := len(st.Blocks); n == 0 || st.Blocks[n-1].ID != bID {
			st.Blocks = append(st.Blocks, crm.Block{ID: bID, Name: bName, Units: []crm.Unit{}})
		}
		if u.ID != 0 {
			b := &st.Blocks[len(st.Blocks)-1]
			u.BlockID = bID
			b.Units = append(b.Units, u)
			d.UnitCounts[string(u.Status)]++
		}
	}
	return d, rows.Err()
}

// Insert adds a development.
func (s *Developments) Insert(ctx context.Context, in crm.DevelopmentInput, now time.Time) (int64, error) {
	id, err := insertID(ctx, s.db, `INSERT INTO developments (name, city, state, created_at, updated_at, updated_by_name)
		VALUES (?, ?, ?, ?, ?, ?)`, in.Name, in.City, in.State, ts(now), ts(now), s.db.Actor().Name)
	if uniqueViolation(err) {
		return 0, invalid(crm.E(crm.CodeDuplicate, "value", in.Name).OnField("name"))
	}
	if err != nil {
		return 0, err
	}
	return id, nil
}

// Update edits name, city and state.
func (s *Developments) Update(ctx context.Context, in crm.DevelopmentInput, now time.Time) error {
	// Only at the version the form read (0: unchecked), so another PC's
	// save in between is refused, not overwritten.
	res, err := s.db.ExecContext(ctx, `UPDATE developments SET name = ?, city = ?, state = ?, updated_at = ?,
		updated_by_name = ?, version = version + 1 WHERE id = ? AND (? = 0 OR version = ?)`,
		in.Name, in.City, in.State, ts(now), s.db.Actor().Name, in.ID, in.Version, in.Version)
	if uniqueViolation(err) {
		return invalid(crm.E(crm.CodeDuplicate, "value", in.Name).OnField("name"))
	}
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return conflict(ctx, s.db, "developments", in.ID)
	}
	return nil
}

// SetSettings saves "Integrado API" and the chosen key.
func (s *Developments) SetSettings(ctx context.Context, in crm.DevelopmentSettings, now time.Time) error {
	var key any
	if in.IntegrationID != 0 {
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM integrations WHERE id = ?`, in.IntegrationID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return invalid(crm.E(crm.CodeNotFound).OnField("integrationId"))
		}
		key = in.IntegrationID
	}
	// Stamped like every write, so a later conflict names who touched the
	// record last and when; the version is the form's (name, city, state).
	res, err := s.db.ExecContext(ctx, `UPDATE developments SET integrated = ?, integration_id = ?, updated_at = ?, updated_by_name = ?
		WHERE id = ?`, in.Integrated, key, ts(now), s.db.Actor().Name, in.ID)
	return affected(res, err)
}

// SetArchived archives or restores a development.
func (s *Developments) SetArchived(ctx context.Context, id int64, archived bool, now time.Time) error {
	var at any
	if archived {
		at = ts(now)
	}
	res, err := s.db.ExecContext(ctx, `UPDATE developments SET archived_at = ?, updated_at = ?, updated_by_name = ? WHERE id = ?`,
		at, ts(now), s.db.Actor().Name, id)
	return affected(res, err)
}

// AddStage adds an etapa.
func (s *Developments) AddStage(ctx context.Context, developmentID int64, name string) (int64, error) {
	id, err := insertID(ctx, s.db, `INSERT INTO stages (development_id, name) VALUES (?, ?)`, developmentID, name)
	return insertedID(id, err, name)
}

// AddBlock adds a bloco to an etapa.
func (s *Developments) AddBlock(ctx context.Context, stageID int64, name string) (int64, error) {
	id, err := insertID(ctx, s.db, `INSERT INTO blocks (stage_id, name) VALUES (?, ?)`, stageID, name)
	return insertedID(id, err, name)
}

// unitsInUse names the reserved or sold units under a scope, so a deletion
// can be refused saying where they are.
func (s *Developments) unitsInUse(ctx context.Context, q string, id int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, q, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var b, n string
		if err := rows.Scan(&b, &n); err != nil {
			return nil, err
		}
		out = append(out, b+" "+n)
	}
	return out, rows.Err()
}

func inUse(names []string) error {
	shown := names
	if len(shown) > 5 {
		shown = append(shown[:5:5], "…")
	}
	return crm.E(crm.CodeInUse, "usedBy", "unidades "+strings.Join(shown, ", "), "count", len(names))
}

// DeleteStage removes an etapa with its blocks and units, unless a unit in it
// is reserved or sold, or a contract scope (Jurídico) names it or anything in
// it.
func (s *Developments) DeleteStage(ctx context.Context, id int64) error {
	used, err := s.unitsInUse(ctx, `SELECT b.name, u.number FROM units u JOIN blocks b ON b.id = u.block_id
		WHERE b.stage_id = ? AND u.status IN ('reserved', 'sold') ORDER BY b.name, u.number`, id)
	if err != nil {
		return err
	}
	if len(used) > 0 {
		return inUse(used)
	}
	if err := s.scopeInUse(ctx, `sid = ?`, id); err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `DELETE FROM stages WHERE id = ?`, id)
	return affected(res, err)
}

// DeleteBlock removes a bloco and its units, unless one is reserved or sold,
// or a contract scope (Jurídico) names the block or one of its units.
func (s *Developments) DeleteBlock(ctx context.Context, id int64) error {
	used, err := s.unitsInUse(ctx, `SELECT b.name, u.number FROM units u JOIN blocks b ON b.id = u.block_id
		WHERE b.id = ? AND u.status IN ('reserved', 'sold') ORDER BY u.number`, id)
	if err != nil {
		return err
	}
	if len(used) > 0 {
		return inUse(used)
	}
	if err := s.scopeInUse(ctx, `bid = ?`, id); err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `DELETE FROM blocks WHERE id = ?`, id)
	return affected(res, err)
}

// InsertUnits creates a bulk plan in one transaction. Numbers that already
// exist in the block are refused all together, naming them, and nothing is
// inserted.
func (s *Developments) InsertUnits(ctx context.Context, plan crm.BulkPlan) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var exists int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM blocks WHERE id = ?`, plan.BlockID).Scan(&exists); err != nil {
		return 0, err
	}
	if exists == 0 {
		return 0, crm.E(crm.CodeNotFound)
	}
	rows, err := tx.QueryContext(ctx, `SELECT number FROM units WHERE block_id = ?`, plan.BlockID)
	if err != nil {
		return 0, err
	}
	have := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return 0, err
		}
		have[strings.ToLower(n)] = true
	}
	rows.Close()
	var clash []string
	for _, u := range plan.Units {
		if have[strings.ToLower(u.Number)] {
			clash = append(clash, u.Number)
		}
	}
	if len(clash) > 0 {
		shown := clash
		if len(shown) > 8 {
			shown = append(shown[:8:8], "…")
		}
		return 0, invalid(crm.E(crm.CodeUnitsOverlap, "numbers", strings.Join(shown, ", "), "count", len(clash)).OnField("floorFrom"))
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO units (block_id, number, floor, area_cm2, price_cents) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	for _, u := range plan.Units {
		if _, err := stmt.ExecContext(ctx, plan.BlockID, u.Number, u.Floor, plan.AreaCm2, plan.PriceCents); err != nil {
			return 0, err
		}
	}
	return len(plan.Units), tx.Commit()
}

// SaveUnit inserts or updates one unit.
func (s *Developments) SaveUnit(ctx context.Context, u crm.Unit) (int64, error) {
	if u.ID == 0 {
		id, err := insertID(ctx, s.db, `INSERT INTO units (block_id, number, floor, area_cm2, price_cents, status) VALUES (?, ?, ?, ?, ?, ?)`,
			u.BlockID, u.Number, u.Floor, u.AreaCm2, u.PriceCents, u.Status)
		if uniqueViolation(err) {
			return 0, invalid(crm.E(crm.CodeDuplicate, "value", u.Number).OnField("number"))
		}
		if err != nil {
			return 0, err
		}
		return id, nil
	}
	res, err := s.db.ExecContext(ctx, `UPDATE units SET number = ?, floor = ?, area_cm2 = ?, price_cents = ?, status = ? WHERE id = ?`,
		u.Number, u.Floor, u.AreaCm2, u.PriceCents, u.Status, u.ID)
	if uniqueViolation(err) {
		return 0, invalid(crm.E(crm.CodeDuplicate, "value", u.Number).OnField("number"))
	}
	return u.ID, affected(res, err)
}

// DeleteUnit removes a unit that is not reserved or sold and that no
// contract scope (Jurídico) names.
func (s *Developments) DeleteUnit(ctx context.Context, id int64) error {
	used, err := s.unitsInUse(ctx, `SELECT b.name, u.number FROM units u JOIN blocks b ON b.id = u.block_id
		WHERE u.id = ? AND u.status IN ('reserved', 'sold')`, id)
	if err != nil {
		return err
	}
	if len(used) > 0 {
		return inUse(used)
	}
	if err := s.scopeInUse(ctx, `uid = ?`, id); err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `DELETE FROM units WHERE id = ?`, id)
	return affected(res, err)
}

func affected(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return crm.E(crm.CodeNotFound)
	}
	return nil
}

func insertedID(id int64, err error, name string) (int64, error) {
	if uniqueViolation(err) {
		return 0, invalid(crm.E(crm.CodeDuplicate, "value", name).OnField("name"))
	}
	if err != nil {
		if foreignKeyViolation(err) {
			return 0, crm.E(crm.CodeNotFound)
		}
		return 0, err
	}
	return id, nil
}

// invalid wraps one field problem as a validation failure, so the form shows
// it the same way as the rule checks.
func invalid(e *crm.Error) error {
	var inv crm.Invalid
	inv.Add(e)
	return inv.Err()
}

// Delete removes a development with its structure and contract
// associations. One that reservations refer to is refused, naming them:
// archiving is the way to retire a development with history.
func (s *Developments) Delete(ctx context.Context, id int64) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM reservations WHERE development_id = ? ORDER BY id LIMIT 6`, id)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var r int64
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, fmt.Sprint(r))
	}
	rows.Close()
	if len(ids) > 0 {
		if len(ids) > 5 {
			ids = append(ids[:5], "…")
		}
		return crm.E(crm.CodeInUse, "usedBy", "reservas "+strings.Join(ids, ", "), "count", len(ids))
	}
	res, err := s.db.ExecContext(ctx, `DELETE FROM developments WHERE id = ?`, id)
	return affected(res, err)
}
