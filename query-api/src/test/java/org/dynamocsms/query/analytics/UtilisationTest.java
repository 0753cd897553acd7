package org.dynamocsms.query.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.analytics.ExampleTimeline.at;
import static org.dynamocsms.query.analytics.ExampleTimeline.span;
import static org.dynamocsms.query.analytics.ExampleTimeline.timeline;

import org.dynamocsms.query.analytics.Utilisation.Bucket;
import org.junit.jupiter.api.Test;

/** Utilisation of {@link ExampleTimeline} (now 07-01 02:00), worked out by hand. */
class UtilisationTest {

    @Test
    void hourBucketsAcrossMidnight() {
        assertThat(Utilisation.buckets(timeline(), Granularity.HOUR.buckets(at("06-30T21:30"), at("07-01T02:30"))))
                .containsExactly(
                        // before first_at: never online
                        new Bucket(span("06-30T21:30", "06-30T22:00"), null),
                        // online I1 30 + I2 30 = 60, charging I2 22:30-23:00 = 30: 50.0
                        new Bucket(span("06-30T22:00", "06-30T23:00"), 50.0),
                        // online I2 15 + I3 30 = 45 (I4 disconnected), charging 15: 33.333.. -> 33.3
                        new Bucket(span("06-30T23:00", "07-01T00:00"), 33.3),
                        // online I5 00:20-01:00 = 40, all charging: 100.0
                        new Bucket(span("07-01T00:00", "07-01T01:00"), 100.0),
                        // online 60, charging I5 01:00-01:10 = 10: 16.666.. -> 16.7
                        new Bucket(span("07-01T01:00", "07-01T02:00"), 16.7),
                        // after now
                        new Bucket(span("07-01T02:00", "07-01T02:30"), null));
    }

    @Test
    void dayWeekAndMonthBucketsSplitAtMondayTheFirstOfJuly() {
        // 06-30 21:30 - 07-01 00:00: online 105 (cum at midnight), charging 45: 42.857.. -> 42.9
        // 07-01 00:00 - 02:30: online I5 50 + I6 50 = 100, charging I5 50: 50.0
        for (Granularity granularity : new Granularity[] {Granularity.DAY, Granularity.WEEK, Granularity.MONTH}) {
            assertThat(Utilisation.buckets(timeline(), granularity.buckets(at("06-30T21:30"), at("07-01T02:30"))))
                    .as(granularity.value())
                    .containsExactly(new Bucket(span("06-30T21:30", "07-01T00:00"), 42.9),
                            new Bucket(span("07-01T00:00", "07-01T02:30"), 50.0));
        }
    }

    @Test
    void maintenanceDoesNotChangeUtilisation() {
        // online 155 + 50 = 205, charging 95: 46.341.. -> 46.3
        assertThat(Utilisation.percent(timeline(), span("06-01T00:00", "07-02T00:00"))).isEqualTo(46.3);
    }
}
