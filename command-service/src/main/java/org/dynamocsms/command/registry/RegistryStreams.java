package org.dynamocsms.command.registry;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import org.apache.kafka.streams.KafkaStreams;
import org.dynamocsms.platform.kafka.KafkaClients;

/** Runs the registry's identity claim and registry processors for as long as the service runs. */
@Startup
@ApplicationScoped
public class RegistryStreams {

    static final String APPLICATION_ID = "csms-registry";

    @Inject
    KafkaClients kafka;

    private KafkaStreams streams;

    @PostConstruct
    void start() {
        streams = kafka.startStreams(APPLICATION_ID, RegistryTopology.build());
    }

    @PreDestroy
    void stop() {
        kafka.close(streams);
    }
}
