package org.dynamocsms.command.asset;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.dynamocsms.platform.json.PlainNumberSerializer;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a reading: what was recorded. */
@JsonPropertyOrder({"reading_id", "site_id", "asset_id", "output_kw", "measured_at"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "EnergyAssetReading", description = "An energy asset's output at one moment.")
public record EnergyAssetReadingJson(
        @JsonProperty("reading_id")
        @Schema(description = "Unique identifier of the reading.", examples = "evt_01HZ4K9A7Q3V5X8B2C4D6E8F0G")
        String readingId,
        @JsonProperty("site_id")
        @Schema(description = "The site the asset belongs to.", examples = "site_01HZ4K8XVPQR3TY5N6M")
        String siteId,
        @JsonProperty("asset_id")
        @Schema(description = "The asset that was measured.", examples = "asset_9XM3T")
        String assetId,
        @JsonProperty("output_kw")
        @JsonSerialize(using = PlainNumberSerializer.class)
        @Schema(description = "Power the asset delivers, in kW; negative while a battery charges.",
                examples = "22.1")
        Double outputKw,
        @JsonProperty("measured_at")
        @Schema(description = "When the asset measured it.", examples = "2024-06-01T12:00:00Z")
        Instant measuredAt) {

    public static EnergyAssetReadingJson of(EnergyAssetReading reading) {
        return new EnergyAssetReadingJson(reading.getReadingId(), reading.getSiteId(), reading.getAssetId(),
                reading.getOutputKw(), reading.getMeasuredAt());
    }
}
