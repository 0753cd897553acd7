package org.dynamocsms.platform.health;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.dynamocsms.platform.kafka.StreamsReadiness;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** The readiness and liveness of the service's Kafka Streams applications ({@link StreamsHealth}). */
@ApplicationScoped
public class StreamsChecks {

    @Inject
    StreamsReadiness streams;

    @Inject
    HealthSettings settings;

    @Produces
    @Readiness
    HealthCheck readiness() {
        return () -> StreamsHealth.readiness(streams.apps(), Instant.now(), settings.rebalancingGrace());
    }

    @Produces
    @Liveness
    HealthCheck liveness() {
        return () -> StreamsHealth.liveness(streams.apps());
    }
}
