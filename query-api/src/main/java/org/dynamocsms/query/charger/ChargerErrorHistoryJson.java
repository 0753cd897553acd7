package org.dynamocsms.query.charger;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import org.dynamocsms.query.history.ChargerErrorJson;
import org.dynamocsms.query.history.ChargerErrorPage;

/** The answer of {@code GET /api/v1/cpo/chargers/{charge_point_id}/error-history}: a page, as the fleet's errors. */
@JsonPropertyOrder({"charge_point_id", "errors", "total", "limit", "offset"})
@Schema(name = "ChargerErrorHistory", description = "The error episodes of a charger, most recent first.")
public record ChargerErrorHistoryJson(
        @JsonProperty("charge_point_id")
        @Schema(description = "The OCPP identity of the charger.", examples = "CP-001")
        String chargePointId,
        @Schema(description = "The charger's episodes of this page, by timestamp (newest first), then event_id; "
                + "at most limit.")
        List<ChargerErrorJson> errors,
        @Schema(description = "How many of the charger's episodes are in the period (may exceed the errors "
                + "returned).", examples = "2")
        int total,
        @Schema(description = "Maximum number of episodes returned.", examples = "10")
        int limit,
        @Schema(description = "Number of the charger's episodes skipped before the first one returned.",
                examples = "0")
        int offset) {

    public static ChargerErrorHistoryJson of(String chargePointId, ChargerErrorPage page) {
        return new ChargerErrorHistoryJson(chargePointId, page.errors(), page.total(), page.limit(), page.offset());
    }
}
