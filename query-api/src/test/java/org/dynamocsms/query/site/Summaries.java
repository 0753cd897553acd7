package org.dynamocsms.query.site;

import java.time.Instant;
import java.util.List;

import org.dynamocsms.schemas.asset.EnergyAssetType;
import org.dynamocsms.schemas.site.SiteChargerAllocation;
import org.dynamocsms.schemas.site.SiteChargerCounts;
import org.dynamocsms.schemas.site.SiteEnergyAssetOutput;
import org.dynamocsms.schemas.site.SiteSummary;

/** Site summaries for tests. */
public final class Summaries {

    public static final String ORG = "org_A";
    public static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");

    private Summaries() {
    }

    /** A summary of 8 chargers (7 online, 5 charging, 2 available, 1 faulted) drawing {@code powerKw}. */
    public static SiteSummary summary(String siteId, long version, double powerKw, SiteEnergyAssetOutput... assets) {
        return SiteSummary.newBuilder().setSiteId(siteId).setOrganisationId(ORG).setName("Summary of " + siteId)
                .setMaxPowerKw(150).setCurrentPowerKw(powerKw)
                .setChargers(SiteChargerCounts.newBuilder().setTotal(8).setOnline(7).setCharging(5).setAvailable(2)
                        .setFaulted(1).build())
                .setActiveSessions(5).setEnergyAssets(List.of(assets)).setUpdatedAt(T0.plusSeconds(version))
                .setVersion(version).build();
    }

    /** {@code summary} with site load management's figures: its latest allocation's headroom and shares. */
    public static SiteSummary withLoad(SiteSummary summary, Double headroomKw, SiteChargerAllocation... allocations) {
        return SiteSummary.newBuilder(summary).setHeadroomKw(headroomKw).setAllocations(List.of(allocations)).build();
    }

    /** A charger's share; null {@code reserved} when it follows its limit. */
    public static SiteChargerAllocation allocation(String chargePointId, double allocatedKw, double drawnKw,
                                                   String reserved) {
        return SiteChargerAllocation.newBuilder().setChargePointId(chargePointId).setAllocatedKw(allocatedKw)
                .setDrawnKw(drawnKw).setReserved(reserved).build();
    }

    /** An asset's output; null {@code outputKw} before its first reading. */
    public static SiteEnergyAssetOutput output(String assetId, Double outputKw) {
        return SiteEnergyAssetOutput.newBuilder().setAssetId(assetId).setType(EnergyAssetType.solar)
                .setName("Output of " + assetId).setCapacityKw(50).setCurrentOutputKw(outputKw)
                .setMeasuredAt(outputKw == null ? null : T0).build();
    }
}
