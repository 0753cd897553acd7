package org.dynamocsms.query.replay;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rebuild of one projection from the event history, as the operator sees it. */
@JsonPropertyOrder({"replay_id", "projection", "generation", "live_generation", "status", "compare", "events_read",
        "events_total", "events_per_second", "eta_seconds", "stages", "refused", "comparison", "started_at",
        "caught_up_at", "finished_at", "error"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Replay", description = "A rebuild of a projection from the event history (a new generation of its "
        + "Kafka Streams application, output topics and read tables beside the live one), and its progress.")
public record Replay(
        @JsonProperty("replay_id") @Schema(examples = "rpl_01JC7P0ZQ4W8KX2V9T3M5N6B7A")
        String replayId,
        @Schema(description = "The projection rebuilt.", examples = "sites",
                enumeration = {"sites", "chargers", "maintenance", "live-states", "charger-history",
                        "charger-calls"})
        String projection,
        @Schema(description = "The generation being built.", examples = "2")
        int generation,
        @JsonProperty("live_generation") @Schema(description = "The generation readers read now.", examples = "1")
        int liveGeneration,
        @Schema(enumeration = {Replay.BUILDING, Replay.CAUGHT_UP, Replay.COMPLETED, Replay.CANCELLED, Replay.FAILED})
        String status,
        @Schema(description = "Whether it waits, once caught up, with a comparison for an operator's switch.")
        boolean compare,
        @JsonProperty("events_read") @Schema(description = "Source records the rebuilt Streams application has "
                + "committed (records, not offsets).")
        Long eventsRead,
        @JsonProperty("events_total") @Schema(description = "Records in the source topics up to their current end "
                + "(read_committed: transaction markers and aborted records are not counted).")
        Long eventsTotal,
        @JsonProperty("events_per_second") @Schema(description = "Over the last ~10 s.")
        Double eventsPerSecond,
        @JsonProperty("eta_seconds") @Schema(description = "Null unless building and moving.")
        Long etaSeconds,
        @Schema(description = "The Streams application, then one ingestion per output topic of the generation.")
        List<Stage> stages,
        @Schema(description = "Records of the rebuilt generation the read store refused (each fails a compare).")
        long refused,
        @Schema(description = "Set once caught up if a comparison was asked or a record was refused.")
        ReplayComparison.Result comparison,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("caught_up_at") Instant caughtUpAt,
        @JsonProperty("finished_at") Instant finishedAt,
        @Schema(description = "Why it failed.")
        String error) {

    public static final String BUILDING = "building";
    public static final String CAUGHT_UP = "caught_up";
    public static final String COMPLETED = "completed";
    public static final String CANCELLED = "cancelled";
    public static final String FAILED = "failed";

    /** Whether it still holds its projection's building generation. */
    public boolean active() {
        return BUILDING.equals(status) || CAUGHT_UP.equals(status);
    }

    /** One stage of a rebuild: records it has read or applied of those there are. */
    @JsonPropertyOrder({"stage", "records_read", "records_total", "lag"})
    @Schema(name = "ReplayStage")
    public record Stage(
            @Schema(description = "The Streams application id, or the read-store consumer group of an output topic.",
                    examples = "csms-site-projection-g2")
            String stage,
            @JsonProperty("records_read") long recordsRead,
            @JsonProperty("records_total") long recordsTotal,
            long lag) {

        public static Stage of(String stage, long read, long total) {
            return new Stage(stage, read, total, Math.max(0, total - read));
        }
    }
}
