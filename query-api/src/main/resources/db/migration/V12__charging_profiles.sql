-- The charging profiles each charger holds (issue 16), fed from csms.projection.charging-profiles, the charger-calls
-- projection's second output: one row per charger, replaced only by a higher version. Every generation of charger-calls
-- gets the table (one a replay is building was created like the live one before it existed), and the view reads the
-- live one's.
CREATE TABLE charging_profiles_g1 (
    charge_point_id text   PRIMARY KEY,
    organisation_id text   NOT NULL,
    -- a JSON array, as text so that each profile reads back as sent: [{"connector_id", "charging_profile_id",
    --   "stack_level", "purpose", "kind", "transaction_id", "call_id", "installed_at", "profile" (the
    --   csChargingProfiles object)}], by connector, purpose and stack level
    profiles        text   NOT NULL,
    version         bigint NOT NULL
);

DO $$
DECLARE
    generation record;
BEGIN
    FOR generation IN SELECT substring(c.relname FROM '^charger_call_g([0-9]+)$') AS number
                      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname ~ '^charger_call_g[0-9]+$'
                        AND c.relname <> 'charger_call_g1'
    LOOP
        EXECUTE format('CREATE TABLE %I (LIKE charging_profiles_g1 INCLUDING ALL)',
                       'charging_profiles_g' || generation.number);
    END LOOP;
    EXECUTE format('CREATE VIEW charging_profiles AS SELECT * FROM %I',
                   'charging_profiles_g' || (SELECT live FROM projection_generation WHERE projection = 'charger-calls'));
END $$;
