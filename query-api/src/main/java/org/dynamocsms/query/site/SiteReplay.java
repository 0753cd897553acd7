package org.dynamocsms.query.site;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One rebuild of the site read store from the site event history, and how far it got. */
public final class SiteReplay {

    static final String PROJECTION = "sites";

    private final String id;
    private final Instant startedAt;
    private volatile String status = "running";
    private volatile long eventsRead;
    private volatile long eventsTotal;
    private volatile long sitesWritten;
    private volatile Instant finishedAt;
    private volatile String error;

    SiteReplay(String id, Instant startedAt) {
        this.id = id;
        this.startedAt = startedAt;
    }

    public String id() {
        return id;
    }

    long eventsTotal() {
        return eventsTotal;
    }

    void eventsTotal(long total) {
        eventsTotal = total;
    }

    void eventsRead(long read) {
        eventsRead = read;
    }

    void completed(long sites) {
        sitesWritten = sites;
        // the offset span counted Kafka transaction markers too; now the true count is known
        eventsTotal = eventsRead;
        finish("completed", null);
    }

    void failed(String reason) {
        finish("failed", reason);
    }

    private void finish(String outcome, String reason) {
        error = reason;
        finishedAt = Instant.now();
        status = outcome;
    }

    public Json json() {
        return new Json(id, PROJECTION, status, eventsRead, eventsTotal, sitesWritten, startedAt, finishedAt, error);
    }

    @JsonPropertyOrder({"replay_id", "projection", "status", "events_read", "events_total", "sites_written",
            "started_at", "finished_at", "error"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Replay", description = "A rebuild of a read store from the event history, and its progress.")
    public record Json(
            @JsonProperty("replay_id") @Schema(examples = "rpl_01JC7P0ZQ4W8KX2V9T3M5N6B7A")
            String replayId,
            @Schema(description = "The read store being rebuilt.", examples = "sites")
            String projection,
            @Schema(description = "running, completed or failed.", enumeration = {"running", "completed", "failed"})
            String status,
            @JsonProperty("events_read") @Schema(description = "Events folded so far.")
            long eventsRead,
            @JsonProperty("events_total")
            @Schema(description = "Events to read: while running an upper bound from the topic's offsets (Kafka "
                    + "transaction markers take offsets too), exact once completed.")
            long eventsTotal,
            @JsonProperty("sites_written") @Schema(description = "Sites written to the rebuilt store, deleted ones "
                    + "included; set when completed.")
            long sitesWritten,
            @JsonProperty("started_at")
            Instant startedAt,
            @JsonProperty("finished_at")
            Instant finishedAt,
            @Schema(description = "Why the replay failed; the old rows are then left untouched.")
            String error) {
    }
}
