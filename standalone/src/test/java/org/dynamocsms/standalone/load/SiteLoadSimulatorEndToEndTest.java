package org.dynamocsms.standalone.load;

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
        int exit = SimulatedCharger.run(List.of("node", "load-sim.js"), Map.of(
                "CSMS_URL", "http://127.0.0.1:" + RestAssured.port,
                "CSMS_API_KEY", Api.newOrganisation(keys, List.of())), SIMULATION_MINUTES);
        assertThat(exit).as("load-sim.js exit code (its output is above)").isZero();
    }
}
