package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ReadsBenchConfigTest {

    private static final Map<String, String> ENV = Map.of("CSMS_API_KEY", "csk_env");

    @Test
    void defaultsAreTheIssuesScenario() {
        ReadsBenchConfig config = ReadsBenchConfig.parse(new String[0], ENV);
        assertThat(config.chargers()).isEqualTo(10_000);
        assertThat(config.sites()).isEqualTo(100);
        assertThat(config.connections()).isEqualTo(32);
        // no --endpoints: every name contains the empty word
        assertThat(config.endpoints()).containsExactly("");
    }

    @Test
    void takesTheEndpointsToRunAsWordsOfTheirNames() {
        ReadsBenchConfig config = ReadsBenchConfig.parse(new String[] {"--endpoints=/sites,fleet/summary"}, ENV);
        assertThat(config.endpoints()).containsExactly("/sites", "fleet/summary");
    }

    @Test
    void refusesOtherHostsAndImpossibleSizes() {
        assertThatThrownBy(() -> ReadsBenchConfig.parse(new String[] {"--kafka=broker:9092"}, ENV))
                .hasMessageContaining("127.0.0.1");
        assertThatThrownBy(() -> ReadsBenchConfig.parse(new String[] {"--chargers=5", "--sites=10"}, ENV))
                .hasMessageContaining("chargers >= sites");
        assertThatThrownBy(() -> ReadsBenchConfig.parse(new String[] {"--connections=0"}, ENV))
                .hasMessageContaining("connections >= 1");
        assertThatThrownBy(() -> ReadsBenchConfig.parse(new String[] {"--seconds=0"}, ENV))
                .hasMessageContaining("seconds >= 1");
    }
}
