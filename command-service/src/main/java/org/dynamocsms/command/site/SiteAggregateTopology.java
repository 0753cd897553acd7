package org.dynamocsms.command.site;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.dynamocsms.schemas.serde.AvroSerde;
import org.dynamocsms.schemas.site.SiteAggregate;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Site commands in, site events and command results out, decided by {@link SiteAggregateProcessor} against the
 * state in store {@value #STORE}. Commands are keyed by site id, so one task owns each site: a single writer.
 */
public final class SiteAggregateTopology {

    public static final String STORE = "site-aggregates";
    static final String SOURCE = "site-commands";
    static final String PROCESSOR = "site-decider";
    static final String EVENTS_SINK = "site-events";
    static final String RESULTS_SINK = "command-results";

    private SiteAggregateTopology() {
    }

    public static Topology build() {
        Topology topology = new Topology();
        topology.addSource(SOURCE, Topics.SITE_COMMANDS.keySerde().deserializer(),
                Topics.SITE_COMMANDS.valueSerde().deserializer(), Topics.SITE_COMMANDS.name());
        topology.addProcessor(PROCESSOR, SiteAggregateProcessor::new, SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.String(), AvroSerde.of(SiteAggregate.class)), PROCESSOR);
        topology.addSink(EVENTS_SINK, Topics.SITE_EVENTS.name(), Topics.SITE_EVENTS.keySerde().serializer(),
                Topics.SITE_EVENTS.valueSerde().serializer(), PROCESSOR);
        topology.addSink(RESULTS_SINK, Topics.COMMAND_RESULTS.name(), Topics.COMMAND_RESULTS.keySerde().serializer(),
                Topics.COMMAND_RESULTS.valueSerde().serializer(), PROCESSOR);
        return topology;
    }
}
