-- The connectors of each charger as registered: [{"connector_id": 1, "type": "Type2", "max_power_kw": 22}], by
-- connector_id; [] when none were given. Every generation of the charger table gets the column (a building one was
-- created like the live one before it had it), and the view is made again over the live one: a view's * is
-- expanded once, when it is made, so it would not show a column added since.
DO $$
DECLARE
    generation record;
BEGIN
    FOR generation IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname ~ '^charger_g[0-9]+$'
    LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN connectors jsonb NOT NULL DEFAULT ''[]''', generation.relname);
    END LOOP;
    EXECUTE format('CREATE OR REPLACE VIEW charger AS SELECT * FROM %I',
                   'charger_g' || (SELECT live FROM projection_generation WHERE projection = 'chargers'));
END $$;
