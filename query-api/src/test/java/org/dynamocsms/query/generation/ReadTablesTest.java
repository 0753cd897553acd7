package org.dynamocsms.query.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read tables of a projection's generations, and the switch of its readers, on a real PostgreSQL. */
class ReadTablesTest {

    private static final Generation LIVE_STATES_1 = Generation.first(Projection.LIVE_STATES);
    private static final Generation LIVE_STATES_2 = LIVE_STATES_1.next();

    private static DataSource database;

    @BeforeAll
    static void database() throws SQLException {
        database = TestDatabase.migratedDatabase("read_tables");
    }

    /** Generation 1 live with a row in each table, and no generation 2. */
    @BeforeEach
    void generationOne() throws SQLException {
        Jdbc.inTransaction(database, connection -> {
            ReadTables.switchReaders(connection, LIVE_STATES_1);
            ReadTables.drop(connection, LIVE_STATES_2);
            execute(connection, "TRUNCATE charger_state_g1, site_summary_g1");
            insertLiveStates(connection, LIVE_STATES_1, 1);
            return null;
        });
    }

    @Test
    void createsAGenerationsTablesEmptyAndLikeTheLiveOnes() throws SQLException {
        Jdbc.inTransaction(database, connection -> {
            ReadTables.create(connection, LIVE_STATES_2);
            ReadTables.create(connection, LIVE_STATES_2);
            return null;
        });

        assertThat(query("SELECT count(*) FROM charger_state_g2")).containsExactly("0");
        assertThat(query("SELECT count(*) FROM site_summary_g2")).containsExactly("0");
        assertThat(columns("charger_state_g2")).isEqualTo(columns("charger_state_g1"));
        assertThat(columns("site_summary_g2")).isEqualTo(columns("site_summary_g1"));
        assertThat(query("SELECT relname || ' ' || array_to_string(reloptions, ',') FROM pg_class "
                + "WHERE relname IN ('charger_state_g2', 'site_summary_g2') ORDER BY relname"))
                .containsExactly("charger_state_g2 fillfactor=50", "site_summary_g2 fillfactor=50");
        assertThat(query("SELECT indexdef FROM pg_indexes WHERE tablename = 'charger_state_g2' ORDER BY indexname"))
                .containsExactly("CREATE INDEX charger_state_g2_organisation_id_charge_point_id_idx ON "
                                + "public.charger_state_g2 USING btree (organisation_id, charge_point_id) WHERE registered",
                        "CREATE INDEX charger_state_g2_organisation_id_site_id_charge_point_id_idx ON "
                                + "public.charger_state_g2 USING btree (organisation_id, site_id, charge_point_id) "
                                + "WHERE registered",
                        "CREATE INDEX charger_state_g2_organisation_id_status_charge_point_id_idx ON "
                                + "public.charger_state_g2 USING btree (organisation_id, status, charge_point_id) "
                                + "WHERE registered",
                        "CREATE UNIQUE INDEX charger_state_g2_pkey ON public.charger_state_g2 USING btree "
                                + "(charge_point_id)");
    }

    @Test
    void createsTheChargerHistorysTablesWithTheCoveringKey() throws SQLException {
        Generation history2 = Generation.first(Projection.CHARGER_HISTORY).next();
        Jdbc.inTransaction(database, connection -> {
            ReadTables.create(connection, history2);
            return null;
        });

        assertThat(query("SELECT indexdef FROM pg_indexes WHERE tablename = 'charger_interval_g2'"))
                .singleElement().asString().endsWith("(charge_point_id, start_at) INCLUDE (end_at, connected, up, "
                        + "charging, first_at, up_before_ms, online_before_ms, charging_before_ms)");
        assertThat(query("SELECT count(*) FROM pg_indexes WHERE tablename = 'charger_error_g2'"))
                .containsExactly("3");
        Jdbc.inTransaction(database, connection -> {
            ReadTables.drop(connection, history2);
            return null;
        });
        assertThat(query("SELECT count(*) FROM pg_class WHERE relname LIKE 'charger_%_g2'")).containsExactly("0");
    }

