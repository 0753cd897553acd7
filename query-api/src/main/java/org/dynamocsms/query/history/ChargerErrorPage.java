package org.dynamocsms.query.history;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /api/v1/cpo/fleet/errors}: the errors that match, newest first, and how many match. */
@JsonPropertyOrder({"errors", "total"})
@Schema(name = "FleetErrorList", description = "Error episodes across your fleet, most recent first.")
public record ChargerErrorPage(
        @Schema(description = "The episodes that match, by timestamp (newest first), then event_id; at most limit.")
        List<ChargerErrorJson> errors,
        @Schema(description = "How many episodes match the filters (may exceed the errors returned).",
                examples = "1")
        int total) {
}
