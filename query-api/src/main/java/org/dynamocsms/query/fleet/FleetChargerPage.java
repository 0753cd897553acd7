package org.dynamocsms.query.fleet;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /api/v1/cpo/fleet/chargers}. */
@JsonPropertyOrder({"chargers", "total"})
@Schema(name = "FleetChargerList", description = "Chargers of your fleet with their current status.")
public record FleetChargerPage(
        @Schema(description = "The chargers that match, in charge_point_id order, at most limit of them.")
        List<FleetChargerJson> chargers,
        @Schema(description = "How many chargers match the filters (may exceed the chargers returned).",
                examples = "1")
        int total) {
}
