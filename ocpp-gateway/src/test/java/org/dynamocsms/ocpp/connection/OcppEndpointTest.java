package org.dynamocsms.ocpp.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.dynamocsms.ocpp.security.ChargerDirectory;
import org.dynamocsms.ocpp.telemetry.FakeTelemetrySink;
import org.dynamocsms.schemas.charger.ChargerPasswords;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.junit.jupiter.api.Test;

/** The real WebSocket endpoint, with an in-memory registry and telemetry sink instead of Kafka. */
@QuarkusTest
class OcppEndpointTest {

    private static final String PASSWORD = "a-16-to-40-char-secret";
    private static final Map<String, ChargerView> REGISTRY = Map.of(
            "CP-1", charger("CP-1"), "CP-2", charger("CP-2"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @Inject
    FakeTelemetrySink sink;

    @Test
    void aChargerBootsAndHeartbeatsAndBadFramesDoNotStopIt() throws Exception {
        Client charger = connect("CP-1", PASSWORD, "ocpp1.6");

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
        Client big = connect("CP-1", PASSWORD, "ocpp1.6");
        Client other = connect("CP-2", PASSWORD, "ocpp1.6");

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
        Throwable failure = catchThrowable(() -> connect(id, password, subprotocol));
        // the JDK client wraps it: ExecutionException > WebSocketHandshakeException > CheckFailedException
        assertThat(failure).hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    private void awaitPayload(Object payload) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!sink.payloads().contains(payload) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sink.payloads()).contains(payload);
    }

    private Client connect(String id, String password, String subprotocol) throws Exception {
        Client client = new Client();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (subprotocol != null) {
            builder.subprotocols(subprotocol);
        }
        if (password != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((id + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        client.socket = builder.buildAsync(URI.create("ws://" + base.getAuthority() + "/ocpp/" + id), client)
                .get(10, TimeUnit.SECONDS);
        return client;
    }

    private static ChargerView charger(String id) {
        Instant at = Instant.parse("2024-06-01T12:00:00Z");
        return ChargerView.newBuilder().setChargePointId(id).setOrganisationId("org_1")
                .setPasswordHash(ChargerPasswords.hash(PASSWORD)).setRegisteredAt(at).setUpdatedAt(at).setVersion(1)
                .build();
    }

    /** A charger's side of the connection: one CALL at a time, as OCPP-J asks. */
    private static final class Client implements WebSocket.Listener {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        String call(String frame) throws Exception {
            socket.sendText(frame, true).get(10, TimeUnit.SECONDS);
            String answer = received.poll(10, TimeUnit.SECONDS);
            assertThat(answer).as("answer to %s", frame).isNotNull();
            return answer;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }

    /** Stands in for Kafka: the registry holds CP-1 and CP-2, telemetry is kept in memory. */
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
    }
}
