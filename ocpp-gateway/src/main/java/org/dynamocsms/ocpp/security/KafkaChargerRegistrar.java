package org.dynamocsms.ocpp.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.charger.ChargerCommand;
import org.dynamocsms.schemas.charger.RegisterCharger;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Sends registrations to {@code csms.charger.registrations} keyed by charge point id, where the registry's identity
 * claim decides them exactly as it decides the API's.
 */
@Startup // its producer waits for metadata when created: not while a charger waits for an answer
@ApplicationScoped
public class KafkaChargerRegistrar implements ChargerRegistrar {

    @Inject
    KafkaClients kafka;

    private KafkaProducer<String, ChargerCommand> producer;

    @PostConstruct
    void start() {
        producer = kafka.nonBlockingProducer(Topics.CHARGER_REGISTRATIONS, Map.of());
    }

    @PreDestroy
    void stop() {
        producer.close();
    }

    @Override
    public CompletionStage<Void> register(Charger charger, RegisterCharger registration) {
        ChargerCommand command = ChargerCommand.newBuilder()
                .setCommandId(Ids.COMMAND.next())
                .setOrganisationId(charger.organisationId())
                .setChargePointId(charger.chargePointId())
                .setIssuedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setPayload(registration)
                .build();
        return KafkaClients.acknowledged(producer,
                new ProducerRecord<>(Topics.CHARGER_REGISTRATIONS.name(), charger.chargePointId(), command));
    }
}
