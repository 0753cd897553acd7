package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SummaryBenchConfigTest {

    private static final Map<String, String> ENV = Map.of("CSMS_API_KEY", "csk_env");

    @Test
    void defaultsAreTheIssuesScenario() {
        SummaryBenchConfig config = SummaryBenchConfig.parse(new String[0], ENV);
        assertThat(config.chargers()).isEqualTo(1000);
        assertThat(config.sites()).isEqualTo(50);
        assertThat(config.kafka()).isEqualTo("127.0.0.1:9092");
        assertThat(config.probeThreads()).isEqualTo(1);
        assertThat(config.projectionApp()).isEqualTo("csms-site-summary");
    }

    @Test
    void argumentsOverrideDefaults() {
        SummaryBenchConfig config = SummaryBenchConfig.parse(new String[] {"--chargers=200", "--sites=10",
                "--seconds=5", "--burst=0", "--kafka=127.0.0.1:19092"}, ENV);
        assertThat(config.chargers()).isEqualTo(200);
        assertThat(config.sites()).isEqualTo(10);
        assertThat(config.seconds()).isEqualTo(5);
        assertThat(config.burst()).isZero();
        assertThat(config.kafka()).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void refusesOtherHostsTooFewChargersAndOptionsOfTheOtherBenchmark() {
        assertThatThrownBy(() -> SummaryBenchConfig.parse(new String[] {"--kafka=broker:9092"}, ENV))
                .hasMessageContaining("127.0.0.1");
        assertThatThrownBy(() -> SummaryBenchConfig.parse(new String[] {"--chargers=60", "--sites=50"}, ENV))
                .hasMessageContaining("2 x sites");
        assertThatThrownBy(() -> SummaryBenchConfig.parse(new String[] {"--writes=5"}, ENV))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> SummaryBenchConfig.parse(new String[] {"--seconds=soon"}, ENV))
                .hasMessageContaining("--seconds");
        assertThatThrownBy(() -> SummaryBenchConfig.parse(new String[0], Map.of()))
                .hasMessageContaining("API key");
    }
}
