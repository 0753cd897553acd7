package org.dynamocsms.ocpp.connection;

import java.time.Clock;

import jakarta.inject.Inject;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import org.dynamocsms.ocpp.action.CallHandler;
import org.dynamocsms.ocpp.message.PayloadSchemas;
import org.dynamocsms.ocpp.security.Authentication;
import org.dynamocsms.ocpp.security.ChargerDirectory;
import org.dynamocsms.ocpp.security.ChargerRegistrar;
import org.dynamocsms.ocpp.security.OcppUpgradeCheck;
import org.dynamocsms.ocpp.security.PendingRegistration;
import org.dynamocsms.ocpp.telemetry.TelemetrySink;
import org.jboss.logging.Logger;

/**
 * {@code ws://host:port/ocpp/{charge_point_id}}, subprotocol {@code ocpp1.6}. Chargers get here only through
 * {@link OcppUpgradeCheck}; each connection gets its own {@link ChargePointSession}. Messages of a connection
 * arrive one at a time (serial inbound processing) and in order, on worker threads: validating a payload is CPU work,
 * and recording its telemetry may wait up to the producer's {@code max.block.ms} for buffer space, neither of which
 * may hold up the event loop that serves thousands of other connections.
 */
@WebSocket(path = "/ocpp/{charge_point_id}", endpointId = OcppEndpoint.ID)
public class OcppEndpoint {

    public static final String ID = "ocpp16";
    public static final String CHARGE_POINT_ID = "charge_point_id";
    private static final Logger LOG = Logger.getLogger(OcppEndpoint.class);

    @Inject
    GatewaySettings settings;

    @Inject
    CallHandler calls;

    @Inject
    TelemetrySink sink;

    @Inject
    Connections connections;

    @Inject
    ChargerDirectory directory;

    @Inject
    ChargerRegistrar registrar;

    @Inject
    PayloadSchemas schemas;

    @OnOpen
    void open(WebSocketConnection connection) {
        session(connection);
    }

    @OnTextMessage
    void message(WebSocketConnection connection, String text) {
        if (!connection.isClosed()) {
            session(connection).receive(text);
        }
    }

    /**
     * The connection's session, opened ({@link ChargePointSession#opened}) by whichever callback comes first: a
     * charger that sends its BootNotification right after the upgrade must not have it dropped for want of a session.
     */
    private ChargePointSession session(WebSocketConnection connection) {
        ChargePointSession open = connections.session(connection.id()); // every message but the first
        return open != null ? open : connections.open(connection.id(), () -> {
            Authentication.Unregistered unregistered = connection.userData().get(OcppUpgradeCheck.UNREGISTERED);
            ChargePointSession session = new ChargePointSession(
                    connection.userData().get(OcppUpgradeCheck.CHARGER), settings.gatewayId(), calls, sink,
                    outbound(connection), Clock.systemUTC(), unregistered == null ? null : new PendingRegistration(
                            unregistered, directory, registrar, schemas, settings.autoRegistration().retryInterval()));
            session.opened(connection.handshakeRequest().remoteAddress());
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
        // e.g. a frame over csms.ocpp.max-frame-size: the server drops the connection, @OnClose records it
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
