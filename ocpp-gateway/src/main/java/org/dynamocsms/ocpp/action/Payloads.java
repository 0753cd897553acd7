package org.dynamocsms.ocpp.action;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.dynamocsms.ocpp.message.ViolationException;
import org.dynamocsms.platform.ocpp.ErrorCode;
import org.dynamocsms.schemas.values.Storable;

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

    /**
     * An OCPP dateTime; the schema checked its RFC 3339 form, this rejects what Java cannot represent and what a
     * reader could not hold (see {@link Storable#instant}).
     */
    static Instant timestamp(JsonNode payload, String field) throws ViolationException {
        String text = text(payload, field);
        if (text == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new ViolationException(ErrorCode.PropertyConstraintViolation, field + ": not a date-time: " + text);
        }
        Optional<String> unstorable = Storable.instant(instant);
        if (unstorable.isPresent()) {
            throw new ViolationException(ErrorCode.PropertyConstraintViolation,
                    field + ": " + unstorable.get() + ": " + text);
        }
        return instant;
    }
}
