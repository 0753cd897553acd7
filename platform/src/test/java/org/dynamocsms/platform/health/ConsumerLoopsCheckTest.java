package org.dynamocsms.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

class ConsumerLoopsCheckTest {

    @Test
    void upWhileNoLoopHasStopped() {
        HealthCheckResponse response = ConsumerLoopsCheck.response(List.of());

        assertThat(response.getName()).isEqualTo("consumer-loops");
        assertThat(response.getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void downNamingEachStoppedLoop() {
        HealthCheckResponse response = ConsumerLoopsCheck.response(List.of("api-keys", "csms.projection.sites-ingestor"));

        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(response.getData()).hasValue(Map.of("api-keys", "stopped",
                "csms.projection.sites-ingestor", "stopped"));
    }
}
