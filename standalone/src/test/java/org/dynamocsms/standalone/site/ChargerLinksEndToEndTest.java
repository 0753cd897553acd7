package org.dynamocsms.standalone.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.PROBLEM;
import static org.dynamocsms.standalone.Api.TOKEN;
import static org.dynamocsms.standalone.Api.as;
import static org.dynamocsms.standalone.Api.charger;
import static org.dynamocsms.standalone.Api.site;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Linking chargers to sites over HTTP, against a real Kafka broker and a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class ChargerLinksEndToEndTest {

    private static final String SITES = "/api/v1/sites";
    private static final String CHARGERS = "/api/v1/cpo/chargers";

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    private String key;
    private String otherKey;

    @BeforeEach
    void newOrganisations() {
        key = Api.newOrganisation(keys, List.of());
        otherKey = Api.newOrganisation(keys, List.of());
    }

    @Test
    void linkAnswersAsTheContractAndLinkingAgainChangesNothing() {
        String site = site(key, "King Street Depot");
        String charger = charger(key);
        ExtractableResponse<Response> linked = link(key, site, charger).then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("site_id", equalTo(site))
                .body("charge_point_id", equalTo(charger))
                .extract();
        assertThat(linked.jsonPath().getMap("").keySet()).containsExactly("site_id", "charge_point_id", "linked_at");
        assertThat(linked.header(TOKEN)).isEqualTo(site + "@2");
        Instant linkedAt = Instant.parse(linked.path("linked_at"));

        ExtractableResponse<Response> again = link(key, site, charger).then().statusCode(200).extract();
        assertThat(Instant.parse(again.path("linked_at"))).isEqualTo(linkedAt);
        assertThat(again.header(TOKEN)).isEqualTo(site + "@2");

        as(key).header(TOKEN, linked.header(TOKEN)).get(SITES + "/" + site).then().statusCode(200)
                .body("charger_count", equalTo(1));
        Api.eventually(Duration.ofSeconds(5), () -> as(key).get(CHARGERS + "/" + charger).then().statusCode(200)
                .body("site_id", equalTo(site)).body("linked_at", equalTo(linked.path("linked_at"))));
    }

    @Test
    void linkingToAnotherSiteMovesTheChargerAndCountsFollow() {
        String first = site(key, "First");
        String second = site(key, "Second");
        String charger = charger(key);
        String stays = charger(key);
        link(key, first, charger).then().statusCode(200);
        String firstToken = link(key, first, stays).then().statusCode(200).extract().header(TOKEN);
        assertThat(firstToken).isEqualTo(first + "@3");

        String secondToken = link(key, second, charger).then().statusCode(200).body("site_id", equalTo(second))
                .extract().header(TOKEN);
        assertThat(secondToken).isEqualTo(second + "@2");
        as(key).header(TOKEN, secondToken).get(SITES + "/" + second).then().body("charger_count", equalTo(1));
        // the move appended SiteChargerUnlinked to the first site too
        as(key).header(TOKEN, first + "@4").get(SITES + "/" + first).then()
                .header("Consistency-Token-Status", "reached").body("charger_count", equalTo(1));
        as(key).delete(SITES + "/" + first + "/chargers/" + charger).then().statusCode(404).contentType(PROBLEM);

        String unlinked = as(key).delete(SITES + "/" + second + "/chargers/" + charger).then().statusCode(204)
                .extract().header(TOKEN);
        as(key).header(TOKEN, unlinked).get(SITES + "/" + second).then().body("charger_count", equalTo(0));
        Api.eventually(Duration.ofSeconds(5), () -> as(key).get(CHARGERS + "/" + charger).then()
                .body("site_id", nullValue()));
        as(key).delete(SITES + "/" + second + "/chargers/" + charger).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void deletingASiteUnlinksItsChargersWhichStayInTheFleet() {
        String site = site(key, "Closing");
        String a = charger(key);
        String b = charger(key);
        link(key, site, a).then().statusCode(200);
        link(key, site, b).then().statusCode(200);
        as(key).delete(SITES + "/" + site).then().statusCode(204);
        for (String charger : List.of(a, b)) {
            Api.eventually(Duration.ofSeconds(5), () -> as(key).get(CHARGERS + "/" + charger).then().statusCode(200)
                    .body("site_id", nullValue()));
        }
        String other = site(key, "Next");
        String token = link(key, other, a).then().statusCode(200).extract().header(TOKEN);
        as(key).header(TOKEN, token).get(SITES + "/" + other).then().body("charger_count", equalTo(1));
    }

    @Test
    void unknownOrForeignSitesAndChargersAnswer404AndWriteNothing() {
        String site = site(key, "Mine");
        String charger = charger(key);
        String theirSite = site(otherKey, "Theirs");
        String theirCharger = charger(otherKey);
        long before = Api.endOffsets(kafka, Topics.SITE_EVENTS.name())
                + Api.endOffsets(kafka, Topics.CHARGER_EVENTS.name());

        link(key, Ids.SITE.next(), charger).then().statusCode(404).contentType(PROBLEM);
        link(key, site, "CP-NOT-REGISTERED").then().statusCode(404).contentType(PROBLEM);
        link(key, theirSite, charger).then().statusCode(404).contentType(PROBLEM);
        link(key, site, theirCharger).then().statusCode(404).contentType(PROBLEM);
        link(key, site, "CP/..").then().statusCode(404);
        as(key).delete(SITES + "/" + site + "/chargers/" + charger).then().statusCode(404).contentType(PROBLEM);
        as(key).delete(SITES + "/" + theirSite + "/chargers/" + theirCharger).then().statusCode(404);

        assertThat(Api.endOffsets(kafka, Topics.SITE_EVENTS.name())
                + Api.endOffsets(kafka, Topics.CHARGER_EVENTS.name())).isEqualTo(before);
        as(otherKey).get(SITES + "/" + theirSite).then().body("charger_count", equalTo(0));
    }

    private static io.restassured.response.Response link(String key, String site, String charger) {
        return as(key).post(SITES + "/" + site + "/chargers/" + charger + "/link");
    }
}
