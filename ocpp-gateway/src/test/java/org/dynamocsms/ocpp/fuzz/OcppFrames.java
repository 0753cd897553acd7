package org.dynamocsms.ocpp.fuzz;

import static org.dynamocsms.bench.fuzz.FuzzText.ODD;
import static org.dynamocsms.bench.fuzz.FuzzText.UNSTORABLE;
import static org.dynamocsms.bench.fuzz.FuzzText.json;
import static org.dynamocsms.bench.fuzz.FuzzText.quoted;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.dynamocsms.bench.fuzz.FuzzText;
import org.dynamocsms.platform.ocpp.PayloadSchemas;

/**
 * OCPP-J frames a charger could send, generated with jqwik's generators (driven by a caller's seeded
 * {@link Random}, so a run reproduces) from the gateway's own OCPP 1.6 request schemas: valid CALLs of every action
 * and mutations of them and of their framing, each labelled with its kind and the answer the contract demands.
 */
public final class OcppFrames {

    /** What the gateway must answer a frame. */
    public enum Expect {
        /** A CALLRESULT: the CALL is valid. */
        RESULT,
        /** A CALLERROR: the frame breaks the schema, OCPP-J's framing or what the gateway can store. */
        ERROR,
        /** Either, each with its consequences: the contract leaves the value's acceptance open. */
        EITHER,
        /** Nothing: a CALLRESULT or CALLERROR of the charger, while the gateway sent no CALL. */
        NONE
    }

    /**
     * One generated frame: {@code id} is the message id a CALLERROR must carry (null: the id cannot be read, so
     * {@code "-1"} or whatever part of it the gateway salvaged).
     */
    public record Fuzzed(String kind, String frame, String id, String action, Expect expect) {
    }

    /** Actions whose CALLRESULT comes with exactly one telemetry record; the others record nothing. */
    public static final List<String> RECORDING = List.of("BootNotification", "Heartbeat", "StatusNotification",
            "MeterValues", "StartTransaction", "StopTransaction", "FirmwareStatusNotification",
            "DiagnosticsStatusNotification");
    /** OCPP-J 1.6 section 4.1.4: a message id is at most 36 characters (a GUID). */
    public static final int MAX_ID_LENGTH = 36;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GEN_SIZE = 1000;
    private static final List<String> ACTIONS = PayloadSchemas.CHARGE_POINT_ACTIONS.stream().sorted().toList();
    /** The measurands the gateway reads into numbers (MeterSamples): their values must be finite and physical. */
    private static final List<String> READ_MEASURANDS = List.of("Energy.Active.Import.Register",
            "Power.Active.Import");

