package org.dynamocsms.ocpp.telemetry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.dynamocsms.ocpp.connection.GatewaySettings;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Sends telemetry to {@code csms.charger.telemetry} keyed by charge point id, with the platform's producer
 * (acks=all, idempotent): a charger's records keep their order, and the returned stage completes only once the
 * in-sync replicas have the record.
 */
@Startup // connect to Kafka before the first charger arrives
@ApplicationScoped
public class KafkaTelemetrySink implements TelemetrySink {

    @Inject
    KafkaClients kafka;

    @Inject
    GatewaySettings settings;

    private static final Duration MAX_BLOCK = Duration.ofMillis(100);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(60);

    private KafkaProducer<String, ChargerTelemetry> producer;

    @PostConstruct
    void start() {
        producer = kafka.producer(Topics.CHARGER_TELEMETRY, Map.of(
                ProducerConfig.LINGER_MS_CONFIG, (int) settings.telemetryLinger().toMillis(),
                // send() runs on a WebSocket event loop: with the broker away and the buffer full, fail the call
                // (InternalError) rather than stall every connection of that loop
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis()));
        awaitMetadata();
    }

    /** send() would block while it fetches the topic's metadata: fetch it now, before chargers connect. */
    private void awaitMetadata() {
        long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        while (true) {
            try {
                producer.partitionsFor(Topics.CHARGER_TELEMETRY.name());
                return;
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        producer.close();
    }

    @Override
    public CompletionStage<Void> send(ChargerTelemetry telemetry) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(Topics.CHARGER_TELEMETRY.name(), telemetry.getChargePointId(), telemetry),
                    (metadata, failure) -> {
                        if (failure == null) {
                            acknowledged.complete(null);
                        } else {
                            acknowledged.completeExceptionally(failure);
                        }
                    });
        } catch (RuntimeException e) { // a full buffer or a closed producer fails here, not in the callback
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }
}
