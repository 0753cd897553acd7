package org.dynamocsms.platform.health;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.dynamocsms.platform.kafka.ConsumerLoop;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Liveness and readiness "consumer-loops": no {@link ConsumerLoop} of the service (the API keys, the read store's
 * ingestors, the command replies, ...) has stopped while the service still needs it. A loop survives every fault it
 * can retry, so one that stopped stays stopped until a restart.
 */
@Liveness
@Readiness
@ApplicationScoped
public class ConsumerLoopsCheck implements HealthCheck {

    static final String NAME = "consumer-loops";

    @Override
    public HealthCheckResponse call() {
        return response(ConsumerLoop.stopped());
    }

    static HealthCheckResponse response(List<String> stopped) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(stopped.isEmpty());
        stopped.forEach(loop -> response.withData(loop, "stopped"));
        return response.build();
    }
}
