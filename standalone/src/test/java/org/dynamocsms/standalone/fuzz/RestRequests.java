package org.dynamocsms.standalone.fuzz;

import static org.dynamocsms.bench.fuzz.FuzzText.ODD;
import static org.dynamocsms.bench.fuzz.FuzzText.UNSTORABLE;
import static org.dynamocsms.bench.fuzz.FuzzText.json;
import static org.dynamocsms.bench.fuzz.FuzzText.quoted;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import org.dynamocsms.bench.fuzz.FuzzText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;

/**
 * REST requests generated with jqwik's generators (driven by a seeded {@link Random}) from the shapes of the
 * service's own OpenAPI document: for every operation with a request body or path/query parameters, valid
 * requests and mutations of them (wrong JSON types, text from every Unicode class, NUL and lone surrogates, numbers
 * at the double limits, dates at the year limits, duplicated, unknown and missing keys, nulls, malformed JSON,
 * odd path ids and query values). A request that breaks the document's shape or what every reader can hold is
 * marked {@code mustRefuse}.
 */
final class RestRequests {

    record Request(String kind, String operation, String method, String target, String body, boolean mustRefuse) {
    }

    private record Operation(String method, String path, List<JsonNode> parameters, JsonNode body) {
    }

    /** The prefix of the names of the id pools that DELETE requests take their resource from. */
    static final String VICTIMS = "victim:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GEN_SIZE = 1000;
    private static final List<String> BAD_DATES = List.of("0000-01-01T00:00:00Z", "10000-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z", "+300000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59Z", "-5000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2024-01-01T00:00:00",
            "2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z", "yesterday", "", "1717243200",
            "2024-06-01T12:00:00+25:00");
    private static final List<String> EDGE_DATES = List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
            "0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00", "2024-06-01T12:00:00.123456789Z",
            "2024-06-01T12:00:00+14:00", "1970-01-01T00:00:00Z");
    private static final List<String> NUMBERS = List.of("1e308", "-1e308", "1.7976931348623157e308",
            "-1.7976931348623157e308", "4.9e-324", "-4.9e-324", "-0", "-0.0", "1e400", "-1e400",
            "123456789012345678901234567890", "9223372036854775808", "2147483648", "0", "1e-400");
    private static final List<String> MALFORMED = List.of("", "null", "[]", "\"x\"", "1", "{", "{\"a\":", "{}{}",
            "{} []", "{}x", "{\"a\":1}}", "{'a':1}", "{\"a\":01}", "{\"a\":NaN}", "{\"a\":Infinity}", "\ufeff{}",
            "[".repeat(5000) + "]".repeat(5000), "{\"a\":" + "9".repeat(5000) + "}");
    private static final List<String> ODD_IDS = List.of("%00", "%", "%25", "%2F", "..", "%2e%2e", "%C0%AF", "%FF",
            "%ED%A0%80", "%E2%80%AE", "%F0%9F%98%80", "null", "%20", "x".repeat(10_000), "site_%00", "CP-%00",
            "%5Cu0000", "a;b", "*", "0", "-1");
    private static final List<String> ODD_QUERY = List.of("abc", "-1", "0", "99999999999999999999", "1e308", "%00",
            "2024-13-01", "%2B300000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "", "x".repeat(5000), "%",
            "%FF", "NaN", "1.5", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z");

    private static final Set<String> DOT_SEGMENTS = Set.of("..", "%2e%2e");

    private final List<Operation> operations = new ArrayList<>();
    private Operation current;
    /** The odd id the last target was given, if any. */
    private String oddId;
    private final Map<String, List<String>> ids;
    private final Random random;
    private final Map<Integer, RandomGenerator<String>> texts = new TreeMap<>();
    private final RandomGenerator<Instant> instants = Arbitraries.longs()
            .between(Instant.parse("2000-01-01T00:00:00Z").toEpochMilli(),
                    Instant.parse("2035-12-31T23:59:59Z").toEpochMilli())
            .map(Instant::ofEpochMilli).generatorWithEmbeddedEdgeCases(GEN_SIZE);
    private final RandomGenerator<String> keys = Arbitraries.strings().alpha().numeric().withChars('_')
            .ofMinLength(1).ofMaxLength(30).generator(GEN_SIZE);
    private final RandomGenerator<String> longText = Arbitraries.strings().withCharRange(' ', '~')
            .withCharRange('\u0400', '\u04ff').ofMinLength(1).ofMaxLength(3000).generator(GEN_SIZE);

    private RestRequests(JsonNode openApi, Map<String, List<String>> ids, long seed) {
        this.ids = ids;
        random = new Random(seed);
        Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(parameters::add);
                operation.path("parameters").forEach(parameters::add);
                parameters.removeIf(p -> !List.of("path", "query").contains(p.path("in").asText()));
                JsonNode body = resolve(openApi, operation.at("/requestBody/content/application~1json/schema"));
                if (!parameters.isEmpty() || !body.isMissingNode()) {
                    operations.add(new Operation(method.toUpperCase(), path.getKey(),
                            parameters.stream().map(p -> resolveAll(openApi, p)).toList(),
                            body.isMissingNode() ? null : resolveAll(openApi, body)));
                }
            }
        }
    }

    /**
     * {@code count} requests from {@code seed}, for the operations of {@code openApi}; a path parameter takes its
     * values from {@code ids} (by parameter name) when valid. jqwik's generators need a jqwik session outside its
     * own engine; the requests are made up front so that senders on any thread can use them.
     */
    static List<Request> generate(JsonNode openApi, Map<String, List<String>> ids, long seed, int count) {
        JqwikSession.start();
        try {
            RestRequests generator = new RestRequests(openApi, ids, seed);
            List<Request> requests = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                requests.add(generator.next());
            }
            return requests;
        } finally {
            JqwikSession.finish();
        }
    }

    private Request next() {
        Operation operation = operations.get(random.nextInt(operations.size()));
        current = operation;
        boolean oddPath = operation.path().contains("{") && random.nextInt(10) == 0;
        boolean oddQuery = !oddPath && random.nextInt(6) == 0;
        String target = target(operation, oddPath, oddQuery);
        String kind = oddPath ? "path: odd id" : oddQuery ? "query: odd value" : null;
        // a dot segment is no id: RFC 3986 removes it with the segment before, so /calls/.. asks for the charger
        boolean refuse = oddPath && !DOT_SEGMENTS.contains(oddId);
        if (operation.body() == null) {
            return request(kind != null ? kind : "valid", operation.method(), target, null, refuse);
        }
        ObjectNode body = (ObjectNode) valid("", operation.body());
        if (kind != null) {
            return request(kind, operation.method(), target, json(body, random), refuse);
        }
        return mutate(operation, target, body);
    }

    private Request mutate(Operation operation, String target, ObjectNode body) {
        String method = operation.method();
        JsonNode schema = operation.body();
        return switch (random.nextInt(20)) {
            case 0, 1, 2, 3, 4 -> request("valid", method, target, json(body, random), false);
            case 5 -> replace("body: wrong JSON type", method, target, body, schema, s -> true,
                    (s, v) -> wrongType(s), true);
            case 6 -> {
                List<String> required = names(schema.path("required"));
                if (required.isEmpty()) {
                    yield request("valid", method, target, json(body, random), false);
                }
                body.remove(required.get(random.nextInt(required.size())));
                yield request("body: required field missing", method, target, json(body, random), true);
            }
            case 7 -> {
                body.put("x_" + keys.next(random).value(), 1);
                yield request("body: unknown key", method, target, json(body, random), true);
            }
            case 8 -> {
                if (body.isEmpty()) {
                    yield request("valid", method, target, json(body, random), false);
                }
                String name = body.fieldNames().next();
                String text = json(body, random);
                yield request("body: duplicated key", method, target,
                        "{" + quoted(name) + ":" + json(body.get(name), random) + "," + text.substring(1), true);
            }
            case 9 -> replace("body: string over maxLength", method, target, body, schema,
                    s -> s.has("maxLength"), (s, v) -> raw(quoted(tooLong(s.get("maxLength").asInt()))), true);
            case 10 -> replace("body: enum miss", method, target, body, schema, s -> s.has("enum"),
                    (s, v) -> raw(quoted(v.asText().toUpperCase() + "_X")), true);
            case 11 -> {
                String literal = pick(NUMBERS);
                yield replace("body: number at the double limits", method, target, body, schema, RestRequests::isNumber,
                        (s, v) -> raw(literal), false);
            }
            case 12 -> replace("body: date at/over the year limits or malformed", method, target, body, schema,
                    RestRequests::isDate, (s, v) -> raw(quoted(pick(BAD_DATES))), true);
            case 13 -> replace("body: date at the edge (years 1/9999, offsets, nanos)", method, target, body, schema,
                    RestRequests::isDate, (s, v) -> raw(quoted(pick(EDGE_DATES))), false);
            case 14 -> insertText("body: text with NUL or a lone surrogate", method, target, body, schema,
                    pick(UNSTORABLE), true);
            case 15 -> insertText("body: text with a control char or noncharacter", method, target, body, schema,
                    pick(ODD), false);
            case 16 -> replace("body: null value", method, target, body, schema, s -> true, (s, v) -> raw("null"),
                    false);
            case 17 -> request("body: malformed JSON", method, target, pick(MALFORMED), true);
            case 18 -> request("body: truncated JSON", method, target, truncated(json(body, random)), true);
            default -> request("body: over 2 MB", method, target,
                    "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}", true);
        };
    }

    /** Replaces one value selected by its schema; {@code mustRefuse} unless the new value is within bounds. */
    private Request replace(String kind, String method, String target, ObjectNode body, JsonNode schema,
                            java.util.function.Predicate<JsonNode> selects,
                            java.util.function.BiFunction<JsonNode, JsonNode, JsonNode> by, boolean mustRefuse) {
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (selects.test(schema.path("properties").path(name))) {
                names.add(name);
            }
        });
        if (names.isEmpty()) {
            return request("valid", method, target, json(body, random), false);
        }
        String name = names.get(random.nextInt(names.size()));
        JsonNode property = schema.path("properties").path(name);
        JsonNode replaced = by.apply(property, body.get(name));
        body.set(name, replaced);
        boolean refuse = mustRefuse;
        if (kind.startsWith("body: number")) {
            refuse = outOfBounds(property, ((RawValue) ((com.fasterxml.jackson.databind.node.POJONode) replaced)
                    .getPojo()).rawValue().toString());
        } else if (kind.equals("body: null value")) {
            refuse = names(schema.path("required")).contains(name);
        }
        return request(kind, method, target, json(body, random), refuse);
    }

    private Request insertText(String kind, String method, String target, ObjectNode body, JsonNode schema,
                               String inserted, boolean mustRefuse) {
        return replace(kind, method, target, body, schema,
                s -> "string".equals(s.path("type").asText()) && !s.has("enum") && !isDate(s) && !s.has("pattern"),
                (s, v) -> {
                    String text = v.asText();
                    int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
                    if (at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at))) {
                        at--;
                    }
                    String mutated = text.substring(0, at) + inserted + text.substring(at);
                    if (mutated.length() > s.path("maxLength").asInt(Integer.MAX_VALUE)) {
                        mutated = inserted;
                    }
                    return JSON.getNodeFactory().textNode(mutated);
                }, mustRefuse);
    }

    private Request request(String kind, String method, String target, String body, boolean mustRefuse) {
        return new Request(kind, method + " " + current.path(), method, target, body, mustRefuse);
    }

    private static boolean outOfBounds(JsonNode schema, String literal) {
        BigDecimal value;
        try {
            value = new BigDecimal(literal);
        } catch (NumberFormatException e) {
            return true;
        }
        if (value.abs().compareTo(new BigDecimal("1.7976931348623157e308")) > 0) {
            return true; // not a finite double
        }
        if (schema.has("minimum")) {
            int c = value.compareTo(schema.get("minimum").decimalValue());
            if (c < 0 || c == 0 && schema.path("exclusiveMinimum").asBoolean(false)) {
                return true;
            }
        }
        if (schema.has("maximum")) {
            int c = value.compareTo(schema.get("maximum").decimalValue());
            if (c > 0 || c == 0 && schema.path("exclusiveMaximum").asBoolean(false)) {
                return true;
            }
        }
        return "integer".equals(schema.path("type").asText()) && value.stripTrailingZeros().scale() > 0;
    }

    // ---- valid values

    private JsonNode valid(String name, JsonNode schema) {
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode object = JSON.createObjectNode();
                List<String> required = names(schema.path("required"));
                schema.path("properties").fields().forEachRemaining(property -> {
                    if (required.contains(property.getKey()) || random.nextBoolean()) {
                        object.set(property.getKey(), valid(property.getKey(), property.getValue()));
                    }
                });
                if (object.isEmpty() && schema.path("properties").size() > 0 && schema.path("minProperties").asInt() > 0) {
                    String first = schema.path("properties").fieldNames().next();
                    object.set(first, valid(first, schema.path("properties").get(first)));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = JSON.createArrayNode();
                int items = schema.path("minItems").asInt(0) + random.nextInt(3);
                for (int i = 0; i < items; i++) {
                    array.add(valid(name, schema.path("items")));
                }
                return array;
            }
            case "integer", "number" -> {
                double min = schema.path("minimum").asDouble(-1000);
                double max = schema.path("maximum").asDouble(Math.max(min + 1000, 1000));
                double value = min + random.nextDouble() * (max - min);
                if (value <= min && schema.path("exclusiveMinimum").asBoolean(false)) {
                    value = Math.nextUp(min) + (max - min) / 2;
                }
                return "integer".equals(type) ? JSON.getNodeFactory().numberNode(Math.round(value))
                        : JSON.getNodeFactory().numberNode(Math.round(value * 1000) / 1000.0);
            }
            case "boolean" -> {
                return JSON.getNodeFactory().booleanNode(random.nextBoolean());
            }
            default -> {
                return JSON.getNodeFactory().textNode(text(name, schema));
            }
        }
    }

    private String text(String name, JsonNode schema) {
        if (schema.has("enum")) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size())).asText();
        }
        if (isDate(schema)) {
            return instants.next(random).value().toString();
        }
        if (ids.containsKey(name) && random.nextBoolean()) {
            return pick(ids.get(name));
        }
        if (name.endsWith("_id")) {
            return "CP-FUZZ-" + Long.toHexString(random.nextLong() & 0xffffffffL);
        }
        int max = schema.path("maxLength").asInt(200);
        String text = texts.computeIfAbsent(max, FuzzText::upTo).next(random).value();
        return text.isEmpty() && schema.path("minLength").asInt(0) > 0 ? "x" : text;
    }

    // ---- targets

    private String target(Operation operation, boolean oddPath, boolean oddQuery) {
        String path = operation.path();
        List<String> queries = new ArrayList<>();
        List<JsonNode> pathParameters = operation.parameters().stream()
                .filter(p -> p.path("in").asText().equals("path")).toList();
        JsonNode odd = pathParameters.isEmpty() ? null : pathParameters.get(random.nextInt(pathParameters.size()));
        // a DELETE takes its resource from the victims, or the first DELETE would leave the others nothing
        JsonNode deleted = operation.method().equals("DELETE") && !pathParameters.isEmpty()
                ? pathParameters.get(pathParameters.size() - 1) : null;
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.path("name").asText();
            if (parameter.path("in").asText().equals("path")) {
                String pool = parameter == deleted ? VICTIMS + name : name;
                String value = oddPath && parameter == odd ? (oddId = pick(ODD_IDS))
                        : ids.containsKey(pool) ? pick(ids.get(pool)) : "unknown";
                path = path.replace("{" + name + "}", value);
            } else if (oddQuery && random.nextBoolean()) {
                queries.add(name + "=" + pick(ODD_QUERY));
            } else if (random.nextBoolean()) {
                queries.add(name + "=" + java.net.URLEncoder.encode(valid(name, parameter.path("schema")).asText(),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        if (oddQuery && queries.isEmpty()) {
            queries.add("x_unknown=" + pick(ODD_QUERY));
        }
        return queries.isEmpty() ? path : path + "?" + String.join("&", queries);
    }

    // ---- helpers

    private JsonNode wrongType(JsonNode schema) {
        String type = schema.path("type").asText("string");
        List<String> others = new ArrayList<>(List.of("1", "1.5", "\"1\"", "true", "{}", "[]", "[\"1\"]"));
        others.removeIf(literal -> switch (type) {
            case "integer" -> literal.equals("1");
            case "number" -> literal.equals("1") || literal.equals("1.5");
            case "string" -> literal.startsWith("\"");
            case "boolean" -> literal.equals("true");
            case "array" -> literal.startsWith("[");
            case "object" -> literal.equals("{}");
            default -> false;
        });
        return raw(pick(others));
    }

    private String tooLong(int max) {
        String text = longText.next(random).value();
        while (text.length() <= max) {
            text = text + text + "x";
        }
        return text;
    }

    private String truncated(String json) {
        return json.substring(0, json.length() <= 1 ? 0 : random.nextInt(json.length() - 1) + 1);
    }

    private static boolean isDate(JsonNode schema) {
        return schema.path("format").asText().startsWith("date");
    }

    private static boolean isNumber(JsonNode schema) {
        return List.of("number", "integer").contains(schema.path("type").asText());
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        return node.has("$ref") ? root.at(node.get("$ref").asText().substring(1)) : node;
    }

    /** {@code node} with every {@code $ref} replaced by what it points at. */
    private static JsonNode resolveAll(JsonNode root, JsonNode node) {
        JsonNode resolved = resolve(root, node);
        if (resolved.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            resolved.fields().forEachRemaining(field -> copy.set(field.getKey(), resolveAll(root, field.getValue())));
            if (copy.has("allOf") && copy.get("allOf").size() == 1) {
                return copy.get("allOf").get(0);
            }
            return copy;
        }
        if (resolved.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            resolved.forEach(item -> copy.add(resolveAll(root, item)));
            return copy;
        }
        return resolved;
    }

    private static JsonNode raw(String literal) {
        return JSON.getNodeFactory().rawValueNode(new RawValue(literal));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
