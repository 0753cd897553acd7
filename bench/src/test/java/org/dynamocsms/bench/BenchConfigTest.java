package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BenchConfigTest {

    @Test
    void defaultsWithTheKeyFromTheEnvironment() {
        BenchConfig config = BenchConfig.parse(new String[0], Map.of("CSMS_API_KEY", "csk_env"));
        assertThat(config.baseUrl()).hasToString("http://127.0.0.1:8080");
        assertThat(config.apiKey()).isEqualTo("csk_env");
        assertThat(config.writes()).isEqualTo(5000);
        assertThat(config.reads()).isEqualTo(5000);
        assertThat(config.concurrency()).isEqualTo(32);
        assertThat(config.kafka()).isEqualTo("127.0.0.1:9092");
        assertThat(config.chargers()).isEqualTo(200);
    }

    @Test
    void argumentsOverrideDefaultsAndReadsFollowWrites() {
        BenchConfig config = BenchConfig.parse(new String[] {"--base-url=http://127.0.0.1:9090/", "--api-key=csk_arg",
                "--writes=100", "--concurrency=4", "--phase-timeout-s=5"}, Map.of("CSMS_API_KEY", "csk_env"));
        assertThat(config.baseUrl()).hasToString("http://127.0.0.1:9090");
        assertThat(config.apiKey()).isEqualTo("csk_arg");
        assertThat(config.reads()).isEqualTo(100);
        assertThat(config.concurrency()).isEqualTo(4);
        assertThat(config.phaseTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesOtherHostsMissingKeysAndUnknownOptions() {
        assertThatThrownBy(() -> BenchConfig.parse(new String[] {"--base-url=http://example.com:8080"},
                Map.of("CSMS_API_KEY", "k"))).hasMessageContaining("127.0.0.1");
        assertThatThrownBy(() -> BenchConfig.parse(new String[] {"--base-url=http://localhost:8080"},
                Map.of("CSMS_API_KEY", "k"))).hasMessageContaining("127.0.0.1");
        assertThatThrownBy(() -> BenchConfig.parse(new String[0], Map.of())).hasMessageContaining("API key");
        assertThatThrownBy(() -> BenchConfig.parse(new String[] {"--write=5"}, Map.of("CSMS_API_KEY", "k")))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> BenchConfig.parse(new String[] {"--concurrency=0"}, Map.of("CSMS_API_KEY", "k")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchConfig.parse(new String[] {"--warmup=0"}, Map.of("CSMS_API_KEY", "k")))
                .hasMessageContaining("warm-up");
        assertThatThrownBy(() -> BenchConfig.parse(new String[] {"--kafka=example.com:9092"},
                Map.of("CSMS_API_KEY", "k"))).hasMessageContaining("127.0.0.1");
        assertThat(BenchConfig.parse(new String[] {"--kafka=none"}, Map.of("CSMS_API_KEY", "k")).kafka())
                .isEqualTo(BenchConfig.NO_KAFKA);
    }
}
