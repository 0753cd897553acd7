package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void nearestRankOverOneToHundred() {
        long[] sorted = LongStream.rangeClosed(1, 100).toArray();
        assertThat(Latencies.percentile(sorted, 50)).isEqualTo(50);
        assertThat(Latencies.percentile(sorted, 99)).isEqualTo(99);
        assertThat(Latencies.percentile(sorted, 99.5)).isEqualTo(100);
        assertThat(Latencies.percentile(sorted, 100)).isEqualTo(100);
        assertThat(Latencies.percentile(sorted, 0.1)).isEqualTo(1);
    }

    @Test
    void fewSamplesRoundUpToASample() {
        assertThat(Latencies.percentile(new long[] {7}, 99)).isEqualTo(7);
        assertThat(Latencies.percentile(new long[] {1, 2, 3}, 50)).isEqualTo(2);
        assertThat(Latencies.percentile(new long[] {1, 2, 3}, 99)).isEqualTo(3);
        assertThat(Latencies.percentile(new long[0], 50)).isNaN();
    }

    @Test
    void recordsInAnyOrderAndGrowsPastItsInitialCapacity() {
        Latencies latencies = new Latencies();
        for (long ms = 3000; ms >= 1; ms--) {
            latencies.record(ms * 1_000_000);
        }
        assertThat(latencies.count()).isEqualTo(3000);
        assertThat(latencies.percentileMillis(50)).isEqualTo(1500.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(2970.0);
        assertThat(latencies.percentileMillis(100)).isEqualTo(3000.0);
    }
}
