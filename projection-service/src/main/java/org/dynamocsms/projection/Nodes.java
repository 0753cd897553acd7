package org.dynamocsms.projection;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.dynamocsms.schemas.serde.AvroSerde;
import org.dynamocsms.schemas.topics.Topic;

/** Topology parts the projections share: sources merged into one processor's input, and their stores. */
public final class Nodes {

    private Nodes() {
    }

    /** The records of {@code topic}, typed for merging with other topics into one processor's input. */
    public static KStream<String, SpecificRecord> source(StreamsBuilder builder,
                                                         Topic<String, ? extends SpecificRecord> topic, String name) {
        return records(builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde())
                .withName(name)));
    }

    /** {@code stream} as a stream of records; safe because a stream's values are only ever read downstream. */
    @SuppressWarnings("unchecked")
    public static KStream<String, SpecificRecord> records(KStream<String, ? extends SpecificRecord> stream) {
        return (KStream<String, SpecificRecord>) stream;
    }

    /**
     * A persistent, changelogged store of Avro records by string key, behind the application's record cache, which
     * collapses a key's writes within a commit into one; an application with a cache of 0 bytes (the registry views)
     * has Kafka Streams build every store without one.
     */
    public static <V extends SpecificRecord> StoreBuilder<KeyValueStore<String, V>> store(String name, Class<V> type) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), AvroSerde.of(type))
                .withCachingEnabled();
    }
}
