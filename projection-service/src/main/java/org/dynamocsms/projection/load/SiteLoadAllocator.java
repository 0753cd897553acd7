package org.dynamocsms.projection.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.projection.RecentValues;
import org.dynamocsms.projection.site.SiteSummaryTopology;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.load.DefaultProfileSent;
import org.dynamocsms.schemas.load.SessionLimit;
import org.dynamocsms.schemas.load.SiteAllocation;
import org.dynamocsms.schemas.site.SiteChargerContribution;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;

/**
 * Site load management, per site (the record key): after the site summary has taken in a site event, an energy
 * asset reading or a charger's contribution, shares the site's power among the running sessions of its linked
 * chargers again when that changes the sessions or the site ({@link SiteLoads#changed}), and sends the allocation
 * ({@code csms.site.allocations}) and each changed limit as a TxProfile ({@code csms.charger.calls}); every
 * {@link #COMPLIANCE_CHECK_INTERVAL} it looks again at each site for chargers drawing above their limits. A charger
 * that boots gets the site's safe share as its TxDefaultProfile, and every charger gets it again when the share
 * changes. Only the live generation allocates: a rebuild reading the history sends nothing.
 * <p>
 * It works inside the site summary's processor, which hands it each input after its own work and lends it the site
 * and its chargers' contributions as the summary holds them (as objects: a session's start reads every charger of
 * its site), so it forwards through that processor's context.
 */
public final class SiteLoadAllocator {

    /** How often sites are looked at again for chargers drawing above their limits. */
    static final Duration COMPLIANCE_CHECK_INTERVAL = Duration.ofSeconds(10);
    /** How many chargers' TxDefaultProfiles a task keeps as objects. */
    static final int RECENT_DEFAULTS = 20_000;

    private final BooleanSupplier allocates;
    private final ProcessorContext<String, SpecificRecord> context;
    private final Function<String, SiteView> sites;
    private final Function<String, SiteChargerContribution> chargers;
    private final KeyValueStore<String, EnergyAssetReading> readings;
    private final KeyValueStore<String, SiteAllocation> stored;
    private final RecentValues<SiteAllocation> allocations;
    private final RecentValues<DefaultProfileSent> defaults;

    /**
     * Starts allocating in {@code context}'s task (its stores {@value SiteLoadTopology#ALLOCATIONS} and
     * {@value SiteLoadTopology#DEFAULTS}, and the summary's {@value SiteSummaryTopology#READINGS}).
     *
     * @param allocates whether this generation allocates, asked at each change
     * @param sites     the site by id, as the summary holds it
     * @param chargers  a charger's contribution by {@code site_id|charge_point_id}, as the summary holds it
     */
    public SiteLoadAllocator(ProcessorContext<String, SpecificRecord> context, BooleanSupplier allocates,
                             Function<String, SiteView> sites, Function<String, SiteChargerContribution> chargers) {
        this.context = context;
        this.allocates = allocates;
        this.sites = sites;
        this.chargers = chargers;
        this.readings = context.getStateStore(SiteSummaryTopology.READINGS);
        this.stored = context.getStateStore(SiteLoadTopology.ALLOCATIONS);
        this.allocations = new RecentValues<>(stored, 10_000);
        // looked up for every change of every booted charger: kept as objects
        this.defaults = new RecentValues<>(context.getStateStore(SiteLoadTopology.DEFAULTS), RECENT_DEFAULTS);
        context.schedule(COMPLIANCE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::checkCompliance);
    }

