package org.dynamocsms.projection;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;
import org.apache.kafka.streams.KafkaStreams;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;

/** Runs the site, charger and maintenance projections for as long as the service runs. */
@Startup
@ApplicationScoped
public class RegistryProjectionStreams {

    @Inject
    KafkaClients kafka;

    private final List<KafkaStreams> streams = new ArrayList<>();

    @PostConstruct
    void start() {
        for (Projection projection : List.of(Projection.SITES, Projection.CHARGERS, Projection.MAINTENANCE)) {
            Generation first = Generation.first(projection);
            streams.add(kafka.startStreams(first.applicationId(), ProjectionTopologies.build(first, () -> true)));
        }
    }

    @PreDestroy
    void stop() {
        streams.forEach(KafkaClients::close);
    }
}
