package org.dynamocsms.ocpp.action;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one accepted CALL comes to: the telemetry payload to record before answering (null when the message has
 * none), when it happened, and the CALLRESULT payload.
 */
public record Outcome(Object event, Instant occurredAt, ObjectNode answer) {
}
