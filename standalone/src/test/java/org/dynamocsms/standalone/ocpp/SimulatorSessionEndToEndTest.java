package org.dynamocsms.standalone.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.dynamocsms.standalone.SimulatedCharger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tools/ocpp-simulator/sim.js}'s whole session, in OCPP 1.6 and in 2.0.1, by the independent ocpp-rpc in
 * strict mode: boot, statuses, a transaction with its meter values, the version's other calls, a close, and malformed
 * CALLs answered with the version's error codes; after each step the fleet summary, fleet chargers, diagnostics and
 * site summary must show it. The script exits 0 only if every answer passed ocpp-rpc's schemas and every view
 * showed every step. Needs node and npm (CI installs them).
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class SimulatorSessionEndToEndTest {

    @Inject
    ApiKeyDirectory keys;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ocpp1.6", "ocpp2.0.1"})
    void aWholeSessionShowsInEveryView(String subprotocol) throws Exception {
        int exit = SimulatedCharger.run(List.of("node", "sim.js"), Map.of(
                "CSMS_URL", "http://127.0.0.1:" + RestAssured.port,
                "CSMS_API_KEY", Api.newOrganisation(keys, List.of()), "CP_OCPP", subprotocol,
                // a step may take longer than 5 s to show on a busy 2-core machine running the suite
                "SIM_CHECK_MS", "20000"), 3);
        assertThat(exit).as("sim.js exit code (its output is above)").isZero();
    }
}
