package org.dynamocsms.ocpp.action;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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

    /**
     * An OCPP dateTime; the schema checked its RFC 3339 form, this rejects what Java cannot represent and times
     * outside the years 0001 to 9999 in UTC, which the read store cannot hold.
     */
    static Instant timestamp(JsonNode payload, String field) throws ViolationException {
        String text = text(payload, field);
        if (text == null) {
            return null;
        }
        OffsetDateTime at;
        int year;
        try {
            at = OffsetDateTime.parse(text);
            year = at.withOffsetSameInstant(ZoneOffset.UTC).getYear();
        } catch (DateTimeException e) {
            throw new ViolationException(ErrorCode.PropertyConstraintViolation, field + ": not a date-time: " + text);
        }
        if (year < 1 || year > 9999) {
            throw new ViolationException(ErrorCode.PropertyConstraintViolation,
                    field + ": not in the years 0001 to 9999 (UTC): " + text);
        }
        return at.toInstant();
    }
}
