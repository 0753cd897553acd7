package org.dynamocsms.query.history;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /api/v1/cpo/chargers/{charge_point_id}/connectivity}, as the contract shows it. */
@JsonPropertyOrder({"charge_point_id", "events"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "ChargerConnectivity", description = "A timeline of connect and disconnect events for a charger.")
public record ConnectivityJson(
        @JsonProperty("charge_point_id")
        @Schema(description = "The OCPP identity of the charger.", examples = "CP-001")
        String chargePointId,
        @Schema(description = "The connects and disconnects in the period, oldest first.")
        List<Event> events) {

    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";

    /** The charger connected or disconnected. */
    @JsonPropertyOrder({"type", "timestamp"})
    @Schema(name = "ChargerConnectivityEvent", description = "The charger connected or disconnected.")
    public record Event(
            @Schema(description = "connected or disconnected.", examples = DISCONNECTED,
                    enumeration = {CONNECTED, DISCONNECTED})
            String type,
            @Schema(description = "When, by the gateway's clock: when it received the connection, or noticed it "
                    + "was gone (a charger that fell silent is disconnected as of its last message).",
                    examples = "2024-06-04T02:10:00Z")
            Instant timestamp) {

        public static Event of(boolean connected, Instant at) {
            return new Event(connected ? CONNECTED : DISCONNECTED, at);
        }
    }
}
