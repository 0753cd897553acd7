package org.dynamocsms.projection.site;

import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.dynamocsms.projection.BufferedValues;
import org.dynamocsms.projection.Nodes;
import org.dynamocsms.projection.charger.ChargerLiveStateTopology;
import org.dynamocsms.projection.load.SiteLoadTopology;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.load.SiteAllocation;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.site.SiteChargerContribution;
import org.dynamocsms.schemas.site.SiteSummary;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/**
 * The live site summaries: site events, energy asset readings, site allocations and what the chargers' live states
 * add to their sites re-keyed by site (see {@link ChargerLiveStateTopology}), all keyed by site id, into
 * {@link SiteSummaryProcessor}, which publishes each site's summary whenever it changes and hands each input on to
 * site load management ({@link SiteLoadTopology}), which writes the allocations the summaries read back.
 */
public final class SiteSummaryTopology {

    /** Site view by site id. */
    public static final String SITES = "site-views";
    /** What a charger at a site contributes to its summary, by {@code site_id|charge_point_id}. */
    public static final String CHARGERS = "site-charger-contributions";
    /** Latest reading of an energy asset, by {@code site_id|asset_id}. */
    public static final String READINGS = "site-asset-readings";
    /** The latest allocation of each site (csms.site.allocations), by site id, for the summary to show. */
    public static final String ALLOCATIONS = "site-allocations";
    /** Summary last published, by site id. */
    public static final String SUMMARIES = "site-summaries";
    /** The summary processor's outputs: {@value #OUTPUTS}summaries, allocations and calls. */
    private static final String OUTPUTS = "site-summary-";

    private SiteSummaryTopology() {
    }

    /**
     * The live states and site summaries as {@code generation} runs them, writing its topics.
     *
     * @param live whether {@code generation} is the live one, asked at each decision: only the live one takes
     *             chargers offline when their gateway is lost ({@link ChargerLiveStateTopology#addTo}), shares
     *             sites' power ({@link SiteLoadTopology}) and hurries its summaries ({@link SiteSummaryProcessor})
     */
    public static Topology build(Generation generation, BooleanSupplier live) {
        Topic<String, SiteSummary> summaries = generation.topic(Topics.SITE_SUMMARY_PROJECTION);
        StreamsBuilder builder = new StreamsBuilder();
        var contributions = ChargerLiveStateTopology.addTo(builder, generation, live);
        builder.addStateStore(Nodes.store(SITES, SiteView.class));
        builder.addStateStore(Nodes.store(CHARGERS, SiteChargerContribution.class));
        builder.addStateStore(Nodes.store(READINGS, EnergyAssetReading.class));
        BufferedValues.stores(SUMMARIES, SiteSummary.class).forEach(builder::addStateStore);
        builder.addStateStore(Nodes.store(ALLOCATIONS, SiteAllocation.class));
        SiteLoadTopology.addStores(builder);
        Map<String, KStream<String, SpecificRecord>> outputs = Nodes.source(builder, Topics.SITE_EVENTS,
                        "site-events-source")
                .merge(Nodes.source(builder, Topics.ENERGY_ASSET_READINGS, "energy-asset-readings-source"),
                        Named.as("site-events-and-readings"))
                .merge(Nodes.source(builder, Topics.SITE_ALLOCATIONS, "site-allocations-source"),
                        Named.as("site-events-readings-and-allocations"))
                .merge(Nodes.records(contributions), Named.as("site-inputs"))
                .process(() -> new SiteSummaryProcessor(live), Named.as("site-summary"), SITES, CHARGERS, READINGS,
                        ALLOCATIONS, SUMMARIES, BufferedValues.marker(SUMMARIES),
                        SiteLoadTopology.ALLOCATIONS, SiteLoadTopology.DEFAULTS)
                .split(Named.as(OUTPUTS))
                // a deleted site's summary is a tombstone
                .branch((site, value) -> value == null || value instanceof SiteSummary, Branched.as("summaries"))
                .branch((site, value) -> value instanceof SiteAllocation, Branched.as("allocations"))
                .defaultBranch(Branched.as("calls"));
        @SuppressWarnings("unchecked")
        KStream<String, SiteSummary> published = (KStream<String, SiteSummary>) (KStream<String, ?>)
                outputs.get(OUTPUTS + "summaries");
        published.to(summaries.name(), Produced.with(summaries.keySerde(), summaries.valueSerde())
                .withName("site-summary-projection-sink"));
        SiteLoadTopology.addSinks(outputs.get(OUTPUTS + "allocations"), outputs.get(OUTPUTS + "calls"));
        return builder.build();
    }

    /**
     * The key of a site's charger or energy asset in the stores by {@code site_id|id}: site ids never contain '|',
     * so {@code site_id|} prefixes exactly one site's entries.
     */
    public static String key(String siteId, String id) {
        return siteId + "|" + id;
    }
}
