package org.dynamocsms.query.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.analytics.ExampleTimeline.NOW;
import static org.dynamocsms.query.analytics.ExampleTimeline.at;
import static org.dynamocsms.query.analytics.ExampleTimeline.span;
import static org.dynamocsms.query.analytics.ExampleTimeline.timeline;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Uptime of {@link ExampleTimeline}, worked out by hand. */
class UptimeTest {

    /**
     * [23:00, 23:50) and [23:30, 00:00) merge into [23:00, 00:00); [01:40, -) is open, the charger never down
     * again: 7 days, so until now, 02:00.
     */
    private static final List<MaintenanceWindow> MAINTENANCE = List.of(
            new MaintenanceWindow(at("06-30T23:30"), at("07-01T00:00")),
            new MaintenanceWindow(at("06-30T23:00"), at("06-30T23:50")),
            new MaintenanceWindow(at("07-01T01:40"), null));

    @Test
    void aChargerFirstSeenInsideTheRangeCountsFromFirstAtToNow() {
        // counted [22:00, 02:00) = 240 min; up = cum_up(02:00) = 125 + 50 = 175; 175 / 240 = 72.916.. -> 72.9
        Uptime uptime = Uptime.of(timeline(), List.of(), at("06-30T00:00"), at("07-01T03:00"), NOW);

        assertThat(uptime).isEqualTo(new Uptime(72.9, 240 - 175, 0));
    }

    @Test
    void onlyTheOutageInsideMaintenanceIsExcused() {
        // counted [22:00, 02:00) = 240, up 175; maintenance [23:00, 00:00) holds 15 up (I2) and 45 out (I3 faulted,
        // I4 disconnected): 45 excused; [01:40, 02:00) is all up (I6): nothing excused, and the 20 stay up
        // down = 240 - 175 - 45 = 20 (the disconnect 00:00-00:20); (240 - 20) / 240 = 91.666.. -> 91.7
        Uptime uptime = Uptime.of(timeline(), MAINTENANCE, at("06-30T00:00"), at("07-01T03:00"), NOW);

        assertThat(uptime).isEqualTo(new Uptime(91.7, 20, 45));
    }

    @Test
    void anOpenWindowExcusesTheOutageUntilTheChargerIsUpAgain() {
        // [23:00, -) ends at 00:20, up again: 80 min, 15 of them up, 65 excused; down 240 - 175 - 65 = 0
        Uptime uptime = Uptime.of(timeline(), List.of(new MaintenanceWindow(at("06-30T23:00"), null)),
                at("06-30T00:00"), at("07-01T03:00"), NOW);

        assertThat(uptime).isEqualTo(new Uptime(100.0, 0, 65));
    }

    @Test
    void aRangeInsideTheHistory() {
        // counted [23:00, 01:00) = 120; up = cum(01:00) 115 - cum(23:00) 60 = 55 (23:00-23:15, 00:20-01:00);
        // 55 / 120 = 45.833.. -> 45.8; down 65
        Uptime uptime = Uptime.of(timeline(), List.of(), at("06-30T23:00"), at("07-01T01:00"), NOW);

        assertThat(uptime).isEqualTo(new Uptime(45.8, 65, 0));
        // maintenance [23:00, 00:00) inside, 45 of it out: down 120 - 55 - 45 = 20; 100 / 120 = 83.333.. -> 83.3
        assertThat(Uptime.of(timeline(), MAINTENANCE, at("06-30T23:00"), at("07-01T01:00"), NOW))
                .isEqualTo(new Uptime(83.3, 20, 45));
    }

    @Test
    void aRangeWhollyBeforeFirstAtOrAfterNowCountsNothing() {
        assertThat(Uptime.of(timeline(), MAINTENANCE, at("06-30T00:00"), at("06-30T22:00"), NOW))
                .isEqualTo(Uptime.NOTHING_COUNTED);
        assertThat(Uptime.of(timeline(), List.of(), at("07-01T02:00"), at("07-01T03:00"), NOW))
                .isEqualTo(new Uptime(null, 0, 0));
        assertThat(Uptime.of(CumulativeTimeline.of(List.of(), NOW), List.of(), at("06-30T00:00"),
                at("07-01T00:00"), NOW)).as("no history").isEqualTo(Uptime.NOTHING_COUNTED);
    }

    @Test
    void aRangeWhollyInMaintenanceHasNoDowntime() {
        // [23:10, 23:40) lies inside [23:00, 00:00): 5 min up, 25 excused
        assertThat(Uptime.of(timeline(), MAINTENANCE, at("06-30T23:10"), at("06-30T23:40"), NOW))
                .isEqualTo(new Uptime(100.0, 0, 25));
    }

    @Test
    void theMaintenanceToFetchIsClippedToTheCountedSpan() {
        // counted [22:00, 02:00): both merged windows whole
        assertThat(Uptime.maintenance(timeline(), MAINTENANCE, at("06-30T00:00"), at("07-01T03:00"),
                NOW)).containsExactly(span("06-30T23:00", "07-01T00:00"), span("07-01T01:40", "07-01T02:00"));
        // counted [23:30, 01:45)
        assertThat(Uptime.maintenance(timeline(), MAINTENANCE, at("06-30T23:30"), at("07-01T01:45"),
                NOW)).containsExactly(span("06-30T23:30", "07-01T00:00"), span("07-01T01:40", "07-01T01:45"));
        assertThat(Uptime.maintenance(CumulativeTimeline.of(List.of(), NOW), MAINTENANCE, at("06-30T00:00"),
                at("07-01T03:00"), NOW)).isEmpty();
    }
}
