package org.dynamocsms.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReplayTrackingTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theRateIsOverTheLastTenSecondsOnceASecondHasPassed() {
        ReplayTracking tracking = new ReplayTracking(null);

        assertThat(tracking.rate(0, 0)).as("one sample").isNull();
        assertThat(tracking.rate(SECOND / 2, 500)).as("half a second").isNull();
        assertThat(tracking.rate(2 * SECOND, 2_000)).isCloseTo(1_000, within(0.001));
        for (long s = 3; s <= 20; s++) {
            tracking.rate(s * SECOND, s < 12 ? s * 1_000 : 12_000);
        }
        // over [11 s, 21 s]: 1,000 read in the first second, nothing since
        assertThat(tracking.rate(21 * SECOND, 12_000)).isCloseTo(100, within(0.001));
        assertThat(tracking.rate(30 * SECOND, 12_000)).isZero();
    }
}
