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
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerRegistered;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.ChargerViews;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Every charger of the registry, folded in memory from the charger events (kept forever) with the registry's own
 * fold, and kept current by a background consumer (as platform's ApiKeyDirectory reads API keys). Lookups wait,
 * bounded, until the topic has been read once to its end, so a gateway that just started never refuses a registered
 * charger. Reading the events rather than a projection's output, the gateway knows a charger as soon as its
 * registration is decided, and does not depend on which generation of the charger projection is live.
 */
@Startup // load the registry (connect to Kafka) before the first charger arrives
@ApplicationScoped
public class ChargerRegistry implements ChargerDirectory {

    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    @Inject
    KafkaClients kafka;

    private final Map<String, ChargerView> byId = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private KafkaConsumer<String, ChargerEvent> consumer;
    private Map<TopicPartition, Long> endAtStart;
    private ConsumerLoop<String, ChargerEvent> loop;

    @PostConstruct
    void start() {
        consumer = kafka.consumer(Topics.CHARGER_EVENTS, null);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHARGER_EVENTS.name()).stream()
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
                throw new IllegalStateException("Chargers not loaded from " + Topics.CHARGER_EVENTS.name()
                        + " in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading chargers", e);
        }
        return Optional.ofNullable(byId.get(chargePointId));
    }

    private void load(ConsumerRecords<String, ChargerEvent> records) {
        for (ConsumerRecord<String, ChargerEvent> record : records) {
            ChargerEvent event = record.value();
            ChargerView held = byId.get(event.getChargePointId());
            // the fold skips an event applied already; one of a charger never registered changes nothing
            if (held != null || event.getPayload() instanceof ChargerRegistered) {
                byId.put(event.getChargePointId(), ChargerViews.apply(held, event));
            }
        }
        if (caughtUp.getCount() > 0 && endAtStart.entrySet().stream()
                .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            caughtUp.countDown();
        }
    }
}
