package org.dynamocsms.platform.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.schemas.topics.Topic;

/**
 * Reads a whole compacted topic, without a consumer group, and hands every record (key, value or null) to a
 * handler on a background {@link ConsumerLoop}, from the beginning and then as records arrive: every instance of a
 * service keeps its own copy. {@link #awaitCatchUp} waits until the topic has been read once to the end it had at
 * start.
 */
public final class TopicMirror<V> implements AutoCloseable {

    private final String topic;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final KafkaConsumer<String, V> consumer;
    private final Map<TopicPartition, Long> endAtStart;
    private final BiConsumer<String, V> handler;
    private final ConsumerLoop<String, V> loop;

    private TopicMirror(KafkaClients kafka, Topic<String, V> topic, BiConsumer<String, V> handler) {
        this.topic = topic.name();
        this.handler = handler;
        this.consumer = kafka.consumer(topic, null);
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        endAtStart = consumer.endOffsets(partitions);
        loop = ConsumerLoop.start(topic.name() + "-mirror", consumer, this::load);
    }

    /** Starts reading {@code topic}; {@code handler} gets each record's key and value (null for a tombstone). */
    public static <V> TopicMirror<V> start(KafkaClients kafka, Topic<String, V> topic, BiConsumer<String, V> handler) {
        return new TopicMirror<>(kafka, topic, handler);
    }

    /** Waits, up to {@code within}, until the topic has been read to the end it had at start; fails after that. */
    public void awaitCatchUp(Duration within) {
        try {
            if (!caughtUp.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(topic + " not read in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + topic, e);
        }
    }

    @Override
    public void close() {
        loop.close();
    }

    private void load(ConsumerRecords<String, V> records) {
        for (ConsumerRecord<String, V> record : records) {
            handler.accept(record.key(), record.value());
        }
        if (caughtUp.getCount() > 0 && endAtStart.entrySet().stream()
                .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            caughtUp.countDown();
        }
    }
}
