package org.dynamocsms.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.history.Histories.interval;
import static org.dynamocsms.query.history.Histories.version;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.dynamocsms.query.fleet.ChargerStateStore;
import org.dynamocsms.query.fleet.LiveStates;
import org.dynamocsms.query.history.ChargerIntervalStore;
import org.dynamocsms.query.site.SiteSummaryStore;
import org.dynamocsms.query.site.Summaries;
import org.dynamocsms.schemas.analytics.ChargerStatusInterval;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guarantees of the read store's write path (one statement per batch), through the stores that use it. */
class TableRowsTest {

    private DataSource dataSource;
    private ChargerIntervalStore intervals;
    private ChargerStateStore states;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        dataSource = TestDatabase.clean();
        intervals = new ChargerIntervalStore(dataSource);
        states = new ChargerStateStore(dataSource);
    }

    @Test
    void anOlderOrEqualVersionNeverReplacesANewerOneInOneBatchOrAcrossBatches() throws SQLException {
        ChargerStatusInterval open = interval("CP-001", "2024-06-01T00:00:00Z", null, true);
        ChargerStatusInterval closed = interval("CP-001", "2024-06-01T00:00:00Z", "2024-06-01T01:00:00Z", true);

        assertThat(intervals.write(List.of(version(closed, 3), version(open, 1), version(open, 2)), List.of()))
                .isEmpty();
        assertThat(rows()).containsExactly("CP-001 2024-06-01 00:00:00+00 ends 2024-06-01 01:00:00+00 v3");

        // replays: older, and the same version with other figures
        intervals.write(List.of(version(open, 2)), List.of());
        intervals.write(List.of(version(open, 3)), List.of());
        assertThat(rows()).containsExactly("CP-001 2024-06-01 00:00:00+00 ends 2024-06-01 01:00:00+00 v3");

        intervals.write(List.of(version(open, 4)), List.of());
        assertThat(rows()).containsExactly("CP-001 2024-06-01 00:00:00+00 ends null v4");
    }

    @Test
    void aBatchWritesEveryKeyAndDeletesEveryTombstoneInOneGo() throws SQLException {
        List<ChargerStatusInterval> batch = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            batch.add(interval("CP-" + hour % 3, "2024-06-01T%02d:00:00Z".formatted(hour), null, hour % 2 == 0));
        }
        intervals.write(batch, List.of());

        intervals.write(List.of(version(batch.get(0), 2)), List.of(ChargerIntervalStore.key(batch.get(1)),
                ChargerIntervalStore.key(batch.get(2)), "CP-9@" + Instant.parse("2024-06-01T00:00:00Z").toEpochMilli()));

        List<String> rows = rows();
        assertThat(rows).hasSize(22).contains("CP-0 2024-06-01 00:00:00+00 ends null v2");
        assertThat(rows).noneMatch(row -> row.startsWith("CP-1 2024-06-01 01:00:00"))
                .noneMatch(row -> row.startsWith("CP-2 2024-06-01 02:00:00"));
    }

    @Test
    void aRowTheDatabaseRefusesIsLeftOutAndReportedWhileTheRestOfTheBatchIsWritten() throws SQLException {
        List<ChargerLiveState> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(LiveStates.state("CP-%03d".formatted(i), ChargerStatus.available));
        }
        ChargerLiveState poison = ChargerLiveState.newBuilder(batch.get(5)).setFirmwareVersion("nul \u0000").build();
        batch.set(5, poison);
        ChargerLiveState tooLate = ChargerLiveState.newBuilder(batch.get(7))
                .setLastSeenAt(Instant.parse("+300000-01-01T00:00:00Z")).build();
        batch.set(7, tooLate);

        assertThat(states.write(batch, List.of())).extracting(Refused::value).containsExactlyInAnyOrder(poison, tooLate);

        assertThat(ids("SELECT charge_point_id FROM charger_state ORDER BY charge_point_id")).containsExactly(
                "CP-000", "CP-001", "CP-002", "CP-003", "CP-004", "CP-006", "CP-008", "CP-009");
    }

    @Test
    void aRefusedTombstoneIsLeftOutWhileTheOthersAndTheValuesAreWritten() throws SQLException {
        ChargerStatusInterval kept = interval("CP-001", "2024-06-01T00:00:00Z", null, true);
        ChargerStatusInterval gone = interval("CP-002", "2024-06-01T00:00:00Z", null, true);
        intervals.write(List.of(kept, gone), List.of());

        // a start the database cannot hold
        String outOfRange = "CP-003@" + Instant.parse("+300000-01-01T00:00:00Z").toEpochMilli();
        intervals.write(List.of(version(kept, 2)), List.of(ChargerIntervalStore.key(gone), outOfRange));

        assertThat(rows()).containsExactly("CP-001 2024-06-01 00:00:00+00 ends null v2");
    }

    @Test
    void aTombstoneKeyTheDatabaseRefusesIsLeftOutWhileTheRestOfThePollIsWritten() throws SQLException {
        states.write(List.of(LiveStates.state("CP-001", ChargerStatus.available)), List.of());
        SiteSummaryStore summaries = new SiteSummaryStore(dataSource);

        assertThat(states.write(List.of(LiveStates.state("CP-002", ChargerStatus.available)),
                List.of("CP-001", "nul \u0000"))).isEmpty();
        assertThat(summaries.write(List.of(Summaries.summary("site_1", 1, 10)), List.of("nul \u0000"))).isEmpty();

        assertThat(ids("SELECT charge_point_id FROM charger_state")).containsExactly("CP-002");
        assertThat(ids("SELECT site_id FROM site_summary")).containsExactly("site_1");
    }

    /** Each interval as charge point, start, end and version. */
    private List<String> rows() throws SQLException {
        return ids("SELECT charge_point_id || ' ' || (start_at AT TIME ZONE 'UTC') || '+00 ends ' "
                + "|| coalesce((end_at AT TIME ZONE 'UTC') || '+00', 'null') || ' v' || version "
                + "FROM charger_interval ORDER BY charge_point_id, start_at");
    }

    private List<String> ids(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                rows.add(row.getString(1));
            }
        }
        return rows;
    }
}
