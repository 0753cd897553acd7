package org.dynamocsms.query.fleet;

import org.dynamocsms.query.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.fleet.AnalyticsFleet.NOW;
import static org.dynamocsms.query.fleet.AnalyticsFleet.ORG;
import static org.dynamocsms.query.history.Histories.error;
import static org.dynamocsms.query.history.Histories.organisation;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.dynamocsms.query.charger.ChargerDiagnosticsJson;
import org.dynamocsms.query.fleet.FleetAnalyticsStore.ChargerHistory;
import org.dynamocsms.query.fleet.FleetAnalyticsStore.FleetCharger;
import org.dynamocsms.query.analytics.CumulativeTimeline;
import org.dynamocsms.query.analytics.Span;
import org.dynamocsms.query.analytics.Uptime;
import org.dynamocsms.query.history.ChargerErrorStore;
import org.dynamocsms.query.history.Histories;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The analytics reads against the real database, over {@link AnalyticsFleet}; figures worked out by hand. */
class FleetAnalyticsStoreTest {

    private DataSource dataSource;
    private FleetAnalyticsStore store;

    @BeforeEach
    void writeTheFleet() throws SQLException {
        dataSource = TestDatabase.clean();
        AnalyticsFleet.write(dataSource);
        store = new FleetAnalyticsStore(dataSource, new ChargerErrorStore(dataSource));
    }

    @Test
    void theFleetIsTheOrganisationsRegisteredChargersInIdOrder() throws SQLException {
        assertThat(store.chargers(ORG, null, null)).containsExactly(new FleetCharger("CP-001", "site_1"),
                new FleetCharger("CP-002", "site_1"), new FleetCharger("CP-003", "site_2"));
        assertThat(store.chargers(ORG, null, "site_2")).containsExactly(new FleetCharger("CP-003", "site_2"));
        assertThat(store.chargers(ORG, "CP-002", null)).containsExactly(new FleetCharger("CP-002", "site_1"));
        assertThat(store.chargers(ORG, "CP-B", null)).isEmpty();
        assertThat(store.chargers(ORG, "CP-old", null)).isEmpty();
    }

    @Test
    void uptimeOfEveryChargerFromTheIntervalsAtTheEndsAndAtTheMaintenanceBoundaries() throws SQLException {
        Instant from = at("2024-06-30T00:00");
        Instant to = at("2024-07-01T03:00");

        List<ChargerHistory> histories = store.uptimeHistories(ORG, null, null, from, to, NOW);

        assertThat(histories).extracting(history -> history.charger().chargePointId())
                .containsExactly("CP-001", "CP-002", "CP-003");
        // CP-001: counted [22:00, 02:00) 240 min, up 125 + 50 = 175; maintenance [23:00, 00:00) holds 45 min not
        // up (23:15-00:00), excused; [01:40, open) is all up (never down again, so until now): (240 - 20) / 240 =
        // 91.666.. -> 91.7, down 20 (the disconnect 00:00-00:20); organisation B's window on the same id is not ours
        assertThat(uptime(histories.get(0), from, to)).isEqualTo(new Uptime(91.7, 20, 45));
        assertThat(histories.get(0).maintenance()).hasSize(3);
        // CP-002: no history, nothing counted
        assertThat(uptime(histories.get(1), from, to)).isEqualTo(Uptime.NOTHING_COUNTED);
        // CP-003: up all of [06-30 00:00, 07-01 02:00) = 26 h
        assertThat(uptime(histories.get(2), from, to)).isEqualTo(new Uptime(100.0, 0, 0));
    }

    @Test
    void uptimeOfARangeInsideTheHistoryAndOfOneBeforeIt() throws SQLException {
        Instant from = at("2024-06-30T23:00");
        Instant to = at("2024-07-01T01:00");

        ChargerHistory history = store.uptimeHistories(ORG, "CP-001", null, from, to, NOW).get(0);

        // counted [23:00, 01:00) 120; up cum(01:00) 115 - cum(23:00) 60 = 55; maintenance [23:00, 00:00) excuses
        // its 45 not up: down 120 - 55 - 45 = 20; 100 / 120 = 83.333.. -> 83.3
        assertThat(uptime(history, from, to)).isEqualTo(new Uptime(83.3, 20, 45));
        ChargerHistory before = store.uptimeHistories(ORG, "CP-001", null, at("2024-06-30T00:00"),
                at("2024-06-30T22:00"), NOW).get(0);
        assertThat(uptime(before, at("2024-06-30T00:00"), at("2024-06-30T22:00")))
                .isEqualTo(Uptime.NOTHING_COUNTED);
    }

