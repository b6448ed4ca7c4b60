-- Reservations (reservas): one unit, one titular and any associados, the
-- corretor (an administrative user), the price and the situação.
CREATE TABLE reservations (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
    -- Kept on the row so the list filters by development without joins.
    development_id INTEGER NOT NULL REFERENCES developments (id) ON DELETE RESTRICT,
    broker_id      INTEGER REFERENCES admin_users (id) ON DELETE RESTRICT,
    price_cents    INTEGER NOT NULL CHECK (price_cents > 0),
    status         TEXT NOT NULL CHECK (status IN ('in_review', 'approved', 'sold', 'cancelled', 'expired')),
    holder_name    TEXT NOT NULL,
    holder_cpf     TEXT NOT NULL,
    -- Titular's name folded (no accents, lower case) and CPF digits, for search.
    search_text    TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

-- A unit has at most one open reservation.
CREATE UNIQUE INDEX reservations_open_unit ON reservations (unit_id)
    WHERE status NOT IN ('cancelled', 'expired');
CREATE INDEX reservations_list ON reservations (created_at DESC, id DESC);
CREATE INDEX reservations_development ON reservations (development_id, created_at DESC);
CREATE INDEX reservations_broker ON reservations (broker_id, created_at DESC);

CREATE TABLE reservation_people (
    id             INTEGER PRIMARY KEY,
    reservation_id INTEGER NOT NULL REFERENCES reservations (id) ON DELETE CASCADE,
    role           TEXT NOT NULL CHECK (role IN ('holder', 'spouse', 'cobuyer', 'guarantor')),
    position       INTEGER NOT NULL,
    name           TEXT NOT NULL,
    cpf            TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    phone1         TEXT NOT NULL DEFAULT '',
    phone2         TEXT NOT NULL DEFAULT '',
    birth_date     TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    UNIQUE (reservation_id, position)
) STRICT;
