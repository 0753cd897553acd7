package org.dynamocsms.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/** The module's Flyway migrations, on a database of their own. */
class MigrationsTest {

    @Test
    void migratesAnEmptyDatabaseToTheReadStoreTheCodeExpects() throws SQLException {
        DataSource database = TestDatabase.emptyDatabase("migrations_empty");

        assertThat(Flyway.configure().dataSource(database).load().migrate().migrationsExecuted).isEqualTo(13);

        assertThat(columns(database, "replay")).containsExactly("replay_id", "projection", "generation", "status",
                "compare", "events_total", "events_read", "started_at", "caught_up_at", "finished_at", "error",
                "comparison", "events_per_second", "stages", "replaced");

        assertThat(columns(database, "charger")).containsExactly("charge_point_id", "organisation_id", "vendor",
                "model", "password_set", "site_id", "linked_at", "registered_at", "updated_at", "decommissioned_at",
                "version", "connectors");
        assertThat(columns(database, "energy_asset")).containsExactly("asset_id", "site_id", "organisation_id",
                "type", "name", "capacity_kw", "metadata", "created_at", "updated_at", "position");
        assertThat(columns(database, "site_summary")).containsExactly("site_id", "organisation_id", "name",
                "max_power_kw", "current_power_kw", "chargers_total", "chargers_online", "chargers_charging",
                "chargers_available", "chargers_faulted", "active_sessions", "energy_assets", "updated_at",
                "version", "headroom_kw", "allocations");
        assertThat(columns(database, "charger_state")).containsExactly("charge_point_id", "organisation_id",
                "connected", "status", "last_seen_at", "last_heartbeat_at", "vendor", "model", "firmware_version",
                "ocpp_version", "active_sessions", "power_kw", "energy_today_wh", "energy_day", "connectors",
                "version", "site_id", "registered");
        assertThat(columns(database, "fleet_summary_part")).containsExactly("organisation_id", "part", "total",
                "online", "charging", "available", "faulted", "active_sessions", "energy_mwh", "version");
        assertThat(indexes(database)).contains("charger_by_site", "energy_asset_by_site", "site_live_by_organisation",
                "charger_registered_by_organisation", "charger_state_g1_fleet", "charger_state_g1_fleet_by_status",
                "charger_state_g1_fleet_by_site", "fleet_summary_part_g1_pkey", "charger_call_g1_by_charger");
        // readers read views of the plain names over generation 1's tables, which the live projections write
        assertThat(query(database, "SELECT table_name || ' ' || view_definition FROM information_schema.views "
                + "WHERE table_schema = 'public' ORDER BY table_name")).map(v -> v.replaceAll("\\s+", " "))
                .containsExactly("charger SELECT charge_point_id, organisation_id, vendor, model, password_set, "
                                + "site_id, linked_at, registered_at, updated_at, decommissioned_at, version, "
                                + "connectors FROM charger_g1;",
                        "charger_call SELECT call_id, organisation_id, charge_point_id, action, payload, status, "
                                + "answer, error_code, error_description, requested_by, requested_at, expires_at, "
                                + "sent_at, ended_at, version FROM charger_call_g1;",
                        "charger_error SELECT event_id, organisation_id, charge_point_id, connector_id, error_code, "
                                + "status, info, vendor_error_code, started_at, resolved_at, version FROM "
                                + "charger_error_g1;",
                        "charger_interval SELECT charge_point_id, start_at, end_at, organisation_id, connected, up, "
                                + "charging, first_at, up_before_ms, online_before_ms, charging_before_ms, version "
                                + "FROM charger_interval_g1;",
                        "charger_state SELECT charge_point_id, organisation_id, connected, status, last_seen_at, "
                                + "last_heartbeat_at, vendor, model, firmware_version, ocpp_version, "
                                + "active_sessions, power_kw, energy_today_wh, energy_day, connectors, version, "
                                + "site_id, registered FROM charger_state_g1;",
                        "charging_profiles SELECT charge_point_id, organisation_id, profiles, version FROM "
                                + "charging_profiles_g1;",
                        "energy_asset SELECT asset_id, site_id, organisation_id, type, name, capacity_kw, metadata, "
                                + "created_at, updated_at, \"position\" FROM energy_asset_g1;",
                        "fleet_summary_part SELECT organisation_id, part, total, online, charging, available, "
                                + "faulted, active_sessions, energy_mwh, version FROM fleet_summary_part_g1;",
                        "maintenance_event SELECT maintenance_id, organisation_id, charge_point_id, type, "
                                + "description, scheduled_at, completed_at, technician, notes, created_at, "
                                + "updated_at, version FROM maintenance_event_g1;",
                        "site SELECT site_id, organisation_id, name, address, max_power_kw, lat, lng, created_at, "
                                + "updated_at, deleted_at, version, charger_count FROM site_g1;",
                        "site_summary SELECT site_id, organisation_id, name, max_power_kw, current_power_kw, "
                                + "chargers_total, chargers_online, chargers_charging, chargers_available, "
                                + "chargers_faulted, active_sessions, energy_assets, updated_at, version, headroom_kw, "
                                + "allocations FROM site_summary_g1;");
        assertThat(query(database, "SELECT projection || ' live ' || live || ' next ' || next_generation "
                + "|| coalesce(' building ' || building, '') FROM projection_generation ORDER BY projection"))
                .containsExactly("charger-calls live 1 next 2", "charger-history live 1 next 2",
                        "chargers live 1 next 2",
                        "live-states live 1 next 2", "maintenance live 1 next 2", "sites live 1 next 2");
        // uptime's lookups by the key are index-only scans
        assertThat(query(database, "SELECT indexdef FROM pg_indexes WHERE indexname = 'charger_interval_pkey'"))
                .singleElement().asString().endsWith("(charge_point_id, start_at) INCLUDE (end_at, connected, up, "
                        + "charging, first_at, up_before_ms, online_before_ms, charging_before_ms)");
    }

