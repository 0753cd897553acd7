package org.dynamocsms.projection.site;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.dynamocsms.projection.Kilowatts;
import org.dynamocsms.projection.charger.ChargerStatuses;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.site.SiteChargerCounts;
import org.dynamocsms.schemas.site.SiteEnergyAssetOutput;
import org.dynamocsms.schemas.site.SiteSummary;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;

/**
 * The live summary of a site, from the site, the live states of its linked chargers and the latest readings of its
 * energy assets. Only linked chargers count: total is their number; online those whose status
 * ({@link ChargerStatuses#rollup}) is not offline, a linked charger without a live state being offline; charging,
 * available and faulted those with that status; active_sessions and current_power_kw add up their running
 * transactions and the latest power of the connectors running one. Assets appear in the site's order with the
 * output of their latest reading (null before the first).
 */
public final class SiteSummaries {

    private SiteSummaries() {
    }

    /**
     * The summary of {@code site} at {@code now}, one version after {@code previous} (null before the first); or
     * null if its figures are those of {@code previous} (updated_at and version are not figures).
     *
     * @param chargers       the live state of a linked charger by charge point id, null if there is none
     * @param latestReadings the latest reading of an asset of the site by asset id, null if there is none
     * @throws IllegalArgumentException if the site is deleted: a deleted site has no summary
     */
    public static SiteSummary next(SiteSummary previous, SiteView site, Function<String, ChargerLiveState> chargers,
                                   Function<String, EnergyAssetReading> latestReadings, Instant now) {
        if (!SiteViews.isLive(site)) {
            throw new IllegalArgumentException("Site " + site.getSiteId() + " is deleted: it has no summary");
        }
        int online = 0;
        int charging = 0;
        int available = 0;
        int faulted = 0;
        int sessions = 0;
        double powerKw = 0;
        for (String chargePointId : site.getChargePointIds()) {
            ChargerLiveState charger = chargers.apply(chargePointId);
            ChargerStatus status = ChargerStatuses.rollup(charger);
            online += status != ChargerStatus.offline ? 1 : 0;
            charging += status == ChargerStatus.charging ? 1 : 0;
            available += status == ChargerStatus.available ? 1 : 0;
            faulted += status == ChargerStatus.faulted ? 1 : 0;
            if (charger != null) {
                sessions += charger.getActiveSessions();
                powerKw += charger.getPowerKw();
            }
        }
        SiteSummary summary = SiteSummary.newBuilder()
                .setSiteId(site.getSiteId())
                .setOrganisationId(site.getOrganisationId())
                .setName(site.getDetails().getName())
                .setMaxPowerKw(site.getDetails().getMaxPowerKw())
                .setCurrentPowerKw(Kilowatts.round(powerKw))
                .setChargers(new SiteChargerCounts(site.getChargePointIds().size(), online, charging, available,
                        faulted))
                .setActiveSessions(sessions)
                .setEnergyAssets(outputs(site.getEnergyAssets(), latestReadings))
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

    private static List<SiteEnergyAssetOutput> outputs(List<EnergyAsset> assets,
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
