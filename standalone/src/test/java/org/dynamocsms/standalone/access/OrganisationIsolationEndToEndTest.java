package org.dynamocsms.standalone.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.bench.OcppConnection;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: every operation of the service's own {@code /q/openapi} document keeps organisations apart. Organisation
 * A has data of every kind (sites, a charger that connected over OCPP and charged, a fault, an energy asset with a
 * reading, a maintenance event, an answered charging-profile call); organisation B, with its own data, then calls
 * every operation with A's ids in every combination with its own: every read answers exactly as for ids that do
 * not exist (404 for a resource), every write on A's resources is refused (404, 409 or 422), every operator
 * endpoint 403; nothing A sees changes, no event of A is written and A's charger receives no call. B's reads without
 * ids answer as those of an organisation without data. Then the same the other way round, and every request B sent
 * is shown to be one its owner may send.
 * <p>
 * A parameter, header or request body is filled by a rule of this test ({@link #value}, {@link #body}); an
 * operation with one this test has no rule for fails it, so that no endpoint joins the API unchecked.
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class OrganisationIsolationEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final List<String> WRITE = List.of("write");
    private static final String SITES = "/api/v1/sites";
    private static final String CHARGERS = "/api/v1/cpo/chargers";
    /** Every id a request can name, by the name of its parameter (or body field). */
    private static final Set<String> IDS = Set.of("site_id", "charge_point_id", "asset_id", "event_id", "call_id",
            "organisation_id", "key_id");
    /** Optional parameters that only narrow or page an answer, or wait: left out. */
    private static final Set<String> LEFT_OUT = Set.of("limit", "offset", "status", "action", "error_code",
            "granularity", "Consistency-Token");
    /** The Idempotency-Key every creation of both organisations uses: one of B must not find one of A. */
    private static final String IDEMPOTENCY_KEY = "isolation-1";
    /** Figures of the last 30 days up to the moment of reading: they move with the clock, not with any write. */
    private static final Set<String> CLOCK_FIGURES = Set.of("uptime_30d_percent", "utilisation_30d_percent");
    private static final List<Topic<String, ?>> EVENT_TOPICS = List.of(Topics.SITE_EVENTS, Topics.CHARGER_EVENTS,
            Topics.MAINTENANCE_EVENTS, Topics.ENERGY_ASSET_READINGS, Topics.CHARGER_CALLS);

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    private List<Operation> operations;
    /** The period of every analytics read: over before anything is compared, so that its figures stay put. */
    private String from;
    private String to;
    private OcppConnection charger;

    record Operation(String method, String path, List<JsonNode> parameters, JsonNode example, boolean streams) {

        boolean hasPathParameters() {
            return parameters.stream().anyMatch(p -> p.path("in").asText().equals("path"));
        }

        boolean admin() {
            return path.startsWith("/admin/");
        }

        /** The ids it names (path and query parameters, body fields), by name. */
        List<String> ids() {
            List<String> ids = new ArrayList<>();
            parameters.stream().map(p -> p.path("name").asText()).filter(IDS::contains).forEach(ids::add);
            if (example != null) {
                example.fieldNames().forEachRemaining(name -> {
                    if (IDS.contains(name)) {
                        ids.add(name);
                    }
                });
            }
            return ids;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** An organisation: its id, key and one id of each kind it holds. */
    record Organisation(String id, String key, Map<String, String> ids) {
    }

    @AfterEach
    void disconnect() {
        if (charger != null) {
            charger.abort();
        }
    }

    @Test
    void everyOperationKeepsOrganisationsApart() throws Exception {
        String operator = Api.newOrganisation(keys, List.of(ApiKeys.OPERATOR_SCOPE));
        operations = operations(JSON.readTree(as(operator).get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString()));
        Organisation a = organisationWithEverything();
        Organisation b = organisation();
        Organisation empty = organisation();

        // B without data of its own reads what an organisation without data reads
        for (Operation operation : operations(o -> o.method().equals("GET") && !o.hasPathParameters())) {
            String seen = read(b, operation, Map.of()).asString();
            assertThat(seen).as("%s as B, no ids: what an organisation without data sees", operation)
                    .isEqualTo(read(empty, operation, Map.of()).asString());
            assertNoIdOf(a, seen, operation + " as B");
        }
        fill(b);
        call(b);

        keptApart(b, a);
        keptApart(a, b);
        ownersMaySendEveryRequest(a, b);
    }

    /**
     * {@code caller} reads and writes every operation with {@code victim}'s ids in every combination with its own:
     * refused, as if they did not exist, and nothing of the victim's changes.
     */
    private void keptApart(Organisation caller, Organisation victim) {
        Map<String, String> before = views(victim);
        Map<TopicPartition, Long> offsets = endOffsets();
        int callsReceived = charger.callsReceived().size();
        Map<String, String> unknown = Map.of("site_id", Ids.SITE.next(), "charge_point_id", "CP-NONE-" + suffix(),
                "asset_id", Ids.ASSET.next(), "event_id", Ids.MAINTENANCE.next(), "call_id", Ids.CALL.next(),
                "organisation_id", Ids.ORGANISATION.next(), "key_id", Ids.API_KEY.next());

        for (Operation operation : operations) {
            List<String> ids = operation.ids();
            for (int subset = 1; subset < 1 << ids.size(); subset++) {
                Map<String, String> theirs = new TreeMap<>();
                Map<String, String> nowhere = new TreeMap<>();
                Map<String, String> mixed = new TreeMap<>();
                for (int i = 0; i < ids.size(); i++) {
                    String name = ids.get(i);
                    boolean victims = (subset & 1 << i) != 0;
                    mixed.put(name, victims ? victim.ids().get(name) : caller.ids().get(name));
                    nowhere.put(name, victims ? unknown.get(name) : caller.ids().get(name));
                    if (victims) {
                        theirs.put(name, victim.ids().get(name));
                    }
                }
                String what = operation + " with " + theirs.keySet() + " of the other organisation";
                if (operation.method().equals("GET")) {
                    Response answer = read(caller, operation, mixed);
                    if (operation.admin()) {
                        assertThat(answer.statusCode()).as(what + ": " + answer.asString()).isEqualTo(403);
                    } else if (operation.parameters().stream().anyMatch(p -> p.path("in").asText().equals("path")
                            && theirs.containsKey(p.path("name").asText()))) {
                        assertThat(answer.statusCode()).as(what + ": " + answer.asString()).isEqualTo(404);
                    }
                    String shown = withPlaceholders(answer.asString(), mixed);
                    assertThat(shown).as(what + ": as for ids that do not exist")
                            .isEqualTo(withPlaceholders(read(caller, operation, nowhere).asString(), nowhere));
                    assertNoIdOf(victim, shown, what);
                } else {
                    Response answer = send(caller, operation, mixed, IDEMPOTENCY_KEY);
                    assertThat(answer.statusCode()).as(what + ": " + answer.asString())
                            .isIn(operation.admin() ? List.of(403) : List.of(404, 409, 422));
                }
            }
            if (operation.ids().isEmpty()) {
                // a list or figures of the caller's own, a creation of its own (with the Idempotency-Key the victim
                // used too), or an operator's
                Response answer = operation.method().equals("GET") ? read(caller, operation, Map.of())
                        : send(caller, operation, Map.of(), IDEMPOTENCY_KEY);
                if (operation.admin()) {
                    assertThat(answer.statusCode()).as(operation + ": " + answer.asString()).isEqualTo(403);
                }
                assertNoIdOf(victim, answer.asString() + answer.header("Location"), operation.toString());
            }
        }

        assertThat(eventsOf(victim, offsets)).as("events of the other organisation written meanwhile").isEmpty();
        assertThat(charger.callsReceived()).as("calls A's charger received").hasSize(callsReceived);
        assertUnchanged(before, views(victim), "of the organisation whose ids were used");
    }

    /**
     * What made the refusals above meaningful: with its own ids, each owner reads every operation (in
     * {@link #views}) and may send every write the other organisation was refused.
     */
    private void ownersMaySendEveryRequest(Organisation... owners) {
        List<Operation> writes = new ArrayList<>(operations(o -> !o.method().equals("GET") && !o.admin()));
        // deletions last, of what is inside another first
        writes.sort(Comparator.comparing((Operation o) -> o.method().equals("DELETE"))
                .thenComparingInt(o -> -o.path().length()));
        for (Organisation owner : owners) {
            for (Operation operation : writes) {
                Response answer = send(owner, operation, owner.ids(), "isolation-owner-" + suffix());
                // the body's charge point id is the owner's own: registered already
                List<Integer> fine = operation.example() != null && operation.example().has("charge_point_id")
                        ? List.of(409) : List.of();
                assertThat(answer.statusCode()).as(operation + " by the owner: " + answer.asString())
                        .satisfiesAnyOf(s -> assertThat(s).isBetween(200, 299), s -> assertThat(s).isIn(fine));
            }
        }
    }

    // ---- the organisations

    private Organisation organisation() {
        String id = Ids.ORGANISATION.next();
        String key = Api.newKey(keys, id, WRITE);
        Map<String, String> ids = new LinkedHashMap<>();
        // the operator endpoints name an organisation and its keys
        ids.put("organisation_id", id);
        ids.put("key_id", ApiKeys.keyId(ApiKeys.record(key, id, "e2e", WRITE, Instant.now())));
        return new Organisation(id, key, ids);
    }

    /** A site and a charger linked to it, an energy asset, a maintenance event and a call that waits. */
    private void fill(Organisation organisation) {
        Map<String, String> ids = organisation.ids();
        ids.put("site_id", create(organisation, "POST", SITES, Map.of()).path("site_id"));
        ids.put("charge_point_id", "CP-" + suffix());
        create(organisation, "POST", CHARGERS, ids);
        create(organisation, "POST", SITES + "/{site_id}/chargers/{charge_point_id}/link", ids);
        ids.put("asset_id", create(organisation, "POST", SITES + "/{site_id}/energy-assets", ids).path("asset_id"));
        // a reading counts once the site summary knows its asset
        Api.eventually(WITHIN, () -> as(organisation.key()).get(SITES + "/" + ids.get("site_id") + "/summary").then()
                .statusCode(200).body("energy_assets.asset_id", hasItem(ids.get("asset_id"))));
        create(organisation, "POST", SITES + "/{site_id}/energy-assets/{asset_id}/readings", ids);
        ids.put("event_id", create(organisation, "POST", CHARGERS + "/{charge_point_id}/maintenance", ids)
                .path("event_id"));
    }

    /** A call to the organisation's charger (asked to answer at once, with {@code Prefer: respond-async}). */
    private void call(Organisation organisation) {
        organisation.ids().put("call_id", create(organisation, "POST", CHARGERS + "/{charge_point_id}/calls",
                organisation.ids()).path("call_id"));
    }

    /**
     * As {@link #fill}, with the charger connected over OCPP: it boots, charges, faults and accepts a charging
     * profile; waits until A sees all of it.
     */
    private Organisation organisationWithEverything() throws Exception {
        Organisation a = organisation();
        fill(a);
        String id = a.ids().get("charge_point_id");
        String password = operation("POST", CHARGERS).example().path("password").asText();
        charger = OcppConnection.open(HTTP, "ws://127.0.0.1:" + RestAssured.port, id, password, "ocpp1.6")
                .get(10, TimeUnit.SECONDS);
        charger.answerCalls(call -> "{\"status\": \"Accepted\"}");
        ocpp("BootNotification", "{\"chargePointVendor\":\"Alfen\",\"chargePointModel\":\"Eve\"}");
        ocpp("StatusNotification", status("Available", "NoError"));
        int transaction = ocpp("StartTransaction", "{\"connectorId\":1,\"idTag\":\"TAG1\",\"meterStart\":1000,"
                + "\"timestamp\":\"" + Instant.now() + "\"}").get(2).get("transactionId").asInt();
        ocpp("StatusNotification", status("Charging", "NoError"));
        ocpp("MeterValues", "{\"connectorId\":1,\"transactionId\":" + transaction + ",\"meterValue\":[{\"timestamp\":\""
                + Instant.now() + "\",\"sampledValue\":[{\"value\":\"7.4\",\"measurand\":\"Power.Active.Import\","
                + "\"unit\":\"kW\"},{\"value\":\"1500\",\"measurand\":\"Energy.Active.Import.Register\","
                + "\"unit\":\"Wh\"}]}]}");
        ocpp("StopTransaction", "{\"transactionId\":" + transaction + ",\"meterStop\":9000,\"timestamp\":\""
                + Instant.now() + "\"}");
        ocpp("StatusNotification", status("Faulted", "GroundFailure"));
        ocpp("StatusNotification", status("Available", "NoError"));
        call(a);

        Api.eventually(WITHIN, () -> {
            String base = CHARGERS + "/" + id;
            as(a.key()).get(base + "/calls/" + a.ids().get("call_id")).then().statusCode(200)
                    .body("status", equalTo("answered"));
            as(a.key()).get(base + "/charging-limits").then().statusCode(200).body("profiles.call_id",
                    hasItem(a.ids().get("call_id")));
            as(a.key()).get(base + "/error-history").then().statusCode(200).body("total",
                    equalTo(1));
            as(a.key()).get(base + "/diagnostics").then().statusCode(200).body("connectors[0].total_sessions",
                    equalTo(1));
            as(a.key()).get("/api/v1/cpo/fleet/summary").then().statusCode(200)
                    .body("total_chargers", equalTo(1))
                    .body("available", equalTo(1));
            as(a.key()).get(SITES + "/" + a.ids().get("site_id") + "/summary").then().statusCode(200)
                    .body("energy_assets[0].current_output_kw", notNullValue());
        });
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        from = now.minus(1, ChronoUnit.DAYS).toString();
        to = now.toString();
        // the site's load management may still be sending the charger profiles: wait until what A sees holds still
        Api.eventually(WITHIN, () -> {
            int calls = charger.callsReceived().size();
            Map<String, String> views = views(a);
            Api.sleep(500);
            assertUnchanged(views, views(a), "A's, while settling");
            assertThat(charger.callsReceived()).hasSize(calls);
        });
        return a;
    }

    private JsonNode ocpp(String action, String payload) throws Exception {
        JsonNode answer = charger.call(action, payload).get(10, TimeUnit.SECONDS);
        assertThat(answer.get(0).asInt()).as("%s: %s", action, answer).isEqualTo(3);
        return answer;
    }

    private static String status(String status, String errorCode) {
        return "{\"connectorId\":1,\"errorCode\":\"" + errorCode + "\",\"status\":\"" + status + "\",\"timestamp\":\""
                + Instant.now() + "\"}";
    }

    /** Sends the operation's example as {@code organisation}: answers its 2xx. */
    private Response create(Organisation organisation, String method, String path, Map<String, String> ids) {
        Operation operation = operation(method, path);
        Response answer = send(organisation, operation, ids, IDEMPOTENCY_KEY);
        assertThat(answer.statusCode()).as("%s: %s", operation, answer.asString()).isBetween(200, 299);
        return answer;
    }

    // ---- what an organisation sees

    /** Every read but the operators', with all the organisation's ids, and without any. */
    private Map<String, String> views(Organisation organisation) {
        Map<String, String> views = new TreeMap<>();
        for (Operation operation : operations(o -> o.method().equals("GET") && !o.admin())) {
            Response all = read(organisation, operation, organisation.ids());
            assertThat(all.statusCode()).as("%s by its owner: %s", operation, all.asString()).isEqualTo(200);
            views.put(operation + " with its ids", withoutClockFigures(all.asString()));
            if (!operation.hasPathParameters()) {
                views.put(operation + " without ids", read(organisation, operation, Map.of()).asString());
            }
        }
        return views;
    }

    private static String withoutClockFigures(String answer) {
        try {
            JsonNode json = JSON.readTree(answer);
            if (json.isObject()) {
                ((ObjectNode) json).remove(CLOCK_FIGURES);
            }
            return json.toString();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer, e);
        }
    }

    private static void assertUnchanged(Map<String, String> before, Map<String, String> after, String whose) {
        before.forEach((read, answer) -> assertThat(after.get(read)).as("%s %s", read, whose).isEqualTo(answer));
    }

    private void assertNoIdOf(Organisation other, String answer, String what) {
        other.ids().forEach((name, id) -> assertThat(answer).as("%s shows %s of the other organisation", what, name)
                .doesNotContain(id));
    }

    private static String withPlaceholders(String answer, Map<String, String> ids) {
        for (Map.Entry<String, String> id : ids.entrySet()) {
            answer = answer.replace(id.getValue(), "{" + id.getKey() + "}");
        }
        return answer;
    }

    // ---- requests from the document

    private Response read(Organisation caller, Operation operation, Map<String, String> ids) {
        return send(caller, operation, ids, null);
    }

    private Response send(Organisation caller, Operation operation, Map<String, String> ids, String idempotencyKey) {
        RequestSpecification request = as(caller.key()).urlEncodingEnabled(false).redirects().follow(false);
        String path = operation.path();
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.path("name").asText();
            String value = value(operation, parameter, ids, idempotencyKey);
            switch (parameter.path("in").asText()) {
                case "path" -> path = path.replace("{" + name + "}", value);
                case "query" -> {
                    if (value != null) {
                        query.add(name + "=" + value);
                    }
                }
                default -> {
                    if (value != null) {
                        request.header(name, value);
                    }
                }
            }
        }
        String body = body(operation, ids);
        if (body != null) {
            request.contentType("application/json").body(body);
        }
        String target = query.isEmpty() ? path : path + "?" + String.join("&", query);
        return operation.streams() ? Api.firstEvent(caller.key(), target) : request.request(operation.method(), target);
    }

    /** The rules: a parameter's value, null to leave it out; fails the test for a parameter without a rule. */
    private String value(Operation operation, JsonNode parameter, Map<String, String> ids, String idempotencyKey) {
        String name = parameter.path("name").asText();
        boolean required = parameter.path("required").asBoolean(false);
        if (IDS.contains(name)) {
            assertThat(!required || ids.containsKey(name)).as("%s needs %s", operation, name).isTrue();
            return ids.get(name);
        }
        String value = switch (name) {
            case "from" -> from;
            case "to" -> to;
            case "projection" -> "live-states";
            case "Idempotency-Key" -> idempotencyKey;
            case "Prefer" -> "respond-async";
            default -> {
                assertThat(LEFT_OUT).as("%s has the %s parameter %s, for which the isolation test has no rule: "
                                + "add one to %s", operation, parameter.path("in").asText(), name,
                        getClass().getSimpleName()).contains(name);
                yield null;
            }
        };
        assertThat(value != null || !required).as("%s needs %s", operation, name).isTrue();
        return value;
    }

    /**
     * The rule for bodies: the operation's example in the document, with the ids in {@code ids}; a call waits
     * longest, so that one that no charger answers stays pending throughout.
     */
    private static String body(Operation operation, Map<String, String> ids) {
        if (operation.example() == null) {
            return null;
        }
        ObjectNode body = operation.example().deepCopy();
        ids.forEach((name, id) -> {
            if (body.has(name)) {
                body.put(name, id);
            }
        });
        if (body.has("timeout_seconds")) {
            body.put("timeout_seconds", 300);
        }
        return body.toString();
    }

    private static List<Operation> operations(JsonNode openApi) {
        List<Operation> operations = new ArrayList<>();
        openApi.path("paths").fields().forEachRemaining(path -> {
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(p -> parameters.add(resolve(openApi, p)));
                operation.path("parameters").forEach(p -> parameters.add(resolve(openApi, p)));
                JsonNode body = operation.path("requestBody");
                JsonNode example = null;
                if (!body.isMissingNode()) {
                    JsonNode examples = body.at("/content/application~1json/examples");
                    example = examples.isObject() && examples.size() > 0 ? examples.elements().next().path("value")
                            : body.at("/content/application~1json/example");
                    assertThat(example.isObject()).as("%s %s takes a body without an example in the document: the "
                            + "isolation test sends the example", method.toUpperCase(), path.getKey()).isTrue();
                }
                operations.add(new Operation(method.toUpperCase(), path.getKey(), parameters, example,
                        Api.streams(operation)));
            }
        });
        return operations;
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        return node.has("$ref") ? root.at(node.get("$ref").asText().substring(1)) : node;
    }

    private List<Operation> operations(Predicate<Operation> which) {
        return operations.stream().filter(which).toList();
    }

    private Operation operation(String method, String path) {
        return operations.stream().filter(o -> o.method().equals(method) && o.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + method + " " + path + " in /q/openapi"));
    }

    // ---- events

    private Map<TopicPartition, Long> endOffsets() {
        Map<TopicPartition, Long> offsets = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        for (Topic<String, ?> topic : EVENT_TOPICS) {
            try (KafkaConsumer<String, ?> consumer = kafka.consumer(topic, null)) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                        .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
                offsets.putAll(consumer.endOffsets(partitions));
            }
        }
        return offsets;
    }

    /** The records of {@code organisation} on the event topics since {@code offsets}. */
    private List<String> eventsOf(Organisation organisation, Map<TopicPartition, Long> offsets) {
        List<String> events = new ArrayList<>();
        for (Topic<String, ?> topic : EVENT_TOPICS) {
            try (KafkaConsumer<String, ?> consumer = kafka.consumer(topic, null)) {
                List<TopicPartition> partitions = offsets.keySet().stream()
                        .filter(p -> p.topic().equals(topic.name())).toList();
                consumer.assign(partitions);
                partitions.forEach(p -> consumer.seek(p, offsets.get(p)));
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (ConsumerRecord<String, ?> record : consumer.poll(Duration.ofMillis(200))) {
                        GenericRecord event = (GenericRecord) record.value();
                        if (organisation.id().equals(String.valueOf(event.get("organisation_id")))) {
                            events.add(topic.name() + " " + record.key() + ": " + event);
                        }
                    }
                }
            }
        }
        return events;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
