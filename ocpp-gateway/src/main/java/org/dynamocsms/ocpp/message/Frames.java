package org.dynamocsms.ocpp.message;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dynamocsms.platform.ocpp.ErrorCode;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.platform.ocpp.Violation;

/**
 * Reads and writes OCPP-J 1.6 frames (section 4): {@code [2, id, action, payload]}, {@code [3, id, payload]} and
 * {@code [4, id, code, description, details]}. A frame that is none of these becomes {@link Frame.Malformed}:
 * <ul>
 *   <li>JSON cut short (the frame is incomplete) and a frame with fewer elements than its type needs:
 *       ProtocolError;</li>
 *   <li>any other JSON syntax error, a frame that is not an array, an unknown message type, a message id that
 *       is not a string, an action that is not a string, a payload that is not an object, extra elements, a CALL
 *       whose message id is longer than {@value #MAX_ID_LENGTH} characters (section 4.1.4): FormationViolation.</li>
 * </ul>
 * The answer carries the frame's message id when it can be read, even from broken JSON (a charger matches answers
 * by id); otherwise {@value #UNKNOWN_ID}, the id implementations commonly use for a frame whose id is unknown.
 */
public final class Frames {

    public static final String UNKNOWN_ID = "-1";
    /** OCPP-J 1.6 section 4.1.4: a message id is at most 36 characters (a GUID). */
    static final int MAX_ID_LENGTH = 36;
    private static final int CALL = 2;
    private static final int CALL_RESULT = 3;
    private static final int CALL_ERROR = 4;
    private static final int MAX_DESCRIPTION = 255;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Frames() {
    }

    public static Frame parse(String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (JsonEOFException e) {
            return new Frame.Malformed(salvageId(text), new Violation(ErrorCode.ProtocolError, "incomplete JSON"));
        } catch (JsonProcessingException e) {
            return new Frame.Malformed(salvageId(text),
                    new Violation(ErrorCode.FormationViolation, "malformed JSON: " + e.getOriginalMessage()));
        }
        if (frame == null || !frame.isArray() || frame.isEmpty() || !frame.get(0).isInt()) {
            return malformed(UNKNOWN_ID, ErrorCode.FormationViolation, "not an OCPP-J message array");
        }
        if (frame.size() < 2 || !frame.get(1).isTextual()) {
            return malformed(UNKNOWN_ID, ErrorCode.FormationViolation, "the message id is not a string");
        }
        String id = frame.get(1).textValue();
        return switch (frame.get(0).intValue()) {
            case CALL -> call(id, frame);
            case CALL_RESULT -> frame.size() == 3
                    ? new Frame.CallResult(id, frame.get(2)) : shape(id, frame, 3);
            case CALL_ERROR -> frame.size() == 5
                    ? new Frame.CallError(id, frame.get(2).asText(), frame.get(3).asText()) : shape(id, frame, 5);
            default -> malformed(id, ErrorCode.FormationViolation, "unknown message type " + frame.get(0));
        };
    }

    /** Whether {@code frame}, one this class wrote, is a CALLRESULT. */
    public static boolean isCallResult(String frame) {
        return frame.startsWith("[" + CALL_RESULT + ",");
    }

    /** {@code [2, id, action, payload]}. */
    public static String call(String id, String action, ObjectNode payload) {
        ArrayNode frame = JSON.createArrayNode().add(CALL).add(id).add(action);
        frame.add(payload);
        return write(frame);
    }

    /** {@code [3, id, payload]}. */
    public static String result(String id, ObjectNode payload) {
        ArrayNode frame = JSON.createArrayNode().add(CALL_RESULT).add(id);
        frame.add(payload);
        return write(frame);
    }

    /** {@code [4, id, code, description, {}]}, the code as {@code version} spells it. */
    public static String error(String id, Violation violation, OcppVersion version) {
        String description = violation.description();
        if (description.length() > MAX_DESCRIPTION) {
            description = description.substring(0, MAX_DESCRIPTION);
        }
        ArrayNode frame = JSON.createArrayNode().add(CALL_ERROR).add(id).add(violation.code().in(version))
                .add(description);
        frame.add(JsonNodeFactory.instance.objectNode());
        return write(frame);
    }

    /** Through the shared mapper: {@code JsonNode.toString()} builds a new writer for every frame. */
    private static String write(ArrayNode frame) {
        try {
            return JSON.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written: " + e.getMessage(), e);
        }
    }

    private static Frame call(String id, JsonNode frame) {
        if (frame.size() != 4) {
            return shape(id, frame, 4);
        }
        if (id.length() > MAX_ID_LENGTH) {
            return malformed(id, ErrorCode.FormationViolation,
                    "the message id is longer than " + MAX_ID_LENGTH + " characters");
        }
        if (!frame.get(2).isTextual()) {
            return malformed(id, ErrorCode.FormationViolation, "the action is not a string");
        }
        if (!frame.get(3).isObject()) {
            return malformed(id, ErrorCode.FormationViolation, "the payload is not a JSON object");
        }
        return new Frame.Call(id, frame.get(2).textValue(), (ObjectNode) frame.get(3));
    }

    private static Frame shape(String id, JsonNode frame, int elements) {
        return frame.size() < elements
                ? malformed(id, ErrorCode.ProtocolError, "incomplete message: " + elements + " elements expected")
                : malformed(id, ErrorCode.FormationViolation, "too many elements: " + elements + " expected");
    }

    private static Frame malformed(String id, ErrorCode code, String description) {
        return new Frame.Malformed(id, new Violation(code, description));
    }

    /** The id of {@code [<type>, "<id>", ...} however the rest of the text is broken; else {@value #UNKNOWN_ID}. */
    private static String salvageId(String text) {
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            if (parser.nextToken() == JsonToken.START_ARRAY && parser.nextToken() == JsonToken.VALUE_NUMBER_INT
                    && parser.nextToken() == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
        } catch (IOException e) {
            // the id itself is unreadable
        }
        return UNKNOWN_ID;
    }
}
