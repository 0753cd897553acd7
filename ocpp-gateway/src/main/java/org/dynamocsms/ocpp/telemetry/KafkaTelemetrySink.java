package org.dynamocsms.ocpp.telemetry;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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

    private KafkaProducer<String, ChargerTelemetry> producer;

    @PostConstruct
    void start() {
        // a call that waited its turn is sent from the producer's own I/O thread (after the previous answer): with
        // the broker away and the buffer full, it fails (InternalError) rather than block the thread that drains it
        producer = kafka.nonBlockingProducer(Topics.CHARGER_TELEMETRY,
                Map.of(ProducerConfig.LINGER_MS_CONFIG, (int) settings.telemetryLinger().toMillis()));
    }

    @PreDestroy
    void stop() {
        producer.close();
    }

    @Override
    public CompletionStage<Void> send(ChargerTelemetry telemetry) {
        return KafkaClients.acknowledged(producer,
                new ProducerRecord<>(Topics.CHARGER_TELEMETRY.name(), telemetry.getChargePointId(), telemetry));
    }
}
