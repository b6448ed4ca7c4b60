package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"selo/backend/crm"
)

// Reservations stores reservas and their people.
type Reservations struct{ db *DB }

// Reservations returns the reservations store.
func (db *DB) Reservations() *Reservations { return &Reservations{db: db} }

// AvailableUnits lists a development's units that can be reserved.
func (s *Reservations) AvailableUnits(ctx context.Context, developmentID int64) ([]crm.UnitOption, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT u.id, u.number, u.floor, b.name, st.name, u.price_cents
		FROM units u JOIN blocks b ON b.id = u.block_id JOIN stages st ON st.id = b.stage_id
		WHERE st.development_id = ? AND u.status = 'available'
		ORDER BY st.id, b.name, u.floor, `+s.db.engine.numberOrder("u.number")+`, u.number`, developmentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []crm.UnitOption{}
	for rows.Next() {
		var u crm.UnitOption
		if err := rows.Scan(&u.ID, &u.Number, &u.Floor, &u.BlockName, &u.StageName, &u.PriceCents); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Brokers lists the active users who can be a reservation's corretor.
func (s *Reservations) Brokers(ctx context.Context) ([]crm.Broker, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, role FROM admin_users WHERE active = 1 ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []crm.Broker{}
	for rows.Next() {
		var b crm.Broker
		if err := rows.Scan(&b.ID, &b.Name, &b.Role); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

func searchText(p crm.Person) string {
	return crm.SearchKey(p.Name) + " " + crm.SearchKey(p.CPF)
}

// Create inserts a reservation and reserves its unit in one transaction.
// A unit that is not available (another rep was quicker) is refused with
// crm.CodeUnitUnavailable and nothing is written.
func (s *Reservations) Create(ctx context.Context, in crm.ReservationInput, priceCents int64, now time.Time) (int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var devID int64
	var number string
	var status crm.UnitStatus
	err = tx.QueryRowContext(ctx, `SELECT st.development_id, u.number, u.status FROM units u
		JOIN blocks b ON b.id = u.block_id JOIN stages st ON st.id = b.stage_id WHERE u.id = ?`, in.UnitID).
		Scan(&devID, &number, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, invalid(crm.E(crm.CodeNotFound).OnField("unitId"))
	}
	if err != nil {
		return 0, err
	}
	if status != crm.UnitAvailable {
		return 0, invalid(crm.E(crm.CodeUnitUnavailable, "unit", number, "status", string(status)).OnField("unitId"))
	}
	if err := checkBroker(ctx, tx, in.BrokerID); err != nil {
		return 0, err
	}
	who := s.db.Actor()
	id, err := insertID(ctx, tx, `INSERT INTO reservations (unit_id, development_id, broker_id, price_cents, status,
		holder_name, holder_cpf, search_text, created_at, updated_at, created_by_user_id, created_by_name, updated_by_name)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		in.UnitID, devID, nullID(in.BrokerID), priceCents, in.Status, in.Holder.Name, in.Holder.CPF, searchText(in.Holder), ts(now), ts(now),
		who.UserID, who.Name, who.Name)
	if uniqueViolation(err) {
		return 0, invalid(crm.E(crm.CodeUnitUnavailable, "unit", number, "status", string(crm.UnitReserved)).OnField("unitId"))
	}
	if err != nil {
		return 0, err
	}
	if err := insertPeople(ctx, tx, id, in); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE units SET status = ? WHERE id = ?`, in.Status.UnitStatus(), in.UnitID); err != nil {
		return 0, err
	}
	return id, tx.Commit()
}

// Update edits a reservation's people, price, corretor and situação, moving
// the unit's situação with it (cancelled frees it, sold sells it). The unit
// itself does not change: a different unit is a new reservation.
func (s *Reservations) Update(ctx context.Context, in crm.ReservationInput, priceCents int64, now time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var unitID, version int64
	var old crm.ReservationStatus
	err = tx.QueryRowContext(ctx, `SELECT unit_id, status, version FROM reservations WHERE id = ?`, in.ID).Scan(&unitID, &old, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return crm.E(crm.CodeNotFound)
	}
	if err != nil {
		return err
	}
	// Another PC saved it after this form was read: refuse before anything
	// else, so the user hears about the conflict, not a side effect of it.
	if in.Version != 0 && in.Version != version {
		return conflict(ctx, tx, "reservations", in.ID)
	}
	if in.UnitID != 0 && in.UnitID != unitID {
		return invalid(crm.E("reservation.unit_fixed").OnField("unitId"))
	}
	if !old.Open() && in.Status.Open() {
		// Reopening a cancelled reservation needs its unit to be free again.
		var st crm.UnitStatus
		var number string
		if err := tx.QueryRowContext(ctx, `SELECT status, number FROM units WHERE id = ?`, unitID).Scan(&st, &number); err != nil {
			return err
		}
		if st != crm.UnitAvailable {
			return invalid(crm.E(crm.CodeUnitUnavailable, "unit", number, "status", string(st)).OnField("status"))
		}
	}
	if err := checkBroker(ctx, tx, in.BrokerID); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE reservations SET broker_id = ?, price_cents = ?, status = ?, holder_name = ?,
		holder_cpf = ?, search_text = ?, updated_at = ?, updated_by_name = ?, version = version + 1
		WHERE id = ? AND version = ?`,
		nullID(in.BrokerID), priceCents, in.Status, in.Holder.Name, in.Holder.CPF, searchText(in.Holder), ts(now),
		s.db.Actor().Name, in.ID, version)
	if uniqueViolation(err) {
		return invalid(crm.E(crm.CodeUnitUnavailable).OnField("status"))
	}
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return conflict(ctx, tx, "reservations", in.ID)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM reservation_people WHERE reservation_id = ?`, in.ID); err != nil {
		return err
	}
	if err := insertPeople(ctx, tx, in.ID, in); err != nil {
		return err
	}
	if old != in.Status {
		if _, err := tx.ExecContext(ctx, `UPDATE units SET status = ? WHERE id = ?`, in.Status.UnitStatus(), unitID); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func checkBroker(ctx context.Context, tx *Tx, id int64) error {
	if id == 0 {
		return nil
	}
	var active bool
	err := tx.QueryRowContext(ctx, `SELECT active FROM admin_users WHERE id = ?`, id).Scan(&active)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !active) {
		return invalid(crm.E("reservation.broker_invalid").OnField("brokerId"))
	}
	return err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func insertPeople(ctx context.Context, tx *Tx, id int64, in crm.ReservationInput) error {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO reservation_people (reservation_id, role, position, name, cpf, email,
		phone1, phone2, birth_date, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	add := func(role string, pos int, p crm.Person) error {
		_, err := stmt.ExecContext(ctx, id, role, pos, p.Name, p.CPF, p.Email, p.Phone1, p.Phone2, p.BirthDate, p.Address)
		return err
	}
	if err := add("holder", 0, in.Holder); err != nil {
		return err
	}
	for i, a := range in.Associates {
		if err := add(string(a.Kind), i+1, a.Person); err != nil {
			return err
		}
	}
	return nil
}

// Get returns one reservation with its people.
func (s *Reservations) Get(ctx context.Context, id int64) (crm.Reservation, error) {
	var r crm.Reservation
	var created, updated string
	err := s.db.QueryRowContext(ctx, `SELECT r.id, r.unit_id, u.number, b.name, st.name, r.development_id, d.name,
		COALESCE(r.broker_id, 0), COALESCE(a.name, ''), r.price_cents, r.status, r.created_at, r.updated_at,
		r.created_by_name, r.updated_by_name, r.version
		FROM reservations r JOIN units u ON u.id = r.unit_id JOIN blocks b ON b.id = u.block_id
		JOIN stages st ON st.id = b.stage_id JOIN developments d ON d.id = r.development_id
		LEFT JOIN admin_users a ON a.id = r.broker_id WHERE r.id = ?`, id).
		Scan(&r.ID, &r.UnitID, &r.UnitNumber, &r.BlockName, &r.StageName, &r.DevelopmentID, &r.DevelopmentName,
			&r.BrokerID, &r.BrokerName, &r.PriceCents, &r.Status, &created, &updated,
			&r.CreatedByName, &r.UpdatedByName, &r.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return r, crm.E(crm.CodeNotFound)
	}
	if err != nil {
		return r, err
	}
	r.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	r.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated)
	rows, err := s.db.QueryContext(ctx, `SELECT role, name, cpf, email, phone1, phone2, birth_date, address
		FROM reservation_people WHERE reservation_id = ? ORDER BY position`, id)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	r.Associates = []crm.Associate{}
	for rows.Next() {
		var role string
		var p crm.Person
		if err := rows.Scan(&role, &p.Name, &p.CPF, &p.Email, &p.Phone1, &p.Phone2, &p.BirthDate, &p.Address); err != nil {
			return r, err
		}
		if role == "holder" {
			r.Holder = p
		} else {
			r.Associates = append(r.Associates, crm.Associate{Kind: crm.AssociateKind(role), Person: p})
		}
	}
	return r, rows.Err()
}

// MaxPageSize caps one page of the list.
const MaxPageSize = 200

// List returns a page of reservations, newest first, and how many match.
func (s *Reservations) List(ctx context.Context, f crm.ReservationFilter) (crm.ReservationPage, error) {
	var where []string
	var args []any
	if f.DevelopmentID != 0 {
		where = append(where, "r.development_id = ?")
		args = append(args, f.DevelopmentID)
	}
	if f.Status != "" {
		where = append(where, "r.status = ?")
		args = append(args, f.Status)
	}
	if f.BrokerID != 0 {
		where = append(where, "r.broker_id = ?")
		args = append(args, f.BrokerID)
	}
	// Each word must appear somewhere, so "jose conceicao" finds
	// "José da Conceição". SearchKey keeps only letters, digits and spaces,
	// so no LIKE wildcard can come from the user.
	for _, term := range strings.Fields(crm.SearchKey(f.Search)) {
		where = append(where, "r.search_text LIKE ?")
		args = append(args, "%"+term+"%")
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	page := crm.ReservationPage{Items: []crm.ReservationSummary{}}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM reservations r`+cond, args...).Scan(&page.Total); err != nil {
		return page, err
	}
	limit := f.Limit
	if limit <= 0 || limit > MaxPageSize {
		limit = 50
	}
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, d.name, b.name, u.number, r.holder_name, r.holder_cpf,
		COALESCE(a.name, ''), r.price_cents, r.status, r.created_at
		FROM reservations r JOIN units u ON u.id = r.unit_id JOIN blocks b ON b.id = u.block_id
		JOIN developments d ON d.id = r.development_id LEFT JOIN admin_users a ON a.id = r.broker_id`+cond+`
		ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?`, append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	for rows.Next() {
		var it crm.ReservationSummary
		var created string
		if err := rows.Scan(&it.ID, &it.DevelopmentName, &it.BlockName, &it.UnitNumber, &it.HolderName, &it.HolderCPF,
			&it.BrokerName, &it.PriceCents, &it.Status, &created); err != nil {
			return page, err
		}
		it.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
		page.Items = append(page.Items, it)
	}
	return page, rows.Err()
}
