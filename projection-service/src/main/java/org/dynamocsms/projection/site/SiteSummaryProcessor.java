package org.dynamocsms.projection.site;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.projection.BufferedValues;
import org.dynamocsms.projection.RecentValues;
import org.dynamocsms.projection.RegistryViews;
import org.dynamocsms.projection.load.SiteLoadAllocator;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.load.SiteAllocation;
import org.dynamocsms.schemas.asset.EnergyAssetRemoved;
import org.dynamocsms.schemas.site.SiteChargerContribution;
import org.dynamocsms.schemas.site.SiteChargerUnlinked;
import org.dynamocsms.schemas.site.SiteEnergyAssetOutput;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteSummary;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;
import org.jboss.logging.Logger;

/**
 * Keeps, per site (the record key), the site, what each charger at the site contributes to its summary, the latest
 * reading of each of its assets and its latest summary; publishes the summary whenever its figures change (a site's
 * changes within one commit as one record, {@link BufferedValues}; while serving, a change of its power alone at most
 * once per {@link #POWER_INTERVAL}, {@link SummaryPublications}), and a tombstone when the site is deleted.
 * Contributions and readings are stored under {@code site_id|id}.
 * A site event counts the figures of its chargers afresh (see {@link SiteChargerFigures}); a charger's contribution
 * adjusts those of the site's latest summary by its change, so its cost does not grow with the site. After its own
 * work it hands each input to site load management ({@link SiteLoadAllocator}), lending it the site and the
 * contributions as the objects it holds; the allocations and calls that forwards leave through this processor too.
 */
class SiteSummaryProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    /** How many sites' views and summaries a task keeps as objects: each charger's change reads both. */
    static final int RECENT_SITES = 10_000;
    /** How many chargers' contributions a task keeps as objects: a session's start reads every charger of its site. */
    static final int RECENT_CHARGERS = 20_000;
    /** How long a site's change of power alone may wait to be published, counted from its last publication. */
    static final Duration POWER_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(SiteSummaryProcessor.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private final BooleanSupplier serving;
    private ProcessorContext<String, SpecificRecord> context;
    private RecentValues<SiteView> sites;
    /** The contributions, also read by site load management: their store, written only through {@link #chargers}. */
    private KeyValueStore<String, SiteChargerContribution> storedChargers;
    private RecentValues<SiteChargerContribution> chargers;
    private KeyValueStore<String, EnergyAssetReading> readings;
    private KeyValueStore<String, SiteAllocation> allocations;
    private BufferedValues<SiteSummary> summaries;
    private final SummaryPublications publications = new SummaryPublications(POWER_INTERVAL.toMillis());
    /** Whether this task has yet to publish every summary it holds once (see {@link #publishWaiting}). */
    private boolean justStarted = true;
    private SiteLoadAllocator load;
    /** Half the commit interval: the least time between two commits this processor asks for. */
    private long commitSpacingMs;
    private long commitAskedAt = Long.MIN_VALUE / 2;

    /** @param serving whether the summaries are being served (not rebuilt), asked at each change */
    SiteSummaryProcessor(BooleanSupplier serving) {
        this.serving = serving;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.commitSpacingMs = Long.parseLong(String.valueOf(context.appConfigs()
                .get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))) / 2;
        this.sites = new RecentValues<>(context.getStateStore(SiteSummaryTopology.SITES), RECENT_SITES);
        this.storedChargers = context.getStateStore(SiteSummaryTopology.CHARGERS);
        this.chargers = new RecentValues<>(storedChargers, RECENT_CHARGERS);
        this.readings = context.getStateStore(SiteSummaryTopology.READINGS);
        this.allocations = context.getStateStore(SiteSummaryTopology.ALLOCATIONS);
        this.summaries = BufferedValues.written(context, SiteSummaryTopology.SUMMARIES, RECENT_SITES,
                this::written);
        context.schedule(POWER_INTERVAL.dividedBy(4), PunctuationType.WALL_CLOCK_TIME, this::publishWaiting);
        this.load = new SiteLoadAllocator(context, serving, sites::get, chargers::get);
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
        } else if (record.value() instanceof SiteChargerContribution charger) {
            load.contribution(record, charger, charger(record, siteId, charger));
            return;
        } else if (record.value() instanceof SiteAllocation allocation) {
            allocated(record, siteId, allocation);
        }
        load.process(record);
    }

    private void siteEvent(Record<?, ?> record, String siteId, SiteEvent event) {
        SiteView held = sites.get(siteId);
        SiteView site = RegistryViews.SITES.fold(siteId, held, event);
        if (site == null || site == held) { // orphan, or applied already (the fold then returns the view it got)
            return;
        }
        sites.put(siteId, site);
        if (event.getPayload() instanceof SiteChargerUnlinked unlinked) {
            chargers.delete(SiteSummaryTopology.key(siteId, unlinked.getChargePointId()));
        } else if (event.getPayload() instanceof EnergyAssetRemoved removed) {
            readings.delete(SiteSummaryTopology.key(siteId, removed.getAssetId()));
        }
        if (SiteViews.isLive(site)) {
            SiteSummary previous = summaries.get(siteId);
            publish(record, site, previous, counted(site), outputs(site), load(siteId, previous), false);
        } else {
            // the deleted view stays, so that a redelivered event cannot bring the site back
            keysOf(storedChargers, siteId).forEach(chargers::delete);
            keysOf(readings, siteId).forEach(readings::delete);
            allocations.delete(siteId);
            publications.changed(siteId, false);
            summaries.put(record, siteId, null);
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
        String key = SiteSummaryTopology.key(siteId, reading.getAssetId());
        EnergyAssetReading held = readings.get(key);
        if (held == null || !reading.getMeasuredAt().isBefore(held.getMeasuredAt())) {
            readings.put(key, reading);
            SiteSummary previous = summaries.get(siteId);
            publish(record, site, previous, previous != null ? SiteChargerFigures.of(previous) : counted(site),
                    outputs(site), load(siteId, previous), false);
        }
    }

    /**
     * A charger's contribution, sent to each site it is at or has just left; kept while not yet linked, not
     * counted. Returns the contribution the site held before.
     */
    private SiteChargerContribution charger(Record<?, ?> record, String siteId, SiteChargerContribution charger) {
        SiteView site = sites.get(siteId);
        if (site != null && !SiteViews.isLive(site)) {
            return null;
        }
        String key = SiteSummaryTopology.key(siteId, charger.getChargePointId());
        SiteChargerContribution held = chargers.get(key);
        SiteChargerContribution next = siteId.equals(charger.getSiteId()) ? charger : null;
        if (next != null) {
            chargers.put(key, next);
        } else if (held != null) {
            chargers.delete(key);
        }
        if (site == null || !site.getChargePointIds().contains(charger.getChargePointId())) {
            return held;
        }
        SiteSummary previous = summaries.get(siteId);
        if (previous != null) {
            SiteChargerFigures before = SiteChargerFigures.of(previous);
            SiteChargerFigures after = before.replaced(held, next);
            publish(record, site, previous, after, previous.getEnergyAssets(),
                    SiteLoadFigures.of(previous).drawing(charger), after.equalsApartFromPower(before));
        } else {
            publish(record, site, null, counted(site), outputs(site), load(siteId, null), false);
        }
        return held;
    }

    /** The site's latest allocation, shown with what each of its chargers draws now. */
    private void allocated(Record<?, ?> record, String siteId, SiteAllocation allocation) {
        SiteView site = sites.get(siteId);
        SiteAllocation held = allocations.get(siteId);
        if (site != null && !SiteViews.isLive(site)
                || held != null && held.getOccurredAt().isAfter(allocation.getOccurredAt())) {
            return;
        }
        allocations.put(siteId, allocation);
        if (site == null) {
            return; // a rebuild may read a site's allocation before its creation, which then shows it
        }
        SiteSummary previous = summaries.get(siteId);
        publish(record, site, previous, previous != null ? SiteChargerFigures.of(previous) : counted(site),
                previous != null ? previous.getEnergyAssets() : outputs(site), SiteLoadFigures.of(allocation,
                        chargePointId -> chargers.get(SiteSummaryTopology.key(siteId, chargePointId))), false);
    }

    /**
     * What the summary shows of site load management: what {@code previous} showed, or before the site's first
     * summary its allocation if one came first.
     */
    private SiteLoadFigures load(String siteId, SiteSummary previous) {
        if (previous != null) {
            return SiteLoadFigures.of(previous);
        }
        SiteAllocation held = allocations.get(siteId);
        return held == null ? SiteLoadFigures.NONE
                : SiteLoadFigures.of(held, chargePointId -> chargers.get(SiteSummaryTopology.key(siteId, chargePointId)));
    }

    private SiteChargerFigures counted(SiteView site) {
        return SiteChargerFigures.counted(site.getChargePointIds(),
                chargePointId -> chargers.get(SiteSummaryTopology.key(site.getSiteId(), chargePointId)));
    }

    private List<SiteEnergyAssetOutput> outputs(SiteView site) {
        return SiteSummaries.outputs(site.getEnergyAssets(), assetId -> readings.get(SiteSummaryTopology.key(site.getSiteId(), assetId)));
    }

    /**
     * Holds the site's next summary, if its figures changed; {@code powerOnly}: if so, then in power alone (what its
     * chargers draw), which while serving need not be published at once.
     */
    private void publish(Record<?, ?> record, SiteView site, SiteSummary previous, SiteChargerFigures chargerFigures,
                         List<SiteEnergyAssetOutput> assets, SiteLoadFigures load, boolean powerOnly) {
        SiteSummary summary = SiteSummaries.next(previous, site, chargerFigures, assets, load,
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (summary != null) {
            boolean waits = powerOnly && serving.getAsBoolean();
            publications.changed(site.getSiteId(), waits);
            summaries.put(record, site.getSiteId(), summary);
            if (!waits) {
                askForCommit();
            }
        }
    }

    /** A summary written to the store: published now, or once its site's power interval has passed. */
    private void written(Record<String, SiteSummary> summary) {
        if (publications.publishesNow(summary.key(), context.currentSystemTimeMs())) {
            context.forward(summary);
        }
    }

    /**
     * Publishes the summaries whose power interval has passed. The first time in a task, while serving, publishes
     * every summary the task holds instead: a summary that waited when the task last stopped is published so.
     */
    private void publishWaiting(long now) {
        summaries.flush();
        boolean everything = justStarted && serving.getAsBoolean();
        justStarted = false;
        if (everything) {
            publishAll(now);
        } else {
            publications.due(now).forEach(siteId -> context.forward(new Record<>(siteId, summaries.get(siteId), now)));
        }
    }

    private void publishAll(long now) {
        KeyValueStore<String, SiteSummary> stored = context.getStateStore(SiteSummaryTopology.SUMMARIES);
        try (KeyValueIterator<String, SiteSummary> all = stored.all()) {
            all.forEachRemaining(entry -> {
                publications.published(entry.key, now);
                context.forward(new Record<>(entry.key, entry.value, now));
            });
        }
    }

    /**
     * The live states a commit published reach this processor through the repartition topic only after that commit,
     * so the summaries they change would wait a whole further commit interval: while serving, asks Kafka Streams to
     * commit now instead, at most once per half interval (which bounds the extra transactions to about one per
     * interval).
     */
    private void askForCommit() {
        long now = context.currentSystemTimeMs();
        if (now - commitAskedAt >= commitSpacingMs && serving.getAsBoolean()) {
            commitAskedAt = now;
            context.commit();
        }
    }

    /** The keys of {@code store}'s entries of site {@code siteId}. */
    private static List<String> keysOf(KeyValueStore<String, ?> store, String siteId) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ?> entries = store.prefixScan(SiteSummaryTopology.key(siteId, ""), KEYS)) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

}
