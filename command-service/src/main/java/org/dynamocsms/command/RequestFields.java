package org.dynamocsms.command;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectReader;

import org.dynamocsms.platform.problem.Problem.FieldError;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.values.Storable;

/**
 * Reads the fields of one JSON request body and collects every problem, so a client learns about all of its
 * mistakes in one 400 answer instead of one per attempt. Every text, map key and value, number and instant must be
 * {@link Storable}: what the API accepts, every reader can hold.
 */
public final class RequestFields {

    /** Whether a field may be left out, and what an explicit {@code null} means. */
    public enum Presence {
        /** Must be present and not null. */
        REQUIRED,
        /** May be left out; {@code null} counts as left out. */
        OPTIONAL,
        /** May be left out, but not sent as {@code null} (a partial update cannot tell "clear" from "keep"). */
        OPTIONAL_NOT_NULL
    }

    /** Far above any request of this API; refusing more keeps a client from making the service parse megabytes. */
    public static final int MAX_BODY_CHARS = 64 * 1024;

    private static final ObjectReader JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .reader();

    private final JsonNode body;
    private final List<FieldError> errors;
    /** Put before the names of this object's fields: "" for a body, e.g. "connectors[0]." for an item of it. */
    private final String prefix;

    private RequestFields(JsonNode body, List<FieldError> errors, String prefix) {
        this.body = body;
        this.errors = errors;
        this.prefix = prefix;
    }

