package org.dynamocsms.projection.history;

import org.apache.kafka.streams.Topology;
import org.dynamocsms.projection.BufferedValues;
import org.dynamocsms.projection.Nodes;
import org.dynamocsms.schemas.analytics.ChargerTimelineHead;
import org.dynamocsms.schemas.analytics.TimelinePoint;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/**
 * The charger history: chargers' telemetry (with the disconnects the live states' gateway check decided) and registry
 * events in (both keyed by charge point id), each charger's status intervals and error episodes out, on their
 * compacted projection topics. Built with the Processor API because one processor feeds two sinks of different
 * value types, by name.
 */
public final class ChargerHistoryTopology {

    /** Timeline head by charge point id (before issue 13: "charger-timelines", whole timelines). */
    public static final String HEADS = "charger-timeline-heads";
    /** Timeline facts, by charge point id, time, kind and event id ({@link StoredFacts}). */
    static final String FACTS = "charger-timeline-facts";
    static final String HISTORY = "charger-history";
    static final String INTERVAL_SINK = "charger-interval-projection-sink";
    static final String ERROR_SINK = "charger-error-projection-sink";

    private ChargerHistoryTopology() {
    }

    /** The charger history as {@code generation} runs it, writing its topics. */
    public static Topology build(Generation generation) {
        Topology topology = new Topology();
        topology.addProcessor(HISTORY, ChargerHistoryProcessor::new,
                source(topology, Topics.CHARGER_TELEMETRY, "charger-telemetry-source"),
                source(topology, Topics.CHARGER_EVENTS, "charger-events-source"));
        BufferedValues.stores(HEADS, ChargerTimelineHead.class)
                .forEach(store -> topology.addStateStore(store, HISTORY));
        topology.addStateStore(Nodes.store(FACTS, TimelinePoint.class), HISTORY);
        sink(topology, generation.topic(Topics.CHARGER_INTERVAL_PROJECTION), INTERVAL_SINK);
        sink(topology, generation.topic(Topics.CHARGER_ERROR_PROJECTION), ERROR_SINK);
        return topology;
    }

    private static String source(Topology topology, Topic<String, ?> topic, String name) {
        topology.addSource(name, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
        return name;
    }

    private static void sink(Topology topology, Topic<String, ?> topic, String name) {
        topology.addSink(name, topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), HISTORY);
    }
}
