package org.dynamocsms.query.site;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.dynamocsms.platform.site.SiteJson;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of {@code GET /api/v1/sites}. */
@JsonPropertyOrder({"sites", "total", "limit", "offset"})
@Schema(name = "SiteList", description = "A page of the organisation's sites.")
public record SitePage(
        @Schema(description = "The sites of this page, oldest first.")
        List<SiteJson> sites,
        @Schema(description = "Number of sites in the organisation.", examples = "1")
        long total,
        @Schema(description = "Maximum number of sites returned.", examples = "10")
        int limit,
        @Schema(description = "Number of sites skipped before the first one returned.", examples = "0")
        int offset) {
}