    @Test
    void upgradesASiteStoreOfTheFirstVersionKeepingItsSites() throws SQLException {
        DataSource database = TestDatabase.emptyDatabase("migrations_upgrade");
        Flyway.configure().dataSource(database).target(MigrationVersion.fromVersion("1")).load().migrate();
        execute(database, """
                INSERT INTO site (site_id, organisation_id, name, max_power_kw, created_at, updated_at, version)
                VALUES ('site_1', 'org_A', 'King Street Depot', 150, now(), now(), 1)""");

        assertThat(Flyway.configure().dataSource(database).load().migrate().migrationsExecuted).isEqualTo(12);

        assertThat(query(database, "SELECT site_id || ' v' || version FROM site")).containsExactly("site_1 v1");
        assertThat(query(database, "SELECT count(*) FROM energy_asset")).containsExactly("0");
    }

    @Test
    void keepsEveryRowOfTheReadStoreReadableThroughTheViewsOfGenerationOne() throws SQLException {
        DataSource database = TestDatabase.emptyDatabase("migrations_generations");
        Flyway.configure().dataSource(database).target(MigrationVersion.fromVersion("5")).load().migrate();
        execute(database, """
                INSERT INTO site (site_id, organisation_id, name, max_power_kw, created_at, updated_at, version)
                VALUES ('site_1', 'org_A', 'King Street Depot', 150, now(), now(), 3);
                INSERT INTO energy_asset (asset_id, site_id, organisation_id, type, name, capacity_kw, created_at,
                                          updated_at, position)
                VALUES ('asset_1', 'site_1', 'org_A', 'solar', 'Roof', 50, now(), now(), 0);
                INSERT INTO charger (charge_point_id, organisation_id, password_set, registered_at, updated_at, version)
                VALUES ('CP-001', 'org_A', false, now(), now(), 2);
                INSERT INTO maintenance_event (maintenance_id, organisation_id, charge_point_id, type, scheduled_at,
                                               created_at, updated_at, version)
                VALUES ('mnt_1', 'org_A', 'CP-001', 'inspection', now(), now(), now(), 1);
                INSERT INTO charger_state (charge_point_id, connected, status, active_sessions, power_kw,
                                           energy_today_wh, version)
                VALUES ('CP-001', true, 'available', 0, 0, 0, 7);
                INSERT INTO site_summary (site_id, organisation_id, name, max_power_kw, current_power_kw,
                                          chargers_total, chargers_online, chargers_charging, chargers_available,
                                          chargers_faulted, active_sessions, updated_at, version)
                VALUES ('site_1', 'org_A', 'King Street Depot', 150, 0, 1, 1, 0, 1, 0, 0, now(), 4);
                INSERT INTO charger_interval (charge_point_id, start_at, organisation_id, connected, up, charging,
                                              first_at, up_before_ms, online_before_ms, charging_before_ms, version)
                VALUES ('CP-001', now(), 'org_A', true, true, false, now(), 0, 0, 0, 5);
                INSERT INTO charger_error (event_id, organisation_id, charge_point_id, connector_id, error_code,
                                           status, started_at, version)
                VALUES ('evt_1', 'org_A', 'CP-001', 1, 'GroundFailure', 'Faulted', now(), 6)""");

        assertThat(Flyway.configure().dataSource(database).load().migrate().migrationsExecuted).isEqualTo(8);

        assertThat(query(database, """
                SELECT 'site ' || version FROM site UNION ALL SELECT 'energy_asset ' || position FROM energy_asset
                UNION ALL SELECT 'charger ' || version FROM charger
                UNION ALL SELECT 'maintenance_event ' || version FROM maintenance_event
                UNION ALL SELECT 'charger_state ' || version FROM charger_state
                UNION ALL SELECT 'site_summary ' || version FROM site_summary
                UNION ALL SELECT 'charger_interval ' || version FROM charger_interval
                UNION ALL SELECT 'charger_error ' || version FROM charger_error"""))
                .containsExactly("site 3", "energy_asset 0", "charger 2", "maintenance_event 1", "charger_state 7",
                        "site_summary 4", "charger_interval 5", "charger_error 6");
        assertThat(query(database, "SELECT count(*) FROM site_g1 JOIN charger_state_g1 ON true")).containsExactly("1");
    }

