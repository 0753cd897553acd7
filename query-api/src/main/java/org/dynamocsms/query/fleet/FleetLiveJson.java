package org.dynamocsms.query.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.dynamocsms.platform.json.PlainNumberSerializer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event of {@code GET /api/v1/cpo/fleet/live}: the fleet summary and the power the sites draw. */
@JsonPropertyOrder({"summary", "current_power_kw"})
@Schema(name = "FleetLive", description = "The fleet's live figures: its summary, and the power drawn at its sites.")
public record FleetLiveJson(
        @Schema(description = "As GET /api/v1/cpo/fleet/summary answers it.")
        FleetSummaryJson summary,
        @JsonProperty("current_power_kw")
        @JsonSerialize(using = PlainNumberSerializer.class)
        @Schema(description = "The sum of the site summaries' current_power_kw: the power drawn by the chargers "
                + "linked to a site, in kW.", examples = "312.5")
        double currentPowerKw) {
}
