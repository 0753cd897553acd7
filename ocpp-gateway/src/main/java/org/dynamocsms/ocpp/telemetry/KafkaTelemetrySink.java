package org.dynamocsms.ocpp.telemetry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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

    private KafkaProducer<String, ChargerTelemetry> producer;

    @PostConstruct
    void start() {
        producer = kafka.producer(Topics.CHARGER_TELEMETRY);
        // send() blocks while it fetches the topic's metadata, and it is called on the WebSocket's event loop:
        // fetch it now.
        producer.partitionsFor(Topics.CHARGER_TELEMETRY.name());
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
