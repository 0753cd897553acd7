package org.dynamocsms.projection.load;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.dynamocsms.projection.Nodes;
import org.dynamocsms.schemas.load.DefaultProfileSent;
import org.dynamocsms.schemas.load.SiteAllocation;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Site load management's stores and outputs in the site summaries' sub-topology: {@link SiteLoadAllocator} works
 * inside the summary's processor, keeps each site's latest allocation in {@value #ALLOCATIONS} and each charger's
 * default in {@value #DEFAULTS}, and writes allocations to {@code csms.site.allocations} and limits (TxProfiles,
 * TxDefaultProfiles) to {@code csms.charger.calls}.
 */
public final class SiteLoadTopology {

    /** Latest allocation by site id. */
    public static final String ALLOCATIONS = "site-load-allocations";
    /** The TxDefaultProfile last sent each charger, by {@code site_id|charge_point_id}. */
    public static final String DEFAULTS = "site-load-defaults";

    private SiteLoadTopology() {
    }

    /** Adds the allocator's stores, {@value #ALLOCATIONS} and {@value #DEFAULTS}, to {@code builder}. */
    public static void addStores(StreamsBuilder builder) {
        builder.addStateStore(Nodes.store(ALLOCATIONS, SiteAllocation.class));
        builder.addStateStore(Nodes.store(DEFAULTS, DefaultProfileSent.class));
    }

    /** Sends what the allocator forwards ({@code allocations}: SiteAllocation; {@code calls}: the rest) to its topics. */
    public static void addSinks(KStream<String, SpecificRecord> allocations, KStream<String, SpecificRecord> calls) {
        to(allocations, Topics.SITE_ALLOCATIONS, "site-allocation-sink");
        to(calls, Topics.CHARGER_CALLS, "site-load-call-sink");
    }

    @SuppressWarnings("unchecked")
    private static <V> void to(KStream<String, SpecificRecord> stream, Topic<String, V> topic, String name) {
        ((KStream<String, V>) (KStream<String, ?>) stream).to(topic.name(),
                Produced.with(topic.keySerde(), topic.valueSerde()).withName(name));
    }
}
