package org.dynamocsms.query.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.analytics.ExampleTimeline.at;
import static org.dynamocsms.query.analytics.ExampleTimeline.span;
import static org.dynamocsms.query.analytics.ExampleTimeline.timeline;

import java.util.List;

import org.dynamocsms.query.analytics.AnalyticsDefinitions;
import org.junit.jupiter.api.Test;

/** Windows over {@link ExampleTimeline}: up until 23:15, faulted, disconnected 23:45, up again from 00:20. */
class MaintenanceWindowTest {

    @Test
    void overlappingAndTouchingWindowsMergeAndAreClipped() {
        List<MaintenanceWindow> windows = List.of(
                new MaintenanceWindow(at("06-10T12:00"), at("06-10T14:00")),
                new MaintenanceWindow(at("06-10T08:00"), at("06-10T10:00")),
                new MaintenanceWindow(at("06-10T09:00"), at("06-10T11:00")),
                new MaintenanceWindow(at("06-10T11:00"), at("06-10T11:30")),
                new MaintenanceWindow(at("06-10T09:30"), at("06-10T09:45")));

        // 08-10, 09-11, 11-11:30 and 09:30-09:45 make 08:00-11:30; clipped to [09:00, 13:00)
        assertThat(MaintenanceWindow.within(windows, timeline(), span("06-10T09:00", "06-10T13:00")))
                .containsExactly(span("06-10T09:00", "06-10T11:30"), span("06-10T12:00", "06-10T13:00"));
    }

    @Test
    void aCompletedWindowEndsAtItsCompletion() {
        // the charger was up again at 00:20; the work was recorded as done later
        assertThat(new MaintenanceWindow(at("06-30T23:00"), at("07-01T01:00")).span(timeline()))
                .isEqualTo(span("06-30T23:00", "07-01T01:00"));
        assertThat(new MaintenanceWindow(at("06-30T23:00"), at("07-01T01:00")).openEnds()).isNull();
    }

    @Test
    void anOpenWindowEndsWhenTheChargerIsUpAgain() {
        // scheduled while up (22:40) or while faulted (23:30): up again at 00:20 after the fault and disconnect
        assertThat(new MaintenanceWindow(at("06-30T22:40"), null).span(timeline()))
                .isEqualTo(span("06-30T22:40", "07-01T00:20"));
        assertThat(new MaintenanceWindow(at("06-30T23:30"), null).span(timeline()))
                .isEqualTo(span("06-30T23:30", "07-01T00:20"));
        // scheduled before the history began (not up then): the charger's first up
        assertThat(new MaintenanceWindow(at("06-30T21:00"), null).span(timeline()))
                .isEqualTo(span("06-30T21:00", "06-30T22:00"));
    }

    @Test
    void anOpenWindowTheChargerIsNotUpAgainAfterEndsSevenDaysOn() {
        // up from 00:20 on, never down since: 7 days after 00:30
        MaintenanceWindow open = new MaintenanceWindow(at("07-01T00:30"), null);

        assertThat(open.span(timeline())).isEqualTo(span("07-01T00:30", "07-08T00:30"));
        assertThat(open.openEnds()).isEqualTo(span("07-01T00:30", "07-08T00:30"));
        assertThat(AnalyticsDefinitions.MAINTENANCE).as("the documented longest")
                .contains("at most " + MaintenanceWindow.LONGEST_OPEN.toDays() + " days");
        // clipped like any other
        assertThat(MaintenanceWindow.within(List.of(open), timeline(), span("06-30T00:00", "07-01T02:00")))
                .containsExactly(span("07-01T00:30", "07-01T02:00"));
    }

    @Test
    void anEmptyOrOutsideWindowIsLeftOut() {
        List<MaintenanceWindow> windows = List.of(
                new MaintenanceWindow(at("06-30T23:00"), at("06-30T22:00")),
                new MaintenanceWindow(at("06-01T00:00"), at("06-02T00:00")),
                new MaintenanceWindow(at("06-01T00:00"), null));

        assertThat(MaintenanceWindow.within(windows, timeline(), span("06-30T00:00", "07-01T02:00"))).isEmpty();
    }
}
