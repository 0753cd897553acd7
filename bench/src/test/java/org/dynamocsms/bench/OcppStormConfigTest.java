package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OcppStormConfigTest {

    private static final Map<String, String> ENV = Map.of("CSMS_API_KEY", "csk_env");

    @Test
    void defaultsAreTheIssuesStormWithALightLoadAndNoJitter() {
        OcppStormConfig config = OcppStormConfig.parse(new String[0], ENV);
        assertThat(config.chargers()).isEqualTo(10_000);
        assertThat(config.connectors()).isEqualTo(2);
        assertThat(config.callsPerSecond()).isEqualTo(200);
        assertThat(config.drop()).isEqualTo(OcppStormConfig.Drop.ABORT);
        assertThat(config.jitterMillis()).isZero();
        assertThat(config.gatewayPid()).isZero();
    }

    @Test
    void argumentsOverrideDefaultsAndBadOnesAreRefused() {
        OcppStormConfig config = OcppStormConfig.parse(new String[] {"--chargers=500", "--jitter-ms=2000",
                "--connectors=1", "--settle-s=30", "--drop=silent", "--gateway-pid=4242"}, ENV);
        assertThat(config.chargers()).isEqualTo(500);
        assertThat(config.jitterMillis()).isEqualTo(2000);
        assertThat(config.connectors()).isEqualTo(1);
        assertThat(config.settleSeconds()).isEqualTo(30);
        assertThat(config.drop()).isEqualTo(OcppStormConfig.Drop.SILENT);
        assertThat(config.gatewayPid()).isEqualTo(4242);
        assertThatThrownBy(() -> OcppStormConfig.parse(new String[] {"--jitter-ms=-1"}, ENV))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OcppStormConfig.parse(new String[] {"--drop=fin"}, ENV))
                .hasMessageContaining("abort or silent");
        assertThatThrownBy(() -> OcppStormConfig.parse(new String[] {"--connectors=0"}, ENV))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OcppStormConfig.parse(new String[] {"--seconds=3"}, ENV))
                .hasMessageContaining("unknown option");
    }
}
