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
        assertThat(config.mix()).isEqualTo(OcppBenchConfig.Mix.REALISTIC);
        assertThat(config.probeSamples()).isEqualTo(1_000);
        assertThat(config.sites()).as("ten chargers a site, as public charging mostly is").isEqualTo(1_000);
        assertThat(config.kafka()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void theClassicMixIsAnOptionAndAnUnknownMixIsRefused() {
        assertThat(OcppBenchConfig.parse(new String[] {"--mix=classic"}, ENV).mix())
                .isEqualTo(OcppBenchConfig.Mix.CLASSIC);
        assertThatThrownBy(() -> OcppBenchConfig.parse(new String[] {"--mix=chatty"}, ENV))
                .hasMessageContaining("--mix must be realistic or classic");
    }

    @Test
    void theProbesNeedChargersOfTheirOwnAndKafkaIsLocal() {
        OcppBenchConfig config = OcppBenchConfig.parse(new String[] {"--chargers=5", "--site-probes=3",
                "--sites=0", "--probe-samples=50"}, ENV);
        assertThat(config.siteProbes()).isEqualTo(3);
        assertThat(config.sites()).isZero();
        assertThat(config.probeSamples()).isEqualTo(50);
        assertThatThrownBy(() -> OcppBenchConfig.parse(new String[] {"--chargers=4", "--site-probes=3"}, ENV))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OcppBenchConfig.parse(new String[] {"--kafka=10.0.0.1:9092"}, ENV))
                .hasMessageContaining("127.0.0.1");
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
        assertThatThrownBy(() -> OcppBenchConfig.parse(new String[] {"--stations=3"}, ENV))
                .hasMessageContaining("unknown option");
    }
}
