package org.dynamocsms.query.site;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.dynamocsms.platform.asset.EnergyAssetJson;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /api/v1/sites/{site_id}/energy-assets}. */
@Schema(name = "EnergyAssetList", description = "The energy assets of a site.")
public record EnergyAssetList(
        @JsonProperty("energy_assets")
        @Schema(description = "The site's energy assets, in the order they were added.")
        List<EnergyAssetJson> energyAssets) {
}
