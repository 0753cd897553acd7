package org.dynamocsms.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real broker: transactions leave markers and aborted records in the offsets, never in the counts. */
class SourceRecordsTest {

    private static final String EVENTS = "events";
    private static final String TELEMETRY = "telemetry";

    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setNumBrokerNodes(1)
                .setNumControllerNodes(1).setCombined(true).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(EVENTS, 2, (short) 1), new NewTopic(TELEMETRY, 1, (short) 1)))
                    .all().get();
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        cluster.close();
    }

    @Test
    void countsWhatAReadCommittedConsumerReads() throws Exception {
        try (KafkaProducer<String, String> transactional = producer(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "writer"));
             KafkaProducer<String, String> plain = producer(Map.of())) {
            transactional.initTransactions();
            for (int transaction = 0; transaction < 5; transaction++) {
                transactional.beginTransaction();
                for (int i = 0; i <= transaction; i++) {
                    transactional.send(new ProducerRecord<>(EVENTS, i % 2, "k", "committed"));
                }
                transactional.commitTransaction();
                transactional.beginTransaction();
                transactional.send(new ProducerRecord<>(EVENTS, 0, "k", "aborted"));
                transactional.send(new ProducerRecord<>(EVENTS, 1, "k", "aborted"));
                transactional.flush();
                transactional.abortTransaction();
            }
            for (int i = 0; i < 7; i++) {
                plain.send(new ProducerRecord<>(TELEMETRY, "k", "plain"));
            }
            plain.flush();
        }
        List<ConsumerRecord<byte[], byte[]>> seen = readCommitted(List.of(EVENTS, TELEMETRY));
        assertThat(seen).hasSize(15 + 7);
        assertThat(seen).noneMatch(r -> new String(r.value()).equals("aborted"));

        List<TopicPartition> partitions = List.of(new TopicPartition(EVENTS, 0), new TopicPartition(EVENTS, 1),
                new TopicPartition(TELEMETRY, 0));
        try (SourceRecords records = SourceRecords.start(rawConsumer(), partitions)) {
            Map<TopicPartition, Long> end = endOffsets(List.of(new TopicPartition(EVENTS, 0),
                    new TopicPartition(EVENTS, 1)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // read to the end: the last offsets of each partition are a marker and the aborted records
            while (!end.entrySet().stream().allMatch(e -> records.noRecordsBetween(e.getKey(), e.getValue() - 1,
                    e.getValue())) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(records.records()).isEqualTo(22);
            assertThat(records.records(EVENTS)).isEqualTo(15);
            assertThat(records.records(TELEMETRY)).isEqualTo(7);
            // the offsets overcount: markers and aborted records
            assertThat(end.values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(15 + 20);
            for (TopicPartition partition : end.keySet()) {
                List<ConsumerRecord<byte[], byte[]>> ofPartition = seen.stream()
                        .filter(r -> r.topic().equals(partition.topic()) && r.partition() == partition.partition())
                        .toList();
                assertThat(records.recordsBelow(partition, end.get(partition))).isEqualTo(ofPartition.size());
                long last = ofPartition.get(ofPartition.size() - 1).offset();
                assertThat(records.noRecordsBetween(partition, last + 1, end.get(partition))).isTrue();
                assertThat(records.noRecordsBetween(partition, last, end.get(partition))).isFalse();
                for (int i = 0; i < ofPartition.size(); i++) {
                    long offset = ofPartition.get(i).offset();
                    assertThat(records.recordsBelow(partition, offset)).isEqualTo(i);
                    assertThat(records.recordsBelow(partition, offset + 1)).isEqualTo(i + 1);
                }
            }
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> more) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.putAll(more);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<byte[], byte[]> rawConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(List<String> topics) {
        List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(t -> consumer.partitionsFor(t)
                    .forEach(p -> partitions.add(new TopicPartition(t, p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
        }
        return seen;
    }

    private static Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((p, info) -> end.put(p, info.offset()));
            return end;
        }
    }
}
