-- Dados de exemplo: every row "Carregar dados de exemplo" inserted, so
-- "Remover dados de exemplo" deletes exactly those and nothing the office
-- made. updated_at_snapshot is the row's updated_at at load time ('' for
-- tables without one): a sample row the user edited no longer matches, and
-- the removal is refused instead of throwing the edit away.
CREATE TABLE sample_records (
    table_name          TEXT NOT NULL CHECK (table_name IN
                        ('integrations', 'developments', 'stages', 'blocks', 'units', 'contract_templates',
                         'development_contracts', 'signer_rules', 'admin_users', 'reservations', 'reservation_people')),
    row_id              BIGINT NOT NULL,
    updated_at_snapshot TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (table_name, row_id)
);
