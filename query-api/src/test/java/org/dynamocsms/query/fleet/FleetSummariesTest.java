package org.dynamocsms.query.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.fleet.FleetSummaryPartStoreTest.part;
import static org.dynamocsms.query.fleet.LiveStates.TODAY;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.query.generation.ReadTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fleet summaries kept in memory, against the real database and its notifications. */
class FleetSummariesTest {

    private static final String ORG = "org_A";

    private DataSource dataSource;
    private FleetSummaryPartStore store;
    private FleetSummaries summaries;

    @BeforeEach
    void listen() throws Exception {
        dataSource = TestDatabase.clean();
        store = new FleetSummaryPartStore(dataSource);
        summaries = new FleetSummaries();
        summaries.store = store;
        summaries.dataSource = dataSource;
        summaries.start(null);
        await(summaries::listening);
        store.write(List.of(part(ORG, 0, 1, 5, 5, 5, 0, 0, 5)), List.of());
        // the write's notification has come: what is read from now on is kept
        await(() -> summaries.changes(ORG) == 1);
    }

    @AfterEach
    void stop() {
        summaries.stop();
    }

    @Test
    void aSummaryIsKeptUntilItsOrganisationsPartsChange() throws Exception {
        assertThat(summaries.summary(ORG, TODAY).totalChargers()).isEqualTo(5);
        // a change the read store was not told of: the summary kept does not see it
        execute("UPDATE fleet_summary_part_g1 SET total = 7");
        assertThat(summaries.summary(ORG, TODAY).totalChargers()).isEqualTo(5);

        store.write(List.of(part(ORG, 1, 1, 2, 2, 2, 0, 0, 2)), List.of());

        await(() -> summaries.summary(ORG, TODAY).totalChargers() == 9);
    }

    @Test
    void anotherOrganisationsChangeLeavesTheSummaryKept() throws Exception {
        assertThat(summaries.summary(ORG, TODAY).totalChargers()).isEqualTo(5);
        execute("UPDATE fleet_summary_part_g1 SET total = 7");

        store.write(List.of(part("org_B", 0, 1, 2, 2, 2, 0, 0, 2)), List.of());
        await(() -> summaries.summary("org_B", TODAY).totalChargers() == 2);

        assertThat(summaries.summary(ORG, TODAY).totalChargers()).isEqualTo(5);
    }

    @Test
    void aSwitchOfGenerationsDropsEverySummaryKept() throws Exception {
        assertThat(summaries.summary(ORG, TODAY).totalChargers()).isEqualTo(5);
        execute("UPDATE fleet_summary_part_g1 SET total = 7");

        execute("SELECT pg_notify('" + ReadTables.SWITCHED + "', 'live-states')");

        await(() -> summaries.summary(ORG, TODAY).totalChargers() == 7);
    }

    @Test
    void anotherDaysSummaryIsReadAgain() throws Exception {
        assertThat(summaries.summary(ORG, TODAY).totalChargers()).isEqualTo(5);
        execute("UPDATE fleet_summary_part_g1 SET total = 7");

        assertThat(summaries.summary(ORG, TODAY.plusDays(1)).totalChargers()).isEqualTo(7);
    }

    @Test
    void nothingIsKeptWhileNotListening() throws Exception {
        summaries.stop();
        await(() -> !summaries.listening());
        assertThat(summaries.summary(ORG, TODAY).totalChargers()).isEqualTo(5);
        execute("UPDATE fleet_summary_part_g1 SET total = 7");

        assertThat(summaries.summary(ORG, TODAY).totalChargers()).isEqualTo(7);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
