package org.dynamocsms.platform.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.platform.kafka.ConsumerLoop;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Every API key of every organisation, read from the compacted {@code csms.api-keys} topic into memory and kept
 * current by a background consumer. Lookups wait (bounded) until the topic has been read once to its end, so a
 * service that just started never rejects a valid key.
 */
@ApplicationScoped
public class ApiKeyDirectory {

    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    @Inject
    KafkaClients kafka;

    private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private KafkaConsumer<String, ApiKey> consumer;
    private Map<TopicPartition, Long> endAtStart;
    private ConsumerLoop<String, ApiKey> loop;

    @PostConstruct
    void start() {
        consumer = kafka.consumer(Topics.API_KEYS, null);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.API_KEYS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        endAtStart = consumer.endOffsets(partitions);
        loop = ConsumerLoop.start("api-key-directory", consumer, this::load);
    }

    @PreDestroy
    void stop() {
        loop.close();
    }

    /** The live (not revoked) key record for {@code bearerKey}, if any. */
    public Optional<ApiKey> find(String bearerKey) {
        awaitCatchUp();
        ApiKey key = byHash.get(ApiKeys.hash(bearerKey));
        return key == null || key.getRevokedAt() != null ? Optional.empty() : Optional.of(key);
    }

    /** Publishes {@code key} and returns once this directory knows it. */
    public void register(ApiKey key) {
        try (KafkaProducer<String, ApiKey> producer = kafka.producer(Topics.API_KEYS)) {
            producer.send(new ProducerRecord<>(Topics.API_KEYS.name(), key.getKeyHash(), key)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register API key " + key.getName(), e);
        }
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (!byHash.containsKey(key.getKeyHash()) && System.nanoTime() < deadline) {
            sleep(10);
        }
    }

    /** True once any key exists; the standalone creates a first key when there is none. */
    public boolean isEmpty() {
        awaitCatchUp();
        return byHash.isEmpty();
    }

    private void awaitCatchUp() {
        try {
            if (!caughtUp.await(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("API keys not loaded from " + Topics.API_KEYS.name() + " in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading API keys", e);
        }
    }

    private void load(ConsumerRecords<String, ApiKey> records) {
        for (ConsumerRecord<String, ApiKey> record : records) {
            if (record.value() == null) {
                byHash.remove(record.key());
            } else {
                byHash.put(record.key(), record.value());
            }
        }
        if (caughtUp.getCount() > 0 && endAtStart.entrySet().stream()
                .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            caughtUp.countDown();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
