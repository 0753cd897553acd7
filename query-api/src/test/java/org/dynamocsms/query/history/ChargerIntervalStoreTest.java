package org.dynamocsms.query.history;

import org.dynamocsms.query.Refused;
import org.dynamocsms.query.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.history.Histories.ORG;
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

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.schemas.analytics.ChargerStatusInterval;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The interval read store against the real database. */
class ChargerIntervalStoreTest {

    private static final Instant MAY = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant JULY = Instant.parse("2024-07-01T00:00:00Z");

    private DataSource dataSource;
    private ChargerIntervalStore store;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        dataSource = TestDatabase.clean();
        store = new ChargerIntervalStore(dataSource);
    }

    @Test
    void writesEveryFieldOfAnInterval() throws SQLException {
        ChargerStatusInterval interval = ChargerStatusInterval.newBuilder()
                .setChargePointId("CP-001").setOrganisationId(ORG)
                .setStartAt(Instant.parse("2024-06-02T10:00:00.123Z")).setEndAt(Instant.parse("2024-06-02T10:05:00Z"))
                .setConnected(true).setUp(false).setCharging(true).setFirstAt(Instant.parse("2024-06-01T00:00:00Z"))
                .setUpBeforeMs(10).setOnlineBeforeMs(20).setChargingBeforeMs(30).setVersion(7).build();

        assertThat(store.write(List.of(interval), List.of())).isEmpty();

        assertThat(rows()).containsExactly("CP-001 2024-06-02T10:00:00.123Z-2024-06-02T10:05:00Z org_A "
                + "connected=true up=false charging=true first=2024-06-01T00:00:00Z 10/20/30 v7");
    }

    @Test
    void aNewerVersionReplacesTheRowAndAnOlderOrEqualOneChangesNothing() throws SQLException {
        ChargerStatusInterval open = interval("CP-001", "2024-06-01T08:00:00Z", null, true);
        store.write(List.of(open), List.of());
        store.write(List.of(version(interval("CP-001", "2024-06-01T08:00:00Z", "2024-06-02T10:00:00Z", true), 3)),
                List.of());
        store.write(List.of(open), List.of());
        store.write(List.of(version(interval("CP-001", "2024-06-01T08:00:00Z", null, false), 3)), List.of());

        assertThat(rows()).containsExactly("CP-001 2024-06-01T08:00:00Z-2024-06-02T10:00:00Z org_A "
                + "connected=true up=true charging=false first=2024-06-01T00:00:00Z 1/2/3 v3");
    }

    @Test
    void withinOneBatchTheHighestVersionWinsAndATombstoneDeletesByItsKey() throws SQLException {
        // a charge point id may contain '@': the key splits at the last one
        ChargerStatusInterval first = interval("CP@7", "2024-06-01T00:00:00Z", "2024-06-01T08:00:00Z", false);
        ChargerStatusInterval second = interval("CP@7", "2024-06-01T08:00:00Z", null, true);
        store.write(List.of(first, second), List.of());
        // 2024-06-01 is day 19,875 since 1970-01-01 (54 years, 13 of them leap, plus 152 days of 2024):
        // 19,875 * 86,400 s = 1,717,200,000 s
        assertThat(ChargerIntervalStore.key(first)).isEqualTo("CP@7@1717200000000");

        store.write(List.of(version(interval("CP@7", "2024-06-01T08:00:00Z", null, true), 4),
                version(interval("CP@7", "2024-06-01T08:00:00Z", null, false), 3)), List.of("CP@7@1717200000000"));

        assertThat(rows()).containsExactly("CP@7 2024-06-01T08:00:00Z-null org_A "
                + "connected=true up=true charging=false first=2024-06-01T00:00:00Z 1/2/3 v4");
    }

    @Test
    void aTombstoneWhoseKeyNamesNoIntervalIsSkipped() throws SQLException {
        store.write(List.of(interval("CP-001", "2024-06-01T00:00:00Z", null, false)), List.of());

        assertThat(store.write(List.of(), List.of("CP-001", "CP-001@soon", "CP-001@1717200000001"))).isEmpty();

        assertThat(rows()).hasSize(1);
    }

    @Test
    void anIntervalTheDatabaseRefusesIsLeftOutAndTheRestIsWritten() throws SQLException {
        ChargerStatusInterval poison = ChargerStatusInterval.newBuilder(
                interval("CP-bad", "2024-06-01T00:00:00Z", null, true)).setOrganisationId("org_\u0000").build();
        ChargerStatusInterval good = interval("CP-001", "2024-06-01T00:00:00Z", null, true);

        assertThat(store.write(List.of(good, poison), List.of()))
                .extracting(Refused::value).containsExactly(poison);
        assertThat(rows()).hasSize(1);
    }

    @Test
    void connectivityIsAnEventWhereverConnectedChangesFromOneIntervalToTheNext() throws SQLException {
        timeline();

        // CP-001 registered disconnected (no event), connected 06-01 08:00, faulted 06-02 10:00 and back
        // 10:05 while connected (no events), disconnected 06-03 02:10, connected again 02:12:45
        assertThat(store.connectivity(ORG, "CP-001", MAY, JULY)).containsExactly(
                event(true, "2024-06-01T08:00:00Z"), event(false, "2024-06-03T02:10:00Z"),
                event(true, "2024-06-03T02:12:45Z"));
        // a charger whose timeline begins connected: an event at its start
        assertThat(store.connectivity(ORG, "CP-002", MAY, JULY)).containsExactly(
                event(true, "2024-06-05T12:00:00Z"));
    }

    @Test
    void connectivityComparesTheFirstIntervalInThePeriodWithTheOneBefore() throws SQLException {
        timeline();

        // from inside the connected stretch begun 06-01 08:00: the intervals of 06-02 10:00 and 10:05 are
        // connected like the one before from, so no event until the disconnect
        assertThat(store.connectivity(ORG, "CP-001", Instant.parse("2024-06-02T00:00:00Z"), JULY)).containsExactly(
                event(false, "2024-06-03T02:10:00Z"), event(true, "2024-06-03T02:12:45Z"));
        // [from, to): an event at from is in, one at to is out
        assertThat(store.connectivity(ORG, "CP-001", Instant.parse("2024-06-03T02:10:00Z"),
                Instant.parse("2024-06-03T02:12:45Z"))).containsExactly(event(false, "2024-06-03T02:10:00Z"));
        // CP-002 has been connected since before 06-06: nothing changed after
        assertThat(store.connectivity(ORG, "CP-002", Instant.parse("2024-06-06T00:00:00Z"), JULY)).isEmpty();
    }

    @Test
    void connectivityIsOnlyOfTheOrganisationsIntervals() throws SQLException {
        timeline();

        assertThat(store.connectivity("org_B", "CP-001", MAY, JULY)).isEmpty();
        assertThat(store.connectivity(ORG, "CP-404", MAY, JULY)).isEmpty();
    }

    /** Two chargers' timelines, each interval ending where the next starts. */
    private void timeline() throws SQLException {
        store.write(List.of(
                interval("CP-001", "2024-06-01T00:00:00Z", "2024-06-01T08:00:00Z", false),
                interval("CP-001", "2024-06-01T08:00:00Z", "2024-06-02T10:00:00Z", true),
                ChargerStatusInterval.newBuilder(
                        interval("CP-001", "2024-06-02T10:00:00Z", "2024-06-02T10:05:00Z", true)).setUp(false).build(),
                interval("CP-001", "2024-06-02T10:05:00Z", "2024-06-03T02:10:00Z", true),
                interval("CP-001", "2024-06-03T02:10:00Z", "2024-06-03T02:12:45Z", false),
                interval("CP-001", "2024-06-03T02:12:45Z", null, true),
                interval("CP-002", "2024-06-05T12:00:00Z", "2024-06-05T13:00:00Z", true),
                ChargerStatusInterval.newBuilder(interval("CP-002", "2024-06-05T13:00:00Z", null, true))
                        .setCharging(true).build()), List.of());
    }

    private static ConnectivityJson.Event event(boolean connected, String at) {
        return ConnectivityJson.Event.of(connected, Instant.parse(at));
    }

    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT * FROM charger_interval ORDER BY charge_point_id, start_at");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString("charge_point_id") + " " + Jdbc.instant(rs, "start_at") + "-"
                        + Jdbc.instant(rs, "end_at") + " " + rs.getString("organisation_id")
                        + " connected=" + rs.getBoolean("connected") + " up=" + rs.getBoolean("up")
                        + " charging=" + rs.getBoolean("charging") + " first=" + Jdbc.instant(rs, "first_at") + " "
                        + rs.getLong("up_before_ms") + "/" + rs.getLong("online_before_ms") + "/"
                        + rs.getLong("charging_before_ms") + " v" + rs.getLong("version"));
            }
        }
        return rows;
    }
}
