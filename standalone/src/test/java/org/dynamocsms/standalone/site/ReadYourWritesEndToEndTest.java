package org.dynamocsms.standalone.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that got a 2xx for a write reads what it wrote at once, without a Consistency-Token: the read waits for
 * the write that command-service recorded before answering. Without that, each read here comes tens of milliseconds
 * before the read store has the write (a 404, or the old state).
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class ReadYourWritesEndToEndTest {

    private static final String SITES = "/api/v1/sites";
    private static final String CHARGERS = "/api/v1/cpo/chargers";
    private static final int ROUNDS = 20;

    @Inject
    ApiKeyDirectory keys;

    private String key;

    @BeforeEach
    void newOrganisation() {
        key = Api.newOrganisation(keys, List.of());
    }

    @Test
    void aSiteCreatedOrChangedIsReadAsWrittenAtOnce() {
        for (int i = 0; i < ROUNDS; i++) {
            String site = Api.site(key, "Depot " + i);
            as(key).get(SITES + "/" + site).then().statusCode(200).body("name", equalTo("Depot " + i))
                    .header("Consistency-Token-Status", "reached");
            as(key).get(SITES + "/" + site + "/summary").then().statusCode(200);

            as(key).contentType(ContentType.JSON).body(Map.of("name", "Renamed " + i)).patch(SITES + "/" + site)
                    .then().statusCode(200);
            as(key).get(SITES + "/" + site).then().statusCode(200).body("name", equalTo("Renamed " + i));

            as(key).delete(SITES + "/" + site).then().statusCode(204);
            as(key).get(SITES + "/" + site).then().statusCode(404);
        }
    }

    @Test
    void aLinkAnAssetAndAMaintenanceEventAreReadAtOnce() {
        for (int i = 0; i < ROUNDS / 2; i++) {
            String site = Api.site(key, "Depot " + i);
            String charger = Api.charger(key);
            as(key).get(CHARGERS + "/" + charger).then().statusCode(200);

            as(key).post(SITES + "/" + site + "/chargers/" + charger + "/link").then().statusCode(200);
            as(key).get(CHARGERS + "/" + charger).then().statusCode(200).body("site_id", equalTo(site));
            as(key).get(SITES + "/" + site).then().statusCode(200).body("charger_count", equalTo(1));

            as(key).contentType(ContentType.JSON).body(Map.of("type", "solar", "name", "PV " + i, "capacity_kw", 50))
                    .post(SITES + "/" + site + "/energy-assets").then().statusCode(201);
            as(key).get(SITES + "/" + site + "/energy-assets").then().statusCode(200)
                    .body("energy_assets.name", hasItem("PV " + i));

            String event = as(key).contentType(ContentType.JSON)
                    .body(Map.of("type", "scheduled", "scheduled_at", "2024-07-20T09:00:00Z"))
                    .post(CHARGERS + "/" + charger + "/maintenance").then().statusCode(201).extract().path("event_id");
            as(key).get(CHARGERS + "/" + charger + "/maintenance").then().statusCode(200)
                    .body("events.event_id", hasItem(event));
        }
    }

    @Test
    void anotherOrganisationsReadsDoNotWaitForItsWrites() {
        String other = Api.newOrganisation(keys, List.of());
        String site = Api.site(key, "Depot");

        String status = as(other).get(SITES + "/" + site).then().statusCode(404).extract()
                .header("Consistency-Token-Status");

        assertThat(status).as("nothing of its own to wait for").isNull();
    }
}
