package org.dynamocsms.projection.site;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.dynamocsms.projection.Kilowatts;
import org.dynamocsms.projection.charger.ChargerStatuses;
import org.dynamocsms.projection.charger.SiteContributions;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.site.SiteEnergyAssetOutput;
import org.dynamocsms.schemas.site.SiteSummary;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;

/**
 * The live summary of a site, from the site, what its linked chargers add up to ({@link SiteChargerFigures}, from
 * each one's {@link SiteContributions#of} its live state) and the latest readings of its energy assets. Only linked
 * chargers count: total is their number; online those whose status ({@link ChargerStatuses#rollup}) is not offline,
 * a linked charger without a live state being offline; charging, available and faulted those with that status;
 * active_sessions and current_power_kw add up their running transactions and the latest power of the connectors
 * running one. Assets appear in the site's order with the output of their latest reading (null before the first).
 */
public final class SiteSummaries {

    private SiteSummaries() {
    }

    /**
     * The summary of {@code site} at {@code now}, one version after {@code previous} (null before the first); or
     * null if its figures are those of {@code previous} (updated_at and version are not figures).
     *
     * @param chargers what the site's linked chargers add up to
     * @param assets   the outputs of the site's energy assets ({@link #outputs})
     * @param load     what site load management allocated
     * @throws IllegalArgumentException if the site is deleted: a deleted site has no summary
     */
    public static SiteSummary next(SiteSummary previous, SiteView site, SiteChargerFigures chargers,
                                   List<SiteEnergyAssetOutput> assets, SiteLoadFigures load, Instant now) {
        if (!SiteViews.isLive(site)) {
            throw new IllegalArgumentException("Site " + site.getSiteId() + " is deleted: it has no summary");
        }
        SiteSummary summary = SiteSummary.newBuilder()
                .setSiteId(site.getSiteId())
                .setOrganisationId(site.getOrganisationId())
                .setName(site.getDetails().getName())
                .setMaxPowerKw(site.getDetails().getMaxPowerKw())
                .setCurrentPowerKw(Kilowatts.of(chargers.powerW()))
                .setChargers(chargers.counts())
                .setActiveSessions(chargers.activeSessions())
                .setEnergyAssets(assets)
                .setHeadroomKw(load.headroomKw())
                .setAllocations(load.chargers())
                .setUpdatedAt(previous != null ? previous.getUpdatedAt() : now)
                .setVersion(previous != null ? previous.getVersion() : 0)
                .build();
        if (summary.equals(previous)) {
            return null;
        }
        summary.setUpdatedAt(now);
        summary.setVersion(summary.getVersion() + 1);
        return summary;
    }

    /**
     * The output of each of {@code assets} as the summary shows it.
     *
     * @param latestReadings the latest reading of an asset of the site by asset id, null if there is none
     */
    public static List<SiteEnergyAssetOutput> outputs(List<EnergyAsset> assets,
                                                      Function<String, EnergyAssetReading> latestReadings) {
        return assets.stream().map(asset -> {
            EnergyAssetReading latest = latestReadings.apply(asset.getAssetId());
            // the API refuses a non-finite output, but a system publishing readings itself might not
            EnergyAssetReading reading = latest != null && Double.isFinite(latest.getOutputKw()) ? latest : null;
            return SiteEnergyAssetOutput.newBuilder()
                    .setAssetId(asset.getAssetId())
                    .setType(asset.getType())
                    .setName(asset.getName())
                    .setCapacityKw(asset.getCapacityKw())
                    .setCurrentOutputKw(reading != null ? Kilowatts.round(reading.getOutputKw()) : null)
                    .setMeasuredAt(reading != null ? reading.getMeasuredAt() : null)
                    .build();
        }).toList();
    }
}
