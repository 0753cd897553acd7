package org.dynamocsms.ocpp.connection;

import java.time.Clock;

import jakarta.inject.Inject;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import org.dynamocsms.ocpp.action.CallHandlers;
import org.dynamocsms.ocpp.security.Authentication;
import org.dynamocsms.ocpp.security.Charger;
import org.dynamocsms.ocpp.security.ChargerDirectory;
import org.dynamocsms.ocpp.security.ChargerRegistrar;
import org.dynamocsms.ocpp.security.OcppUpgradeCheck;
import org.dynamocsms.ocpp.security.PendingRegistration;
import org.dynamocsms.ocpp.telemetry.TelemetrySink;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.platform.ocpp.CentralSystemCalls;
import org.jboss.logging.Logger;

/**
 * {@code ws://host:port/ocpp/{charge_point_id}}, subprotocol {@code ocpp2.0.1} or {@code ocpp1.6} (the session answers
 * in the negotiated version). Chargers get here only through {@link OcppUpgradeCheck}; each connection gets its own
 * {@link ChargePointSession}, and supersedes an older one of its charger ({@link Connections}). OCPP-J is text: a
 * binary frame closes the connection (1003), and so does a frame over {@code csms.ocpp.max-frame-size} (1009),
 * checked here so that the charger gets a close frame saying so.
 * Messages of a connection arrive one at a time (serial inbound processing) and in order, on worker threads:
 * validating a payload is CPU work, and recording its telemetry may wait up to the producer's {@code max.block.ms}
 * for buffer space, neither of which may hold up the event loop that serves thousands of other connections.
 */
@WebSocket(path = "/ocpp/{charge_point_id}", endpointId = OcppEndpoint.ID)
public class OcppEndpoint {

    public static final String ID = "ocpp16";
    public static final String CHARGE_POINT_ID = "charge_point_id";
    static final int UNSUPPORTED_DATA = 1003;
    static final int MESSAGE_TOO_BIG = 1009;
    private static final Logger LOG = Logger.getLogger(OcppEndpoint.class);

    @Inject
    GatewaySettings settings;

    @Inject
    CallHandlers calls;

    @Inject
    TelemetrySink sink;

    @Inject
    Connections connections;

    @Inject
    ChargerDirectory directory;

    @Inject
    ChargerRegistrar registrar;

    @Inject
    CentralSystemCalls schemas;

    @Inject
    OcppMetrics metrics;

    @OnOpen
    void open(WebSocketConnection connection) {
        session(connection);
    }

    @OnTextMessage
    void message(WebSocketConnection connection, String text) {
        if (connection.isClosed()) {
            return;
        }
        if (utf8LongerThan(text, settings.maxFrameSize())) {
            session(connection).close(MESSAGE_TOO_BIG, "frame larger than " + settings.maxFrameSize() + " bytes");
        } else {
            session(connection).receive(text);
        }
    }

    @OnBinaryMessage
    void binary(WebSocketConnection connection, Buffer data) {
        session(connection).close(UNSUPPORTED_DATA, "binary frames are not supported: OCPP-J sends text");
    }

    /** Whether {@code text} takes more than {@code limit} bytes in UTF-8, counted only where it may. */
    static boolean utf8LongerThan(String text, int limit) {
        if (text.length() > limit) {
            return true;
        }
        if (text.length() <= limit / 3) { // at most 3 bytes per char (a surrogate pair: 4 per 2)
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes > limit;
    }

    /**
     * The connection's session, opened ({@link ChargePointSession#opened}) by whichever callback comes first: a
     * charger that sends its BootNotification right after the upgrade must not have it dropped for want of a session.
     */
    private ChargePointSession session(WebSocketConnection connection) {
        ChargePointSession open = connections.session(connection.id()); // every message but the first
        if (open != null) {
            return open;
        }
        Charger charger = connection.userData().get(OcppUpgradeCheck.CHARGER);
        return connections.open(connection.id(), charger.chargePointId(), () -> {
            Authentication.Unregistered unregistered = connection.userData().get(OcppUpgradeCheck.UNREGISTERED);
            OcppVersion version = OcppVersion.ofSubprotocol(connection.subprotocol());
            PendingRegistration pending = unregistered == null ? null : new PendingRegistration(unregistered,
                    directory, registrar, schemas.schemas(version), settings.autoRegistration().retryInterval());
            ChargePointSession session = new ChargePointSession(charger, settings.gatewayId(), calls.of(version),
                    sink, outbound(connection), Clock.systemUTC(), metrics, pending);
            session.opened(connection.handshakeRequest().remoteAddress(), connection.subprotocol());
            return session;
        });
    }

    @OnClose
    void close(WebSocketConnection connection) {
        ChargePointSession session = connections.closed(connection.id());
        if (session != null) {
            session.closed(describe(connection.closeReason()));
        }
    }

    @OnError
    void error(WebSocketConnection connection, Throwable failure) {
        // e.g. a frame over the WebSocket server's own limit (application.properties): the server drops the
        // connection, @OnClose records it
        LOG.infof("Connection of %s failed: %s", connection.pathParam(CHARGE_POINT_ID), failure.toString());
    }

    /** E.g. "1000 bye", or "1005" when the connection dropped without a close frame. */
    private static String describe(CloseReason reason) {
        if (reason == null) {
            return null;
        }
        String message = reason.getMessage();
        return message == null || message.isEmpty() ? Integer.toString(reason.getCode())
                : reason.getCode() + " " + message;
    }

    private static Outbound outbound(WebSocketConnection connection) {
        return new Outbound() {
            @Override
            public void send(String frame) {
                connection.sendText(frame).subscribe().with(sent -> { }, failure ->
                        LOG.warnf("Answer to %s not sent: %s", connection.pathParam(CHARGE_POINT_ID), failure));
            }

            @Override
            public void close(int code, String reason) {
                connection.close(new CloseReason(code, reason)).subscribe().with(closed -> { }, failure ->
                        LOG.debugf("Close of %s failed: %s", connection.pathParam(CHARGE_POINT_ID), failure));
            }
        };
    }
}
