package org.dynamocsms.query.charger;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.dynamocsms.platform.json.PlainNumberSerializer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code GET /api/v1/cpo/chargers/{charge_point_id}/diagnostics}, field for field as the contract
 * shows it: the live part from the charger's live state, the 30-day figures from its history.
 */
@JsonPropertyOrder({"charge_point_id", "firmware_version", "uptime_30d_percent", "utilisation_30d_percent",
        "error_count_30d", "last_error", "last_heartbeat", "ocpp_version", "connectors"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "ChargerDiagnostics", description = "A diagnostic summary for a single charger.")
public record ChargerDiagnosticsJson(
        @JsonProperty("charge_point_id")
        @Schema(description = "The OCPP identity of the charger.", examples = "CP-001")
        String chargePointId,
        @JsonProperty("firmware_version")
        @Schema(description = "Firmware version from the charger's latest BootNotification; null before the first.",
                examples = "3.5.0")
        String firmwareVersion,
        @JsonProperty("uptime_30d_percent")
        @Schema(description = "Uptime over the 30 days before now, as GET /api/v1/cpo/fleet/uptime computes it; "
                + "null when nothing is counted.", nullable = true, examples = "98.7")
        Double uptime30dPercent,
        @JsonProperty("utilisation_30d_percent")
        @Schema(description = "Charging time / online time over the 30 days before now, to 0.1; null when not "
                + "online.", nullable = true, examples = "62.1")
        Double utilisation30dPercent,
        @JsonProperty("error_count_30d")
        @Schema(description = "Errors (episodes on a connector) that started in the 30 days before now.",
                examples = "2")
        Integer errorCount30d,
        @JsonProperty("last_error")
        @Schema(description = "The charger's newest error, however old; null if it never reported one.",
                nullable = true)
        LastError lastError,
        @JsonProperty("last_heartbeat")
        @Schema(description = "When the charger's latest Heartbeat or BootNotification was received; null before "
                + "the first.", examples = "2024-06-15T16:00:00Z")
        Instant lastHeartbeat,
        @JsonProperty("ocpp_version")
        @Schema(description = "The OCPP version of the charger's latest connection; null if it never connected.",
                examples = "1.6")
        String ocppVersion,
        @Schema(description = "The charger's connectors (connector 0, the charge point as a whole, left out), by "
                + "connector_id.")
        List<Connector> connectors) {

    /** The live part; the 30-day figures null. */
    public static ChargerDiagnosticsJson live(String chargePointId, String firmwareVersion, Instant lastHeartbeat,
                                       String ocppVersion, List<Connector> connectors) {
        return new ChargerDiagnosticsJson(chargePointId, firmwareVersion, null, null, null, null, lastHeartbeat,
                ocppVersion, connectors);
    }

    /** This, with the 30-day figures. */
    public ChargerDiagnosticsJson withThirtyDays(Double uptime, Double utilisation, int errorCount,
                                                 LastError lastError) {
        return new ChargerDiagnosticsJson(chargePointId, firmwareVersion, uptime, utilisation, errorCount, lastError,
                lastHeartbeat, ocppVersion, connectors);
    }

    /** The charger's latest error. */
    @JsonPropertyOrder({"error_code", "timestamp"})
    @Schema(name = "ChargerLastError", description = "The charger's latest error.")
    public record LastError(
            @JsonProperty("error_code")
            @Schema(description = "The OCPP error code.", examples = "WeakSignal")
            String errorCode,
            @Schema(description = "When it began, by the charger's clock.", examples = "2024-05-28T08:14:00Z")
            Instant timestamp) {
    }

    /** A connector's status and its totals since the charger's telemetry began. */
    @JsonPropertyOrder({"connector_id", "status", "total_sessions", "total_energy_kwh", "transaction_id", "problem"})
    @Schema(name = "ChargerDiagnosticsConnector", description = "A connector, its status and its totals.")
    public record Connector(
            @JsonProperty("connector_id")
            @Schema(description = "The OCPP connector id.", examples = "1")
            int connectorId,
            @Schema(description = "The connector's latest OCPP 1.6 status.", examples = "Available")
            String status,
            @JsonProperty("total_sessions")
            @Schema(description = "Transactions started on the connector.", examples = "312")
            int totalSessions,
            @JsonProperty("total_energy_kwh")
            @JsonSerialize(using = PlainNumberSerializer.class)
            @Schema(description = "Energy delivered by the connector's transactions, in kWh (to the Wh).",
                    examples = "4820.4")
            Double totalEnergyKwh,
            @JsonProperty("transaction_id")
            @Schema(nullable = true, description = "The transaction running on the connector, as the charger names "
                    + "it: in OCPP 1.6 the integer the CSMS assigned, in 2.0.1 the station's own id (at most 36 "
                    + "characters); null when none runs. Ours, beside the contract's fields.", examples = "42")
            String transactionId,
            @Schema(nullable = true, description = "The problem an OCPP 2.0.1 station reports on this EVSE (a "
                    + "NotifyEvent setting its Problem variable true), e.g. why it is Faulted: the event's techInfo, "
                    + "else its techCode, else component.variable; null when none is. Ours, beside the contract's "
                    + "fields.", examples = "ground fault")
            String problem) {
    }
}
