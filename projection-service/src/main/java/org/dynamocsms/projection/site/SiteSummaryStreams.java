package org.dynamocsms.projection.site;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;
import org.apache.kafka.streams.KafkaStreams;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.projection.ProjectionTopologies;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;

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
        streams = kafka.startTelemetryStreams(APPLICATION_ID, ProjectionTopologies.build(Generation.first(Projection.LIVE_STATES), () -> true));
    }

    @PreDestroy
    void stop() {
        KafkaClients.close(streams);
    }
}
