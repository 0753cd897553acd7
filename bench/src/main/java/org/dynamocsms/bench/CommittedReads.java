package org.dynamocsms.bench;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The benchmarks' readers of what the system wrote: raw bytes, committed records only, no group offsets. */
final class CommittedReads {

    private CommittedReads() {
    }

    /** A consumer to assign and seek by hand; {@code tuning}: further consumer settings. */
    static KafkaConsumer<byte[], byte[]> consumer(String kafka, Map<String, Object> tuning) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putAll(tuning);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
