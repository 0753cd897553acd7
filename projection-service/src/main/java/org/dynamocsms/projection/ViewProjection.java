package org.dynamocsms.projection;

import java.util.function.BiFunction;
import java.util.function.Predicate;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.topics.Topic;
import org.jboss.logging.Logger;

/**
 * Folds an aggregate's events (keyed by aggregate id) into its latest view and publishes every view, keyed the same
 * way, on a compacted projection topic. Replaying the events, or receiving one twice, yields the same views, as
 * long as {@code fold} ignores events it has applied already (the schemas' folds do).
 *
 * @param name      the aggregate's name, prefixing the nodes ({@code site} gives {@code site-events-source}...)
 * @param events    the event topic, keyed by aggregate id
 * @param views     the projection topic (of generation 1)
 * @param store     the store holding the latest view of each aggregate
 * @param fold      the one fold of the aggregate's events; null before the first event
 * @param creates   true for the event that brings an aggregate into being
 */
public record ViewProjection<E, V>(String name, Topic<String, E> events, Topic<String, V> views, String store,
                                   BiFunction<V, E, V> fold, Predicate<E> creates) {

    private static final Logger LOG = Logger.getLogger(ViewProjection.class);

    /**
     * {@link #fold}, except that an event of an aggregate that was never created gives null instead of failing:
     * only the registry processor writes events, so this means a damaged topic; skip it, don't stop the projection.
     */
    public V fold(String id, V view, E event) {
        if (view == null && !creates.test(event)) {
            LOG.warnf("Skipping an event of %s %s: it has no creating event", name, id);
            return null;
        }
        return fold.apply(view, event);
    }

    /** The projection as {@code generation} runs it: its own application, writing {@code generation}'s topic. */
    public Topology build(Generation generation) {
        Topic<String, V> output = generation.topic(views);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(events.name(), Consumed.with(events.keySerde(), events.valueSerde())
                        .withName(name + "-events-source"))
                .groupByKey(Grouped.with(name + "-events-by-id", events.keySerde(), events.valueSerde()))
                .aggregate(() -> null, (id, event, view) -> fold(id, view, event), Named.as(name + "-views-fold"),
                        Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(store)
                                .withKeySerde(views.keySerde())
                                .withValueSerde(views.valueSerde()))
                .toStream(Named.as(name + "-views-changes"))
                // an orphan event leaves no view; never publish a tombstone for it
                .filter((id, view) -> view != null, Named.as(name + "-views-present"))
                .to(output.name(), Produced.with(output.keySerde(), output.valueSerde())
                        .withName(name + "-projection-sink"));
        return builder.build();
    }
}
