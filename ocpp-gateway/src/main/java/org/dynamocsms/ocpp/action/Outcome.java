package org.dynamocsms.ocpp.action;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dynamocsms.schemas.telemetry.ChargerBooted;
import org.dynamocsms.schemas.telemetry.HeartbeatReceived;

/**
 * What one accepted CALL comes to: the telemetry payloads to record before answering, in order (none when the
 * message has none; several when OCPP 2.0.1 says in one message what 1.6 says in several), when they happened, and
 * the CALLRESULT payload.
 */
public record Outcome(List<Object> events, Instant occurredAt, ObjectNode answer) {

    public Outcome {
        events = List.copyOf(events);
    }

    /** An answer that records {@code event} (none if null), which happened at {@code occurredAt}. */
    static Outcome of(Object event, Instant occurredAt, ObjectNode answer) {
        return new Outcome(event == null ? List.of() : List.of(event), occurredAt, answer);
    }

    /**
     * A BootNotification of any version: Accepted with the heartbeat interval, recording the charger's {@code booted}
     * with that interval.
     */
    static Outcome bootAccepted(ChargerBooted.Builder booted, int heartbeatIntervalSeconds, Instant receivedAt) {
        return of(booted.setHeartbeatIntervalS(heartbeatIntervalSeconds).build(), receivedAt,
                currentTime(receivedAt).put("interval", heartbeatIntervalSeconds).put("status", "Accepted"));
    }

    /** A notification that records {@code event}, which happened at {@code occurredAt}, and is answered empty. */
    static Outcome recorded(Object event, Instant occurredAt) {
        return of(event, occurredAt, JsonNodeFactory.instance.objectNode());
    }

    /** A Heartbeat of any version: the current time. */
    static Outcome heartbeat(Instant receivedAt) {
        return of(new HeartbeatReceived(), receivedAt, currentTime(receivedAt));
    }

    private static ObjectNode currentTime(Instant receivedAt) {
        return JsonNodeFactory.instance.objectNode().put("currentTime", receivedAt.toString());
    }
}
