package org.dynamocsms.cli.replay;

import java.util.List;

/**
 * A replay as {@code /admin/replays} answers it (snake_case on the wire). Every figure the server may not know yet
 * is a boxed type: {@code events_total} is null while the source records are being counted, {@code eta_seconds}
 * unless the replay is building and moving.
 */
public record Replay(String replayId, String projection, Integer generation, Integer liveGeneration, String status,
                     boolean compare, Long eventsRead, Long eventsTotal, Double eventsPerSecond, Long etaSeconds,
                     List<Stage> stages, Long refused, Comparison comparison, String startedAt, String caughtUpAt,
                     String finishedAt, String error) {

    public static final String BUILDING = "building";
    public static final String CAUGHT_UP = "caught_up";
    public static final String COMPLETED = "completed";
    public static final String CANCELLED = "cancelled";
    public static final String FAILED = "failed";

    public Replay {
        stages = stages == null ? List.of() : stages;
    }

    /** Completed, failed or cancelled: nothing more will happen to it. */
    public boolean finished() {
        return COMPLETED.equals(status) || FAILED.equals(status) || CANCELLED.equals(status);
    }

    /** Caught up and waiting for the operator to switch or cancel it. */
    public boolean caughtUp() {
        return CAUGHT_UP.equals(status);
    }

    /** Nothing to wait for: finished, or waiting for the operator. */
    public boolean settled() {
        return finished() || caughtUp();
    }

    /** Failed, cancelled, or caught up with records the read store refused (they fail a compare). */
    public boolean unsuccessful() {
        return FAILED.equals(status) || CANCELLED.equals(status) || (caughtUp() && refused != null && refused > 0);
    }

    /** One stage: the Streams app (source records) or one read table's ingestion (records on the gen topic). */
    public record Stage(String stage, Long recordsRead, Long recordsTotal, Long lag) {
    }

    /** The rebuilt generation against the live one, table by table. */
    public record Comparison(boolean equal, List<TableComparison> tables) {

        public Comparison {
            tables = tables == null ? List.of() : tables;
        }
    }

    public record TableComparison(String table, Long liveRows, Long rebuiltRows, Long onlyLive, Long onlyRebuilt,
                                  Long different, List<String> examples) {

        public TableComparison {
            examples = examples == null ? List.of() : examples;
        }

        boolean equal() {
            return zero(onlyLive) && zero(onlyRebuilt) && zero(different);
        }

        private static boolean zero(Long count) {
            return count == null || count == 0;
        }
    }
}
