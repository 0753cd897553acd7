package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SiteLoadBenchConfigTest {

    private static final Map<String, String> ENV = Map.of("CSMS_API_KEY", "csk_env");

    @Test
    void defaultsAreTheIssuesTargets() {
        SiteLoadBenchConfig config = SiteLoadBenchConfig.parse(new String[0], ENV);
        assertThat(config.chargers()).isEqualTo(1_000);
        assertThat(config.sites()).isEqualTo(50);
        assertThat(config.siteKw()).isEqualTo(100);
        assertThat(config.seconds()).isEqualTo(60);
        assertThat(config.chargeMinSeconds()).isEqualTo(10);
        assertThat(config.chargeMaxSeconds()).isEqualTo(40);
        assertThat(config.idleMinSeconds()).isEqualTo(5);
        assertThat(config.idleMaxSeconds()).isEqualTo(20);
        assertThat(config.gatewayPid()).isZero();
        assertThat(config.kafka()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void argumentsOverrideDefaultsAndBadOnesAreRefused() {
        SiteLoadBenchConfig config = SiteLoadBenchConfig.parse(new String[] {"--chargers=100", "--sites=5",
                "--seconds=20", "--gateway-pid=4242"}, ENV);
        assertThat(config.chargers()).isEqualTo(100);
        assertThat(config.sites()).isEqualTo(5);
        assertThat(config.seconds()).isEqualTo(20);
        assertThat(config.gatewayPid()).isEqualTo(4242);
        assertThatThrownBy(() -> SiteLoadBenchConfig.parse(new String[] {"--chargers=4", "--sites=5"}, ENV))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SiteLoadBenchConfig.parse(new String[] {"--charge-min-s=30", "--charge-max-s=20"},
                ENV)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SiteLoadBenchConfig.parse(new String[] {"--kafka=10.0.0.1:9092"}, ENV))
                .hasMessageContaining("127.0.0.1");
        assertThatThrownBy(() -> SiteLoadBenchConfig.parse(new String[] {"--ceiling=5"}, ENV))
                .hasMessageContaining("unknown option");
    }
}
