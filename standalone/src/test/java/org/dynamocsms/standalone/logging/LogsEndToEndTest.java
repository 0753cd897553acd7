package org.dynamocsms.standalone.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.dynamocsms.standalone.Api.as;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.dynamocsms.bench.OcppConnection;
import org.dynamocsms.ocpp.connection.ConnectionLog;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.logging.LogContext;
import org.dynamocsms.platform.logging.RequestLog;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * Everything the process logs while REST clients and chargers use it, with right and wrong secrets: a line per
 * request and per OCPP connection event with their ids, and no key, password or Authorization header anywhere, nor
 * the database's password, from the application's start on.
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
@QuarkusTestResource(value = LogCapture.class, restrictToAnnotatedClass = true)
class LogsEndToEndTest {

    private static final String PASSWORD = "a-16-to-40-char-secret";
    private static final String WRONG_PASSWORD = "not-the-16-to-40-char-secret";
    private static final String WRONG_KEY = "csms_wrong_" + UUID.randomUUID();
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    ApiKeyDirectory keys;

    @Test
    void requestsAndConnectionsAreLoggedWithTheirIdsAndNoSecret() throws Exception {
        String organisation = Ids.ORGANISATION.next();
        String key = Api.newKey(keys, organisation, List.of());
        String chargePointId = "CP-" + UUID.randomUUID().toString().substring(0, 8);

        // a registration with a password, under the client's own correlation id
        String registered = as(key).header(RequestLog.HEADER, "client-req-42").contentType(ContentType.JSON)
                .body(Map.of("charge_point_id", chargePointId, "password", PASSWORD))
                .post("/api/v1/cpo/chargers").then().statusCode(201).extract().header(RequestLog.HEADER);
        assertThat(registered).isEqualTo("client-req-42");
        // a read naming the charger, with an unsafe correlation id, replaced by one of ours
        String replaced = as(key).header(RequestLog.HEADER, "bad id\t" + key)
                .get("/api/v1/cpo/chargers/" + chargePointId + "/connectivity").then().extract()
                .header(RequestLog.HEADER);
        assertThat(Ids.REQUEST.matches(replaced)).as(replaced).isTrue();
        // a wrong key
        String refusedKey = as(WRONG_KEY).get("/api/v1/sites").then().statusCode(401).extract()
                .header(RequestLog.HEADER);
        assertThat(Ids.REQUEST.matches(refusedKey)).isTrue();

        // refused by the HTTP layer before any resource (HttpProblems), with the key in the oversized headers
        as(key).header(RequestLog.HEADER, "client-req-431").header("X-Padding", "a".repeat(30_000))
                .get("/api/v1/sites").then().statusCode(431);

        // the charger connects with its password, boots and leaves; then tries a wrong password
        OcppConnection charger = OcppConnection.open(HTTP, "ws://127.0.0.1:" + RestAssured.port, chargePointId,
                PASSWORD, "ocpp1.6").get(10, TimeUnit.SECONDS);
        assertThat(charger.call("BootNotification", "{\"chargePointVendor\":\"Alfen\",\"chargePointModel\":\"Eve\"}")
                .get(10, TimeUnit.SECONDS).get(0).asInt()).isEqualTo(3);
        charger.close().get(10, TimeUnit.SECONDS);
        Throwable refused = catchThrowable(() -> OcppConnection.open(HTTP, "ws://127.0.0.1:" + RestAssured.port,
                chargePointId, WRONG_PASSWORD, "ocpp1.6").get(10, TimeUnit.SECONDS));
        assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(401);

        Api.eventually(WITHIN, () -> assertThat(lines(ConnectionLog.CATEGORY, "Disconnected " + chargePointId))
                .hasSize(1));

        // one line per request, with method, path, status, duration and the ids
        ExtLogRecord registration = single(RequestLog.CATEGORY, "POST /api/v1/cpo/chargers 201 ");
        assertThat(registration.getMdcCopy()).containsEntry(LogContext.REQUEST_ID, "client-req-42")
                .containsEntry(LogContext.ORGANISATION_ID, organisation)
                .containsEntry(LogContext.HTTP_METHOD, "POST").containsEntry(LogContext.HTTP_STATUS, "201")
                .containsKey(LogContext.DURATION_MS);
        ExtLogRecord read = single(RequestLog.CATEGORY, "GET /api/v1/cpo/chargers/" + chargePointId + "/connectivity");
        assertThat(read.getMdcCopy()).containsEntry(LogContext.REQUEST_ID, replaced)
                .containsEntry(LogContext.ORGANISATION_ID, organisation)
                .containsEntry(LogContext.CHARGER_ID, chargePointId);
        ExtLogRecord unauthorised = single(RequestLog.CATEGORY, "GET /api/v1/sites 401 ");
        assertThat(unauthorised.getMdcCopy()).containsEntry(LogContext.REQUEST_ID, refusedKey)
                .doesNotContainKey(LogContext.ORGANISATION_ID);
        assertThat(single(RequestLog.CATEGORY, "GET /api/v1/sites 431 ").getMdcCopy())
                .containsEntry(LogContext.REQUEST_ID, "client-req-431");
        // the upgrade that was refused is a request too
        ExtLogRecord upgrade = single(RequestLog.CATEGORY, "GET /ocpp/" + chargePointId + " 401 ");

        // one line per connection event, with the charger, its organisation and the connection
        ExtLogRecord connected = single(ConnectionLog.CATEGORY, "Connected " + chargePointId + " from 127.0.0.1:");
        assertThat(connected.getFormattedMessage()).contains("(ocpp1.6)");
        String connectionId = connected.getMdcCopy().get(LogContext.CONNECTION_ID);
        assertThat(Ids.CONNECTION.matches(connectionId)).as(connectionId).isTrue();
        assertThat(connected.getMdcCopy()).containsEntry(LogContext.CHARGER_ID, chargePointId)
                .containsEntry(LogContext.ORGANISATION_ID, organisation);
        ExtLogRecord disconnected = single(ConnectionLog.CATEGORY, "Disconnected " + chargePointId + ": 1000");
        assertThat(disconnected.getMdcCopy()).containsEntry(LogContext.CONNECTION_ID, connectionId)
                .containsEntry(LogContext.CHARGER_ID, chargePointId)
                .containsEntry(LogContext.ORGANISATION_ID, organisation);
        ExtLogRecord wrongPassword = single(ConnectionLog.CATEGORY,
                "Refused " + chargePointId + ": 401 wrong credentials");
        assertThat(wrongPassword.getMdcCopy()).containsEntry(LogContext.CHARGER_ID, chargePointId)
                .containsEntry(LogContext.ORGANISATION_ID, organisation)
                // logged while its request was served: that request's id is in the MDC
                .containsEntry(LogContext.REQUEST_ID, upgrade.getMdcCopy().get(LogContext.REQUEST_ID));

        // and no secret, plain or as the Basic credentials that carried it, in anything logged
        List<String> secrets = List.of(key, WRONG_KEY, PASSWORD, WRONG_PASSWORD,
                basic(chargePointId, PASSWORD), basic(chargePointId, WRONG_PASSWORD),
                CsmsTestResource.DATABASE_PASSWORD);
        List<ExtLogRecord> records = LogCapture.records();
        assertThat(records).anyMatch(record -> record.getFormattedMessage().contains("started in"));
        for (ExtLogRecord record : records) {
            String text = everything(record);
            assertThat(secrets).noneMatch(text::contains);
            assertThat(text).doesNotContainIgnoringCase("Authorization").doesNotContain("Bearer ");
        }
    }

    private static List<ExtLogRecord> lines(String category, String start) {
        return LogCapture.records().stream().filter(record -> category.equals(record.getLoggerName()))
                .filter(record -> record.getFormattedMessage().startsWith(start)).toList();
    }

    private static ExtLogRecord single(String category, String start) {
        List<ExtLogRecord> lines = lines(category, start);
        assertThat(lines).as("lines of %s starting with %s", category, start).hasSize(1);
        return lines.get(0);
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The record's message, parameters, MDC and failure with its causes and stack. */
    private static String everything(ExtLogRecord record) {
        StringWriter text = new StringWriter().append(record.getFormattedMessage()).append(' ')
                .append(String.valueOf(record.getMessage())).append(' ').append(String.valueOf(record.getMdcCopy()));
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append(' ').append(String.valueOf(parameter));
            }
        }
        if (record.getThrown() != null) {
            record.getThrown().printStackTrace(new PrintWriter(text));
        }
        return text.toString();
    }
}