    /** Text no reader can hold: PostgreSQL refuses NUL, UTF-8 cannot carry a lone surrogate. */
    private static final List<String> BAD_YEARS = List.of("0000-01-01T00:00:00Z", "0000-12-31T23:59:59.999Z",
            "10000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "+300000-01-01T00:00:00Z",
            "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-0001-01-01T00:00:00Z",
            "-5000-01-01T00:00:00Z", "2024-01-01T00:00:00", "2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z",
            "2024-01-01", "2024-01-01T25:00:00Z", "yesterday", "", "1717243200", "2024-06-01T12:00:00+25:00");
    private static final List<String> EDGE_YEARS = List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
            "0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00", "2024-06-01T12:00:00.123456789Z",
            "2024-06-01t12:00:00z", "2016-12-31T23:59:60Z", "1970-01-01T00:00:00Z");
    /** Meter readings no meter can produce: non-finite, or at the double limits. */
    private static final List<String> IMPOSSIBLE_READINGS = List.of("1e308", "-1e308", "1.7e308",
            "1.7976931348623157e308", "-1.7976931348623157e308", "1e400", "-1e400", "NaN", "Infinity", "-Infinity",
            "1e300", "9.9e307");
    /** Readings that are numbers but whose acceptance the contract leaves to the gateway's documented bound. */
    private static final List<String> ODD_READINGS = List.of("4.9e-324", "-4.9e-324", "-0", "-0.0", "0e0",
            "1e15", "1e20", "-1", "-1000000", "2147483648", "9223372036854775808", "1e38", "+5", ".5", "5.",
            "0x10", " 5", "5 ", "1_000");
    private static final List<String> INTEGER_BREAKERS = List.of("2147483648", "-2147483649", "9223372036854775808",
            "-9223372036854775809", "99999999999999999999999999", "0.5", "4.9e-324", "1e400", "-1e400", "1e308",
            "-1e308", "1.7976931348623157e308", "3.000000001", "1" + "0".repeat(400));
    private static final List<String> INTEGER_MAYBE = List.of("1.0", "-0", "-0.0", "2e0", "1E1");
    private static final List<String> NOT_ARRAYS = List.of("{}", "\"x\"", "1", "null", "[]", "true", "", "   ",
            "{\"2\":\"a\"}", "[[]]", "[null]", "[\"2\",\"a\",\"Heartbeat\",{}]");
    private static final List<String> MESSAGE_TYPES = List.of("0", "1", "5", "-1", "2.0", "\"2\"", "99999999999",
            "null", "2e0", "-2");
    private static final List<String> UNKNOWN_ACTIONS = List.of("FlyToTheMoon", "bootnotification",
            "BootNotification ", "", "Heart\u0000beat", "Heartbeat\ud800", "RemoteStartTransaction", "Reset",
            "GetConfiguration", "SignCertificate", "x".repeat(300));

    private final Map<String, JsonNode> schemas = new HashMap<>();
    private final Map<String, RandomGenerator<Integer>> integers = new HashMap<>();
    private final Map<Integer, RandomGenerator<String>> texts = new HashMap<>();
    private final RandomGenerator<Instant> instants = Arbitraries.longs()
            .between(Instant.parse("2000-01-01T00:00:00Z").toEpochMilli(), Instant.parse("2035-12-31T23:59:59Z")
                    .toEpochMilli())
            .map(Instant::ofEpochMilli).generatorWithEmbeddedEdgeCases(GEN_SIZE);
    private final RandomGenerator<String> readings = Arbitraries.bigDecimals().between(
                    java.math.BigDecimal.ZERO, java.math.BigDecimal.valueOf(3_000)).ofScale(3)
            .map(java.math.BigDecimal::toPlainString).generatorWithEmbeddedEdgeCases(GEN_SIZE);
    private final RandomGenerator<String> ids = Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'f')
            .withChars('-').ofMinLength(1).ofMaxLength(MAX_ID_LENGTH).generator(GEN_SIZE);
    private final RandomGenerator<String> longText = Arbitraries.strings().withCharRange(' ', '~')
            .withCharRange('\u0400', '\u04ff').ofMinLength(1).ofMaxLength(3000).generator(GEN_SIZE);
    private final Random random;

    /**
     * {@code count} frames from {@code seed}. jqwik's generators need a jqwik session outside its own engine (a
     * JUnit Jupiter test here); the frames are made up front so that senders on any thread can use them.
     */
    public static List<Fuzzed> generate(long seed, int count) {
        List<Fuzzed> frames = new ArrayList<>(count);
        JqwikSession.start();
        try {
            OcppFrames generator = new OcppFrames(seed);
            for (int i = 0; i < count; i++) {
                frames.add(generator.next());
            }
        } finally {
            JqwikSession.finish();
        }
        return frames;
    }

    private OcppFrames(long seed) {
        random = new Random(seed);
        for (String action : ACTIONS) {
            try (InputStream in = PayloadSchemas.class.getResourceAsStream("/ocpp16/" + action + ".json")) {
                schemas.put(action, JSON.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The next frame: one in four valid, the others mutated in one way (kind names which). */
    private Fuzzed next() {
        String action = pick(ACTIONS);
        String id = ids.next(random).value();
        ObjectNode payload = valid(schemas.get(action));
        return switch (random.nextInt(24)) {
            case 0, 1, 2, 3, 4, 5 -> call("valid", id, action, payload, Expect.RESULT);
            case 6 -> mutateValue("payload: wrong JSON type", action, id, payload, node -> true,
                    (node, schema) -> wrongType(schema));
            case 7 -> removeRequired(action, id, payload);
            case 8 -> {
                payload.put("x_" + ids.next(random).value(), pick(List.of("1", "")));
                yield call("payload: unknown key", id, action, payload, Expect.ERROR);
            }
            case 9 -> mutateValue("payload: string over maxLength", action, id, payload,
                    schema -> schema.has("maxLength"), (node, schema) -> raw(quoted(tooLong(schema))));
            case 10 -> mutateValue("payload: enum miss", action, id, payload, schema -> schema.has("enum"),
                    (node, schema) -> raw(quoted(enumMiss(schema))));
            case 11 -> mutateValue("payload: integer beyond int32 / not integral", action, id, payload,
                    schema -> "integer".equals(schema.path("type").asText()),
                    (node, schema) -> raw(pick(INTEGER_BREAKERS)));
            case 12 -> mutateValueMaybe("payload: integer written oddly", action, id, payload,
                    schema -> "integer".equals(schema.path("type").asText()), pick(INTEGER_MAYBE));
            case 13 -> mutateValue("payload: timestamp at/over the year limits or malformed", action, id, payload,
                    OcppFrames::isDateTime, (node, schema) -> raw(quoted(pick(BAD_YEARS))));
            case 14 -> mutateValueMaybe("payload: timestamp at the edge (years 1/9999, leap second, nanos)", action,
                    id, payload, OcppFrames::isDateTime, quoted(pick(EDGE_YEARS)));
            case 15 -> mutateText("payload: text with NUL or a lone surrogate", action, id, payload,
                    pick(UNSTORABLE), Expect.ERROR);
            case 16 -> mutateText("payload: text with a control char or noncharacter", action, id, payload,
                    pick(ODD), Expect.EITHER);
            case 17 -> impossibleReading(id, Expect.ERROR);
            case 18 -> impossibleReading(id, Expect.EITHER);
            case 19 -> mutateValue("payload: null value", action, id, payload, node -> true,
                    (node, schema) -> raw("null"));
            case 20 -> duplicateKey(action, id, payload);
            case 21 -> call("unknown action", id, pick(UNKNOWN_ACTIONS), payload, Expect.ERROR);
            case 22, 23 -> framing(action, id, payload);
            default -> throw new IllegalStateException();
        };
    }

    // ---- valid payloads

    private ObjectNode valid(JsonNode schema) {
        ObjectNode object = JSON.createObjectNode();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            if (required.contains(property.getKey()) || random.nextBoolean()) {
                object.set(property.getKey(), value(property.getKey(), property.getValue()));
            }
        }
        if (object.has("measurand") || object.has("value")) {
            readable(object);
        }
        return object;
    }

    private JsonNode value(String name, JsonNode schema) {
        return switch (schema.path("type").asText()) {
            case "object" -> valid(schema);
            case "array" -> {
                ArrayNode array = JSON.createArrayNode();
                int items = schema.path("minItems").asInt(0) + random.nextInt(3);
                for (int i = 0; i < items; i++) {
                    array.add(value(name, schema.get("items")));
                }
                yield array;
            }
            case "integer" -> {
                int min = schema.path("minimum").asInt(Integer.MIN_VALUE);
                int max = schema.path("maximum").asInt(Integer.MAX_VALUE);
                yield JSON.getNodeFactory().numberNode(integers.computeIfAbsent(min + ":" + max, range ->
                        Arbitraries.integers().between(min, max).generatorWithEmbeddedEdgeCases(GEN_SIZE))
                        .next(random).value());
            }
            case "string" -> JSON.getNodeFactory().textNode(text(name, schema));
            default -> throw new IllegalStateException("schema type " + schema.path("type"));
        };
    }

    private String text(String name, JsonNode schema) {
        if (schema.has("enum")) {
            return pick(schema.get("enum")).asText();
        }
        if (isDateTime(schema)) {
            Instant at = instants.next(random).value();
            return random.nextBoolean() ? at.toString()
                    : at.atOffset(ZoneOffset.ofHours(random.nextInt(25) - 12))
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (name.equals("value")) {
            return readings.next(random).value();
        }
        return texts.computeIfAbsent(schema.path("maxLength").asInt(500), FuzzText::upTo).next(random).value();
    }

    /** A sampled value of a measurand the gateway reads, in a unit it converts, so its number is looked at. */
    private void readable(ObjectNode sampledValue) {
        sampledValue.put("value", readings.next(random).value());
        if (random.nextBoolean()) {
            String measurand = pick(READ_MEASURANDS);
            sampledValue.put("measurand", measurand);
            sampledValue.put("unit", measurand.startsWith("Energy") ? pick(List.of("Wh", "kWh"))
                    : pick(List.of("W", "kW")));
        }
    }

    // ---- mutations

    private Fuzzed mutateValue(String kind, String action, String id, ObjectNode payload,
                               Predicate<JsonNode> target, Mutation mutation) {
        return mutate(kind, action, id, payload, target, mutation, Expect.ERROR);
    }

    private Fuzzed mutateValueMaybe(String kind, String action, String id, ObjectNode payload,
                                    Predicate<JsonNode> target, String literal) {
        return mutate(kind, action, id, payload, target, (node, schema) -> raw(literal), Expect.EITHER);
    }

    /** Replaces one value that {@code target} selects by its schema, in this action's payload or another's. */
    private Fuzzed mutate(String kind, String action, String id, ObjectNode payload, Predicate<JsonNode> target,
                          Mutation mutation, Expect expect) {
        for (int attempt = 0; attempt < 20; attempt++) {
            List<Slot> slots = new ArrayList<>();
            slots(payload, schemas.get(action), target, slots);
            if (!slots.isEmpty()) {
                Slot slot = pick(slots);
                slot.parent().set(slot.name(), mutation.apply(slot.parent().get(slot.name()), slot.schema()));
                return call(kind, id, action, payload, expect);
            }
            action = pick(ACTIONS);
            payload = valid(schemas.get(action));
        }
        throw new IllegalStateException("no action has a value for " + kind);
    }

    private Fuzzed mutateText(String kind, String action, String id, ObjectNode payload, String inserted,
                              Expect expect) {
        return mutate(kind, action, id, payload,
                schema -> "string".equals(schema.path("type").asText()) && !schema.has("enum") && !isDateTime(schema),
                (node, schema) -> {
                    String text = node.asText();
                    int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
                    if (at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at))) {
                        at--; // keep the text's own pairs whole: only the inserted text is at fault
                    }
                    String mutated = text.substring(0, at) + inserted + text.substring(at);
                    int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
                    if (mutated.codePointCount(0, mutated.length()) > max) {
                        mutated = inserted; // within maxLength: only the inserted text is at fault
                    }
                    return JSON.getNodeFactory().textNode(mutated);
                }, expect);
    }

    private Fuzzed removeRequired(String action, String id, ObjectNode payload) {
        for (int attempt = 0; attempt < 20; attempt++) {
            List<String> required = new ArrayList<>();
            schemas.get(action).path("required").forEach(name -> required.add(name.asText()));
            if (!required.isEmpty()) {
                payload.remove(pick(required));
                return call("payload: required field missing", id, action, payload, Expect.ERROR);
            }
            action = pick(ACTIONS);
            payload = valid(schemas.get(action));
        }
        throw new IllegalStateException();
    }

    /** A MeterValues CALL whose reading of a read measurand is impossible ({@code ERROR}) or merely odd. */
    private Fuzzed impossibleReading(String id, Expect expect) {
        String action = pick(List.of("MeterValues", "StopTransaction"));
        ObjectNode payload = valid(schemas.get(action));
        String list = action.equals("MeterValues") ? "meterValue" : "transactionData";
        ArrayNode meterValues = payload.has(list) ? (ArrayNode) payload.get(list) : payload.putArray(list);
        if (meterValues.isEmpty()) {
            meterValues.add(valid(schemas.get(action).at("/properties/" + list + "/items")));
        }
        ArrayNode sampled = (ArrayNode) meterValues.get(random.nextInt(meterValues.size())).get("sampledValue");
        ObjectNode value = (ObjectNode) sampled.get(random.nextInt(sampled.size()));
        String measurand = pick(READ_MEASURANDS);
        value.put("measurand", measurand);
        value.put("unit", measurand.startsWith("Energy") ? pick(List.of("Wh", "kWh")) : pick(List.of("W", "kW")));
        if (random.nextBoolean()) {
            value.put("phase", pick(List.of("L1", "L2", "L3")));
        } else {
            value.remove("phase");
        }
        value.put("value", expect == Expect.ERROR ? pick(IMPOSSIBLE_READINGS) : pick(ODD_READINGS));
        return call(expect == Expect.ERROR ? "meter value not finite / at the double limits"
                : "meter value odd (tiny, negative, -0, 1e15, not a decimal)", id, action, payload, expect);
    }

    private Fuzzed duplicateKey(String action, String id, ObjectNode payload) {
        if (payload.isEmpty()) {
            return call("valid", id, action, payload, Expect.RESULT);
        }
        String name = payload.fieldNames().next();
        String frame = frame(id, action, payload);
        String first = quoted(name) + ":" + json(payload.get(name), random);
        // the same key twice, both times with its valid value: the last one counts or the frame is refused
        int open = frame.indexOf('{');
        String duplicated = frame.substring(0, open + 1) + first + "," + frame.substring(open + 1);
        return new Fuzzed("payload: duplicated key", duplicated, id, action, Expect.EITHER);
    }

    private Fuzzed framing(String action, String id, ObjectNode payload) {
        String valid = frame(id, action, payload);
        return switch (random.nextInt(12)) {
            case 0 -> new Fuzzed("framing: not an OCPP-J array", pick(NOT_ARRAYS), null, null, Expect.ERROR);
            case 1 -> new Fuzzed("framing: wrong message type id",
                    "[" + pick(MESSAGE_TYPES) + valid.substring(valid.indexOf(',')), null, action, Expect.ERROR);
            case 2 -> {
                int cut = random.nextInt(valid.length());
                yield new Fuzzed("framing: truncated JSON", valid.substring(0, cut), null, action, Expect.ERROR);
            }
            case 3 -> new Fuzzed("framing: message id not a string", "[2," + pick(List.of("1", "null", "{}", "[]",
                    "true", "1e400")) + ",\"" + action + "\"," + json(payload, random) + "]", null, action, Expect.ERROR);
            case 4 -> new Fuzzed("framing: message id over 36 characters", frame(hugeId(), action, payload), null,
                    action, Expect.ERROR);
            case 5 -> new Fuzzed("framing: extra element", valid.substring(0, valid.length() - 1) + ",\"x\"]", id,
                    action, Expect.ERROR);
            case 6 -> new Fuzzed("framing: element missing", "[2," + quoted(id) + ",\"" + action + "\"]", id, action,
                    Expect.ERROR);
            case 7 -> new Fuzzed("framing: payload not an object", "[2," + quoted(id) + ",\"" + action + "\","
                    + pick(List.of("[]", "\"{}\"", "null", "1", "[{}]")) + "]", id, action, Expect.ERROR);
            case 8 -> new Fuzzed("framing: trailing content", valid + pick(List.of("[]", "{}", "x", ",", "]")), null,
                    action, Expect.ERROR);
            case 9 -> new Fuzzed("framing: nested 5000 deep", "[2," + quoted(id) + ",\"" + action + "\",{\"a\":"
                    + "[".repeat(5000) + "]".repeat(5000) + "}]", null, action, Expect.ERROR);
            case 10 -> new Fuzzed("framing: number of 2000 digits", "[2," + quoted(id) + ",\"" + action
                    + "\",{\"connectorId\":" + "9".repeat(2000) + "}]", null, action, Expect.ERROR);
            default -> new Fuzzed("framing: CALLRESULT/CALLERROR of the charger", random.nextBoolean()
                    ? "[3," + quoted(id) + ",{}]" : "[4," + quoted(id) + ",\"GenericError\",\"x\",{}]", id, null,
                    Expect.NONE);
        };
    }

    // ---- values

    private JsonNode wrongType(JsonNode schema) {
        String type = schema.path("type").asText();
        List<String> others = new ArrayList<>(List.of("1", "1.5", "\"1\"", "true", "{}", "[]", "[\"1\"]"));
        others.removeIf(literal -> switch (type) {
            case "integer" -> literal.equals("1");
            case "string" -> literal.startsWith("\"");
            case "array" -> literal.startsWith("[");
            case "object" -> literal.equals("{}");
            default -> false;
        });
        return raw(pick(others));
    }

    private String tooLong(JsonNode schema) {
        int max = schema.get("maxLength").asInt();
        String text = longText.next(random).value();
        while (text.length() <= max) {
            text = text + text + "x";
        }
        return text;
    }

    private String enumMiss(JsonNode schema) {
        String valid = pick(schema.get("enum")).asText();
        List<String> misses = new ArrayList<>(List.of(valid.toLowerCase(), valid.toUpperCase(), valid + " ",
                " " + valid, valid + "\u0000", valid.substring(1), "", "Unknown", valid + valid));
        schema.get("enum").forEach(member -> misses.removeIf(member.asText()::equals));
        return pick(misses);
    }

    private String hugeId() {
        String id = ids.next(random).value();
        return id + "x".repeat(MAX_ID_LENGTH + 1 + random.nextInt(5000) - id.length());
    }

    private static boolean isDateTime(JsonNode schema) {
        return "date-time".equals(schema.path("format").asText());
    }

    private void slots(JsonNode node, JsonNode schema, Predicate<JsonNode> target, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                JsonNode fieldSchema = schema.path("properties").path(field.getKey());
                if (fieldSchema.isMissingNode()) {
                    return;
                }
                if (target.test(fieldSchema)) {
                    slots.add(new Slot(object, field.getKey(), fieldSchema));
                }
                slots(field.getValue(), fieldSchema, target, slots);
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(item -> slots(item, schema.path("items"), target, slots));
        }
    }

    private Fuzzed call(String kind, String id, String action, ObjectNode payload, Expect expect) {
        return new Fuzzed(kind, frame(id, action, payload), id, action, expect);
    }

    /** {@code [2, id, action, payload]}, sometimes with every non-ASCII character escaped. */
    private String frame(String id, String action, ObjectNode payload) {
        ArrayNode frame = JSON.createArrayNode().add(2).add(id).add(action);
        frame.add(payload);
        return json(frame, random);
    }

    private static JsonNode raw(String literal) {
        return JSON.getNodeFactory().rawValueNode(new RawValue(literal));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private JsonNode pick(JsonNode values) {
        return values.get(random.nextInt(values.size()));
    }

    private record Slot(ObjectNode parent, String name, JsonNode schema) {
    }

    @FunctionalInterface
    private interface Mutation {
        JsonNode apply(JsonNode node, JsonNode schema);
    }
}
