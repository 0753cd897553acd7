package org.dynamocsms.standalone.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.dynamocsms.standalone.SimulatedCharger;
import org.junit.jupiter.api.Test;

/**
 * Site load management proven by an independent OCPP implementation: {@code tools/ocpp-simulator/load-sim.js} runs
 * ten chargers on ocpp-rpc in strict mode against this CSMS, each drawing min(demand, its limit), and exits 0 only
 * when their summed draw stayed within the site's ceiling plus generation after every reallocation, a lower ceiling
 * reached all of them within a second, solar raised their shares and every SetChargingProfile passed ocpp-rpc's
 * OCPP 1.6 schemas and was answered. Needs node and npm (CI installs them).
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class SiteLoadSimulatorEndToEndTest {

    private static final long SIMULATION_MINUTES = 3;

    @Inject
    ApiKeyDirectory keys;

    @Test
    void tenSimulatedChargersStayWithinTheSitesCeilingAndFollowEveryChange() throws Exception {
        int exit = run(SimulatedCharger.directory(), List.of("node", "load-sim.js"), Map.of(
                "CSMS_URL", "http://127.0.0.1:" + RestAssured.port,
                "CSMS_API_KEY", Api.newOrganisation(keys, List.of())), SIMULATION_MINUTES);
        assertThat(exit).as("load-sim.js exit code (its output is above)").isZero();
    }

    /** Runs {@code command} in {@code directory}, prints its output, answers its exit code; killed if it overruns. */
    private static int run(Path directory, List<String> command, Map<String, String> environment, long minutes)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("load-sim", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            boolean ended = process.waitFor(minutes, TimeUnit.MINUTES);
            System.out.println("---- " + String.join(" ", command) + "\n" + Files.readString(output));
            assertThat(ended).as("%s ended within %d minutes", command, minutes).isTrue();
            return process.exitValue();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }
}
