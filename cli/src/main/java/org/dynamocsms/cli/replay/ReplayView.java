package org.dynamocsms.cli.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The text an operator reads about a replay: a line with its projection, generations and status, the progress bar,
 * one line per stage, then what needs a decision (the comparison, refused records, the error). A figure the server
 * does not know yet (null) shows as {@code ?}.
 */
public final class ReplayView {

    static final int BAR_WIDTH = 10;
    private static final String UNKNOWN = "?";

    private ReplayView() {
    }

    /** The lines of every replay, one block after the other. */
    public static List<String> lines(List<Replay> replays) {
        List<String> lines = new ArrayList<>();
        replays.forEach(replay -> lines.addAll(lines(replay)));
        return lines;
    }

    public static List<String> lines(Replay replay) {
        List<String> lines = new ArrayList<>();
        lines.add(header(replay));
        lines.add(progress(replay));
        int width = replay.stages().stream().mapToInt(stage -> String.valueOf(stage.stage()).length()).max().orElse(0);
        for (Replay.Stage stage : replay.stages()) {
            lines.add("  " + pad(String.valueOf(stage.stage()), width) + "  " + count(stage.recordsRead()) + " / "
                    + count(stage.recordsTotal()) + "  lag " + count(stage.lag()));
        }
        if (replay.comparison() != null) {
            lines.addAll(comparison(replay.comparison()));
        }
        if (replay.error() != null) {
            lines.add("  error: " + replay.error());
        }
        return lines;
    }

    /**
     * {@code sites  generation 2 (live 1)  building  refused 0}. The lines redrawn on a terminal stay within 80
     * columns (a wrapped line would move the redraw), so the replay id is left to the listing of every replay.
     */
    static String header(Replay replay) {
        return replay.projection() + "  generation " + orUnknown(replay.generation()) + " (live "
                + orUnknown(replay.liveGeneration()) + ")  " + replay.status() + (replay.compare() ? " (compare)" : "")
                + "  refused " + count(replay.refused());
    }

    /** {@code [#####.....] 45.2%  4,521,000 / 10,000,000 events  12,300 events/s  ETA 7m 25s}; ETA while building. */
    static String progress(Replay replay) {
        Double fraction = fraction(replay);
        String line = bar(fraction) + " " + percent(fraction) + "  " + count(replay.eventsRead()) + " / "
                + count(replay.eventsTotal()) + " events  " + rate(replay.eventsPerSecond()) + " events/s";
        return Replay.BUILDING.equals(replay.status()) ? line + "  ETA " + eta(replay.etaSeconds()) : line;
    }

    /** Read over total, within [0, 1]; a completed replay is whole; null while either is unknown. */
    static Double fraction(Replay replay) {
        if (Replay.COMPLETED.equals(replay.status())) {
            return 1.0;
        }
        Long read = replay.eventsRead();
        Long total = replay.eventsTotal();
        if (read == null || total == null) {
            return null;
        }
        // the total is sampled apart from the count read, so read may pass it for a moment
        return total <= 0 ? 1.0 : Math.min(1.0, (double) read / total);
    }

    static String bar(Double fraction) {
        int filled = fraction == null ? 0 : (int) Math.round(fraction * BAR_WIDTH);
        if (fraction != null && fraction < 1.0) {
            filled = Math.min(filled, BAR_WIDTH - 1); // full only when all is read
        }
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
    }

    /** Rounded down to a tenth, so 100.0% means all. */
    static String percent(Double fraction) {
        return fraction == null ? UNKNOWN + "%"
                : String.format(Locale.ROOT, "%.1f%%", Math.floor(fraction * 1000) / 10);
    }

    static String count(Long value) {
        return value == null ? UNKNOWN : String.format(Locale.ROOT, "%,d", value);
    }

    static String rate(Double perSecond) {
        return perSecond == null ? UNKNOWN : String.format(Locale.ROOT, "%,d", Math.round(perSecond));
    }

    /** {@code 45s}, {@code 7m 25s}, {@code 2h 05m}, {@code 3d 04h}. */
    static String eta(Long seconds) {
        if (seconds == null || seconds < 0) {
            return UNKNOWN;
        }
        long s = seconds % 60;
        long m = seconds / 60 % 60;
        long h = seconds / 3600 % 24;
        long d = seconds / 86400;
        if (d > 0) {
            return String.format(Locale.ROOT, "%dd %02dh", d, h);
        }
        if (h > 0) {
            return String.format(Locale.ROOT, "%dh %02dm", h, m);
        }
        return m > 0 ? String.format(Locale.ROOT, "%dm %02ds", m, s) : s + "s";
    }

    static List<String> comparison(Replay.Comparison comparison) {
        if (comparison.equal()) {
            return List.of("  comparison: equal to the live generation");
        }
        List<String> lines = new ArrayList<>();
        lines.add("  comparison: differs from the live generation");
        for (Replay.TableComparison table : comparison.tables()) {
            if (table.equal()) {
                continue;
            }
            String line = "    " + table.table() + ": live " + count(table.liveRows()) + " rows, rebuilt "
                    + count(table.rebuiltRows()) + "; only live " + count(table.onlyLive()) + ", only rebuilt "
                    + count(table.onlyRebuilt()) + ", different " + count(table.different());
            lines.add(table.examples().isEmpty() ? line
                    : line + "; e.g. " + table.examples().stream().collect(Collectors.joining(", ")));
        }
        return lines;
    }

    private static String orUnknown(Object value) {
        return value == null ? UNKNOWN : value.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
