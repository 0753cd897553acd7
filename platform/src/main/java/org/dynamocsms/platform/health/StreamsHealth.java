package org.dynamocsms.platform.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.streams.KafkaStreams.State;
import org.dynamocsms.platform.kafka.StreamsReadiness.StreamsApp;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Check "kafka-streams", naming each application with its state. Ready: every application RUNNING, or REBALANCING
 * for less than the grace. Live: none has stopped or failed while the service still runs it (only a restart starts
 * it again); CREATED and REBALANCING are alive, however long, since they wait for the cluster.
 */
final class StreamsHealth {

    static final String NAME = "kafka-streams";

    private static final Set<State> DEAD = Set.of(State.PENDING_SHUTDOWN, State.NOT_RUNNING, State.PENDING_ERROR,
            State.ERROR);

    private StreamsHealth() {
    }

    static HealthCheckResponse readiness(List<StreamsApp> apps, Instant now, Duration rebalancingGrace) {
        return response(apps, app -> app.state() == State.RUNNING || (app.state() == State.REBALANCING
                && Duration.between(app.since(), now).compareTo(rebalancingGrace) < 0));
    }

    static HealthCheckResponse liveness(List<StreamsApp> apps) {
        return response(apps, app -> !DEAD.contains(app.state()));
    }

    private static HealthCheckResponse response(List<StreamsApp> apps, Predicate<StreamsApp> fine) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(apps.stream().allMatch(fine));
        apps.forEach(app -> response.withData(app.applicationId(), app.state() + " since " + app.since()));
        return response.build();
    }
}
