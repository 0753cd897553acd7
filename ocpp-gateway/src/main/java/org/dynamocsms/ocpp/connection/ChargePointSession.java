package org.dynamocsms.ocpp.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dynamocsms.ocpp.action.CallHandler;
import org.dynamocsms.ocpp.message.Frame;
import org.dynamocsms.ocpp.message.Frames;
import org.dynamocsms.ocpp.security.Charger;
import org.dynamocsms.ocpp.security.PendingRegistration;
import org.dynamocsms.ocpp.telemetry.Telemetry;
import org.dynamocsms.ocpp.telemetry.TelemetrySink;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.telemetry.ChargerConnected;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.jboss.logging.Logger;

/**
 * One charger's open OCPP-J connection. OCPP-J allows one outstanding CALL per direction; a charger that sends
 * another before its first is answered has it processed after the first, in order, rather than refused: answers
 * then still come one at a time, and a charger that pipelines loses nothing. More than {@value #MAX_WAITING}
 * frames waiting means the charger does not wait for answers at all: the connection is closed (1008).
 * <p>
 * Each connection has its own id ({@code con_} + ULID), carried by its ChargerConnected and ChargerDisconnected, so
 * that the end of a connection a newer one superseded ({@link #supersede}) does not take its charger offline.
 * <p>
 * A connection that stays silent longer than the gateway allows is closed by {@link #closeIfSilent}. A charger
 * being auto-registered is answered by its {@link PendingRegistration} until the registry holds it and a
 * BootNotification of it is accepted.
 * <p>
 * The central system's own CALLs to the charger go out one at a time ({@link OutgoingCalls}); the charger's
 * CALLRESULTs and CALLERRORs end them. Nothing a frame does escapes this session: every failure becomes a CALLERROR
 * or a log line. Each CALL received is counted, and its answer timed or its CALLERROR counted ({@link OcppMetrics}).
 */
public final class ChargePointSession {

    static final int MAX_WAITING = 16;
    static final int NORMAL_CLOSURE = 1000;
    static final int POLICY_VIOLATION = 1008;
    static final int GOING_AWAY = 1001;
    static final String SILENT = "heartbeat timeout";
    static final String SUPERSEDED = "superseded by a newer connection";
    private static final Logger LOG = Logger.getLogger(ChargePointSession.class);

    private final Charger charger;
    private final String connectionId = Ids.CONNECTION.next();
    private final String gatewayId;
    private final CallHandler calls;
    private final TelemetrySink sink;
    private final Outbound out;
    private final Clock clock;
    private final Deque<String> waiting = new ArrayDeque<>();
    private final OutgoingCalls outgoing;
    private final OcppMetrics metrics;
    private boolean busy;
    private boolean closed;
    private boolean disconnectRecorded;
    private volatile Instant lastReceivedAt;
    private volatile PendingRegistration pending;
    private String remoteAddress;
    private Instant openedAt;

    public ChargePointSession(Charger charger, String gatewayId, CallHandler calls, TelemetrySink sink, Outbound out,
                              Clock clock, OcppMetrics metrics) {
        this(charger, gatewayId, calls, sink, out, clock, metrics, null);
    }

    /** {@code pending}: the charger's auto-registration, until whose end it is not recorded as connected. */
    public ChargePointSession(Charger charger, String gatewayId, CallHandler calls, TelemetrySink sink, Outbound out,
                              Clock clock, OcppMetrics metrics, PendingRegistration pending) {
        this.pending = pending;
        this.metrics = metrics;
        this.charger = charger;
        this.gatewayId = gatewayId;
        this.calls = calls;
        this.sink = sink;
        this.out = out;
        this.clock = clock;
        this.outgoing = new OutgoingCalls(out, clock);
    }

