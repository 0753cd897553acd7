package org.dynamocsms.ocpp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.dynamocsms.ocpp.security.ChargerDirectory;
import org.dynamocsms.ocpp.security.ChargerRegistrar;
import org.dynamocsms.ocpp.telemetry.FakeTelemetrySink;
import org.dynamocsms.schemas.charger.ChargerPasswords;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.junit.jupiter.api.Test;

/** The real WebSocket endpoint, with an in-memory registry and telemetry sink instead of Kafka. */
@QuarkusTest
class OcppEndpointTest {

    /** The password of CP-1 and CP-2 in {@link Beans}; {@link OcppTlsEndpointTest} connects with it too. */
    static final String PASSWORD = "a-16-to-40-char-secret";
    private static final Map<String, ChargerView> REGISTRY = Map.of(
            "CP-1", charger("CP-1"), "CP-2", charger("CP-2"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @Inject
    FakeTelemetrySink sink;

    @Test
    void aChargerBootsAndHeartbeatsAndBadFramesDoNotStopIt() throws Exception {
        ChargerClient charger = connect("CP-1", PASSWORD, "ocpp1.6");

        assertThat(charger.socket.getSubprotocol()).isEqualTo("ocpp1.6");
        assertThat(charger.call("[2,\"1\",\"BootNotification\",{\"chargePointVendor\":\"Alfen\","
                + "\"chargePointModel\":\"Eve\"}]")).matches("\\[3,\"1\",\\{\"currentTime\":\"[^\"]+\","
                + "\"interval\":300,\"status\":\"Accepted\"}]");
        assertThat(charger.call("[2,\"2\",\"Heartbeat\",{")).startsWith("[4,\"2\",\"ProtocolError\"");
        assertThat(charger.call("[2,\"3\",\"FlyToTheMoon\",{}]")).startsWith("[4,\"3\",\"NotImplemented\"");
        assertThat(charger.call("[2,\"4\",\"Heartbeat\",{}]")).startsWith("[3,\"4\",{\"currentTime\"");
        charger.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);

        awaitPayload(ChargerDisconnected.newBuilder().setGatewayId("gw-test").setReason("1000 bye").build());
        assertThat(sink.sent().stream().filter(t -> t.getChargePointId().equals("CP-1"))
                .map(t -> t.getPayload().getClass().getSimpleName()).toList())
                .containsExactly("ChargerConnected", "ChargerBooted", "HeartbeatReceived", "ChargerDisconnected");
    }

    @Test
    void anOversizedFrameClosesThatConnectionOnly() throws Exception {
        ChargerClient big = connect("CP-1", PASSWORD, "ocpp1.6");
        ChargerClient other = connect("CP-2", PASSWORD, "ocpp1.6");

        big.socket.sendText("[2,\"1\",\"DataTransfer\",{\"vendorId\":\"v\",\"data\":\"" + "x".repeat(5000) + "\"}]",
                true);

        // the server drops the connection without a close frame: abnormal closure for the client, 1005 here
        assertThat(big.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1006);
        awaitPayload(ChargerDisconnected.newBuilder().setGatewayId("gw-test").setReason("1005").build());
        assertThat(other.call("[2,\"1\",\"Heartbeat\",{}]")).startsWith("[3,\"1\",");
    }

    @Test
    void upgradesAreRefusedBeforeTheWebSocketOpens() {
        assertThat(refusal("CP-1", "wrong-password-but-long", "ocpp1.6")).isEqualTo(401);
        assertThat(refusal("CP-1", null, "ocpp1.6")).isEqualTo(401);
        assertThat(refusal("CP-UNKNOWN", PASSWORD, "ocpp1.6")).isEqualTo(404);
        assertThat(refusal("CP-1", PASSWORD, null)).isEqualTo(400);
        assertThat(refusal("CP-1", PASSWORD, "ocpp2.0.1")).isEqualTo(400);
    }

    private int refusal(String id, String password, String subprotocol) {
        return ChargerClient.refusal(HTTP, ocpp(), id, password, subprotocol);
    }

    private void awaitPayload(Object payload) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!sink.payloads().contains(payload) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sink.payloads()).contains(payload);
    }

    private ChargerClient connect(String id, String password, String subprotocol) throws Exception {
        return ChargerClient.connect(HTTP, ocpp(), id, password, subprotocol);
    }

    private URI ocpp() {
        return URI.create("ws://" + base.getAuthority() + "/ocpp/");
    }

    private static ChargerView charger(String id) {
        Instant at = Instant.parse("2024-06-01T12:00:00Z");
        return ChargerView.newBuilder().setChargePointId(id).setOrganisationId("org_1")
                .setPasswordHash(ChargerPasswords.hash(PASSWORD)).setRegisteredAt(at).setUpdatedAt(at).setVersion(1)
                .build();
    }

    /**
     * Stands in for Kafka: the registry holds CP-1 and CP-2, telemetry is kept in memory. A bean of every
     * {@code @QuarkusTest} of this module, {@link OcppTlsEndpointTest}'s profile included.
     */
    static class Beans {

        @Produces
        @Singleton
        FakeTelemetrySink sink() {
            return new FakeTelemetrySink();
        }

        @Produces
        @Singleton
        ChargerDirectory directory() {
            return id -> Optional.ofNullable(REGISTRY.get(id));
        }

        @Produces
        @Singleton
        ChargerRegistrar registrar() {
            return (charger, registration) -> CompletableFuture.completedFuture(null);
        }
    }
}