    /**
     * Takes a charger's contribution in after the summary has; {@code held}: the one the site held before (null if
     * none).
     */
    public void contribution(Record<String, ? extends SpecificRecord> record, SiteChargerContribution charger,
                             SiteChargerContribution held) {
        if (!allocates.getAsBoolean()) {
            return;
        }
        String siteId = record.key();
        // most changes of a charger are its draw: worth a look at its site only if its sessions or its boot are, or
        // its connectors, whose count (unknown until its first contribution) divides the site's safe share
        boolean sessions = SiteLoads.changedFor(allocations.get(siteId), charger,
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        boolean booted = unanswered(siteId, charger);
        boolean connectors = held == null || held.getConnectors() != charger.getConnectors();
        Site site = sessions || booted || connectors ? site(siteId) : null;
        if (site != null && sessions) {
            allocate(site, charger, record.timestamp());
        }
        if (site != null && (booted || connectors)) {
            offerDefaults(site, connectors ? null : charger.getChargePointId(), record.timestamp());
        }
    }

    /** Takes a site's event or an energy asset's reading in after the summary has. */
    public void process(Record<String, SpecificRecord> record) {
        SpecificRecord input = record.value();
        if (record.key() == null || input instanceof SiteAllocation || !allocates.getAsBoolean()) {
            return;
        }
        String siteId = record.key();
        Site site = site(siteId);
        if (site != null) {
            allocate(site, input, record.timestamp());
            offerDefaults(site, null, record.timestamp()); // the site's change may move every charger's safe share
        }
    }

    /** Whether {@code charger} is online and booted since it got its TxDefaultProfile (or never got one). */
    private boolean unanswered(String siteId, SiteChargerContribution charger) {
        if (charger.getBootedAt() == null || charger.getStatus() == ChargerStatus.offline) {
            return false;
        }
        DefaultProfileSent held = defaults.get(SiteSummaryTopology.key(siteId, charger.getChargePointId()));
        return held == null || !charger.getBootedAt().equals(held.getBootedAt());
    }

    /**
     * Looks again at every site with an allocation: a charger that keeps drawing above its limit sends the same
     * figures and so no change, but the grace it had ends ({@link SiteLoads#COMPLIANCE_GRACE}).
     */
    private void checkCompliance(long now) {
        if (!allocates.getAsBoolean()) {
            return;
        }
        List<String> held = new ArrayList<>();
        try (KeyValueIterator<String, SiteAllocation> all = stored.all()) {
            all.forEachRemaining(entry -> held.add(entry.key));
        }
        for (String siteId : held) {
            Site site = site(siteId);
            if (site != null) {
                allocate(site, null, now);
            }
        }
    }

    /** A live site and the latest contributions of its linked chargers (null for one never seen). */
    private record Site(SiteView view, List<SiteChargerContribution> linked) {
    }

    private Site site(String siteId) {
        SiteView view = sites.apply(siteId);
        if (!SiteViews.isLive(view)) {
            return null;
        }
        return new Site(view, view.getChargePointIds().stream()
                .map(chargePointId -> chargers.apply(SiteSummaryTopology.key(siteId, chargePointId))).toList());
    }

    /** Allocates the site's power again if {@code trigger} (null: the compliance check) changes what matters. */
    private void allocate(Site site, SpecificRecord trigger, long timestamp) {
        String siteId = site.view().getSiteId();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        List<Session> sessions = SiteLoads.sessions(site.linked(), now);
        SitePower power = new SitePower(site.view().getDetails().getMaxPowerKw() * 1000, generationW(site.view()));
        SiteAllocation last = allocations.get(siteId);
        if (!(trigger instanceof SiteEvent) && !SiteLoads.changed(last, sessions, Math.round(power.generationW()))) {
            return;
        }
        String organisationId = site.view().getOrganisationId();
        SiteAllocation next = SiteLoads.allocation(Ids.EVENT.next(), organisationId, siteId, power, sessions,
                SiteLoads.drawsW(site.linked()), PowerAllocation.allocate(power, sessions), reason(trigger), now);
        if (last != null && last.getLimits().equals(next.getLimits()) && last.getAvailableW() == next.getAvailableW()) {
            return;
        }
        allocations.put(siteId, next);
        context.forward(new Record<>(siteId, next, timestamp));
        for (SessionLimit limit : SiteLoads.toSend(last, next)) {
            context.forward(new Record<>(limit.getChargePointId(), SiteLoads.txProfile(Ids.EVENT.next(),
                    Ids.CALL.next(), organisationId, limit, now), timestamp));
        }
    }

    /**
     * Sends the site's safe share ({@link SiteLoads#safeShareW}) as a TxDefaultProfile to each online charger
     * (only {@code chargePointId}, if not null) that booted since it got one, or got another share.
     */
    private void offerDefaults(Site site, String chargePointId, long timestamp) {
        if (site.linked().contains(null)) {
            return; // a linked charger not seen yet: its connectors, and so the safe share, are unknown
        }
        int connectors = site.linked().stream().mapToInt(SiteChargerContribution::getConnectors).sum();
        long share = SiteLoads.safeShareW(site.view().getDetails().getMaxPowerKw() * 1000, connectors);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (SiteChargerContribution charger : site.linked()) {
            if (charger == null || charger.getBootedAt() == null || charger.getStatus() == ChargerStatus.offline
                    || chargePointId != null && !chargePointId.equals(charger.getChargePointId())) {
                continue;
            }
            String key = SiteSummaryTopology.key(site.view().getSiteId(), charger.getChargePointId());
            DefaultProfileSent held = defaults.get(key);
            if (held == null || held.getLimitW() != share || !charger.getBootedAt().equals(held.getBootedAt())) {
                defaults.put(key, new DefaultProfileSent(charger.getBootedAt(), share));
                context.forward(new Record<>(charger.getChargePointId(), SiteLoads.txDefaultProfile(Ids.EVENT.next(),
                        Ids.CALL.next(), site.view().getOrganisationId(), charger.getChargePointId(), share, now),
                        timestamp));
            }
        }
    }

    /** The sum of the latest output of the site's energy assets, in watts. */
    private double generationW(SiteView site) {
        double kw = 0;
        for (EnergyAsset asset : site.getEnergyAssets()) {
            EnergyAssetReading reading = readings.get(SiteSummaryTopology.key(site.getSiteId(), asset.getAssetId()));
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
