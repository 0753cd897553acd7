package org.dynamocsms.standalone.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.as;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.dynamocsms.bench.OcppConnection;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/metrics} of the whole standalone after a charger's calls, a call of the central system and a command:
 * each shows in its series with its tags, and no series names a charger or an organisation.
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class MetricsEndToEndTest {

    private static final String PASSWORD = "a-16-to-40-char-secret";
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Inject
    ApiKeyDirectory keys;

    @Test
    void ocppCommandsKafkaAndTheReadStoreShowInTheMetrics() throws Exception {
        String organisationId = Ids.ORGANISATION.next();
        String key = Api.newKey(keys, organisationId, List.of());
        String chargePointId = "CP-" + UUID.randomUUID().toString().substring(0, 8);
        as(key).contentType(ContentType.JSON).body(Map.of("charge_point_id", chargePointId, "password", PASSWORD))
                .post("/api/v1/cpo/chargers").then().statusCode(201);
        Metrics before = Metrics.scrape();

        OcppConnection charger = OcppConnection.open(HttpClient.newHttpClient(), "ws://127.0.0.1:" + RestAssured.port,
                chargePointId, PASSWORD, "ocpp1.6").get(10, TimeUnit.SECONDS);
        try {
            charger.call("BootNotification", "{\"chargePointVendor\":\"Alfen\",\"chargePointModel\":\"Eve\"}")
                    .get(10, TimeUnit.SECONDS);
            charger.call("Heartbeat", "{}").get(10, TimeUnit.SECONDS);
            charger.call("MakeCoffee", "{}").get(10, TimeUnit.SECONDS);
            charger.answerCalls(call -> "{\"status\": \"Accepted\"}");
            as(key).contentType(ContentType.JSON).body("{\"action\": \"Reset\", \"payload\": {\"type\": \"Soft\"}}")
                    .post("/api/v1/cpo/chargers/" + chargePointId + "/calls").then().statusCode(200);

            Api.eventually(WITHIN, () -> {
                Metrics after = Metrics.scrape();
                assertThat(after.value("ocpp_connections")).hasValue(before.value("ocpp_connections").orElse(0) + 1);
                assertThat(after.increase(before, "ocpp_calls_received_total", "action", "BootNotification"))
                        .isEqualTo(1);
                assertThat(after.increase(before, "ocpp_calls_received_total", "action", "other")).isEqualTo(1);
                assertThat(after.increase(before, "ocpp_callresult_latency_seconds_count", "action", "Heartbeat"))
                        .isEqualTo(1);
                assertThat(after.value("ocpp_callresult_latency_seconds_bucket", "action", "Heartbeat", "le", "+Inf"))
                        .hasValue(after.value("ocpp_callresult_latency_seconds_count", "action", "Heartbeat")
                                .orElseThrow());
                assertThat(after.value("ocpp_callresult_latency_seconds_bucket", "action", "Heartbeat", "le", "0.1"))
                        .as("an SLO bucket").isPresent();
                assertThat(after.increase(before, "ocpp_callerrors_sent_total", "code", "NotImplemented"))
                        .isEqualTo(1);
                assertThat(after.increase(before, "ocpp_csms_calls_total", "action", "Reset", "result", "accepted"))
                        .isEqualTo(1);
                // the charger's registration and the Reset call were commands, decided and accepted
                assertThat(after.value("csms_command_latency_seconds_count", "topic", "csms.charger.registrations",
                        "command", "RegisterCharger", "outcome", "accepted")).isPresent();
                assertThat(after.increase(before, "csms_command_latency_seconds_count", "topic",
                        "csms.charger.commands", "command", "RequestChargerCall", "outcome", "accepted"))
                        .isEqualTo(1);
                assertThat(after.value("csms_read_store_freshness_seconds_count", "projection",
                        "csms.projection.chargers", "generation", "1").orElse(0)).isPositive();
            });
        } finally {
            charger.abort();
        }

        Metrics metrics = Metrics.scrape();
        // the lag of a Streams application, and of a read-store ingestion group
        assertThat(metrics.value("kafka_consumer_fetch_manager_records_lag_max", "application", "csms-registry"))
                .isPresent();
        assertThat(metrics.value("kafka_consumer_fetch_manager_records_lag_max", "application",
                "csms-query-api-chargers")).isPresent();
        assertThat(metrics.value("kafka_stream_alive_stream_threads", "application", "csms-registry")).hasValue(1);
        assertThat(metrics.value("csms_replay_progress", "projection", "sites").orElseThrow()).as("no replay runs")
                .isNaN();
        assertThat(metrics.text()).doesNotContain(chargePointId).doesNotContain(organisationId);
    }

    /** One scrape of /q/metrics (Prometheus text format). */
    record Metrics(String text) {

        static Metrics scrape() {
            return new Metrics(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString());
        }

        /** The value of the first series {@code name} with every one of {@code labels} (name, value, ...). */
        OptionalDouble value(String name, String... labels) {
            return Arrays.stream(text.split("\n"))
                    .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                    .filter(line -> hasLabels(line, labels))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .findFirst();
        }

        /** How much series {@code name} with {@code labels} grew since {@code earlier} (absent counts as 0). */
        double increase(Metrics earlier, String name, String... labels) {
            return value(name, labels).orElse(0) - earlier.value(name, labels).orElse(0);
        }

        private static boolean hasLabels(String line, String... labels) {
            for (int i = 0; i < labels.length; i += 2) {
                if (!line.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                    return false;
                }
            }
            return true;
        }
    }
}