    /**
     * Records ChargerConnected (for a charger being registered: at its accepted boot); the charger's frames are
     * recorded after it (same key, same producer).
     */
    public void opened(String remoteAddress, String subprotocol) {
        openedAt = clock.instant();
        lastReceivedAt = openedAt;
        this.remoteAddress = remoteAddress;
        ConnectionLog.event(charger.chargePointId(), charger.organisationId(), connectionId,
                "Connected %s from %s (%s)%s", charger.chargePointId(), remoteAddress, subprotocol,
                pending == null ? "" : ", to be registered");
        if (pending == null) {
            recordConnected();
        }
    }

    public String connectionId() {
        return connectionId;
    }

    public String chargePointId() {
        return charger.chargePointId();
    }

    /** The OCPP version the charger speaks on this connection. */
    public OcppVersion version() {
        return calls.version();
    }

    /** The charger, as authenticated at the upgrade. */
    public Charger charger() {
        return charger;
    }

    /**
     * Sends the central system's CALL {@code messageId} to the charger once the calls before it have ended; the stage
     * completes with how it ended: answered, or not before {@code expiresAt}, or never sent.
     */
    public CompletionStage<CallEnd> call(String messageId, String action, ObjectNode payload, Instant expiresAt) {
        return outgoing.send(messageId, action, payload, expiresAt);
    }

    /** Ends the calls to the charger that expired unanswered or unsent. */
    void expireCalls() {
        outgoing.expire();
    }

    private void recordConnected() {
        record(ChargerConnected.newBuilder().setGatewayId(gatewayId).setRemoteAddress(remoteAddress)
                .setConnectionId(connectionId).setOcppVersion(calls.version().label()).build());
    }

    private ChargerDisconnected disconnected(String reason) {
        return ChargerDisconnected.newBuilder().setGatewayId(gatewayId).setReason(reason).setConnectionId(connectionId)
                .build();
    }

    /**
     * Records ChargerDisconnected, unless {@link #closeIfSilent} did already; frames still waiting are dropped
     * (their charger is gone).
     */
    public void closed(String reason) {
        ConnectionLog.event(charger.chargePointId(), charger.organisationId(), connectionId,
                "Disconnected %s: %s after %s", charger.chargePointId(), reason == null ? "no close reason" : reason,
                openedAt == null ? "?" : Duration.between(openedAt, clock.instant()).truncatedTo(ChronoUnit.MILLIS));
        boolean unrecorded;
        synchronized (this) {
            closed = true;
            waiting.clear();
            unrecorded = !disconnectRecorded && pending == null;
            disconnectRecorded = true;
        }
        outgoing.closed();
        if (unrecorded) {
            record(disconnected(reason));
        }
    }

    /**
     * A newer connection of the charger opened (OCPP-J: one connection per charge point): closes this one with
     * {@value #NORMAL_CLOSURE} {@value #SUPERSEDED}, its ChargerDisconnected recorded after the newer one's
     * ChargerConnected, so that it ends nothing current. The charger may not have seen its old connection end.
     */
    public void supersede() {
        close(NORMAL_CLOSURE, SUPERSEDED);
    }

    /**
     * Closes the connection with {@code code} and {@code reason}, and records ChargerDisconnected with them (e.g.
     * "1003 binary frames are not supported..."): the charger's echo of the close may carry no reason, or never come.
     */
    public void close(int code, String reason) {
        if (!closing()) {
            return;
        }
        log(Logger.Level.INFO, null, "Closing connection %s of %s: %d %s", connectionId, charger.chargePointId(), code,
                reason);
        if (pending == null) {
            record(disconnected(code + " " + reason));
        }
        out.close(code, reason);
    }

    /**
     * If nothing arrived from the charger for longer than {@code limit}: records ChargerDisconnected (reason
     * {@value #SILENT}, occurred at the last message received) and closes the connection, which may be half-open
     * and never report its own end.
     *
     * @return whether the connection was closed
     */
    public boolean closeIfSilent(Duration limit) {
        if (!clock.instant().isAfter(lastReceivedAt.plus(limit)) || !closing()) {
            return false;
        }
        log(Logger.Level.INFO, null, "%s silent since %s; closing", charger.chargePointId(), lastReceivedAt);
        if (pending == null) {
            // offline since it fell silent: history counts the downtime from there, not from this check
            record(disconnected(SILENT), lastReceivedAt.truncatedTo(ChronoUnit.MILLIS));
        }
        out.close(GOING_AWAY, SILENT);
        return true;
    }

