package org.dynamocsms.projection.history;

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

/** Runs the chargers' history (status intervals and error episodes) for as long as the service runs. */
@Startup
@ApplicationScoped
public class ChargerHistoryStreams {

    public static final String APPLICATION_ID = "csms-charger-history";

    @Inject
    KafkaClients kafka;

    private KafkaStreams streams;

    @PostConstruct
    void start() {
        streams = kafka.startTelemetryStreams(APPLICATION_ID, ProjectionTopologies.build(Generation.first(Projection.CHARGER_HISTORY), () -> true));
    }

    @PreDestroy
    void stop() {
        KafkaClients.close(streams);
    }
}
