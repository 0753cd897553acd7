package org.dynamocsms.projection.site;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;
import org.apache.kafka.streams.KafkaStreams;
import org.dynamocsms.platform.kafka.KafkaClients;

/** Runs the chargers' live states and the site summaries for as long as the service runs. */
@Startup
@ApplicationScoped
public class SiteSummaryStreams {

    public static final String APPLICATION_ID = "csms-site-summary";

    @Inject
    KafkaClients kafka;

    private KafkaStreams streams;

    @PostConstruct
    void start() {
        streams = kafka.startTelemetryStreams(APPLICATION_ID, SiteSummaryTopology.build(() -> true));
    }

    @PreDestroy
    void stop() {
        KafkaClients.close(streams);
    }
}
