package org.dynamocsms.query.call;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.dynamocsms.platform.call.ChargerCallJson;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code GET /api/v1/cpo/chargers/{charge_point_id}/calls}: a page of the charger's calls, newest
 * first, how many match, and the page's limit and offset (as the charger's error history).
 */
@JsonPropertyOrder({"charge_point_id", "calls", "total", "limit", "offset"})
@Schema(name = "ChargerCallList", description = "The calls sent to a charger, most recent first.")
public record ChargerCallPage(
        @JsonProperty("charge_point_id")
        @Schema(description = "The OCPP identity of the charger.", examples = "CP-001")
        String chargePointId,
        @Schema(description = "The calls of this page, by requested_at (newest first), then call_id (last first); "
                + "at most limit.")
        List<ChargerCallJson> calls,
        @Schema(description = "How many of the charger's calls match the filters (may exceed the calls returned).",
                examples = "1")
        int total,
        @Schema(description = "Maximum number of calls returned.", examples = "50")
        int limit,
        @Schema(description = "Number of matching calls skipped before the first one returned.", examples = "0")
        int offset) {
}
