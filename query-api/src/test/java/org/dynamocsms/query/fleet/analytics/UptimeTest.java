package org.dynamocsms.query.fleet.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.fleet.analytics.ExampleTimeline.NOW;
import static org.dynamocsms.query.fleet.analytics.ExampleTimeline.at;
import static org.dynamocsms.query.fleet.analytics.ExampleTimeline.span;
import static org.dynamocsms.query.fleet.analytics.ExampleTimeline.timeline;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Uptime of {@link ExampleTimeline}, worked out by hand. */
class UptimeTest {

    /** [23:00, 23:50) and [23:30, 00:00) merge into [23:00, 00:00); [01:40, -) is open: until now, 02:00. */
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
    void maintenanceIsLeftOutOfBothSidesAndReported() {
        // maintenance: [23:00, 00:00) 60 + [01:40, 02:00) 20 = 80 min; counted 240 - 80 = 160
        // up inside: [23:00, 23:15) of I2 = 15 (I3 faulted, I4 disconnected) + [01:40, 02:00) of I6 = 20
        // up = 175 - 15 - 20 = 140; 140 / 160 = 87.5; down = 160 - 140 = 20 (the disconnect 00:00-00:20)
        Uptime uptime = Uptime.of(timeline(), MAINTENANCE, at("06-30T00:00"), at("07-01T03:00"), NOW);

        assertThat(uptime).isEqualTo(new Uptime(87.5, 20, 80));
    }

    @Test
    void aRangeInsideTheHistory() {
        // counted [23:00, 01:00) = 120; up = cum(01:00) 115 - cum(23:00) 60 = 55 (23:00-23:15, 00:20-01:00);
        // 55 / 120 = 45.833.. -> 45.8; down 65
        Uptime uptime = Uptime.of(timeline(), List.of(), at("06-30T23:00"), at("07-01T01:00"), NOW);

        assertThat(uptime).isEqualTo(new Uptime(45.8, 65, 0));
        // maintenance [23:00, 00:00) inside: counted 120 - 60 = 60, up 55 - 15 = 40, 40 / 60 = 66.666.. -> 66.7
        assertThat(Uptime.of(timeline(), MAINTENANCE, at("06-30T23:00"), at("07-01T01:00"), NOW))
                .isEqualTo(new Uptime(66.7, 20, 60));
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
    void aRangeWhollyInMaintenanceHasNoPercentButItsMinutes() {
        // [23:10, 23:40) lies inside [23:00, 00:00): 30 min, nothing left to count
        assertThat(Uptime.of(timeline(), MAINTENANCE, at("06-30T23:10"), at("06-30T23:40"), NOW))
                .isEqualTo(new Uptime(null, 0, 30));
    }

    @Test
    void theMaintenanceToFetchIsClippedToTheCountedSpan() {
        // counted [22:00, 02:00): both merged windows whole
        assertThat(Uptime.maintenance(ExampleTimeline.FIRST_AT, MAINTENANCE, at("06-30T00:00"), at("07-01T03:00"),
                NOW)).containsExactly(span("06-30T23:00", "07-01T00:00"), span("07-01T01:40", "07-01T02:00"));
        // counted [23:30, 01:45)
        assertThat(Uptime.maintenance(ExampleTimeline.FIRST_AT, MAINTENANCE, at("06-30T23:30"), at("07-01T01:45"),
                NOW)).containsExactly(span("06-30T23:30", "07-01T00:00"), span("07-01T01:40", "07-01T01:45"));
        assertThat(Uptime.maintenance(null, MAINTENANCE, at("06-30T00:00"), at("07-01T03:00"), NOW)).isEmpty();
    }
}
