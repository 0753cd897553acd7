package org.dynamocsms.platform.site;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.dynamocsms.platform.json.PlainNumberSerializer;
import org.dynamocsms.schemas.site.SiteView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A site as the API shows it, in writes' answers and in reads alike. */
@JsonPropertyOrder({"site_id", "name", "address", "max_power_kw", "lat", "lng", "created_at", "charger_count"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Site", description = "A location (car park, depot, forecourt) with a defined power capacity.")
public record SiteJson(
        @JsonProperty("site_id")
        @Schema(description = "Unique identifier for the created site.", examples = "site_01HZ4K8XVPQR3TY5N6M")
        String siteId,
        @Schema(description = "Display name of the site.", examples = "King Street Depot")
        String name,
        @Schema(description = "Full street address of the site.", examples = "14 King Street, Manchester, M2 6AQ")
        String address,
        @JsonProperty("max_power_kw")
        @JsonSerialize(using = PlainNumberSerializer.class)
        @Schema(description = "Configured grid power ceiling in kilowatts.", examples = "150")
        Double maxPowerKw,
        @JsonSerialize(using = PlainNumberSerializer.class)
        @Schema(description = "Latitude in decimal degrees.", examples = "53.4808")
        Double lat,
        @JsonSerialize(using = PlainNumberSerializer.class)
        @Schema(description = "Longitude in decimal degrees.", examples = "-2.2426")
        Double lng,
        @JsonProperty("created_at")
        @Schema(description = "ISO 8601 timestamp of when the site was created.", examples = "2024-06-01T09:00:00Z")
        Instant createdAt,
        @JsonProperty("charger_count")
        @Schema(description = "Number of chargers currently linked to this site.", examples = "0")
        int chargerCount) {

    public static SiteJson of(SiteView site) {
        var d = site.getDetails();
        return new SiteJson(site.getSiteId(), d.getName(), d.getAddress(), d.getMaxPowerKw(), d.getLat(), d.getLng(),
                site.getCreatedAt(), site.getChargerCount());
    }
}
