package org.dynamocsms.query.history;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /api/v1/cpo/chargers/{charge_point_id}/maintenance}, as the contract shows it. */
@JsonPropertyOrder({"charge_point_id", "events"})
@Schema(name = "ChargerMaintenanceList", description = "The maintenance events recorded for a charger.")
public record ChargerMaintenanceJson(
        @JsonProperty("charge_point_id")
        @Schema(description = "The OCPP identity of the charger.", examples = "CP-001")
        String chargePointId,
        @Schema(description = "The events whose window reaches into the period, by scheduled_at (then event_id).")
        List<Event> events) {

    /** A maintenance event; its window, scheduled_at to completed_at, is left out of uptime. */
    @JsonPropertyOrder({"event_id", "type", "description", "scheduled_at", "completed_at", "technician", "notes"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ChargerMaintenanceEvent", description = "A planned or completed maintenance event. Its window "
            + "is [scheduled_at, completed_at), open until completed.")
    public record Event(
            @JsonProperty("event_id")
            @Schema(description = "The maintenance event's id.", examples = "mnt_7YBKQ")
            String eventId,
            @Schema(description = "scheduled, reactive or inspection.", examples = "scheduled",
                    enumeration = {"scheduled", "reactive", "inspection"})
            String type,
            @Schema(description = "The work to be carried out or completed.",
                    examples = "Quarterly inspection and connector cleaning")
            String description,
            @JsonProperty("scheduled_at")
            @Schema(description = "When the maintenance is planned for: its window starts here.",
                    examples = "2024-06-20T09:00:00Z")
            Instant scheduledAt,
            @JsonProperty("completed_at")
            @Schema(description = "When it was completed: its window ends here. Null while not done (the window "
                    + "lasts until now).", nullable = true, examples = "2024-06-20T11:30:00Z")
            Instant completedAt,
            @Schema(description = "Name or identifier of the assigned technician; null if none.", nullable = true,
                    examples = "J. Smith")
            String technician,
            @Schema(description = "Additional notes or findings; null if none.", nullable = true)
            String notes) {
    }
}
