package org.dynamocsms.schemas.topics;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic of the system: its name, the serdes of its keys and values, and the topic configuration it is
 * created with. Every service reaches topics through {@link Topics}; no other code spells a topic name.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> config) {

    /** The same kind of topic under another name (a projection's output in a later generation). */
    public Topic<K, V> named(String otherName) {
        return new Topic<>(otherName, keySerde, valueSerde, config);
    }

    /** The topic to create, configured with {@code sharedConfig} overridden by its own configuration. */
    public NewTopic newTopic(int partitions, short replicationFactor, Map<String, String> sharedConfig) {
        Map<String, String> configs = new HashMap<>(sharedConfig);
        configs.putAll(config);
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
