package org.dynamocsms.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KafkaStreams.State;
import org.dynamocsms.platform.kafka.StreamsReadiness.StreamsApp;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(60);

    @Test
    void readyWhenEveryApplicationRunsOrRebalancesWithinTheGrace() {
        HealthCheckResponse ready = StreamsHealth.readiness(List.of(
                app("csms-registry", State.RUNNING, 3_600),
                app("csms-site-summary", State.REBALANCING, 59)), NOW, GRACE);

        assertThat(ready.getName()).isEqualTo("kafka-streams");
        assertThat(ready.getStatus()).isEqualTo(Status.UP);
        assertThat(ready.getData()).hasValueSatisfying(data -> assertThat(data).isEqualTo(Map.of(
                "csms-registry", "RUNNING since 2026-12-05T11:00:00Z",
                "csms-site-summary", "REBALANCING since 2026-12-05T11:59:01Z")));
    }

    @Test
    void notReadyWhenOneRebalancesLongerThanTheGraceAndNamesIt() {
        HealthCheckResponse ready = StreamsHealth.readiness(List.of(
                app("csms-registry", State.RUNNING, 3_600),
                app("csms-site-summary", State.REBALANCING, 60)), NOW, GRACE);

        assertThat(ready.getStatus()).isEqualTo(Status.DOWN);
        assertThat(ready.getData().orElseThrow()).containsEntry("csms-site-summary",
                "REBALANCING since 2026-12-05T11:59:00Z");
    }

    @Test
    void notReadyButAliveWhileStarting() {
        List<StreamsApp> apps = List.of(app("csms-registry", State.CREATED, 1));

        assertThat(StreamsHealth.readiness(apps, NOW, GRACE).getStatus()).isEqualTo(Status.DOWN);
        assertThat(StreamsHealth.liveness(apps).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aliveWhileRebalancingHoweverLong() {
        assertThat(StreamsHealth.liveness(List.of(app("csms-registry", State.REBALANCING, 86_400))).getStatus())
                .isEqualTo(Status.UP);
    }

    @Test
    void neitherReadyNorAliveOnceAnApplicationTheServiceRunsHasStoppedOrFailed() {
        for (State state : List.of(State.PENDING_SHUTDOWN, State.NOT_RUNNING, State.PENDING_ERROR, State.ERROR)) {
            List<StreamsApp> apps = List.of(app("csms-registry", State.RUNNING, 10), app("csms-fleet", state, 1));

            assertThat(StreamsHealth.liveness(apps).getStatus()).as("live with one %s", state).isEqualTo(Status.DOWN);
            assertThat(StreamsHealth.readiness(apps, NOW, GRACE).getStatus()).as("ready with one %s", state)
                    .isEqualTo(Status.DOWN);
            assertThat(StreamsHealth.liveness(apps).getData().orElseThrow()).containsKey("csms-fleet");
        }
    }

    @Test
    void readyAndAliveWithoutApplications() {
        assertThat(StreamsHealth.readiness(List.of(), NOW, GRACE).getStatus()).isEqualTo(Status.UP);
        assertThat(StreamsHealth.liveness(List.of()).getStatus()).isEqualTo(Status.UP);
    }

    private static StreamsApp app(String applicationId, State state, long secondsAgo) {
        return new StreamsApp(applicationId, state, NOW.minusSeconds(secondsAgo));
    }
}
