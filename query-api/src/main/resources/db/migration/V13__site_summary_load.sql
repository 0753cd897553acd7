-- What the site summary shows of site load management (issue 16): the headroom of the latest allocation (null
-- before the first) and per charger with a running session then, [{"charge_point_id": "CP-001", "allocated_kw": 11,
-- "drawn_kw": 10.2, "reserved": null}]. Every generation of the summary table gets the columns (a building one was
-- created like the live one before it had them), and the view is made again over the live one: a view's * is
-- expanded once, when it is made, so it would not show a column added since.
DO $$
DECLARE
    generation record;
BEGIN
    FOR generation IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname ~ '^site_summary_g[0-9]+$'
    LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN headroom_kw double precision, '
                       'ADD COLUMN allocations jsonb NOT NULL DEFAULT ''[]''', generation.relname);
    END LOOP;
    EXECUTE format('CREATE OR REPLACE VIEW site_summary AS SELECT * FROM %I',
                   'site_summary_g' || (SELECT live FROM projection_generation WHERE projection = 'live-states'));
END $$;
