package org.dynamocsms.query.site;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.dynamocsms.platform.json.PlainNumberSerializer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code GET /api/v1/sites/{site_id}/summary}, field for field as the contract shows it, then site load
 * management's figures (beyond the contract).
 */
@JsonPropertyOrder({"site_id", "name", "max_power_kw", "current_power_kw", "chargers", "active_sessions",
        "energy_assets", "headroom_kw", "allocations"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "SiteSummary", description = "A live overview of the site, including charger statuses and current "
        + "power draw.")
public record SiteSummaryJson(
        @JsonProperty("site_id")
        @Schema(description = "The unique identifier of the site.", examples = "site_01HZ4K8XVPQR3TY5N6M")
        String siteId,
        @Schema(description = "Display name of the site.", examples = "King Street Depot")
        String name,
        @JsonProperty("max_power_kw")
        @JsonSerialize(using = PlainNumberSerializer.class)
        @Schema(description = "Configured power ceiling.", examples = "150")
        Double maxPowerKw,
        @JsonProperty("current_power_kw")
        @JsonSerialize(using = PlainNumberSerializer.class)
        @Schema(description = "Total power currently being drawn across all chargers at this site.", examples = "87.4")
        Double currentPowerKw,
        Chargers chargers,
        @JsonProperty("active_sessions")
        @Schema(description = "Charging sessions in progress on the site's chargers.", examples = "5")
        int activeSessions,
        @JsonProperty("energy_assets")
        @Schema(description = "Energy assets attached to this site and their current output.")
        List<EnergyAssetOutput> energyAssets,
        @JsonProperty("headroom_kw")
        @JsonSerialize(using = PlainNumberSerializer.class)
        @Schema(description = "Power available to the site (max_power_kw plus on-site generation) that site load "
                + "management has not allocated, at its latest allocation; null before the first.",
                nullable = true, examples = "62.5")
        Double headroomKw,
        @Schema(description = "Per charger with a running session at the latest allocation: the power allocated to "
                + "it, what it draws now, and why its share is held at its draw (offline, profile_rejected, "
                + "above_limit) if it is.")
        List<Allocation> allocations) {

    /** The site's linked chargers counted by status. */
    @JsonPropertyOrder({"total", "online", "charging", "available", "faulted"})
    @Schema(name = "SiteChargerCounts", description = "The site's chargers by status (a charger's status is rolled "
            + "up from its connectors).")
    public record Chargers(
            @Schema(description = "Total chargers linked to the site.", examples = "8")
            int total,
            @Schema(description = "Chargers with an active OCPP connection.", examples = "7")
            int online,
            @Schema(description = "Chargers with an active charging session.", examples = "5")
            int charging,
            @Schema(description = "Chargers ready to accept a session.", examples = "2")
            int available,
            @Schema(description = "Chargers reporting a fault.", examples = "1")
            int faulted) {

        /** Before the first figures arrive. */
        public static final Chargers NONE = new Chargers(0, 0, 0, 0, 0);
    }

    /** One energy asset of the site and its latest reading. */
    @JsonPropertyOrder({"asset_id", "type", "name", "capacity_kw", "current_output_kw"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "SiteEnergyAssetOutput", description = "An energy asset of the site and its current output.")
    public record EnergyAssetOutput(
            @JsonProperty("asset_id")
            @Schema(description = "Unique identifier of the asset.", examples = "asset_9XM3T")
            String assetId,
            @Schema(description = "Asset type: solar, battery, wind or generator.", examples = "solar")
            String type,
            @Schema(description = "A human-readable label for the asset.", examples = "Rooftop PV Array")
            String name,
            @JsonProperty("capacity_kw")
            @JsonSerialize(using = PlainNumberSerializer.class)
            @Schema(description = "Rated capacity of the asset in kilowatts.", examples = "50")
            Double capacityKw,
            @JsonProperty("current_output_kw")
            @JsonSerialize(using = PlainNumberSerializer.class)
            @Schema(description = "Output of the asset's latest reading in kilowatts; null before the first.",
                    examples = "22.1")
            Double currentOutputKw) {
    }

    /** One charger's share of the site's power at the latest allocation, and its draw now. */
    @JsonPropertyOrder({"charge_point_id", "allocated_kw", "drawn_kw", "reserved"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "SiteChargerAllocation", description = "A charger's share of the site's power at site load "
            + "management's latest allocation, and what it draws now.")
    public record Allocation(
            @JsonProperty("charge_point_id")
            @Schema(description = "The OCPP identity of the charger.", examples = "CP-001")
            String chargePointId,
            @JsonProperty("allocated_kw")
            @JsonSerialize(using = PlainNumberSerializer.class)
            @Schema(description = "Power allocated to the charger (its sessions' limits together) in kilowatts.",
                    examples = "22")
            Double allocatedKw,
            @JsonProperty("drawn_kw")
            @JsonSerialize(using = PlainNumberSerializer.class)
            @Schema(description = "Power the charger draws now in kilowatts.", examples = "21.4")
            Double drawnKw,
            @Schema(description = "Why the charger's share is held at its last known draw until it complies or "
                    + "leaves: offline, profile_rejected or above_limit; null if it follows its limit.",
                    enumeration = {"offline", "profile_rejected", "above_limit"}, nullable = true)
            String reserved) {
    }
}
