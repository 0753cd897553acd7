package org.dynamocsms.ocpp.connection;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dynamocsms.ocpp.message.Frame;
import org.dynamocsms.ocpp.message.Frames;
import org.dynamocsms.schemas.call.ChargerCallStatus;

/**
 * The calls the central system sends one charger over its connection. OCPP-J allows one outstanding CALL per
 * direction: a call is sent once the one before it has ended, and each waits for the charger's answer until it
 * expires ({@link #expire}). At most {@value #MAX_WAITING} calls wait their turn; more are not sent.
 */
final class OutgoingCalls {

    static final int MAX_WAITING = 32;

    private record Outgoing(String messageId, String frame, Instant expiresAt, CompletableFuture<CallEnd> end) {
    }

    private final Outbound out;
    private final Clock clock;
    private final Deque<Outgoing> waiting = new ArrayDeque<>();
    private Outgoing inFlight;
    private Instant sentAt;
    private boolean closed;

    OutgoingCalls(Outbound out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** Sends {@code action} with {@code payload} as CALL {@code messageId} in its turn. */
    CompletionStage<CallEnd> send(String messageId, String action, ObjectNode payload, Instant expiresAt) {
        Outgoing call = new Outgoing(messageId, Frames.call(messageId, action, payload), expiresAt,
                new CompletableFuture<>());
        synchronized (this) {
            if (closed) {
                return CompletableFuture.completedFuture(notSent(ChargerCallStatus.CONNECTION_LOST, "ConnectionLost",
                        "the connection closed before the call could be sent"));
            }
            if (waiting.size() >= MAX_WAITING) {
                return CompletableFuture.completedFuture(notSent(ChargerCallStatus.NOT_SENT, "Busy",
                        "more than " + MAX_WAITING + " calls wait for this charger"));
            }
            waiting.add(call);
        }
        sendNext();
        return call.end();
    }

    /** Ends the call {@code answer} (a CALLRESULT or CALLERROR) answers; false if none is outstanding with its id. */
    boolean answered(Frame answer) {
        Outgoing call;
        Instant sent;
        synchronized (this) {
            if (inFlight == null || !inFlight.messageId().equals(answer.id())) {
                return false;
            }
            call = inFlight;
            sent = sentAt;
            inFlight = null;
        }
        Instant now = now();
        call.end().complete(answer instanceof Frame.CallResult result
                ? new CallEnd(ChargerCallStatus.ANSWERED, result.payload(), null, null, sent, now)
                : new CallEnd(ChargerCallStatus.CALL_ERROR, null, ((Frame.CallError) answer).code(),
                        ((Frame.CallError) answer).description(), sent, now));
        sendNext();
        return true;
    }

    /** Ends the call in flight as TIMED_OUT if it has expired unanswered, and those waiting whose time has passed. */
    void expire() {
        synchronized (this) {
            if (inFlight == null && waiting.isEmpty()) {
                return; // most connections, most of the time: looked at every second, so nothing allocated
            }
        }
        Instant now = clock.instant();
        List<CallEnd.Ending> ended = new ArrayList<>();
        synchronized (this) {
            if (inFlight != null && !now.isBefore(inFlight.expiresAt())) {
                ended.add(new CallEnd.Ending(inFlight.end(), new CallEnd(ChargerCallStatus.TIMED_OUT, null, "Timeout",
                        "the charger did not answer before the call expired", sentAt, now())));
                inFlight = null;
            }
            waiting.removeIf(call -> {
                boolean expired = !now.isBefore(call.expiresAt());
                if (expired) {
                    ended.add(new CallEnd.Ending(call.end(), notSent(ChargerCallStatus.NOT_SENT, "Expired",
                            "the call expired while calls before it were outstanding")));
                }
                return expired;
            });
        }
        ended.forEach(CallEnd.Ending::complete);
        sendNext();
    }

    /** Ends every call as CONNECTION_LOST: the connection closed. */
    void closed() {
        List<CallEnd.Ending> ended = new ArrayList<>();
        synchronized (this) {
            closed = true;
            if (inFlight != null) {
                ended.add(new CallEnd.Ending(inFlight.end(), new CallEnd(ChargerCallStatus.CONNECTION_LOST, null,
                        "ConnectionLost", "the connection closed before the charger answered", sentAt, now())));
                inFlight = null;
            }
            waiting.forEach(call -> ended.add(new CallEnd.Ending(call.end(), notSent(ChargerCallStatus.CONNECTION_LOST,
                    "ConnectionLost", "the connection closed before the call could be sent"))));
            waiting.clear();
        }
        ended.forEach(CallEnd.Ending::complete);
    }

    private void sendNext() {
        Outgoing next;
        synchronized (this) {
            if (closed || inFlight != null || waiting.isEmpty()) {
                return;
            }
            next = waiting.poll();
            inFlight = next;
            sentAt = now();
        }
        out.send(next.frame());
    }

    private CallEnd notSent(ChargerCallStatus status, String code, String description) {
        return new CallEnd(status, null, code, description, null, now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
