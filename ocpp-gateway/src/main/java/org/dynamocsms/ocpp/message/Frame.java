package org.dynamocsms.ocpp.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dynamocsms.platform.ocpp.Violation;

/** One OCPP-J message as received: a CALL, CALLRESULT or CALLERROR, or a frame that is none of them. */
public sealed interface Frame {

    /** The message id, or {@link Frames#UNKNOWN_ID} when it could not be read. */
    String id();

    /** {@code [2, id, action, payload]}. */
    record Call(String id, String action, ObjectNode payload) implements Frame {
    }

    /** {@code [3, id, payload]}. */
    record CallResult(String id, JsonNode payload) implements Frame {
    }

    /** {@code [4, id, code, description, details]}. */
    record CallError(String id, String code, String description) implements Frame {
    }

    /** Not a well-formed OCPP-J message; answered with a CALLERROR carrying {@code violation}. */
    record Malformed(String id, Violation violation) implements Frame {
    }
}
