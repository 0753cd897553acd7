package org.dynamocsms.ocpp.action;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dynamocsms.schemas.telemetry.ChargerBooted;
import org.dynamocsms.schemas.telemetry.HeartbeatReceived;

/**
 * What one accepted CALL comes to: the telemetry payload to record before answering (null when the message has
 * none), when it happened, and the CALLRESULT payload.
 */
public record Outcome(Object event, Instant occurredAt, ObjectNode answer) {

    /**
     * A BootNotification of any version: Accepted with the heartbeat interval, recording the charger's {@code booted}
     * with that interval.
     */
    static Outcome bootAccepted(ChargerBooted.Builder booted, int heartbeatIntervalSeconds, Instant receivedAt) {
        return new Outcome(booted.setHeartbeatIntervalS(heartbeatIntervalSeconds).build(), receivedAt,
                currentTime(receivedAt).put("interval", heartbeatIntervalSeconds).put("status", "Accepted"));
    }

    /** A notification that records {@code event}, which happened at {@code occurredAt}, and is answered empty. */
    static Outcome recorded(Object event, Instant occurredAt) {
        return new Outcome(event, occurredAt, JsonNodeFactory.instance.objectNode());
    }

    /** A Heartbeat of any version: the current time. */
    static Outcome heartbeat(Instant receivedAt) {
        return new Outcome(new HeartbeatReceived(), receivedAt, currentTime(receivedAt));
    }

    private static ObjectNode currentTime(Instant receivedAt) {
        return JsonNodeFactory.instance.objectNode().put("currentTime", receivedAt.toString());
    }
}