    @Test
    void givesEveryGenerationOfTheLiveStatesTheFleetColumnsFromTheRegistryAndItsFleetSummaryParts()
            throws SQLException {
        DataSource database = TestDatabase.emptyDatabase("migrations_fleet");
        Flyway.configure().dataSource(database).target(MigrationVersion.fromVersion("7")).load().migrate();
        // generation 2 live (a replay switched), generation 3 building
        execute(database, """
                INSERT INTO charger (charge_point_id, organisation_id, password_set, site_id, registered_at,
                                     updated_at, version)
                VALUES ('CP-001', 'org_A', false, 'site_1', now(), now(), 2),
                       ('CP-002', 'org_A', false, NULL, now(), now(), 2);
                UPDATE charger_g1 SET decommissioned_at = now() WHERE charge_point_id = 'CP-002';
                CREATE TABLE charger_state_g2 (LIKE charger_state_g1 INCLUDING ALL);
                CREATE TABLE charger_state_g3 (LIKE charger_state_g1 INCLUDING ALL);
                INSERT INTO charger_state_g2 (charge_point_id, organisation_id, connected, status, active_sessions,
                                              power_kw, energy_today_wh, version)
                VALUES ('CP-001', 'org_A', true, 'available', 0, 0, 0, 7),
                       ('CP-002', 'org_A', false, 'unknown', 0, 0, 0, 3);
                UPDATE projection_generation SET live = 2, building = 3, next_generation = 4
                WHERE projection = 'live-states';
                CREATE OR REPLACE VIEW charger_state AS SELECT * FROM charger_state_g2""");

        assertThat(Flyway.configure().dataSource(database).target(MigrationVersion.fromVersion("8")).load()
                .migrate().migrationsExecuted).isEqualTo(1);

        assertThat(query(database, "SELECT charge_point_id || ' ' || status || ' ' || registered || ' ' "
                + "|| coalesce(site_id, '-') FROM charger_state ORDER BY charge_point_id"))
                .containsExactly("CP-001 available true site_1", "CP-002 offline false -");
        assertThat(query(database, "SELECT count(*) FROM fleet_summary_part")).containsExactly("0");
        assertThat(query(database, "SELECT table_name || ' ' || view_definition FROM information_schema.views "
                + "WHERE table_name = 'fleet_summary_part'")).singleElement().asString()
                .endsWith("FROM fleet_summary_part_g2;");
        assertThat(columns(database, "charger_state_g3")).endsWith("site_id", "registered");
        assertThat(columns(database, "fleet_summary_part_g1")).isEqualTo(columns(database, "fleet_summary_part_g3"));
    }

    @Test
    void addsTheConnectorsToEveryChargerGenerationAndKeepsReadersOnTheLiveOne() throws SQLException {
        DataSource database = TestDatabase.emptyDatabase("migrations_connectors");
        Flyway.configure().dataSource(database).target(MigrationVersion.fromVersion("8")).load().migrate();
        // a rebuild switched readers to generation 2, and a second one is building generation 3
        execute(database, """
                CREATE TABLE charger_g2 (LIKE charger_g1 INCLUDING ALL);
                CREATE TABLE charger_g3 (LIKE charger_g1 INCLUDING ALL);
                CREATE OR REPLACE VIEW charger AS SELECT * FROM charger_g2;
                UPDATE projection_generation SET live = 2, building = 3, next_generation = 4
                WHERE projection = 'chargers';
                INSERT INTO charger_g2 (charge_point_id, organisation_id, password_set, registered_at, updated_at,
                                        version)
                VALUES ('CP-001', 'org_A', false, now(), now(), 2)""");

        assertThat(Flyway.configure().dataSource(database).load().migrate().migrationsExecuted).isEqualTo(5);

        for (String table : List.of("charger_g1", "charger_g2", "charger_g3")) {
            assertThat(columns(database, table)).as(table).endsWith("version", "connectors");
        }
        assertThat(query(database, "SELECT charge_point_id || ' ' || connectors FROM charger"))
                .containsExactly("CP-001 []");
        assertThat(query(database, "SELECT view_definition FROM information_schema.views WHERE table_name = "
                + "'charger'")).singleElement().asString().contains("connectors").endsWith("FROM charger_g2;");
    }

