package org.dynamocsms.projection;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;
import org.apache.kafka.streams.KafkaStreams;
import org.dynamocsms.platform.kafka.KafkaClients;

/** Runs the site, charger and maintenance projections for as long as the service runs. */
@Startup
@ApplicationScoped
public class RegistryProjectionStreams {

    public static final String APPLICATION_ID = "csms-registry-projection";

    @Inject
    KafkaClients kafka;

    private KafkaStreams streams;

    @PostConstruct
    void start() {
        streams = kafka.startStreams(APPLICATION_ID, RegistryProjectionTopology.build());
    }

    @PreDestroy
    void stop() {
        KafkaClients.close(streams);
    }
}
