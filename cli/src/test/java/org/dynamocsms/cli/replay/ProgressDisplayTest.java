package org.dynamocsms.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    private final StringWriter text = new StringWriter();
    private final AtomicLong now = new AtomicLong();

    private ProgressDisplay display(boolean terminal) {
        return new ProgressDisplay(new PrintWriter(text), terminal, now::get);
    }

    private void after(Duration elapsed) {
        now.addAndGet(elapsed.toNanos());
    }

    private static Replay building(long read) {
        return new Replay("rpl_01", "sites", 2, 1, Replay.BUILDING, false, read, 100L, 10.0, 5L, List.of(), 0L,
                null, null, null, null, null);
    }

    private static Replay completed() {
        return new Replay("rpl_01", "sites", 2, 2, Replay.COMPLETED, false, 100L, 100L, 10.0, null, List.of(), 0L,
                null, null, null, null, null);
    }

    @Test
    void inALogPrintsEveryFiveSecondsAndOnEveryStatusChange() {
        ProgressDisplay display = display(false);
        display.show(List.of(building(10)));
        after(Duration.ofSeconds(1));
        display.show(List.of(building(20)));
        after(Duration.ofMillis(3_999));
        display.show(List.of(building(50)));
        after(Duration.ofMillis(1));
        display.show(List.of(building(60)));
        after(Duration.ofSeconds(1));
        display.show(List.of(completed()));

        assertThat(text.toString()).doesNotContain("\033")
                .contains("[#.........] 10.0%").doesNotContain("20.0%").doesNotContain("50.0%")
                .contains("[######....] 60.0%").contains("sites  generation 2 (live 2)  completed");
        assertThat(text.toString().lines()).hasSize(6);
    }

    @Test
    void onATerminalRedrawsTheBlockInPlace() {
        ProgressDisplay display = display(true);
        display.show(List.of(building(10)));
        display.show(List.of(building(20)));

        String first = "\033[2Ksites  generation 2 (live 1)  building  refused 0\n"
                + "\033[2K[#.........] 10.0%  10 / 100 events  10 events/s  ETA 5s\n\033[J";
        String second = "\033[2A\r\033[2Ksites  generation 2 (live 1)  building  refused 0\n"
                + "\033[2K[##........] 20.0%  20 / 100 events  10 events/s  ETA 5s\n\033[J";
        assertThat(text.toString()).isEqualTo(first + second);
    }
}
