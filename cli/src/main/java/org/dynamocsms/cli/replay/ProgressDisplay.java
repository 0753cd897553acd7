package org.dynamocsms.cli.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Shows replays as they move. On a terminal the block is redrawn in place (cursor up, each line cleared); in a log
 * (output not a terminal) it is printed again every {@link #PLAIN_EVERY} and whenever a status changes, so the last
 * state is always printed.
 */
public final class ProgressDisplay {

    static final Duration PLAIN_EVERY = Duration.ofSeconds(5);
    private static final String ESC = "\033[";

    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private int drawnLines;
    private Long printedAt;
    private List<String> printedStatuses;

    public ProgressDisplay(PrintWriter out, boolean terminal, LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    public void show(List<Replay> replays) {
        List<String> lines = ReplayView.lines(replays);
        if (terminal) {
            redraw(lines);
        } else {
            List<String> statuses = replays.stream().map(replay -> replay.replayId() + " " + replay.status()).toList();
            long now = nanoTime.getAsLong();
            if (printedAt == null || !statuses.equals(printedStatuses)
                    || now - printedAt >= PLAIN_EVERY.toNanos()) {
                lines.forEach(out::println);
                printedAt = now;
                printedStatuses = statuses;
            }
        }
        out.flush();
    }

    private void redraw(List<String> lines) {
        if (drawnLines > 0) {
            out.print(ESC + drawnLines + "A\r");
        }
        for (String line : lines) {
            out.print(ESC + "2K" + line + "\n");
        }
        out.print(ESC + "J"); // what a longer block before left below
        drawnLines = lines.size();
    }
}
