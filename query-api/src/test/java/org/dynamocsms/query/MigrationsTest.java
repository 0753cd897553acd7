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

        assertThat(Flyway.configure().dataSource(database).load().migrate().migrationsExecuted).isEqualTo(4);

        assertThat(columns(database, "charger")).containsExactly("charge_point_id", "organisation_id", "vendor",
                "model", "password_set", "site_id", "linked_at", "registered_at", "updated_at", "decommissioned_at",
                "version");
        assertThat(columns(database, "energy_asset")).containsExactly("asset_id", "site_id", "organisation_id",
                "type", "name", "capacity_kw", "metadata", "created_at", "updated_at", "position");
        assertThat(columns(database, "site_summary")).containsExactly("site_id", "organisation_id", "name",
                "max_power_kw", "current_power_kw", "chargers_total", "chargers_online", "chargers_charging",
                "chargers_available", "chargers_faulted", "active_sessions", "energy_assets", "updated_at",
                "version");
        assertThat(columns(database, "charger_state")).containsExactly("charge_point_id", "organisation_id",
                "connected", "status", "last_seen_at", "last_heartbeat_at", "vendor", "model", "firmware_version",
                "ocpp_version", "active_sessions", "power_kw", "energy_today_wh", "energy_day", "connectors",
                "version");
        assertThat(indexes(database)).contains("charger_by_site", "energy_asset_by_site", "site_live_by_organisation",
                "charger_registered_by_organisation");
    }

    @Test
    void upgradesASiteStoreOfTheFirstVersionKeepingItsSites() throws SQLException {
        DataSource database = TestDatabase.emptyDatabase("migrations_upgrade");
        Flyway.configure().dataSource(database).target(MigrationVersion.fromVersion("1")).load().migrate();
        execute(database, """
                INSERT INTO site (site_id, organisation_id, name, max_power_kw, created_at, updated_at, version)
                VALUES ('site_1', 'org_A', 'King Street Depot', 150, now(), now(), 1)""");

        assertThat(Flyway.configure().dataSource(database).load().migrate().migrationsExecuted).isEqualTo(3);

        assertThat(query(database, "SELECT site_id || ' v' || version FROM site")).containsExactly("site_1 v1");
        assertThat(query(database, "SELECT count(*) FROM energy_asset")).containsExactly("0");
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
