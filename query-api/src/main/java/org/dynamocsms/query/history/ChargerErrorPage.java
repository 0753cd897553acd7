package org.dynamocsms.query.history;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code GET /api/v1/cpo/fleet/errors}: a page of the errors that match, newest first, how many match,
 * and the page's limit and offset (as the sites list).
 */
@JsonPropertyOrder({"errors", "total", "limit", "offset"})
@Schema(name = "FleetErrorList", description = "Error episodes across your fleet, most recent first.")
public record ChargerErrorPage(
        @Schema(description = "The episodes of this page, by timestamp (newest first), then event_id; at most "
                + "limit.")
        List<ChargerErrorJson> errors,
        @Schema(description = "How many episodes match the filters (may exceed the errors returned).",
                examples = "1")
        int total,
        @Schema(description = "Maximum number of episodes returned.", examples = "50")
        int limit,
        @Schema(description = "Number of matching episodes skipped before the first one returned.", examples = "0")
        int offset) {
}
