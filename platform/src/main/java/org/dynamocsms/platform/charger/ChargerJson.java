package org.dynamocsms.platform.charger;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.dynamocsms.platform.json.PlainNumberSerializer;
import org.dynamocsms.schemas.charger.ChargerConnector;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.ConnectorTypes;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A charger in the registry as the API shows it, in writes' answers and in reads alike. */
@JsonPropertyOrder({"charge_point_id", "vendor", "model", "site_id", "linked_at", "registered_at", "password_set",
        "connectors"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Charger", description = "A charger registered in the fleet, known by its OCPP identity.")
public record ChargerJson(
        @JsonProperty("charge_point_id")
        @Schema(description = "The OCPP identity of the charger.", examples = "CP-001")
        String chargePointId,
        @Schema(description = "Charge point vendor, as registered.", examples = "Alfen")
        String vendor,
        @Schema(description = "Charge point model, as registered.", examples = "Eve Single Pro-line")
        String model,
        @JsonProperty("site_id")
        @Schema(description = "The site the charger is linked to; null if none.", examples = "site_01HZ4K8XVPQR3TY5N6M")
        String siteId,
        @JsonProperty("linked_at")
        @Schema(description = "When the charger was linked to its site; null if none.", examples = "2024-06-01T10:15:00Z")
        Instant linkedAt,
        @JsonProperty("registered_at")
        @Schema(description = "When the charger was registered.", examples = "2024-06-01T10:00:00Z")
        Instant registeredAt,
        @JsonProperty("password_set")
        @Schema(description = "Whether an OCPP Basic-auth password is set (it is stored hashed and never shown).",
                examples = "true")
        boolean passwordSet,
        @Schema(description = "The connectors as registered or last changed, by connector_id; empty if none given.")
        List<Connector> connectors) {

    public static ChargerJson of(ChargerView charger) {
        return new ChargerJson(charger.getChargePointId(), charger.getVendor(), charger.getModel(),
                charger.getSiteId(), charger.getLinkedAt(), charger.getRegisteredAt(),
                charger.getPasswordHash() != null, charger.getConnectors().stream().map(Connector::of).toList());
    }

    /** A connector as registered: its id, plug type and rated power. */
    @JsonPropertyOrder({"connector_id", "type", "max_power_kw"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ChargerConnector", description = "A connector of the charger as registered.")
    public record Connector(
            @JsonProperty("connector_id")
            @Schema(description = "The OCPP connector id; a charger's n connectors are numbered 1 to n.",
                    examples = "1")
            int connectorId,
            @Schema(description = "The plug type, one of " + ConnectorTypes.LISTED + ".", examples = "Type2")
            String type,
            @JsonProperty("max_power_kw")
            @JsonSerialize(using = PlainNumberSerializer.class)
            @Schema(description = "Rated power in kW; null if not given.", nullable = true, examples = "22")
            Double maxPowerKw) {

        public static Connector of(ChargerConnector connector) {
            return new Connector(connector.getConnectorId(), connector.getType(), connector.getMaxPowerKw());
        }
    }
}
