package org.dynamocsms.query.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.analytics.ExampleTimeline.I2;
import static org.dynamocsms.query.analytics.ExampleTimeline.I6;
import static org.dynamocsms.query.analytics.ExampleTimeline.NOW;
import static org.dynamocsms.query.analytics.ExampleTimeline.at;
import static org.dynamocsms.query.analytics.ExampleTimeline.minutes;
import static org.dynamocsms.query.analytics.ExampleTimeline.span;
import static org.dynamocsms.query.analytics.ExampleTimeline.timeline;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Totals read off {@link ExampleTimeline}, worked out by hand. */
class CumulativeTimelineTest {

    @Test
    void totalsOverASpanAreTheDifferenceOfTheCumulativeTotalsAtItsEnds() {
        CumulativeTimeline timeline = timeline();

        // up: cum(01:00) = 75 + (01:00 - 00:20) 40 = 115; cum(23:00) = 30 + (23:00 - 22:30) 30 = 60
        assertThat(timeline.upMillis(span("06-30T23:00", "07-01T01:00"))).isEqualTo(minutes(115 - 60));
        // online: cum(01:00) = 105 + 40 = 145; cum(23:00) = 60
        assertThat(timeline.onlineMillis(span("06-30T23:00", "07-01T01:00"))).isEqualTo(minutes(145 - 60));
        // charging: cum(01:00) = 45 + 40 = 85; cum(23:00) = 0 + 30 = 30
        assertThat(timeline.chargingMillis(span("06-30T23:00", "07-01T01:00"))).isEqualTo(minutes(85 - 30));
    }

    @Test
    void timeBeforeFirstAtAndAfterNowCountsNothing() {
        CumulativeTimeline timeline = timeline();

        assertThat(timeline.firstAt()).isEqualTo(ExampleTimeline.FIRST_AT);
        assertThat(timeline.upMillis(span("06-30T20:00", "06-30T22:00"))).isZero();
        // the open interval I6 counts up to now only: 01:10 -> 02:00 = 50
        assertThat(timeline.upMillis(span("07-01T01:10", "07-01T05:00"))).isEqualTo(minutes(50));
        // whole history: up 125 + 50 = 175, online 155 + 50 = 205, charging 95
        assertThat(timeline.upMillis(span("06-01T00:00", "08-01T00:00"))).isEqualTo(minutes(175));
        assertThat(timeline.onlineMillis(span("06-01T00:00", "08-01T00:00"))).isEqualTo(minutes(205));
        assertThat(timeline.chargingMillis(span("06-01T00:00", "08-01T00:00"))).isEqualTo(minutes(95));
        assertThat(timeline.upMillis(span("07-01T03:00", "07-01T04:00"))).as("after now").isZero();
    }

    @Test
    void theIntervalsHoldingBothEndsAreEnough() {
        CumulativeTimeline ends = CumulativeTimeline.of(List.of(I2, I6), NOW);

        // cum(02:00) = 125 + 50 = 175 from I6, cum(23:00) = 60 from I2
        assertThat(ends.upMillis(span("06-30T23:00", "07-01T02:00"))).isEqualTo(minutes(175 - 60));
    }

    @Test
    void theChargerIsUpAgainAtTheFirstUpIntervalAfterItWasNotUp() {
        CumulativeTimeline timeline = timeline();

        // up at 22:00 and 22:30 (charging is still up), faulted 23:15, disconnected 23:45, up again 00:20
        assertThat(timeline.upAgain(at("06-30T22:00"), at("07-08T00:00"))).isEqualTo(at("07-01T00:20"));
        assertThat(timeline.upAgain(at("06-30T23:30"), at("07-08T00:00"))).isEqualTo(at("07-01T00:20"));
        // not before: the end is left out
        assertThat(timeline.upAgain(at("06-30T23:30"), at("07-01T00:20"))).isNull();
        // up from 00:20 on, and up again at 01:10 is no return
        assertThat(timeline.upAgain(at("07-01T00:20"), at("07-08T00:00"))).isNull();
        // before its history the charger was not up
        assertThat(timeline.upAgain(at("06-30T21:00"), at("07-08T00:00"))).isEqualTo(at("06-30T22:00"));
        assertThat(CumulativeTimeline.of(List.of(), NOW).upAgain(at("06-30T21:00"), at("07-08T00:00"))).isNull();
    }

    @Test
    void withoutIntervalsNothingIsCounted() {
        CumulativeTimeline empty = CumulativeTimeline.of(List.of(), NOW);

        assertThat(empty.firstAt()).isNull();
        assertThat(empty.onlineMillis(span("06-30T00:00", "07-01T00:00"))).isZero();
    }

    @Test
    void anEmptySpanCountsNothing() {
        assertThat(timeline().upMillis(span("07-01T01:00", "07-01T00:30"))).isZero();
    }
}
