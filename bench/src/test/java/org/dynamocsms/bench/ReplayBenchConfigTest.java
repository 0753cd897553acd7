package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReplayBenchConfigTest {

    private static final Map<String, String> ENV = Map.of("CSMS_API_KEY", "csk_env");

    private static ReplayBenchConfig parse(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--standalone-pid=42";
        System.arraycopy(args, 0, all, 1, args.length);
        return ReplayBenchConfig.parse(all, ENV);
    }

    @Test
    void defaultsAreTheIssuesReplay() {
        ReplayBenchConfig config = parse();

        assertThat(config.profile()).isEqualTo("mixed");
        assertThat(config.events()).isEqualTo(10_000_000);
        assertThat(config.chargers()).isEqualTo(10_000);
        assertThat(config.sites()).isEqualTo(100);
        assertThat(config.recordsOf(0)).isEqualTo(1_000);
        assertThat(config.step(1_000)).isEqualTo(Duration.ofDays(7).dividedBy(1_000));
    }

    @Test
    void chattyChargersEachChangeAStatusEveryTenSecondsForAWeekAtMost() {
        ReplayBenchConfig config = parse("--profile=chatty", "--events=200000");

        assertThat(config.chargers()).isEqualTo(4);
        assertThat(config.sites()).isEqualTo(4);
        assertThat(config.recordsOf(0)).isEqualTo(50_000).isLessThanOrEqualTo(ReplayBenchConfig.CHATTY_RECORDS);
        assertThat(config.step(50_000)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aSparseFleetSharesTheSameEventsOutAmongItsChargers() {
        ReplayBenchConfig config = parse("--profile=sparse", "--events=200003", "--chargers=1000", "--sites=10");

        assertThat(config.recordsOf(0)).isEqualTo(201);
        assertThat(config.recordsOf(3)).isEqualTo(200);
    }

    @Test
    void refusesWhatCannotBeRun() {
        assertThatThrownBy(() -> ReplayBenchConfig.parse(new String[0], ENV)).hasMessageContaining("--standalone-pid");
        assertThatThrownBy(() -> parse("--profile=bursty")).hasMessageContaining("mixed, chatty or sparse");
        assertThatThrownBy(() -> parse("--profile=chatty", "--chargers=10")).hasMessageContaining("chatty");
        assertThatThrownBy(() -> parse("--postgres=db:5432")).hasMessageContaining("127.0.0.1");
        assertThatThrownBy(() -> parse("--events=100", "--chargers=100")).hasMessageContaining("events >= 5");
    }
}
