package org.dynamocsms.query.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentTest {

    @Test
    void percentagesRoundHalfUpToOneDecimal() {
        assertThat(Percent.of(1, 8)).isEqualTo(12.5);
        // 6.25 -> 6.3 (half up, not half even)
        assertThat(Percent.of(1, 16)).isEqualTo(6.3);
        // 66.666.. -> 66.7, 33.333.. -> 33.3
        assertThat(Percent.of(2, 3)).isEqualTo(66.7);
        assertThat(Percent.of(1, 3)).isEqualTo(33.3);
        // 1999 / 2000 = 99.95 -> 100.0
        assertThat(Percent.of(1999, 2000)).isEqualTo(100.0);
        assertThat(Percent.of(0, 5)).isEqualTo(0.0);
        assertThat(Percent.of(0, 0)).isNull();
    }

    @Test
    void minutesRoundHalfUp() {
        assertThat(Percent.minutes(29_999)).isZero();
        assertThat(Percent.minutes(30_000)).isEqualTo(1);
        assertThat(Percent.minutes(89_999)).isEqualTo(1);
        assertThat(Percent.minutes(90_000)).isEqualTo(2);
        // 30 days: 43,200 minutes
        assertThat(Percent.minutes(30L * 24 * 3_600_000)).isEqualTo(43_200);
    }
}
