package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CrashBenchConfigTest {

    private static final Map<String, String> ENV = Map.of("CSMS_API_KEY", "csk_env");

    @Test
    void theStandaloneIsKilledThreeTimesByDefault() {
        CrashBenchConfig config = CrashBenchConfig.parse(new String[] {"--jar=s.jar", "--data-dir=d", "--log=l",
                "--java-opts= -Xmx1g  -XX:+UseZGC "}, ENV);
        assertThat(config.kills()).isEqualTo(3);
        assertThat(config.target()).isEqualTo(new CrashBenchConfig.Standalone(Path.of("s.jar"), Path.of("d"),
                Path.of("l"), List.of("-Xmx1g", "-XX:+UseZGC")));
    }

    @Test
    void aClusterLosesABrokerAGatewayAndAProjectionServiceOnceEach() {
        CrashBenchConfig config = CrashBenchConfig.parse(new String[] {"--cluster=deploy/local-cluster.sh"}, ENV);
        assertThat(config.target()).isEqualTo(new CrashBenchConfig.Cluster(Path.of("deploy/local-cluster.sh"),
                List.of("kafka-1", "ocpp-gateway-1", "projection-service-1")));
        assertThat(config.kills()).isEqualTo(3);

        CrashBenchConfig chosen = CrashBenchConfig.parse(new String[] {"--cluster=c.sh",
                "--kill=kafka-3, query-api-2"}, ENV);
        assertThat(((CrashBenchConfig.Cluster) chosen.target()).victims()).containsExactly("kafka-3", "query-api-2");
        assertThat(chosen.kills()).isEqualTo(2);
    }

    @Test
    void optionsOfTheOtherTargetOrBadProcessNamesAreRefused() {
        assertThatThrownBy(() -> CrashBenchConfig.parse(new String[] {"--cluster=c.sh", "--kills=2"}, ENV))
                .hasMessageContaining("--kills is for the standalone");
        assertThatThrownBy(() -> CrashBenchConfig.parse(new String[] {"--cluster=c.sh", "--jar=s.jar"}, ENV))
                .hasMessageContaining("--jar is for the standalone");
        assertThatThrownBy(() -> CrashBenchConfig.parse(new String[] {"--jar=s.jar", "--data-dir=d", "--log=l",
                "--kill=kafka-1"}, ENV)).hasMessageContaining("needs --cluster");
        assertThatThrownBy(() -> CrashBenchConfig.parse(new String[] {"--cluster=c.sh", "--kill=kafka-1,,router"},
                ENV)).hasMessageContaining("names processes of the cluster");
        assertThatThrownBy(() -> CrashBenchConfig.parse(new String[] {"--data-dir=d", "--log=l"}, ENV))
                .hasMessageContaining("--jar is required");
    }
}
