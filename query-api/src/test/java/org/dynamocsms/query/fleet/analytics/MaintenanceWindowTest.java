package org.dynamocsms.query.fleet.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.fleet.analytics.ExampleTimeline.at;
import static org.dynamocsms.query.fleet.analytics.ExampleTimeline.span;

import java.util.List;

import org.junit.jupiter.api.Test;

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
        assertThat(MaintenanceWindow.within(windows, at("06-20T00:00"), span("06-10T09:00", "06-10T13:00")))
                .containsExactly(span("06-10T09:00", "06-10T11:30"), span("06-10T12:00", "06-10T13:00"));
    }

    @Test
    void anOpenWindowLastsUntilNowAndAnEmptyOrOutsideOneIsLeftOut() {
        List<MaintenanceWindow> windows = List.of(
                new MaintenanceWindow(at("06-10T08:00"), null),
                new MaintenanceWindow(at("06-10T07:00"), at("06-10T06:00")),
                new MaintenanceWindow(at("06-01T00:00"), at("06-02T00:00")));

        assertThat(MaintenanceWindow.within(windows, at("06-10T09:15"), span("06-05T00:00", "06-30T00:00")))
                .containsExactly(span("06-10T08:00", "06-10T09:15"));
    }
}
