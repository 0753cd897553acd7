package org.dynamocsms.ocpp.security;

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

import io.quarkus.runtime.Startup;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.platform.kafka.ConsumerLoop;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Every charger of the registry, read from the compacted {@code csms.projection.chargers} topic into memory and
 * kept current by a background consumer (as platform's ApiKeyDirectory reads API keys). Lookups wait, bounded,
 * until the topic has been read once to its end, so a gateway that just started never refuses a registered
 * charger. A charger registered a moment ago is known once the registry projection has published it.
 */
@Startup // load the registry (connect to Kafka) before the first charger arrives
@ApplicationScoped
public class ChargerRegistry implements ChargerDirectory {

    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    @Inject
    KafkaClients kafka;

    private final Map<String, ChargerView> byId = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private KafkaConsumer<String, ChargerView> consumer;
    private Map<TopicPartition, Long> endAtStart;
    private ConsumerLoop<String, ChargerView> loop;

    @PostConstruct
    void start() {
        consumer = kafka.consumer(Topics.CHARGER_PROJECTION, null);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHARGER_PROJECTION.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        endAtStart = consumer.endOffsets(partitions);
        loop = ConsumerLoop.start("ocpp-charger-registry", consumer, this::load);
    }

    @PreDestroy
    void stop() {
        loop.close();
    }

    @Override
    public Optional<ChargerView> find(String chargePointId) {
        try {
            if (!caughtUp.await(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Chargers not loaded from " + Topics.CHARGER_PROJECTION.name()
                        + " in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading chargers", e);
        }
        return Optional.ofNullable(byId.get(chargePointId));
    }

    private void load(ConsumerRecords<String, ChargerView> records) {
        for (ConsumerRecord<String, ChargerView> record : records) {
            if (record.value() == null) {
                byId.remove(record.key());
            } else {
                // the read side's rule: a lower version never replaces a higher one
                byId.merge(record.key(), record.value(),
                        (held, next) -> next.getVersion() >= held.getVersion() ? next : held);
            }
        }
        if (caughtUp.getCount() > 0 && endAtStart.entrySet().stream()
                .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            caughtUp.countDown();
        }
    }
}