    @Test
    void givesEveryChargerCallsGenerationItsChargingProfilesAndReadersTheLiveOnes() throws SQLException {
        DataSource database = TestDatabase.emptyDatabase("migrations_charging_profiles");
        Flyway.configure().dataSource(database).target(MigrationVersion.fromVersion("11")).load().migrate();
        // a rebuild switched readers to generation 2, and a second one is building generation 3
        execute(database, """
                CREATE TABLE charger_call_g2 (LIKE charger_call_g1 INCLUDING ALL);
                CREATE TABLE charger_call_g3 (LIKE charger_call_g1 INCLUDING ALL);
                CREATE OR REPLACE VIEW charger_call AS SELECT * FROM charger_call_g2;
                UPDATE projection_generation SET live = 2, building = 3, next_generation = 4
                WHERE projection = 'charger-calls'""");

        assertThat(Flyway.configure().dataSource(database).target(MigrationVersion.fromVersion("12")).load()
                .migrate().migrationsExecuted).isEqualTo(1);

        for (String table : List.of("charging_profiles_g1", "charging_profiles_g2", "charging_profiles_g3")) {
            assertThat(columns(database, table)).as(table)
                    .containsExactly("charge_point_id", "organisation_id", "profiles", "version");
        }
        assertThat(indexes(database)).contains("charging_profiles_g3_pkey");
        assertThat(query(database, "SELECT view_definition FROM information_schema.views WHERE table_name = "
                + "'charging_profiles'")).singleElement().asString().endsWith("FROM charging_profiles_g2;");
    }

    @Test
    void addsTheLoadFiguresToEverySiteSummaryGenerationAndKeepsReadersOnTheLiveOne() throws SQLException {
        DataSource database = TestDatabase.emptyDatabase("migrations_site_load");
        Flyway.configure().dataSource(database).target(MigrationVersion.fromVersion("11")).load().migrate();
        // a rebuild switched readers to generation 2, and a second one is building generation 3
        execute(database, """
                CREATE TABLE site_summary_g2 (LIKE site_summary_g1 INCLUDING ALL);
                CREATE TABLE site_summary_g3 (LIKE site_summary_g1 INCLUDING ALL);
                CREATE OR REPLACE VIEW site_summary AS SELECT * FROM site_summary_g2;
                UPDATE projection_generation SET live = 2, building = 3, next_generation = 4
                WHERE projection = 'live-states';
                INSERT INTO site_summary_g2 (site_id, organisation_id, name, max_power_kw, current_power_kw,
                                             chargers_total, chargers_online, chargers_charging, chargers_available,
                                             chargers_faulted, active_sessions, updated_at, version)
                VALUES ('site_1', 'org_A', 'King Street Depot', 150, 0, 1, 1, 0, 1, 0, 0, now(), 4)""");

        assertThat(Flyway.configure().dataSource(database).target(MigrationVersion.fromVersion("13")).load()
                .migrate().targetSchemaVersion).isEqualTo("13");

        for (String table : List.of("site_summary_g1", "site_summary_g2", "site_summary_g3")) {
            assertThat(columns(database, table)).as(table).endsWith("version", "headroom_kw", "allocations");
        }
        assertThat(query(database, "SELECT site_id || ' ' || coalesce(headroom_kw::text, 'null') || ' ' "
                + "|| allocations FROM site_summary")).containsExactly("site_1 null []");
        assertThat(query(database, "SELECT view_definition FROM information_schema.views WHERE table_name = "
                + "'site_summary'")).singleElement().asString().contains("headroom_kw", "allocations")
                .endsWith("FROM site_summary_g2;");
    }

    private static List<String> columns(DataSource database, String table) throws SQLException {
        return query(database, "SELECT column_name FROM information_schema.columns WHERE table_name = '" + table
                + "' ORDER BY ordinal_position");
    }

    private static List<String> indexes(DataSource database) throws SQLException {
        return query(database, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
    }

    private static void execute(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> query(DataSource database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
