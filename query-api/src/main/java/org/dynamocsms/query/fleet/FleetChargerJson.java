package org.dynamocsms.query.fleet;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One charger of {@code GET /api/v1/cpo/fleet/chargers}, field for field as the contract shows it. */
@JsonPropertyOrder({"charge_point_id", "site_id", "vendor", "model", "firmware_version", "status", "last_seen",
        "connectors"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "FleetCharger", description = "A charger of your fleet with its current status.")
public record FleetChargerJson(
        @JsonProperty("charge_point_id")
        @Schema(description = "The OCPP identity of the charger.", examples = "CP-007")
        String chargePointId,
        @JsonProperty("site_id")
        @Schema(description = "The site the charger is linked to; null if none.", examples = "site_01HZ4K8XVPQR3TY5N6M")
        String siteId,
        @Schema(description = "Vendor from the charger's latest BootNotification, else from its registration.",
                examples = "ABB")
        String vendor,
        @Schema(description = "Model from the charger's latest BootNotification, else from its registration.",
                examples = "Terra AC")
        String model,
        @JsonProperty("firmware_version")
        @Schema(description = "Firmware version from the charger's latest BootNotification; null before the first.",
                examples = "3.4.1")
        String firmwareVersion,
        @Schema(description = "The charger's status rolled up from its connection and connectors, capitalised: "
                + "Offline, Faulted, Charging, Available or Online (connected, none of the others).",
                examples = "Faulted", enumeration = {"Offline", "Faulted", "Charging", "Available", "Online"})
        String status,
        @JsonProperty("last_seen")
        @Schema(description = "When the charger's latest message was received; null if it never connected.",
                examples = "2024-06-15T14:22:10Z")
        Instant lastSeen,
        @Schema(description = "The charger's connectors (connector 0, the charge point as a whole, left out), by "
                + "connector_id.")
        List<Connector> connectors) {

    /** A connector and its latest OCPP status. */
    @JsonPropertyOrder({"connector_id", "type", "status"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "FleetChargerConnector", description = "A connector of the charger and its latest status.")
    public record Connector(
            @JsonProperty("connector_id")
            @Schema(description = "The OCPP connector id.", examples = "1")
            int connectorId,
            @Schema(description = "The connector's plug type as registered (POST or PATCH /api/v1/cpo/chargers), "
                    + "else as an OCPP 2.0.1 station's device model reports it (NotifyReport of its ConnectorType); "
                    + "null if neither says (OCPP 1.6 does not report it).",
                    nullable = true, examples = "Type2")
            String type,
            @Schema(description = "The connector's latest OCPP 1.6 status (ChargePointStatus: Available, Preparing, "
                    + "Charging, SuspendedEVSE, SuspendedEV, Finishing, Reserved, Unavailable, Faulted).",
                    examples = "Faulted")
            String status) {
    }
}
