package org.dynamocsms.query.fleet;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.dynamocsms.query.Period;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /api/v1/cpo/fleet/uptime}, as the contract shows it plus maintenance_minutes. */
@JsonPropertyOrder({"period", "chargers"})
@Schema(name = "FleetUptime", description = "Uptime per charger over a period.")
public record FleetUptimeJson(
        Period period,
        @Schema(description = "The chargers, in charge_point_id order.")
        List<Charger> chargers) {

    /** One charger's figures. */
    @JsonPropertyOrder({"charge_point_id", "site_id", "uptime_percent", "downtime_minutes", "maintenance_minutes"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ChargerUptime", description = "A charger's uptime over the period.")
    public record Charger(
            @JsonProperty("charge_point_id")
            @Schema(description = "The OCPP identity of the charger.", examples = "CP-001")
            String chargePointId,
            @JsonProperty("site_id")
            @Schema(description = "The charger's current site; null if it is not linked to one.",
                    examples = "site_01HZ4K8XVPQR3TY5N6M")
            String siteId,
            @JsonProperty("uptime_percent")
            @Schema(description = "(Counted time - downtime) / counted time x 100, to 0.1; null when nothing is "
                    + "counted.",
                    nullable = true, examples = "98.7")
            Double uptimePercent,
            @JsonProperty("downtime_minutes")
            @Schema(description = "Counted time not up, except the excused maintenance_minutes, in minutes.",
                    examples = "558")
            long downtimeMinutes,
            @JsonProperty("maintenance_minutes")
            @Schema(description = "Time not up inside maintenance windows, excused (not downtime), in minutes "
                    + "(beyond the contract).", examples = "0")
            long maintenanceMinutes) {
    }
}