    @Test
    void readersSeeTheNewGenerationOnceTheSwitchCommitsAndNotIfItRollsBack() throws Exception {
        Jdbc.inTransaction(database, connection -> {
            ReadTables.create(connection, LIVE_STATES_2);
            insertLiveStates(connection, LIVE_STATES_2, 2);
            return null;
        });
        assertThat(liveStates()).containsExactly("CP-g1 1", "site-g1 1");

        assertThatThrownBy(() -> Jdbc.inTransaction(database, connection -> {
            ReadTables.switchReaders(connection, LIVE_STATES_2);
            throw new IllegalStateException("the switch failed");
        })).hasMessage("the switch failed");
        assertThat(liveStates()).containsExactly("CP-g1 1", "site-g1 1");

        try (Connection switching = database.getConnection()) {
            switching.setAutoCommit(false);
            ReadTables.switchReaders(switching, LIVE_STATES_2);
            // a reader waits for the switch to commit rather than see one table switched and not the other
            CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(ReadTablesTest::liveStatesUnchecked);
            assertThatThrownBy(() -> reader.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            switching.commit();
            assertThat(reader.get(10, TimeUnit.SECONDS)).containsExactly("CP-g2 2", "site-g2 2");
        }
        assertThat(liveStates()).containsExactly("CP-g2 2", "site-g2 2");
    }

    /**
     * A generation filled since its tables were created has no planner statistics until autovacuum gets to it:
     * readers switched to it at once would be planned blind.
     */
    @Test
    void theSwitchGivesThePlannerStatisticsOfTheNewTables() throws Exception {
        Jdbc.inTransaction(database, connection -> {
            ReadTables.create(connection, LIVE_STATES_2);
            insertLiveStates(connection, LIVE_STATES_2, 2);
            ReadTables.switchReaders(connection, LIVE_STATES_2);
            return null;
        });

        assertThat(query("SELECT relname || ' ' || reltuples FROM pg_class WHERE relname IN ('charger_state_g2', "
                + "'site_summary_g2') ORDER BY relname")).containsExactly("charger_state_g2 1", "site_summary_g2 1");
    }

    @Test
    void aReaderInATransactionSeesOneGenerationOfTheProjectionWhileItSwitches() throws Exception {
        Jdbc.inTransaction(database, connection -> {
            ReadTables.create(connection, LIVE_STATES_2);
            insertLiveStates(connection, LIVE_STATES_2, 2);
            return null;
        });
        CompletableFuture<Void> switched;
        try (Connection reader = database.getConnection()) {
            reader.setAutoCommit(false);
            assertThat(query(reader, "SELECT charge_point_id FROM charger_state")).containsExactly("CP-g1");

            switched = CompletableFuture.runAsync(() -> {
                try {
                    Jdbc.inTransaction(database, connection -> {
                        ReadTables.switchReaders(connection, LIVE_STATES_2);
                        return null;
                    });
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            // the switch waits for the reader, which still sees generation 1 in the other table
            assertThatThrownBy(() -> switched.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(query(reader, "SELECT site_id FROM site_summary")).containsExactly("site-g1");
            reader.commit();
        }
        switched.get(10, TimeUnit.SECONDS);
        assertThat(liveStates()).containsExactly("CP-g2 2", "site-g2 2");
    }

    @Test
    void refusesToDropTheTablesReadersRead() throws SQLException {
        assertThatThrownBy(() -> Jdbc.inTransaction(database, connection -> {
            ReadTables.drop(connection, LIVE_STATES_1);
            return null;
        })).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("2BP01"));
        assertThat(liveStates()).containsExactly("CP-g1 1", "site-g1 1");
    }

    @Test
    void readsEachProjectionsGenerations() throws SQLException {
        try (Connection connection = database.getConnection()) {
            execute(connection, "UPDATE projection_generation SET building = 3, next_generation = 4 "
                    + "WHERE projection = 'chargers'");
            execute(connection, "UPDATE projection_generation SET live = 2, retiring = 1, next_generation = 3 "
                    + "WHERE projection = 'maintenance'");
            try {
                List<Generations> generations = ReadTables.generations(connection);

                assertThat(generations).extracting(Generations::projection).containsExactly(Projection.values());
                Generations chargers = ReadTables.generations(connection, Projection.CHARGERS);
                assertThat(chargers.ingested()).containsExactly(Generation.first(Projection.CHARGERS),
                        new Generation(Projection.CHARGERS, 3));
                assertThat(chargers.nextGeneration()).isEqualTo(4);
                Generations maintenance = ReadTables.generations(connection, Projection.MAINTENANCE);
                assertThat(maintenance.ingested()).containsExactly(new Generation(Projection.MAINTENANCE, 2));
                assertThat(maintenance.retiring()).isEqualTo(Generation.first(Projection.MAINTENANCE));
                assertThat(ReadTables.liveGenerations(connection)).containsEntry(Projection.SITES,
                        Generation.first(Projection.SITES)).containsEntry(Projection.MAINTENANCE,
                        new Generation(Projection.MAINTENANCE, 2));
            } finally {
                execute(connection, "UPDATE projection_generation SET live = 1, building = NULL, retiring = NULL, "
                        + "next_generation = 2");
            }
        }
    }

    @Test
    void namesOnlyAProjectionsOwnTables() {
        assertThat(ReadTables.table(LIVE_STATES_2, "site_summary")).isEqualTo("site_summary_g2");
        assertThatThrownBy(() -> ReadTables.table(LIVE_STATES_2, "site"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("site is no table of live-states");
        assertThat(ReadTables.quoted("site_g2")).isEqualTo("\"site_g2\"");
    }

    /** A charger state and a site summary, each named after and at the version of {@code generation}. */
    private static void insertLiveStates(Connection connection, Generation generation, int version)
            throws SQLException {
        String n = "g" + generation.number();
        execute(connection, "INSERT INTO " + generation.table("charger_state") + " (charge_point_id, connected, "
                + "status, active_sessions, power_kw, energy_today_wh, version) VALUES ('CP-" + n
                + "', true, 'available', 0, 0, 0, " + version + ")");
        execute(connection, "INSERT INTO " + generation.table("site_summary") + " (site_id, organisation_id, name, "
                + "max_power_kw, current_power_kw, chargers_total, chargers_online, chargers_charging, "
                + "chargers_available, chargers_faulted, active_sessions, updated_at, version) VALUES ('site-" + n
                + "', 'org_A', 'Depot', 150, 0, 1, 1, 0, 1, 0, 0, now(), " + version + ")");
    }

    /** What readers see of the live states: each row's key and version. */
    private static List<String> liveStates() throws SQLException {
        return query("SELECT charge_point_id || ' ' || version FROM charger_state "
                + "UNION ALL SELECT site_id || ' ' || version FROM site_summary");
    }

    private static List<String> liveStatesUnchecked() {
        try {
            return liveStates();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> columns(String table) throws SQLException {
        return query("SELECT column_name || ' ' || data_type || ' ' || is_nullable || ' ' "
                + "|| coalesce(column_default, '') FROM information_schema.columns WHERE table_name = '" + table
                + "' ORDER BY ordinal_position");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> query(String sql) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return query(connection, sql);
        }
    }

    private static List<String> query(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
