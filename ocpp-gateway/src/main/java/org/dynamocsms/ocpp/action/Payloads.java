package org.dynamocsms.ocpp.action;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import org.dynamocsms.ocpp.message.ErrorCode;
import org.dynamocsms.ocpp.message.ViolationException;

/** Reads the fields of a payload that passed its schema (so types are as the schema says). */
final class Payloads {

    private Payloads() {
    }

    static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null ? null : value.textValue();
    }

    static Integer integer(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null ? null : value.intValue();
    }

    /** An OCPP dateTime; the schema checked its RFC 3339 form, this rejects what Java cannot represent. */
    static Instant timestamp(JsonNode payload, String field) throws ViolationException {
        String text = text(payload, field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ViolationException(ErrorCode.PropertyConstraintViolation, field + ": not a date-time: " + text);
        }
    }
}
