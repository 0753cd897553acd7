package org.dynamocsms.command.charger;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.dynamocsms.schemas.charger.ChargerView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a link, exactly as the sites API shows it. */
@JsonPropertyOrder({"site_id", "charge_point_id", "linked_at"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "SiteChargerLink", description = "A charger linked to a site.")
public record SiteChargerLinkJson(
        @JsonProperty("site_id")
        @Schema(description = "The site the charger is linked to.", examples = "site_01HZ4K8XVPQR3TY5N6M")
        String siteId,
        @JsonProperty("charge_point_id")
        @Schema(description = "The OCPP identity of the charger.", examples = "CP-001")
        String chargePointId,
        @JsonProperty("linked_at")
        @Schema(description = "When the charger was linked to the site.", examples = "2024-06-01T10:15:00Z")
        Instant linkedAt) {

    public static SiteChargerLinkJson of(ChargerView charger) {
        return new SiteChargerLinkJson(charger.getSiteId(), charger.getChargePointId(), charger.getLinkedAt());
    }
}
