package org.dynamocsms.query.history;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One error episode of the fleet errors and a charger's error history, field for field as the contract shows it. */
@JsonPropertyOrder({"event_id", "charge_point_id", "site_id", "error_code", "info", "status", "timestamp",
        "resolved_at"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "ChargerErrorEvent", description = "An error episode of one connector: from a StatusNotification "
        + "reporting an error code other than NoError (or status Faulted) until the connector's next "
        + "StatusNotification with a different error code.")
public record ChargerErrorJson(
        @JsonProperty("event_id")
        @Schema(description = "The id of the StatusNotification's event that began the episode.",
                examples = "evt_01J0A5M3N4P5Q6R7S8T9V0W1X2")
        String eventId,
        @JsonProperty("charge_point_id")
        @Schema(description = "The OCPP identity of the charger.", examples = "CP-007")
        String chargePointId,
        @JsonProperty("site_id")
        @Schema(description = "The site the charger is linked to now; null if none.",
                examples = "site_01HZ4K8XVPQR3TY5N6M")
        String siteId,
        @JsonProperty("error_code")
        @Schema(description = "The OCPP 1.6 ChargePointErrorCode reported (NoError for a connector Faulted without "
                + "a code).", examples = "GroundFailure")
        String errorCode,
        @Schema(description = "The free-text info the charger sent with it; null if none.",
                examples = "Ground fault detected on connector 1")
        String info,
        @Schema(description = "The OCPP 1.6 status the connector reported with it.", examples = "Faulted")
        String status,
        @Schema(description = "When the episode began, by the charger's clock (the StatusNotification's timestamp).",
                examples = "2024-06-15T14:22:00Z")
        Instant timestamp,
        @JsonProperty("resolved_at")
        @Schema(description = "When it ended, by the charger's clock: the timestamp of the connector's next "
                + "StatusNotification with another error code (NoError, or a code that begins a new episode). "
                + "Null while it lasts.", nullable = true, examples = "2024-06-15T15:02:00Z")
        Instant resolvedAt) {
}
