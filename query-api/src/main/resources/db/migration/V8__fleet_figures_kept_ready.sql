-- Issue 15: the fleet endpoints read figures kept ready, and indexes over the live states alone, so that what they
-- cost does not grow with the fleet. Done for every generation of the live states there is (the live one, and one a
-- replay may be building or retiring), as each has its own tables.
--
-- fleet_summary_part: csms.projection.fleet-summary-parts, each organisation's fleet figures over the chargers of one
-- partition of the live states; an organisation's fleet summary is the sum of its rows (one per partition at most).
-- charger_state gains the site and whether the charger is registered, as the live state has them, and shows a
-- charger that never connected as offline, as the status rollup counts it.
DO $$
DECLARE
    generation int;
BEGIN
    FOR generation IN
        SELECT substring(tablename FROM '^charger_state_g([0-9]+)$')::int FROM pg_tables
        WHERE schemaname = current_schema() AND tablename ~ '^charger_state_g[0-9]+$'
    LOOP
        EXECUTE format($sql$
            CREATE TABLE fleet_summary_part_g%1$s (
                organisation_id text   NOT NULL,
                part            int    NOT NULL,
                total           int    NOT NULL,
                online          int    NOT NULL,
                charging        int    NOT NULL,
                available       int    NOT NULL,
                faulted         int    NOT NULL,
                active_sessions int    NOT NULL,
                -- milliwatt-hours delivered by UTC day: {"2024-06-15": 1842600000}
                energy_mwh      jsonb  NOT NULL,
                version         bigint NOT NULL,
                PRIMARY KEY (organisation_id, part)
            );
            ALTER TABLE charger_state_g%1$s
                ADD COLUMN site_id text,
                ADD COLUMN registered boolean NOT NULL DEFAULT false;
            -- until the rebuild the upgrade asks for, the registry tells what the live states did not hold yet
            UPDATE charger_state_g%1$s s SET registered = c.decommissioned_at IS NULL, site_id = c.site_id
                FROM charger c WHERE c.charge_point_id = s.charge_point_id;
            UPDATE charger_state_g%1$s SET status = 'offline' WHERE status = 'unknown';
            -- the fleet list, in charge_point_id order: all of it, by status, by site
            CREATE INDEX charger_state_g%1$s_fleet ON charger_state_g%1$s (organisation_id, charge_point_id)
                WHERE registered;
            CREATE INDEX charger_state_g%1$s_fleet_by_status
                ON charger_state_g%1$s (organisation_id, status, charge_point_id) WHERE registered;
            CREATE INDEX charger_state_g%1$s_fleet_by_site
                ON charger_state_g%1$s (organisation_id, site_id, charge_point_id) WHERE registered;
            $sql$, generation);
    END LOOP;
    SELECT live INTO generation FROM projection_generation WHERE projection = 'live-states';
    -- a view's * is expanded when it is made: made again, it shows the new columns
    EXECUTE format('CREATE OR REPLACE VIEW charger_state AS SELECT * FROM charger_state_g%s', generation);
    EXECUTE format('CREATE VIEW fleet_summary_part AS SELECT * FROM fleet_summary_part_g%s', generation);
END
$$;
