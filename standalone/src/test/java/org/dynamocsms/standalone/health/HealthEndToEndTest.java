package org.dynamocsms.standalone.health;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/health} of the whole system in one process, on a real broker and PostgreSQL: ready with every check up,
 * then not ready naming the part at fault while the broker is stopped (still alive: a restart would not help) and
 * while the read store cannot apply what its projections publish, and ready again once each is back.
 */
@QuarkusTest
@TestProfile(HealthEndToEndTest.OwnBroker.class)
class HealthEndToEndTest {

    private static final Duration MAX_INGESTION_LAG = Duration.ofSeconds(5);

    /** A broker of its own, since the test stops it; a read-store lag limit it can exceed in seconds. */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CsmsTestResource.class, Map.of(CsmsTestResource.BROKERS, "1")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("csms.health.max-ingestion-lag", MAX_INGESTION_LAG.toString());
        }
    }

    @CsmsTestResource.Cluster
    KafkaClusterTestKit cluster;

    @Inject
    ApiKeyDirectory keys;

    @Inject
    DataSource dataSource;

    @Test
    void readyOnlyWhileEveryPartIsAndEachDegradedPartNamesItself() throws Exception {
        JsonPath ready = awaitReady();
        assertThat(ready.getList("checks.name", String.class)).containsExactlyInAnyOrder("kafka", "kafka-streams",
                "consumer-loops", "read-store-ingestion", "Database connections health check");
        assertThat(ready.getInt(check("kafka") + ".data.brokers")).isEqualTo(1);
        assertThat(ready.getMap(check("kafka-streams") + ".data")).containsKeys("csms-registry")
                .allSatisfy((app, state) -> assertThat((String) state).startsWith("RUNNING"));
        assertThat(ready.getMap(check("read-store-ingestion") + ".data"))
                .containsKeys("max-lag-ms", Topics.SITE_PROJECTION.name());
        JsonPath live = get("/q/health/live").then().statusCode(200).extract().jsonPath();
        assertThat(live.getList("checks.name", String.class)).containsExactlyInAnyOrder("kafka-streams",
                "consumer-loops");

        var broker = cluster.brokers().values().iterator().next();
        broker.shutdown();
        try {
            JsonPath down = awaitNotReady("kafka");
            assertThat(down.getString(check("kafka") + ".data.error")).isNotBlank();
            assertThat(down.getString(check("Database connections health check") + ".status")).isEqualTo("UP");
            get("/q/health/live").then().statusCode(200);
        } finally {
            broker.startup();
        }
        awaitReady();

        String key = Api.newOrganisation(keys, List.of());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // the read store's table of sites (the live generation's) takes no row until this rolls back
                statement.execute("LOCK TABLE site_g1 IN ACCESS EXCLUSIVE MODE");
                Api.site(key, "Depot behind a lock");
                JsonPath behind = awaitNotReady("read-store-ingestion");
                // not ready means a lag over the maximum; the data shows it in whole milliseconds, rounded down
                assertThat(behind.getLong(check("read-store-ingestion") + ".data.'" + Topics.SITE_PROJECTION.name()
                        + "'")).isGreaterThanOrEqualTo(MAX_INGESTION_LAG.toMillis());
                get("/q/health/live").then().statusCode(200);
            } finally {
                connection.rollback();
            }
        }
        awaitReady();
    }

    private static String check(String name) {
        return "checks.find { it.name == '" + name + "' }";
    }

    private static JsonPath awaitReady() {
        JsonPath[] ready = new JsonPath[1];
        Api.eventually(Duration.ofMinutes(2), () -> {
            Response response = get("/q/health/ready");
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            ready[0] = response.jsonPath();
        });
        assertThat(ready[0].getString("status")).isEqualTo("UP");
        return ready[0];
    }

    /** Waits for readiness DOWN with check {@code name} down; answers the health document. */
    private static JsonPath awaitNotReady(String name) {
        JsonPath[] down = new JsonPath[1];
        Api.eventually(Duration.ofMinutes(1), () -> {
            Response response = get("/q/health/ready");
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
            assertThat(response.jsonPath().getString(check(name) + ".status")).as(response.asString())
                    .isEqualTo("DOWN");
            down[0] = response.jsonPath();
        });
        assertThat(down[0].getString("status")).isEqualTo("DOWN");
        return down[0];
    }
}
