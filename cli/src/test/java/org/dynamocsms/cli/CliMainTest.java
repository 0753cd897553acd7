package org.dynamocsms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** The Quarkus application runs the commands and exits with their code. */
@QuarkusMainTest
class CliMainTest {

    @Test
    void runsACommandAndExitsWithItsCode(QuarkusMainLauncher launcher) {
        try (RecordedApi api = new RecordedApi()) {
            api.on("GET", "/admin/replays/sites", 200, "sites-completed.json")
                    .on("GET", "/admin/replays/chargers", 200, "sites-cancelled.json");

            LaunchResult completed = launcher.launch("replay", "status", "sites", "--url", api.url(), "--key", "k");
            assertThat(completed.exitCode()).isZero();
            assertThat(completed.getOutput()).contains("sites  generation 2 (live 2)  completed  refused 0");

            assertThat(launcher.launch("replay", "status", "chargers", "--url", api.url(), "--key", "k").exitCode())
                    .isEqualTo(1);
        }
    }

    @Test
    void badUsageExits2(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("replay", "start");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("Missing required parameter: '<projection|all>'");
    }

    @Test
    void printsItsVersion(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).isEqualTo("csms 0.1.0-SNAPSHOT");
    }
}
