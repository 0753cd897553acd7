package org.dynamocsms.projection.site;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.projection.RegistryProjectionTopology;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.asset.EnergyAssetRemoved;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.site.SiteChargerUnlinked;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteSummary;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;
import org.jboss.logging.Logger;

/**
 * Keeps, per site (the record key), the site, the live states of chargers at the site, the latest reading of each
 * of its assets and the summary last published; publishes the summary whenever its figures change, and a tombstone
 * when the site is deleted. Charger states and readings are stored under {@code site_id|id}.
 */
class SiteSummaryProcessor implements Processor<String, SpecificRecord, String, SiteSummary> {

    private static final Logger LOG = Logger.getLogger(SiteSummaryProcessor.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private ProcessorContext<String, SiteSummary> context;
    private KeyValueStore<String, SiteView> sites;
    private KeyValueStore<String, ChargerLiveState> chargers;
    private KeyValueStore<String, EnergyAssetReading> readings;
    private KeyValueStore<String, SiteSummary> summaries;

    @Override
    public void init(ProcessorContext<String, SiteSummary> context) {
        this.context = context;
        this.sites = context.getStateStore(SiteSummaryTopology.SITES);
        this.chargers = context.getStateStore(SiteSummaryTopology.CHARGERS);
        this.readings = context.getStateStore(SiteSummaryTopology.READINGS);
        this.summaries = context.getStateStore(SiteSummaryTopology.SUMMARIES);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String siteId = record.key();
        if (siteId == null) {
            return;
        }
        if (record.value() instanceof SiteEvent event) {
            siteEvent(record, siteId, event);
        } else if (record.value() instanceof EnergyAssetReading reading) {
            reading(record, siteId, reading);
        } else if (record.value() instanceof ChargerLiveState charger) {
            chargerState(record, siteId, charger);
        }
    }

    private void siteEvent(Record<?, ?> record, String siteId, SiteEvent event) {
        SiteView held = sites.get(siteId);
        SiteView site = RegistryProjectionTopology.SITES.fold(siteId, held, event);
        if (site == null || site == held) { // orphan, or applied already (the fold then returns the view it got)
            return;
        }
        sites.put(siteId, site);
        if (event.getPayload() instanceof SiteChargerUnlinked unlinked) {
            chargers.delete(key(siteId, unlinked.getChargePointId()));
        } else if (event.getPayload() instanceof EnergyAssetRemoved removed) {
            readings.delete(key(siteId, removed.getAssetId()));
        }
        if (SiteViews.isLive(site)) {
            publish(record, site);
        } else {
            // the deleted view stays, so that a redelivered event cannot bring the site back
            deleteAll(chargers, siteId);
            deleteAll(readings, siteId);
            summaries.delete(siteId);
            context.forward(record.withKey(siteId).withValue((SiteSummary) null));
        }
    }

    private void reading(Record<?, ?> record, String siteId, EnergyAssetReading reading) {
        SiteView site = sites.get(siteId);
        // the site and asset ids identify the asset; an energy-management system need not know organisation ids
        if (!SiteViews.isLive(site) || !siteId.equals(reading.getSiteId())
                || SiteViews.energyAsset(site, reading.getAssetId()).isEmpty()) {
            LOG.debugf("Ignoring reading %s: site %s has no energy asset %s",
                    reading.getReadingId(), siteId, reading.getAssetId());
            return;
        }
        String key = key(siteId, reading.getAssetId());
        EnergyAssetReading held = readings.get(key);
        if (held == null || !reading.getMeasuredAt().isBefore(held.getMeasuredAt())) {
            readings.put(key, reading);
            publish(record, site);
        }
    }

    /** A charger's state, sent to each site it is at or has just left; kept while not yet linked, not counted. */
    private void chargerState(Record<?, ?> record, String siteId, ChargerLiveState charger) {
        SiteView site = sites.get(siteId);
        if (site != null && !SiteViews.isLive(site)) {
            return;
        }
        String key = key(siteId, charger.getChargePointId());
        if (siteId.equals(charger.getSiteId())) {
            chargers.put(key, charger);
        } else {
            chargers.delete(key);
        }
        if (site != null) {
            publish(record, site);
        }
    }

    private void publish(Record<?, ?> record, SiteView site) {
        String siteId = site.getSiteId();
        SiteSummary summary = SiteSummaries.next(summaries.get(siteId), site,
                chargePointId -> chargers.get(key(siteId, chargePointId)),
                assetId -> readings.get(key(siteId, assetId)),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (summary != null) {
            summaries.put(siteId, summary);
            context.forward(record.withKey(siteId).withValue(summary));
        }
    }

    private static void deleteAll(KeyValueStore<String, ?> store, String siteId) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ?> entries = store.prefixScan(key(siteId, ""), KEYS)) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }

    /** Site ids never contain '|', so {@code site_id|} prefixes exactly one site's entries. */
    private static String key(String siteId, String id) {
        return siteId + "|" + id;
    }
}
