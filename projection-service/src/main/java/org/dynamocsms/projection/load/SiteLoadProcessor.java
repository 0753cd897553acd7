package org.dynamocsms.projection.load;

import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.projection.RecentValues;
import org.dynamocsms.projection.site.SiteSummaryTopology;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.load.SessionLimit;
import org.dynamocsms.schemas.load.SiteAllocation;
import org.dynamocsms.schemas.site.SiteChargerContribution;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;

/**
 * Site load management, per site (the record key): after the site summary has taken in a site event, an energy
 * asset reading or a charger's contribution (whose stores it reads), shares the site's power among the running
 * sessions of its linked chargers again when that changes the sessions or the site ({@link SiteLoads#changed}), and
 * sends the allocation ({@code csms.site.allocations}) and each changed limit as a TxProfile
 * ({@code csms.charger.calls}). Only the live generation allocates: a rebuild reading the history sends nothing.
 */
public class SiteLoadProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private final BooleanSupplier allocates;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, SiteView> sites;
    private KeyValueStore<String, SiteChargerContribution> chargers;
    private KeyValueStore<String, EnergyAssetReading> readings;
    private RecentValues<SiteAllocation> allocations;

    /** @param allocates whether this generation allocates, asked at each change */
    public SiteLoadProcessor(BooleanSupplier allocates) {
        this.allocates = allocates;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sites = context.getStateStore(SiteSummaryTopology.SITES);
        this.chargers = context.getStateStore(SiteSummaryTopology.CHARGERS);
        this.readings = context.getStateStore(SiteSummaryTopology.READINGS);
        this.allocations = new RecentValues<>(context.getStateStore(SiteLoadTopology.ALLOCATIONS), 10_000);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String siteId = record.key();
        SpecificRecord input = record.value();
        if (siteId == null || input instanceof SiteAllocation || !allocates.getAsBoolean()) {
            return;
        }
        SiteView site = sites.get(siteId);
        if (!SiteViews.isLive(site)) {
            return;
        }
        List<SiteChargerContribution> linked = site.getChargePointIds().stream()
                .map(chargePointId -> chargers.get(siteId + "|" + chargePointId)).toList();
        List<Session> sessions = SiteLoads.sessions(linked);
        SitePower power = new SitePower(site.getDetails().getMaxPowerKw() * 1000, generationW(site));
        SiteAllocation last = allocations.get(siteId);
        if (!(input instanceof SiteEvent) && !SiteLoads.changed(last, sessions, Math.round(power.generationW()))) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        SiteAllocation next = SiteLoads.allocation(Ids.EVENT.next(), site.getOrganisationId(), siteId, power,
                sessions, SiteLoads.drawsW(linked), PowerAllocation.allocate(power, sessions), reason(input), now);
        if (last != null && last.getLimits().equals(next.getLimits()) && last.getAvailableW() == next.getAvailableW()) {
            return;
        }
        allocations.put(siteId, next);
        context.forward(record.withValue(next));
        for (SessionLimit limit : SiteLoads.toSend(last, next)) {
            context.forward(record.withKey(limit.getChargePointId()).withValue(SiteLoads.call(Ids.EVENT.next(),
                    Ids.CALL.next(), site.getOrganisationId(), limit, now)));
        }
    }

    /** The sum of the latest output of the site's energy assets, in watts. */
    private double generationW(SiteView site) {
        double kw = 0;
        for (EnergyAsset asset : site.getEnergyAssets()) {
            EnergyAssetReading reading = readings.get(site.getSiteId() + "|" + asset.getAssetId());
            if (reading != null && Double.isFinite(reading.getOutputKw())) {
                kw += reading.getOutputKw();
            }
        }
        return kw * 1000;
    }

    private static String reason(SpecificRecord input) {
        if (input instanceof SiteEvent event) {
            return "site " + event.getPayload().getClass().getSimpleName();
        }
        return input instanceof EnergyAssetReading ? "generation changed" : "sessions changed";
    }
}
