package org.dynamocsms.standalone;

import static io.restassured.RestAssured.given;
import static org.dynamocsms.standalone.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.junit.jupiter.api.Test;

/**
 * Every read refuses a query parameter it does not take, over HTTP through the whole standalone: 400 problem+json
 * naming it and the ones accepted; the same read without it answers 200, and Quarkus's own endpoints are untouched.
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class UnknownQueryParametersEndToEndTest {

    private static final String FLEET = "/api/v1/cpo/fleet";
    private static final String CHARGERS = "/api/v1/cpo/chargers";
    private static final String SITES = "/api/v1/sites";

    @Inject
    ApiKeyDirectory keys;

    @Test
    void everyReadRefusesAParameterItDoesNotTakeAndAnswersWithoutIt() {
        String key = Api.newOrganisation(keys, List.of(ApiKeys.OPERATOR_SCOPE));
        String site = Api.site(key, "King Street Depot");
        String charger = Api.charger(key);
        for (String read : List.of(SITES + "?limit=10&offset=0", SITES + "/" + site, SITES + "/" + site + "/summary",
                SITES + "/" + site + "/energy-assets", FLEET + "/summary", FLEET + "/chargers?status=online",
                FLEET + "/uptime?site_id=" + site, FLEET + "/utilisation?granularity=week",
                FLEET + "/errors?limit=20&offset=0", CHARGERS + "/" + charger, CHARGERS + "/" + charger + "/diagnostics",
                CHARGERS + "/" + charger + "/connectivity?from=2024-06-01", CHARGERS + "/" + charger
                        + "/error-history?limit=10&offset=0", CHARGERS + "/" + charger + "/maintenance?to=2024-07-01",
                "/admin/replays")) {
            // the site and the charger reach the read store shortly after their writes
            Api.eventually(Duration.ofSeconds(15), () -> as(key).get(read).then().statusCode(200));
            as(key).get(read + (read.contains("?") ? "&" : "?") + "charger_id=CP-001").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("charger_id")))
                    .body("errors[0].detail", startsWith("not a query parameter here; "));
        }
        as(key).get(FLEET + "/chargers?charger_id=CP-001&stauts=faulted").then().statusCode(400)
                .body("errors.field", equalTo(List.of("charger_id", "stauts")))
                .body("errors[0].detail", equalTo("not a query parameter here; accepted: status, site_id, limit, "
                        + "offset"));
        as(key).get(FLEET + "/uptime?offset=1").then().statusCode(400)
                .body("detail", equalTo("offset: not a query parameter here; accepted: from, to, charge_point_id, "
                        + "site_id"));
        // without a key, 401 first
        given().get(FLEET + "/chargers?charger_id=CP-001").then().statusCode(401);
    }

    @Test
    void quarkusEndpointsTakeTheirOwnParameters() {
        given().get("/q/openapi?format=json").then().statusCode(200).contentType(startsWith("application/json"));
        given().get("/q/swagger-ui/?urls.primaryName=x").then().statusCode(200);
    }
}
