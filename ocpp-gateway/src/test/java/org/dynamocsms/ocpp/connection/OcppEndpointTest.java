package org.dynamocsms.ocpp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import org.dynamocsms.ocpp.fuzz.OcppFrames;
import org.dynamocsms.ocpp.fuzz.OcppFuzzReport;
import org.dynamocsms.ocpp.security.ChargerDirectory;
import org.dynamocsms.ocpp.security.ChargerRegistrar;
import org.dynamocsms.ocpp.security.OcppUpgradeCheck;
import org.dynamocsms.ocpp.telemetry.FakeTelemetrySink;
import org.dynamocsms.schemas.charger.ChargerPasswords;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.telemetry.ChargerConnected;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The real WebSocket endpoint, with an in-memory registry and telemetry sink instead of Kafka. */
@QuarkusTest
class OcppEndpointTest {

    /** The password of CP-1 and CP-2 in {@link Beans}; {@link OcppTlsEndpointTest} connects with it too. */
    static final String PASSWORD = "a-16-to-40-char-secret";
    private static final Map<String, ChargerView> REGISTRY = Map.of(
            "CP-1", charger("CP-1"), "CP-2", charger("CP-2"), "CP-3", charger("CP-3"), "CP-4", charger("CP-4"),
            "CP-5", charger("CP-5"), "CP-6", charger("CP-6"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @Inject
    FakeTelemetrySink sink;

    @ConfigProperty(name = "csms.ocpp.max-frame-size")
    int maxFrameSize;

    @Inject
    OcppUpgradeCheck upgradeCheck;

    @Inject
    Vertx vertx;

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

        awaitDisconnect("CP-1", "1000 bye");
        assertThat(sink.sent().stream().filter(t -> t.getChargePointId().equals("CP-1"))
                .map(t -> t.getPayload().getClass().getSimpleName()).toList())
                .containsExactly("ChargerConnected", "ChargerBooted", "HeartbeatReceived", "ChargerDisconnected");
    }

    @Test
    void anOversizedFrameClosesThatConnectionOnlyWithMessageTooBig() throws Exception {
        ChargerClient big = connect("CP-5", PASSWORD, "ocpp1.6");
        ChargerClient other = connect("CP-2", PASSWORD, "ocpp1.6");

        // 4,097 bytes in UTF-8 (csms.ocpp.max-frame-size is 4096 here), 2,073 characters
        big.socket.sendText("[2,\"1\",\"DataTransfer\",{\"vendorId\":\"v\",\"data\":\""
                + "\u00e9".repeat(2024) + "\"}]", true);

        assertThat(big.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
        assertThat(big.closeReason).isEqualTo("frame larger than 4096 bytes");
        awaitDisconnect("CP-5", "1009 frame larger than 4096 bytes");
        assertThat(other.call("[2,\"1\",\"Heartbeat\",{}]")).startsWith("[3,\"1\",");
        // exactly at the limit is fine
        assertThat(other.call("[2,\"2\",\"DataTransfer\",{\"vendorId\":\"v\",\"data\":\""
                + "\u00e9".repeat(2023) + "x\"}]")).startsWith("[3,\"2\",");
    }

    @Test
    void aBinaryFrameClosesTheConnectionWithUnsupportedData() throws Exception {
        ChargerClient charger = connect("CP-3", PASSWORD, "ocpp1.6");

        charger.socket.sendBinary(ByteBuffer.wrap("[2,\"1\",\"Heartbeat\",{}]".getBytes(StandardCharsets.UTF_8)),
                true);

        assertThat(charger.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1003);
        assertThat(charger.closeReason).isEqualTo("binary frames are not supported: OCPP-J sends text");
        awaitDisconnect("CP-3", "1003 binary frames are not supported: OCPP-J sends text");
    }

    /**
     * Issue 12: a charger that opens a new connection while the gateway still holds its old one. One connection per
     * charge point: the newer supersedes the older, which the gateway closes; each has its own id, and the old one's
     * end carries the old id.
     */
    @Test
    void aNewerConnectionOfTheSameChargerSupersedesTheOlder() throws Exception {
        ChargerClient first = connect("CP-4", PASSWORD, "ocpp1.6");
        assertThat(first.call("[2,\"1\",\"Heartbeat\",{}]")).startsWith("[3,\"1\",");

        ChargerClient second = connect("CP-4", PASSWORD, "ocpp1.6");
        assertThat(second.call("[2,\"1\",\"BootNotification\",{\"chargePointVendor\":\"Alfen\","
                + "\"chargePointModel\":\"Eve\"}]")).contains("\"status\":\"Accepted\"");

        assertThat(first.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(first.closeReason).isEqualTo("superseded by a newer connection");
        assertThat(second.call("[2,\"2\",\"Heartbeat\",{}]")).startsWith("[3,\"2\",");
        awaitDisconnect("CP-4", "1000 superseded by a newer connection");
        List<Object> records = payloads("CP-4");
        ChargerConnected older = (ChargerConnected) records.get(0);
        ChargerConnected newer = (ChargerConnected) records.stream().filter(ChargerConnected.class::isInstance)
                .skip(1).findFirst().orElseThrow();
        assertThat(older.getConnectionId()).matches("con_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(newer.getConnectionId()).matches("con_[0-9A-HJKMNP-TV-Z]{26}").isNotEqualTo(older.getConnectionId());
        // the newer connection is recorded before the older one's end, which names the older connection
        assertThat(records).extracting(record -> record.getClass().getSimpleName()).containsExactly(
                "ChargerConnected", "HeartbeatReceived", "ChargerConnected", "ChargerDisconnected", "ChargerBooted",
                "HeartbeatReceived");
        assertThat(((ChargerDisconnected) records.get(3)).getConnectionId()).isEqualTo(older.getConnectionId());

        second.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        awaitDisconnect("CP-4", "1000 bye");
        assertThat(payloads("CP-4")).last().isEqualTo(ChargerDisconnected.newBuilder().setGatewayId("gw-test")
                .setReason("1000 bye").setConnectionId(newer.getConnectionId()).build());
    }

    /**
     * A sample of the generated frames of {@link org.dynamocsms.ocpp.fuzz.OcppFrameFuzzTest} over the wire: the
     * same contract, and the connection survives them all but those over the frame size limit, which close it
     * with 1009.
     */
    @Test
    void generatedFramesGetTheAnswerTheContractDemandsOverTheWire() throws Exception {
        List<OcppFrames.Fuzzed> frames = OcppFrames.generate(20261205L, 500);
        ChargerClient charger = connect("CP-2", PASSWORD, "ocpp1.6");
        OcppFuzzReport report = new OcppFuzzReport("OCPP frame fuzz over a WebSocket (seed 20261205)");

        for (OcppFrames.Fuzzed fuzzed : frames) {
            if (fuzzed.frame().getBytes(StandardCharsets.UTF_8).length > maxFrameSize) {
                charger.socket.sendText(fuzzed.frame(), true);
                report.judgeOversized(fuzzed, charger.closed.completeOnTimeout(null, 10, TimeUnit.SECONDS).get());
                charger = connect("CP-2", PASSWORD, "ocpp1.6");
                continue;
            }
            int recorded = recordsOf("CP-2").size();
            charger.socket.sendText(fuzzed.frame(), true).get(10, TimeUnit.SECONDS);
            String answer = charger.next(fuzzed.expect() == OcppFrames.Expect.NONE ? Duration.ofMillis(100)
                    : Duration.ofSeconds(10));
            List<ChargerTelemetry> written = recordsOf("CP-2");
            report.judge(fuzzed, answer == null ? List.of() : List.of(answer),
                    written.subList(recorded, written.size()), null, charger.closed.isDone());
        }
        System.out.println(report.summary());

        assertThat(report.failures()).as(report.summary()).isEmpty();
    }

    /** The records of a charger's CALLs: without its connects and disconnects, which come in their own time. */
    private List<ChargerTelemetry> recordsOf(String chargePointId) {
        return sink.sent().stream().filter(t -> t.getChargePointId().equals(chargePointId))
                .filter(t -> !(t.getPayload() instanceof ChargerConnected || t.getPayload() instanceof ChargerDisconnected))
                .toList();
    }

    @Test
    void upgradesAreRefusedBeforeTheWebSocketOpens() {
        assertThat(refusal("CP-1", "wrong-password-but-long", "ocpp1.6")).isEqualTo(401);
        assertThat(refusal("CP-1", null, "ocpp1.6")).isEqualTo(401);
        assertThat(refusal("CP-UNKNOWN", PASSWORD, "ocpp1.6")).isEqualTo(404);
        assertThat(refusal("CP-1", PASSWORD, null)).isEqualTo(400);
        assertThat(refusal("CP-1", PASSWORD, "ocpp1.5")).isEqualTo(400);
    }

    @Test
    void aStationOfferingBothVersionsGetsOcpp201AndIsAnsweredInIt() throws Exception {
        ChargerClient station = ChargerClient.connect(HTTP, ocpp(), "CP-6", PASSWORD, "ocpp1.6", "ocpp2.0.1");

        assertThat(station.socket.getSubprotocol()).isEqualTo("ocpp2.0.1");
        assertThat(station.call("[2,\"1\",\"BootNotification\",{\"reason\":\"PowerUp\",\"chargingStation\":"
                + "{\"vendorName\":\"Alfen\",\"model\":\"Eve\"}}]")).matches("\\[3,\"1\",\\{\"currentTime\":\"[^\"]+\","
                + "\"interval\":300,\"status\":\"Accepted\"}]");
        assertThat(station.call("[2,\"2\",\"BootNotification\",{\"chargePointVendor\":\"Alfen\","
                + "\"chargePointModel\":\"Eve\"}]")).startsWith("[4,\"2\",\"FormatViolation\"");
        assertThat(station.call("[2,\"3\",\"Heartbeat\",{}]")).startsWith("[3,\"3\",{\"currentTime\"");
        station.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);

        awaitDisconnect("CP-6", "1000 bye");
        assertThat(payloads("CP-6")).hasSize(4);
        assertThat(((ChargerConnected) payloads("CP-6").get(0)).getOcppVersion()).isEqualTo("2.0.1");
        ChargerClient older = connect("CP-6", PASSWORD, "ocpp1.6");
        assertThat(older.socket.getSubprotocol()).isEqualTo("ocpp1.6");
        older.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (payloads("CP-6").size() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(payloads("CP-6")).hasSize(6);
        assertThat(((ChargerConnected) payloads("CP-6").get(4)).getOcppVersion()).isEqualTo("1.6");
    }

    /**
     * Quarkus accepts the WebSocket and sets its message handlers in the event-loop task that gets the check's
     * answer. An answer from a worker thread could split the two, and a BootNotification sent right after the 101
     * was then, rarely, dropped (1 charger in 10,000 under load).
     */
    @Test
    void theUpgradeCheckAnswersOnTheEventLoop() throws Exception {
        CompletableFuture<String> answeredOn = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> upgradeCheck.perform(upgrade("CP-1", PASSWORD)).subscribe().with(
                result -> answeredOn.complete((result.isUpgradePermitted() ? "permitted" : "refused")
                        + (Context.isOnEventLoopThread() ? " on the event loop" : " on " + Thread.currentThread())),
                answeredOn::completeExceptionally));

        assertThat(answeredOn.get(10, TimeUnit.SECONDS)).isEqualTo("permitted on the event loop");
    }

    /** The upgrade request of {@code id} with Basic {@code id:password}, offering ocpp1.6. */
    private static HttpUpgradeCheck.HttpUpgradeContext upgrade(String id, String password) {
        Map<String, String> headers = Map.of(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL, "ocpp1.6", "Authorization",
                "Basic " + Base64.getEncoder().encodeToString((id + ":" + password).getBytes(StandardCharsets.UTF_8)));
        HttpServerRequest request = (HttpServerRequest) Proxy.newProxyInstance(HttpServerRequest.class.getClassLoader(),
                new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> method.getName().equals("getHeader")
                        && args[0] instanceof String name ? headers.get(name) : null);
        Map<UserData.TypedKey<?>, Object> data = new HashMap<>();
        UserData userData = new UserData() {
            @SuppressWarnings("unchecked")
            public <V> V get(TypedKey<V> key) {
                return (V) data.get(key);
            }

            @SuppressWarnings("unchecked")
            public <V> V put(TypedKey<V> key, V value) {
                return (V) data.put(key, value);
            }

            @SuppressWarnings("unchecked")
            public <V> V remove(TypedKey<V> key) {
                return (V) data.remove(key);
            }

            public int size() {
                return data.size();
            }

            public void clear() {
                data.clear();
            }
        };
        return new HttpUpgradeCheck.HttpUpgradeContext() {
            public UserData userData() {
                return userData;
            }

            public String pathParam(String name) {
                return OcppEndpoint.CHARGE_POINT_ID.equals(name) ? id : null;
            }

            public HttpServerRequest httpRequest() {
                return request;
            }

            public Uni<SecurityIdentity> securityIdentity() {
                return Uni.createFrom().nullItem();
            }

            public String endpointId() {
                return OcppEndpoint.ID;
            }
        };
    }

    private int refusal(String id, String password, String subprotocol) {
        return ChargerClient.refusal(HTTP, ocpp(), id, password, subprotocol);
    }

    /** Waits for the ChargerDisconnected of {@code chargePointId} with {@code reason}. */
    private void awaitDisconnect(String chargePointId, String reason) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!disconnectedWith(chargePointId, reason) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(disconnectedWith(chargePointId, reason)).as("%s disconnected with %s; recorded: %s", chargePointId,
                reason, payloads(chargePointId)).isTrue();
    }

    private boolean disconnectedWith(String chargePointId, String reason) {
        return payloads(chargePointId).stream().anyMatch(payload -> payload instanceof ChargerDisconnected disconnected
                && disconnected.getGatewayId().equals("gw-test") && reason.equals(disconnected.getReason()));
    }

    private List<Object> payloads(String chargePointId) {
        return sink.sent().stream().filter(telemetry -> telemetry.getChargePointId().equals(chargePointId))
                .map(ChargerTelemetry::getPayload).toList();
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
