package org.dynamocsms.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.query.generation.ReadTables;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the real PostgreSQL, with generation tables made by hand. */
class ReplayComparisonTest {

    private static final Generation LIVE = new Generation(Projection.SITES, 91);
    private static final Generation REBUILT = new Generation(Projection.SITES, 92);

    private DataSource database;

    @BeforeEach
    void tables() throws SQLException {
        database = TestDatabase.dataSource();
        for (String table : List.of("site", "site_summary", "charger_interval")) {
            for (Generation generation : List.of(LIVE, REBUILT)) {
                execute("DROP TABLE IF EXISTS " + generation.table(table),
                        "CREATE TABLE " + generation.table(table) + " (LIKE " + table + "_g1 INCLUDING ALL)");
            }
        }
    }

    @Test
    void theSameRowsAreEqualWhateverTheirBookKeeping() throws SQLException {
        execute(site(LIVE, "site_1", "Depot", 3), site(REBUILT, "site_1", "Depot", 7),
                summary(LIVE, "site_1", 11.5, "2026-01-01T00:00:00Z", 4),
                summary(REBUILT, "site_1", 11.5, "2026-06-01T00:00:00Z", 9));

        ReplayComparison.Result result = compare(List.of("site", "site_summary"), 0);

        assertThat(result.equal()).isTrue();
        assertThat(result.tables()).containsExactly(
                new ReplayComparison.Table("site", 1, 1, 0, 0, 0, List.of()),
                new ReplayComparison.Table("site_summary", 1, 1, 0, 0, 0, List.of()));
    }

    @Test
    void everyProjectionsTablesHaveTheirBookKeepingColumnsDeclared() {
        for (Projection projection : Projection.values()) {
            assertThat(ReplayComparison.BOOK_KEEPING).as(projection.id()).containsKeys(
                    ReadTables.of(projection).toArray(String[]::new));
        }
    }

    @Test
    void countsRowsOnlyInOneAndRowsThatDiffer() throws SQLException {
        execute(site(LIVE, "site_1", "Depot", 1), site(REBUILT, "site_1", "Depot", 1),
                site(LIVE, "site_2", "Old name", 1), site(REBUILT, "site_2", "New name", 1),
                site(LIVE, "site_3", "Gone", 1),
                site(REBUILT, "site_4", "New", 1), site(REBUILT, "site_5", "New too", 1),
                summary(LIVE, "site_1", 11.5, "2026-01-01T00:00:00Z", 1),
                summary(REBUILT, "site_1", 12.5, "2026-01-01T00:00:00Z", 1));

        ReplayComparison.Result result = compare(List.of("site", "site_summary"), 0);

        assertThat(result.equal()).isFalse();
        assertThat(result.tables()).containsExactly(
                new ReplayComparison.Table("site", 3, 4, 1, 2, 1, List.of("site_2", "site_3", "site_4", "site_5")),
                new ReplayComparison.Table("site_summary", 1, 1, 0, 0, 1, List.of("site_1")));
    }

    @Test
    void aNullOnOneSideDiffers() throws SQLException {
        execute(site(LIVE, "site_1", "Depot", 1), site(REBUILT, "site_1", "Depot", 1),
                "UPDATE " + REBUILT.table("site") + " SET address = 'Quay 1'");

        assertThat(compare(List.of("site"), 0).tables().get(0).different()).isEqualTo(1);
    }

    @Test
    void aCompositeKeyIsComparedWhole() throws SQLException {
        execute(interval(LIVE, "CP-1", "2026-01-01T00:00:00Z", true, 1),
                interval(REBUILT, "CP-1", "2026-01-01T00:00:00Z", true, 5),
                interval(LIVE, "CP-1", "2026-01-02T00:00:00Z", true, 1),
                interval(REBUILT, "CP-1", "2026-01-02T00:00:00Z", false, 1));

        ReplayComparison.Table table = compare(List.of("charger_interval"), 0).tables().get(0);

        assertThat(table.different()).isEqualTo(1);
        assertThat(table.examples()).containsExactly("CP-1|2026-01-02 00:00:00+00");
    }

    @Test
    void namesAtMostFiveExamples() throws SQLException {
        for (int i = 0; i < 8; i++) {
            execute(site(REBUILT, "site_" + i, "New", 1));
        }

        ReplayComparison.Table table = compare(List.of("site"), 0).tables().get(0);

        assertThat(table.onlyRebuilt()).isEqualTo(8);
        assertThat(table.examples()).containsExactly("site_0", "site_1", "site_2", "site_3", "site_4");
    }

    @Test
    void aRefusedRecordMakesEqualTablesUnequal() throws SQLException {
        execute(site(LIVE, "site_1", "Depot", 1), site(REBUILT, "site_1", "Depot", 1));

        ReplayComparison.Result result = compare(List.of("site"), 1);

        assertThat(result.equal()).isFalse();
        assertThat(result.tables().get(0).equal()).isTrue();
    }

    private ReplayComparison.Result compare(List<String> tables, long refused) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return ReplayComparison.compare(connection, tables, LIVE, REBUILT, refused);
        }
    }

    private static String site(Generation generation, String siteId, String name, long version) {
        return "INSERT INTO " + generation.table("site") + " (site_id, organisation_id, name, max_power_kw,"
                + " created_at, updated_at, version) VALUES ('" + siteId + "', 'org_1', '" + name + "', 50,"
                + " '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', " + version + ")";
    }

    private static String summary(Generation generation, String siteId, double powerKw, String updatedAt,
                                  long version) {
        return "INSERT INTO " + generation.table("site_summary") + " (site_id, organisation_id, name, max_power_kw,"
                + " current_power_kw, chargers_total, chargers_online, chargers_charging, chargers_available,"
                + " chargers_faulted, active_sessions, updated_at, version) VALUES ('" + siteId + "', 'org_1',"
                + " 'Depot', 50, " + powerKw + ", 2, 2, 1, 1, 0, 1, '" + updatedAt + "', " + version + ")";
    }

    private static String interval(Generation generation, String chargePointId, String startAt, boolean up,
                                   long version) {
        return "INSERT INTO " + generation.table("charger_interval") + " (charge_point_id, start_at, organisation_id,"
                + " connected, up, charging, first_at, up_before_ms, online_before_ms, charging_before_ms, version)"
                + " VALUES ('" + chargePointId + "', '" + startAt + "', 'org_1', true, " + up + ", false,"
                + " '2026-01-01T00:00:00Z', 0, 0, 0, " + version + ")";
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
