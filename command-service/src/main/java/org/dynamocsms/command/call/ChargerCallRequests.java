package org.dynamocsms.command.call;

import static org.dynamocsms.command.RequestFields.Presence.OPTIONAL;
import static org.dynamocsms.command.RequestFields.Presence.REQUIRED;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dynamocsms.command.RequestFields;
import org.dynamocsms.platform.ocpp.CentralSystemCalls;
import org.dynamocsms.platform.ocpp.Violation;
import org.dynamocsms.schemas.call.RequestChargerCall;

/** The shape of a call request body, checked (the payload against its action's schema) before any command. */
public final class ChargerCallRequests {

    static final String ACTION = "action";
    static final String PAYLOAD = "payload";
    static final String TIMEOUT_SECONDS = "timeout_seconds";
    static final List<String> FIELDS = List.of(ACTION, PAYLOAD, TIMEOUT_SECONDS);
    static final List<String> ACTIONS = List.copyOf(CentralSystemCalls.ACTIONS);
    static final int DEFAULT_TIMEOUT_SECONDS = 30;
    /** A charger answers in seconds; a call left longer may act on a situation that has passed. */
    static final int MAX_TIMEOUT_SECONDS = 300;

    private ChargerCallRequests() {
    }

    /**
     * The call of a {@code POST .../calls} body, or a 400 naming every invalid field: action required, payload (an
     * empty object if left out) valid against the action's schema, timeout_seconds from 1 to
     * {@value #MAX_TIMEOUT_SECONDS} (default {@value #DEFAULT_TIMEOUT_SECONDS}) from {@code now}.
     */
    public static RequestChargerCall request(JsonNode body, CentralSystemCalls calls, String callId, Instant now) {
        RequestFields fields = RequestFields.of(body, FIELDS);
        String action = fields.oneOf(ACTION, REQUIRED, ACTIONS);
        ObjectNode payload = fields.object(PAYLOAD, OPTIONAL);
        if (payload == null && !fields.has(PAYLOAD)) {
            payload = JsonNodeFactory.instance.objectNode();
        }
        Integer timeout = fields.integer(TIMEOUT_SECONDS, OPTIONAL, 1, MAX_TIMEOUT_SECONDS);
        Optional<Violation> invalid = action == null || payload == null ? Optional.empty()
                : calls.check(action, payload);
        invalid.ifPresent(violation -> fields.reject(PAYLOAD, violation.description() + " (" + violation.code() + ")"));
        fields.throwIfInvalid();
        return new RequestChargerCall(callId, action, payload.toString(),
                now.plus(Duration.ofSeconds(timeout == null ? DEFAULT_TIMEOUT_SECONDS : timeout)));
    }
}
