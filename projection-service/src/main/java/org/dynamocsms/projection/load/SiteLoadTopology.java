package org.dynamocsms.projection.load;

import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.dynamocsms.projection.Nodes;
import org.dynamocsms.projection.site.SiteSummaryTopology;
import org.dynamocsms.schemas.load.DefaultProfileSent;
import org.dynamocsms.schemas.load.SiteAllocation;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Site load management's nodes in the site summaries' sub-topology: {@link SiteLoadProcessor} takes the same
 * site-keyed inputs after the summary (whose stores it reads), keeps each site's latest allocation in
 * {@value #ALLOCATIONS} and each charger's default in {@value #DEFAULTS}, and writes allocations to
 * {@code csms.site.allocations} and limits (TxProfiles, TxDefaultProfiles) to {@code csms.charger.calls}.
 */
public final class SiteLoadTopology {

    /** Latest allocation by site id. */
    public static final String ALLOCATIONS = "site-load-allocations";
    /** The TxDefaultProfile last sent each charger, by {@code site_id|charge_point_id}. */
    public static final String DEFAULTS = "site-load-defaults";
    private static final String OUTPUTS = "site-load-";

    private SiteLoadTopology() {
    }

    /**
     * Adds the allocator to {@code builder} as a child of {@code siteInputs}, after the summary's.
     *
     * @param live whether this is the live generation, asked at each change: only the live one allocates
     */
    public static void addTo(StreamsBuilder builder, KStream<String, SpecificRecord> siteInputs, BooleanSupplier live) {
        builder.addStateStore(Nodes.store(ALLOCATIONS, SiteAllocation.class));
        builder.addStateStore(Nodes.store(DEFAULTS, DefaultProfileSent.class));
        Map<String, KStream<String, SpecificRecord>> outputs = siteInputs
                .process(() -> new SiteLoadProcessor(live), Named.as("site-load-allocator"),
                        SiteSummaryTopology.SITES, SiteSummaryTopology.CHARGERS, SiteSummaryTopology.READINGS,
                        ALLOCATIONS, DEFAULTS)
                .split(Named.as(OUTPUTS))
                .branch((site, value) -> value instanceof SiteAllocation, Branched.as("allocations"))
                .defaultBranch(Branched.as("calls"));
        to(outputs.get(OUTPUTS + "allocations"), Topics.SITE_ALLOCATIONS, "site-allocation-sink");
        to(outputs.get(OUTPUTS + "calls"), Topics.CHARGER_CALLS, "site-load-call-sink");
    }

    @SuppressWarnings("unchecked")
    private static <V> void to(KStream<String, SpecificRecord> stream, Topic<String, V> topic, String name) {
        ((KStream<String, V>) (KStream<String, ?>) stream).to(topic.name(),
                Produced.with(topic.keySerde(), topic.valueSerde()).withName(name));
    }
}
