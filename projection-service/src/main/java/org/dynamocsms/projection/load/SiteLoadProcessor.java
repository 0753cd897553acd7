package org.dynamocsms.projection.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
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
 * ({@code csms.charger.calls}); every {@link #COMPLIANCE_CHECK_INTERVAL} it looks again at each site for chargers
 * drawing above their limits. Only the live generation allocates: a rebuild reading the history sends nothing.
 */
public class SiteLoadProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    /** How often sites are looked at again for chargers drawing above their limits. */
    static final Duration COMPLIANCE_CHECK_INTERVAL = Duration.ofSeconds(10);

    private final BooleanSupplier allocates;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, SiteView> sites;
    private KeyValueStore<String, SiteChargerContribution> chargers;
    private KeyValueStore<String, EnergyAssetReading> readings;
    private KeyValueStore<String, SiteAllocation> stored;
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
        this.stored = context.getStateStore(SiteLoadTopology.ALLOCATIONS);
        this.allocations = new RecentValues<>(stored, 10_000);
        context.schedule(COMPLIANCE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::checkCompliance);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.key() != null && !(record.value() instanceof SiteAllocation) && allocates.getAsBoolean()) {
            allocate(record.key(), record.value(), record.timestamp());
        }
    }

    /**
     * Looks again at every site with an allocation: a charger that keeps drawing above its limit sends the same
     * figures and so no change, but the grace it had ends ({@link SiteLoads#COMPLIANCE_GRACE}).
     */
    private void checkCompliance(long now) {
        if (!allocates.getAsBoolean()) {
            return;
        }
        List<String> sites = new ArrayList<>();
        try (KeyValueIterator<String, SiteAllocation> all = stored.all()) {
            all.forEachRemaining(entry -> sites.add(entry.key));
        }
        sites.forEach(siteId -> allocate(siteId, null, now));
    }

    /** Allocates the site's power again if {@code trigger} (null: the compliance check) changes what matters. */
    private void allocate(String siteId, SpecificRecord trigger, long timestamp) {
        SiteView site = sites.get(siteId);
        if (!SiteViews.isLive(site)) {
            return;
        }
        List<SiteChargerContribution> linked = site.getChargePointIds().stream()
                .map(chargePointId -> chargers.get(siteId + "|" + chargePointId)).toList();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        List<Session> sessions = SiteLoads.sessions(linked, now);
        SitePower power = new SitePower(site.getDetails().getMaxPowerKw() * 1000, generationW(site));
        SiteAllocation last = allocations.get(siteId);
        if (!(trigger instanceof SiteEvent) && !SiteLoads.changed(last, sessions, Math.round(power.generationW()))) {
            return;
        }
        SiteAllocation next = SiteLoads.allocation(Ids.EVENT.next(), site.getOrganisationId(), siteId, power,
                sessions, SiteLoads.drawsW(linked), PowerAllocation.allocate(power, sessions), reason(trigger), now);
        if (last != null && last.getLimits().equals(next.getLimits()) && last.getAvailableW() == next.getAvailableW()) {
            return;
        }
        allocations.put(siteId, next);
        context.forward(new Record<>(siteId, next, timestamp));
        for (SessionLimit limit : SiteLoads.toSend(last, next)) {
            context.forward(new Record<>(limit.getChargePointId(), SiteLoads.call(Ids.EVENT.next(), Ids.CALL.next(),
                    site.getOrganisationId(), limit, now), timestamp));
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

    private static String reason(SpecificRecord trigger) {
        if (trigger instanceof SiteEvent event) {
            return "site " + event.getPayload().getClass().getSimpleName();
        }
        if (trigger == null) {
            return "compliance check";
        }
        return trigger instanceof EnergyAssetReading ? "generation changed" : "sessions changed";
    }
}
