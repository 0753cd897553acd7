package org.dynamocsms.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReplayMetricsTest {

    @Test
    void progressIsEventsReadOfThoseToRead() {
        assertThat(ReplayMetrics.progress(replay(Replay.BUILDING, 250L, 1_000L))).isEqualTo(0.25);
        assertThat(ReplayMetrics.progress(replay(Replay.BUILDING, 0L, 0L))).as("nothing to read").isEqualTo(1);
        assertThat(ReplayMetrics.progress(replay(Replay.BUILDING, 1_200L, 1_000L))).as("the end moved").isEqualTo(1);
    }

    @Test
    void aReplayCaughtUpIsDoneAndOneNotMeasuredYetHasNoValue() {
        assertThat(ReplayMetrics.progress(replay(Replay.CAUGHT_UP, 900L, 1_000L))).isEqualTo(1);
        assertThat(ReplayMetrics.progress(replay(Replay.BUILDING, null, null))).isNaN();
    }

    private static Replay replay(String status, Long read, Long total) {
        return new Replay("rpl_1", "sites", 2, 1, status, false, read, total, null, null, List.of(), 0, null,
                Instant.parse("2026-06-01T12:00:00Z"), null, null, null);
    }
}
