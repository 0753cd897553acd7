package org.dynamocsms.command.maintenance;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a maintenance write, exactly as the fleet dashboard API shows it. */
@JsonPropertyOrder({"event_id", "charge_point_id", "type", "description", "scheduled_at", "completed_at",
        "technician", "notes", "created_at"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "ChargerMaintenanceEvent", description = "A maintenance event of a charger. Downtime inside its "
        + "window, `scheduled_at` to `completed_at`, is excused in the charger's uptime; while `completed_at` is "
        + "null the window lasts until the charger is up again, at most 7 days.")
public record MaintenanceJson(
        @JsonProperty("event_id")
        @Schema(description = "Unique identifier of the maintenance event.",
                examples = "mnt_01J1B2C3D4E5F6G7H8J9K0MNPQ")
        String eventId,
        @JsonProperty("charge_point_id")
        @Schema(description = "The OCPP identity of the charger.", examples = "CP-001")
        String chargePointId,
        @Schema(description = "Maintenance type: scheduled, reactive or inspection.", examples = "scheduled")
        String type,
        @Schema(description = "Description of the work to be carried out or completed.",
                examples = "Quarterly inspection and connector cleaning")
        String description,
        @JsonProperty("scheduled_at")
        @Schema(description = "When the maintenance is planned for: the start of its window.",
                examples = "2024-07-20T09:00:00Z")
        Instant scheduledAt,
        @JsonProperty("completed_at")
        @Schema(description = "When the maintenance was completed: the end of its window; null while not yet done.",
                examples = "2024-07-20T11:30:00Z")
        Instant completedAt,
        @Schema(description = "Name or identifier of the assigned technician.", examples = "J. Smith")
        String technician,
        @Schema(description = "Additional notes or findings.", examples = "Replaced the seal of connector 2.")
        String notes,
        @JsonProperty("created_at")
        @Schema(description = "When the maintenance event was recorded.", examples = "2024-06-15T16:30:00Z")
        Instant createdAt) {

    public static MaintenanceJson of(MaintenanceView maintenance) {
        return new MaintenanceJson(maintenance.getMaintenanceId(), maintenance.getChargePointId(),
                maintenance.getType().name(), maintenance.getDescription(), maintenance.getScheduledAt(),
                maintenance.getCompletedAt(), maintenance.getTechnician(), maintenance.getNotes(),
                maintenance.getCreatedAt());
    }
}
