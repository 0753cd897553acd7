package org.dynamocsms.platform.asset;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.dynamocsms.platform.json.PlainNumberSerializer;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An energy asset as the API shows it, in writes' answers and in reads alike. */
@JsonPropertyOrder({"asset_id", "site_id", "type", "name", "capacity_kw", "metadata", "created_at", "updated_at"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "EnergyAsset", description = "A solar array, battery, wind turbine or generator attached to a site.")
public record EnergyAssetJson(
        @JsonProperty("asset_id")
        @Schema(description = "Unique identifier of the asset.", examples = "asset_9XM3T")
        String assetId,
        @JsonProperty("site_id")
        @Schema(description = "The site the asset belongs to.", examples = "site_01HZ4K8XVPQR3TY5N6M")
        String siteId,
        @Schema(description = "Asset type: solar, battery, wind or generator.", examples = "solar")
        String type,
        @Schema(description = "A human-readable label for the asset.", examples = "Rooftop PV Array")
        String name,
        @JsonProperty("capacity_kw")
        @JsonSerialize(using = PlainNumberSerializer.class)
        @Schema(description = "Rated capacity of the asset in kilowatts.", examples = "50")
        Double capacityKw,
        @Schema(description = "Custom key/value pairs (e.g. manufacturer, model).")
        Map<String, String> metadata,
        @JsonProperty("created_at")
        @Schema(description = "When the asset was added.", examples = "2024-06-01T11:00:00Z")
        Instant createdAt,
        @JsonProperty("updated_at")
        @Schema(description = "When the asset was last changed.", examples = "2024-06-01T11:00:00Z")
        Instant updatedAt) {

    public static EnergyAssetJson of(String siteId, EnergyAsset asset) {
        return new EnergyAssetJson(asset.getAssetId(), siteId, asset.getType().name(), asset.getName(),
                asset.getCapacityKw(), new TreeMap<>(asset.getMetadata()), asset.getCreatedAt(),
                asset.getUpdatedAt());
    }
}
