package org.dynamocsms.query.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class LiveFiguresTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private final LiveFigures<String> figures = new LiveFigures<>();

    @Test
    void theFirstFiguresAreSentAtOnce() {
        assertThat(figures.send("a", T0)).isTrue();
    }

    @Test
    void unchangedFiguresWaitForTheKeepAlive() {
        figures.send("a", T0);

        assertThat(figures.send("a", T0.plusSeconds(1))).isFalse();
        assertThat(figures.send("a", T0.plus(LiveFigures.KEEP_ALIVE).minusMillis(1))).isFalse();
        assertThat(figures.send("a", T0.plus(LiveFigures.KEEP_ALIVE))).isTrue();
        assertThat(figures.send("a", T0.plus(LiveFigures.KEEP_ALIVE).plusSeconds(1))).isFalse();
    }

    @Test
    void changedFiguresAreSentAtOnceAndCountFromThen() {
        figures.send("a", T0);

        assertThat(figures.send("b", T0.plusSeconds(1))).isTrue();
        assertThat(figures.send("b", T0.plusSeconds(2))).isFalse();
        assertThat(figures.send("a", T0.plusSeconds(3))).isTrue();
        assertThat(figures.send("a", T0.plusSeconds(3).plus(LiveFigures.KEEP_ALIVE).minusMillis(1))).isFalse();
    }
}
