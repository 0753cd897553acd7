package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OcppBenchConfigTest {

    private static final Map<String, String> ENV = Map.of("CSMS_API_KEY", "csk_env");

    @Test
    void defaultsAreTheIssuesTargets() {
        OcppBenchConfig config = OcppBenchConfig.parse(new String[0], ENV);
        assertThat(config.chargers()).isEqualTo(10_000);
        assertThat(config.callsPerSecond()).isEqualTo(5_000);
        assertThat(config.gatewayPid()).isZero();
    }

    @Test
    void argumentsOverrideDefaultsAndBadOnesAreRefused() {
        OcppBenchConfig config = OcppBenchConfig.parse(new String[] {"--chargers=100", "--calls-per-second=50",
                "--gateway-pid=4242"}, ENV);
        assertThat(config.chargers()).isEqualTo(100);
        assertThat(config.callsPerSecond()).isEqualTo(50);
        assertThat(config.gatewayPid()).isEqualTo(4242);
        assertThatThrownBy(() -> OcppBenchConfig.parse(new String[] {"--chargers=1"}, ENV))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OcppBenchConfig.parse(new String[] {"--sites=3"}, ENV))
                .hasMessageContaining("unknown option");
    }
}