    /** Marks the connection closed by the gateway, which records its end; false if it was closed already. */
    private boolean closing() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
            disconnectRecorded = true;
            waiting.clear();
        }
        outgoing.closed();
        return true;
    }

    /** Takes one text frame: processes it now, or after the frames before it have been answered. */
    public void receive(String text) {
        lastReceivedAt = clock.instant();
        boolean flooded = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!busy) {
                busy = true;
            } else if (waiting.size() < MAX_WAITING) {
                waiting.add(text);
                return;
            } else {
                closed = true;
                flooded = true;
                waiting.clear();
            }
        }
        if (flooded) {
            log(Logger.Level.WARN, null, "%s sends CALLs without waiting for answers; closing",
                    charger.chargePointId());
            out.close(POLICY_VIOLATION, "more than " + MAX_WAITING + " CALLs outstanding");
            return;
        }
        process(text);
    }

    private void process(String text) {
        long receivedNanos = System.nanoTime();
        OcppMetrics.Action call = null;
        CompletionStage<String> answer;
        try {
            Frame frame = Frames.parse(text);
            if (frame instanceof Frame.Call received) {
                call = metrics.received(received.action());
            }
            answer = answer(frame, now());
        } catch (RuntimeException e) {
            log(Logger.Level.ERROR, e, "Frame from %s failed", charger.chargePointId());
            answer = CompletableFuture.completedFuture(null);
        }
        OcppMetrics.Action answered = call;
        answer.whenComplete((frame, failure) -> {
            if (frame != null) {
                out.send(frame);
                metrics.answered(answered, frame, receivedNanos);
            }
            next();
        });
    }

    private CompletionStage<String> answer(Frame frame, Instant receivedAt) {
        if (frame instanceof Frame.Call call) {
            PendingRegistration registration = pending;
            if (registration != null) {
                switch (registration.state(call)) {
                    case PENDING -> {
                        return registration.answer(call, receivedAt);
                    }
                    case REFUSED -> {
                        log(Logger.Level.WARN, null, "%s is registered elsewhere, or retired; closing",
                                charger.chargePointId());
                        out.close(POLICY_VIOLATION, "not registered to this organisation");
                        return CompletableFuture.completedFuture(null);
                    }
                    case REGISTERED -> {
                        pending = null; // from now on an ordinary connection
                        recordConnected();
                    }
                }
            }
            return calls.answer(call, charger, receivedAt);
        }
        if (frame instanceof Frame.Malformed malformed) {
            return CompletableFuture.completedFuture(Frames.error(malformed.id(), malformed.violation(),
                    calls.version()));
        }
        if (!outgoing.answered(frame)) {
            LOG.debugf("%s answered %s, but no CALL of the gateway with that id is outstanding",
                    charger.chargePointId(), frame.id());
        }
        return CompletableFuture.completedFuture(null);
    }

    private void next() {
        String text;
        synchronized (this) {
            text = waiting.poll();
            if (text == null) {
                busy = false;
                return;
            }
        }
        process(text);
    }

    private void record(Object event) {
        record(event, now());
    }

    private void record(Object event, Instant occurredAt) {
        sink.send(Telemetry.of(charger, event, occurredAt, now())).whenComplete((sent, failure) -> {
            if (failure != null) {
                log(Logger.Level.WARN, failure, "%s of %s not recorded", event.getClass().getSimpleName(),
                        charger.chargePointId());
            }
        });
    }

    /** Logs with the connection's ids in the MDC (off the hot path: failures and closes only). */
    private void log(Logger.Level level, Throwable failure, String format, Object... params) {
        ConnectionLog.log(LOG, level, failure, charger.chargePointId(), charger.organisationId(), connectionId, format,
                params);
    }

    /** Avro keeps milliseconds, and chargers parse currentTime more reliably without nanoseconds. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
