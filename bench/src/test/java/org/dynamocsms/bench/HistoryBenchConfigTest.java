package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class HistoryBenchConfigTest {

    private static final Map<String, String> ENV = Map.of("CSMS_API_KEY", "csk_env");

    @Test
    void defaultsAreTheIssuesScenario() {
        HistoryBenchConfig config = HistoryBenchConfig.parse(new String[0], ENV);
        assertThat(config.chargers()).isEqualTo(10_000);
        assertThat(config.days()).isEqualTo(30);
        assertThat(config.sites()).isEqualTo(100);
    }

    @Test
    void refusesOtherHostsAndImpossibleSizes() {
        assertThatThrownBy(() -> HistoryBenchConfig.parse(new String[] {"--kafka=broker:9092"}, ENV))
                .hasMessageContaining("127.0.0.1");
        assertThatThrownBy(() -> HistoryBenchConfig.parse(new String[] {"--chargers=5", "--sites=10"}, ENV))
                .hasMessageContaining("chargers >= sites");
        assertThatThrownBy(() -> HistoryBenchConfig.parse(new String[] {"--days=0"}, ENV))
                .hasMessageContaining("days");
    }
}