    @Test
    void uptimeFiltersBySiteAndCharger() throws SQLException {
        Instant from = at("2024-06-30T00:00");

        assertThat(store.uptimeHistories(ORG, null, "site_1", from, NOW, NOW))
                .extracting(history -> history.charger().chargePointId()).containsExactly("CP-001", "CP-002");
        assertThat(store.uptimeHistories(ORG, "CP-003", null, from, NOW, NOW))
                .extracting(history -> history.charger().chargePointId()).containsExactly("CP-003");
        assertThat(store.uptimeHistories(ORG, "CP-003", "site_1", from, NOW, NOW)).isEmpty();
        assertThat(store.uptimeHistories("org_B", "CP-001", null, from, NOW, NOW)).isEmpty();
    }

    @Test
    void theTimelinesOfARangeHoldEveryIntervalInIt() throws SQLException {
        Map<String, CumulativeTimeline> timelines = store.timelines(List.of("CP-001", "CP-002"),
                at("2024-06-30T23:00"), NOW, NOW);

        CumulativeTimeline timeline = timelines.get("CP-001");
        // [23:00, 00:00): online 23:00-23:45 = 45, charging 23:00-23:15 = 15
        assertThat(timeline.onlineMillis(span("2024-06-30T23:00", "2024-07-01T00:00"))).isEqualTo(minutes(45));
        assertThat(timeline.chargingMillis(span("2024-06-30T23:00", "2024-07-01T00:00"))).isEqualTo(minutes(15));
        // [00:00, 01:00): online 00:20-01:00 = 40, all of it charging
        assertThat(timeline.chargingMillis(span("2024-07-01T00:00", "2024-07-01T01:00"))).isEqualTo(minutes(40));
        // [01:00, 02:00): charging 01:00-01:10
        assertThat(timeline.chargingMillis(span("2024-07-01T01:00", "2024-07-01T02:00"))).isEqualTo(minutes(10));
        assertThat(timelines.get("CP-002").firstAt()).isNull();
        assertThat(store.timelines(List.of(), at("2024-06-30T23:00"), NOW, NOW)).isEmpty();
    }

    @Test
    void thirtyDaysOfACharger() throws SQLException {
        // 30 days before now: 06-01 02:00
        Histories.write(dataSource,
                error("evt_1", "CP-001", ChargePointErrorCode.GroundFailure, "2024-06-01T01:59:59Z", null),
                error("evt_2", "CP-001", ChargePointErrorCode.WeakSignal, "2024-06-01T02:00:00Z", null),
                error("evt_3", "CP-001", ChargePointErrorCode.HighTemperature, "2024-06-30T23:15:00Z", null),
                error("evt_4", "CP-003", ChargePointErrorCode.OverVoltage, "2024-06-30T23:30:00Z", null),
                organisation(error("evt_5", "CP-001", ChargePointErrorCode.OverCurrentFailure, "2024-07-01T00:00:00Z",
                        null), "org_B"));

        // uptime as over [06-30 00:00, 03:00) (nothing before first_at): 91.7; utilisation: online 205, charging
        // 95: 46.341.. -> 46.3; errors since 06-01 02:00: evt_2 and evt_3
        assertThat(store.thirtyDays(ORG, "CP-001", NOW)).isEqualTo(new FleetAnalyticsStore.ThirtyDays(91.7, 46.3,
                2, new ChargerDiagnosticsJson.LastError("HighTemperature", at("2024-06-30T23:15"))));
        assertThat(store.thirtyDays(ORG, "CP-002", NOW)).isEqualTo(new FleetAnalyticsStore.ThirtyDays(null, null,
                0, null));
        // CP-003: up and online, never charging, all along
        assertThat(store.thirtyDays(ORG, "CP-003", NOW)).isEqualTo(new FleetAnalyticsStore.ThirtyDays(100.0, 0.0,
                1, new ChargerDiagnosticsJson.LastError("OverVoltage", at("2024-06-30T23:30"))));
    }

    private static Uptime uptime(ChargerHistory history, Instant from, Instant to) {
        return Uptime.of(history.timeline(), history.maintenance(), from, to, NOW);
    }

    private static Instant at(String minute) {
        return Instant.parse(minute + ":00Z");
    }

    private static Span span(String from, String to) {
        return new Span(at(from), at(to));
    }

    private static long minutes(long count) {
        return count * 60_000;
    }
}