    /**
     * Parses a request body of UTF-8 bytes, at most {@value #MAX_BODY_CHARS} characters. Bytes that are not UTF-8
     * are refused, not decoded as U+FFFD (the body is read as bytes for this: decoded to a String by the HTTP
     * layer, they could no longer be told from a client's U+FFFD). Malformed JSON (including duplicate keys and
     * trailing content) throws {@link JsonProcessingException}, which the platform answers as 400 "Malformed JSON".
     */
    public static JsonNode parse(byte[] body) throws JsonProcessingException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body == null ? new byte[0] : body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(400, "Malformed JSON", "The request body is not valid UTF-8.");
        }
        if (text.length() > MAX_BODY_CHARS) {
            throw new ProblemException(400, "Invalid request",
                    "The request body must be at most " + MAX_BODY_CHARS + " characters.");
        }
        return JSON.readTree(text);
    }

    /** Starts reading {@code body}, which must be a JSON object with no fields other than {@code known}. */
    public static RequestFields of(JsonNode body, Collection<String> known) {
        if (body == null || !body.isObject()) {
            throw new ProblemException(400, "Invalid request", "The request body must be a JSON object.");
        }
        return new RequestFields(body, new ArrayList<>(), "").knowing(known);
    }

    private RequestFields knowing(Collection<String> known) {
        Set<String> allowed = Set.copyOf(known);
        body.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                reject(name, "is not a known field");
            }
        });
        return this;
    }

    /** True if the body has no fields at all. */
    public boolean isEmpty() {
        return body.isEmpty();
    }

    /** True if the body has {@code field} with a non-null value. */
    public boolean has(String field) {
        return body.hasNonNull(field);
    }

    /** The string value of {@code field}, or null if it is absent or invalid (the error is then recorded). */
    public String text(String field, Presence presence, int maxLength, boolean allowBlank) {
        JsonNode value = present(field, presence);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            return reject(field, "must be a string");
        }
        String text = value.textValue();
        Optional<String> unstorable = Storable.text(text);
        if (unstorable.isPresent()) {
            return reject(field, unstorable.get());
        }
        if (!allowBlank && text.isBlank()) {
            return reject(field, "must not be blank");
        }
        if (length(text) > maxLength) {
            return reject(field, "must be at most " + maxLength + " characters");
        }
        return text;
    }

    /** The finite numeric value of {@code field}, or null if it is absent or invalid. */
    public Double number(String field, Presence presence) {
        JsonNode value = present(field, presence);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            return reject(field, "must be a number");
        }
        double number = value.doubleValue();
        return Double.isFinite(number) ? number : reject(field, Storable.FINITE);
    }

    /** Like {@link #number(String, Presence)}, and between {@code min} and {@code max} inclusive. */
    public Double number(String field, Presence presence, double min, double max) {
        Double number = number(field, presence);
        Optional<String> outside = number == null ? Optional.empty() : Storable.number(number, min, max);
        return outside.isPresent() ? reject(field, outside.get()) : number;
    }

    /** The whole number value of {@code field}, between {@code min} and {@code max} inclusive, or null. */
    public Integer integer(String field, Presence presence, int min, int max) {
        JsonNode value = present(field, presence);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            return reject(field, "must be a whole number");
        }
        // compared as a long: a value beyond int's range is out of bounds, not wrapped into them
        long number = value.canConvertToLong() ? value.longValue() : Long.MAX_VALUE;
        if (number < min || number > max) {
            return reject(field, "must be between " + min + " and " + max);
        }
        return (int) number;
    }

    /** Like {@link #number(String, Presence)}, greater than 0 and at most {@code max}. */
    public Double positive(String field, Presence presence, double max) {
        Double number = number(field, presence);
        if (number != null && number <= 0) {
            return reject(field, "must be greater than 0");
        }
        if (number != null && number > max) {
            return reject(field, "must be at most " + Storable.plain(max));
        }
        return number;
    }

    /** The string value of {@code field} if it is one of {@code allowed}; the error lists the allowed values. */
    public String oneOf(String field, Presence presence, List<String> allowed) {
        JsonNode value = present(field, presence);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || !allowed.contains(value.textValue())) {
            return reject(field, "must be one of " + String.join(", ", allowed));
        }
        return value.textValue();
    }

    /** The array in {@code field} of distinct strings, each one of {@code allowed}, at least one; or null. */
    public List<String> someOf(String field, Presence presence, List<String> allowed) {
        JsonNode value = present(field, presence);
        if (value == null) {
            return null;
        }
        String expected = "must be a non-empty array of distinct values among " + String.join(", ", allowed);
        if (!value.isArray() || value.isEmpty()) {
            return reject(field, expected);
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || !allowed.contains(item.textValue()) || items.contains(item.textValue())) {
                return reject(field, expected);
            }
            items.add(item.textValue());
        }
        return items;
    }

    /**
     * The object value of {@code field} as a map of strings, or null if it is absent or invalid: at most
     * {@code maxEntries} entries, keys of 1 to {@code maxKeyLength} characters, string values of at most
     * {@code maxValueLength} characters, keys and values {@link Storable#text storable}.
     */
    public Map<String, String> stringMap(String field, Presence presence, int maxEntries, int maxKeyLength,
                                         int maxValueLength) {
        JsonNode value = present(field, presence);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            return reject(field, "must be an object of strings");
        }
        if (value.size() > maxEntries) {
            return reject(field, "must have at most " + maxEntries + " entries");
        }
        int errorsBefore = errors.size();
        // one error per kind of bad key: a key that cannot be stored should not be echoed
        Set<String> badKeys = new LinkedHashSet<>();
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String key = entry.getKey();
            JsonNode text = entry.getValue();
            Optional<String> unstorableKey = Storable.text(key);
            Optional<String> unstorable = text.isTextual() ? Storable.text(text.textValue()) : Optional.empty();
            if (key.isEmpty() || length(key) > maxKeyLength) {
                badKeys.add("keys must be 1 to " + maxKeyLength + " characters");
            } else if (unstorableKey.isPresent()) {
                badKeys.add("keys " + unstorableKey.get());
            } else if (!text.isTextual()) {
                reject(field, "value of \"" + key + "\" must be a string");
            } else if (unstorable.isPresent()) {
                reject(field, "value of \"" + key + "\" " + unstorable.get());
            } else if (length(text.textValue()) > maxValueLength) {
                reject(field, "value of \"" + key + "\" must be at most " + maxValueLength + " characters");
            } else {
                map.put(key, text.textValue());
            }
        }
        badKeys.forEach(problem -> reject(field, problem));
        return errors.size() == errorsBefore ? map : null;
    }

    /**
     * The array of objects in {@code field}, each read by a RequestFields of its own whose errors name the item's
     * fields {@code field[i].name} and count as this request's; null if the array is absent or invalid. At most
     * {@code maxItems} items, each an object with no fields other than {@code known}.
     */
    public List<RequestFields> objects(String field, Presence presence, int maxItems, Collection<String> known) {
        JsonNode value = present(field, presence);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            return reject(field, "must be an array of objects");
        }
        if (value.size() > maxItems) {
            return reject(field, "must have at most " + maxItems + " items");
        }
        List<RequestFields> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String item = field + "[" + i + "]";
            if (value.get(i).isObject()) {
                items.add(new RequestFields(value.get(i), errors, prefix + item + ".").knowing(known));
            } else {
                reject(item, "must be an object");
            }
        }
        return items;
    }

    /**
     * The ISO 8601 date-time with offset (e.g. {@code 2024-06-01T10:15:00Z}) of {@code field}, in the years 0001 to
     * 9999 UTC, or null.
     */
    public Instant instant(String field, Presence presence) {
        JsonNode value = present(field, presence);
        if (value == null) {
            return null;
        }
        Instant instant = null;
        if (value.isTextual()) {
            try {
                instant = OffsetDateTime.parse(value.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                // refused below, like a value that is not a string
            }
        }
        if (instant == null) {
            return reject(field, "must be an ISO 8601 date-time with offset, e.g. 2024-06-01T10:15:00Z");
        }
        Optional<String> unstorable = Storable.instant(instant);
        return unstorable.isPresent() ? reject(field, unstorable.get()) : instant;
    }

    /** The JSON object value of {@code field}, or null. */
    public ObjectNode object(String field, Presence presence) {
        JsonNode value = present(field, presence);
        if (value == null) {
            return null;
        }
        return value instanceof ObjectNode object ? object : reject(field, "must be a JSON object");
    }

    /** Records an error on {@code field}; returns null so readers can {@code return reject(...)}. */
    public <T> T reject(String field, String detail) {
        errors.add(new FieldError(prefix + field, detail));
        return null;
    }

    /** Throws a 400 naming every invalid field, if any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private JsonNode present(String field, Presence presence) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (presence == Presence.REQUIRED) {
                reject(field, "is required");
            } else if (value != null && presence == Presence.OPTIONAL_NOT_NULL) {
                reject(field, "must not be null");
            }
            return null;
        }
        return value;
    }

    /** Counts characters, not UTF-16 units: an emoji is one character. */
    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
