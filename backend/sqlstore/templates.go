package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"selo/backend/crm"
)

// Templates stores contract templates (Contratos). It keeps rows only; the
// PDF files belong to the templates service.
type Templates struct{ db *DB }

// Templates returns the contract templates store.
func (db *DB) Templates() *Templates { return &Templates{db: db} }

const templateCols = `id, name, file_name, sha256, size_bytes, pages, fields, mark_annotations, signed, created_at, updated_at,
	version, updated_by_name, registry`

func scanTemplate(r scanner) (crm.ContractTemplate, error) {
	var t crm.ContractTemplate
	var fields, created, updated string
	err := r.Scan(&t.ID, &t.Name, &t.FileName, &t.SHA256, &t.Size, &t.Pages, &fields, &t.MarkAnnotations, &t.Signed, &created, &updated,
		&t.Version, &t.UpdatedByName, &t.Registry)
	if errors.Is(err, sql.ErrNoRows) {
		return t, crm.E(crm.CodeNotFound)
	}
	if err != nil {
		return t, err
	}
	if err := json.Unmarshal([]byte(fields), &t.Fields); err != nil {
		return t, fmt.Errorf("template %d fields: %w", t.ID, err)
	}
	if t.Fields == nil {
		t.Fields = []crm.TemplateField{}
	}
	t.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	t.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated)
	return t, nil
}

// templateUsers names the developments a template is associated with.
func templateUsers(ctx context.Context, q querier, id int64) ([]string, error) {
	return queryStrings(ctx, q, `SELECT d.name FROM development_contracts dc JOIN developments d ON d.id = dc.development_id
		WHERE dc.template_id = ? ORDER BY d.name`, id)
}

// List returns every template by name, with the developments using each.
func (s *Templates) List(ctx context.Context) ([]crm.ContractTemplate, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+templateCols+` FROM contract_templates ORDER BY name, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []crm.ContractTemplate{}
	for rows.Next() {
		t, err := scanTemplate(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for k := range out {
		if out[k].UsedBy, err = templateUsers(ctx, s.db, out[k].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Get returns one template or crm.CodeNotFound.
func (s *Templates) Get(ctx context.Context, id int64) (crm.ContractTemplate, error) {
	t, err := scanTemplate(s.db.QueryRowContext(ctx, `SELECT `+templateCols+` FROM contract_templates WHERE id = ?`, id))
	if err != nil {
		return t, err
	}
	t.UsedBy, err = templateUsers(ctx, s.db, id)
	return t, err
}

// Names returns every template name except the one of exceptID, so the
// service can refuse a name that differs only in letter case.
func (s *Templates) Names(ctx context.Context, exceptID int64) ([]string, error) {
	return queryStrings(ctx, s.db, `SELECT name FROM contract_templates WHERE id <> ?`, exceptID)
}

// NameOfFile returns the name of the template stored with this SHA-256, or
// "" when the file is new.
func (s *Templates) NameOfFile(ctx context.Context, sha256 string) (string, error) {
	var n string
	err := s.db.QueryRowContext(ctx, `SELECT name FROM contract_templates WHERE sha256 = ?`, sha256).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return n, err
}

// Insert adds a template row and returns its id. A name or file already
// stored (a race the service's checks lost) is reported on its field.
func (s *Templates) Insert(ctx context.Context, t crm.ContractTemplate, now time.Time) (int64, error) {
	fields, err := json.Marshal(t.Fields)
	if err != nil {
		return 0, err
	}
	if t.Fields == nil {
		fields = []byte("[]")
	}
	id, err := insertID(ctx, s.db, `INSERT INTO contract_templates
		(name, file_name, sha256, size_bytes, pages, fields, mark_annotations, signed, created_at, updated_at, registry)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.Name, t.FileName, t.SHA256, t.Size, t.Pages, string(fields), t.MarkAnnotations, t.Signed, ts(now), ts(now), t.Registry)
	if uniqueViolation(err) {
		if strings.Contains(err.Error(), "sha256") {
			return 0, invalid(crm.E(crm.CodeTemplateSameFile).OnField("file"))
		}
		return 0, invalid(crm.E(crm.CodeDuplicate, "value", t.Name).OnField("name"))
	}
	if err != nil {
		return 0, err
	}
	return id, nil
}

// Rename changes a template's name.
func (s *Templates) Rename(ctx context.Context, id int64, name string, now time.Time) error {
	return s.RenameAt(ctx, id, 0, name, now)
}

// RenameAt is Rename only at the template's version (0: unchecked), so
// another PC's rename in between is refused with crm.CodeConflict.
func (s *Templates) RenameAt(ctx context.Context, id, version int64, name string, now time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE contract_templates SET name = ?, updated_at = ?, updated_by_name = ?,
		version = version + 1 WHERE id = ? AND (? = 0 OR version = ?)`, name, ts(now), s.db.Actor().Name, id, version, version)
	if uniqueViolation(err) {
		return invalid(crm.E(crm.CodeDuplicate, "value", name).OnField("name"))
	}
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return conflict(ctx, s.db, "contract_templates", id)
	}
	return nil
}

// SetRegistryAt marks the template "Vai a registro" or unmarks it, only at
// the template's version (0: unchecked), like RenameAt.
func (s *Templates) SetRegistryAt(ctx context.Context, id, version int64, registry bool, now time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE contract_templates SET registry = ?, updated_at = ?, updated_by_name = ?,
		version = version + 1 WHERE id = ? AND (? = 0 OR version = ?)`, registry, ts(now), s.db.Actor().Name, id, version, version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return conflict(ctx, s.db, "contract_templates", id)
	}
	return nil
}

// Delete removes a template row and returns the SHA-256 of its file, so the
// caller can remove the file once the row is gone. A template associated
// with developments is refused with crm.CodeTemplateInUse naming them.
func (s *Templates) Delete(ctx context.Context, id int64) (string, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	var sha, name string
	err = tx.QueryRowContext(ctx, `SELECT sha256, name FROM contract_templates WHERE id = ?`, id).Scan(&sha, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", crm.E(crm.CodeNotFound)
	}
	if err != nil {
		return "", err
	}
	users, err := templateUsers(ctx, tx, id)
	if err != nil {
		return "", err
	}
	if len(users) > 0 {
		return "", crm.E(crm.CodeTemplateInUse, "name", name, "usedBy", strings.Join(users, ", "))
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM contract_templates WHERE id = ?`, id); err != nil {
		if foreignKeyViolation(err) {
			// Something other than a development's association points at
			// it (a table added later); still refuse rather than fail.
			return "", crm.E(crm.CodeTemplateInUse, "name", name, "usedBy", "").Wrap(err)
		}
		return "", err
	}
	return sha, tx.Commit()
}
