package org.dynamocsms.standalone.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.TOKEN;
import static org.dynamocsms.standalone.Api.as;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.bench.HttpConnection;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.Test;

/**
 * Generated bad input, REST side: 10,500 requests generated from the service's own OpenAPI document (see
 * {@link RestRequests}) against the whole standalone (real Kafka broker, real PostgreSQL), from four client threads.
 * The contract: no 5xx and no dropped connection; every error answer is problem+json with status and title; a
 * request that breaks the document's shape or what every reader can hold is refused; every accepted write reads
 * back with its Consistency-Token; and every event written meanwhile belongs to an accepted request.
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class RestFuzzEndToEndTest {

    private static final long SEED = 20261204L;
    private static final int REQUESTS = 10_500;
    private static final int THREADS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("(site|asset|mnt|evt)_[0-9A-HJKMNP-TV-Z]{26}|CP-[A-Za-z0-9-]+");
    private static final List<Topic<String, ?>> EVENT_TOPICS = List.of(Topics.SITE_EVENTS, Topics.CHARGER_EVENTS,
            Topics.MAINTENANCE_EVENTS, Topics.ENERGY_ASSET_READINGS);

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    @TestHTTPResource("/")
    URI base;

    private final Map<String, Integer> byStatusClass = new TreeMap<>();
    private final Map<String, Integer> failures = new TreeMap<>();
    private final Map<String, String> examples = new TreeMap<>();
    private final Map<String, Integer> kinds = new TreeMap<>();
    /**
     * Tokens (aggregate@version) of accepted writes; every id an accepted write named or answered; and those of
     * them that were not the aggregate its token names (a link also writes an event of the charger).
     */
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    private final Set<String> sideTouched = ConcurrentHashMap.newKeySet();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    /** Resources an accepted write with text no reader can hold (NUL, a lone surrogate) made unreadable. */
    private final Set<String> poisoned = ConcurrentHashMap.newKeySet();
    private final List<String[]> accepted = new ArrayList<>();
    private int events;

    @Test
    void everyBadRequestIsRefusedAsProblemJsonAndEveryAcceptedWriteReadsBack() throws Exception {
        String key = Api.newOrganisation(keys, List.of(ApiKeys.OPERATOR_SCOPE));
        JsonNode openApi = JSON.readTree(as(key).get("/q/openapi?format=json").then().statusCode(200).extract()
                .asString());
        Map<String, List<String>> ids = seed(key, openApi);
        List<RestRequests.Request> requests = RestRequests.generate(openApi, ids, SEED, REQUESTS);
        Map<TopicPartition, Long> before = endOffsets();

        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            clients.submit(() -> {
                try (HttpConnection http = connection()) {
                    for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                        send(http, key, requests.get(i));
                    }
                }
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        long sent = System.nanoTime();
        int notReadable = readBack(key);
        int fromRefused = eventsFromRefusedRequests(before);

        String summary = summary(requests.size(), notReadable, fromRefused, Duration.ofNanos(sent - started),
                Duration.ofNanos(System.nanoTime() - sent));
        System.out.println(summary);
        assertThat(requests).hasSizeGreaterThanOrEqualTo(10_000);
        assertThat(failures).as(summary).isEmpty();
    }

    /**
     * Sites, chargers, energy assets and a maintenance event for the path parameters, by parameter name, and as
     * many again for DELETE requests to take.
     */
    private Map<String, List<String>> seed(String key, JsonNode openApi) {
        String assetType = openApi.at("/paths/~1api~1v1~1sites~1{site_id}~1energy-assets/post/requestBody/content"
                + "/application~1json/schema/properties/type/enum/0").asText();
        String maintenanceType = openApi.at("/paths/~1api~1v1~1cpo~1chargers~1{charge_point_id}~1maintenance/post"
                + "/requestBody/content/application~1json/schema/properties/type/enum/0").asText();
        Map<String, List<String>> ids = new HashMap<>();
        for (String pool : List.of("", RestRequests.VICTIMS)) {
            List<String> sites = List.of(Api.site(key, "Fuzz A"), Api.site(key, "Fuzz B"), Api.site(key, "Fuzz C"));
            List<String> chargers = List.of(Api.charger(key), Api.charger(key), Api.charger(key));
            List<String> assets = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                assets.add(as(key).contentType(ContentType.JSON)
                        .body(Map.of("type", assetType, "name", "Fuzz asset", "capacity_kw", 10))
                        .post("/api/v1/sites/" + ids.getOrDefault("site_id", sites).get(0) + "/energy-assets")
                        .then().statusCode(201).extract().path("asset_id"));
            }
            String event = as(key).contentType(ContentType.JSON)
                    .body(Map.of("type", maintenanceType, "scheduled_at", "2026-06-01T10:00:00Z"))
                    .post("/api/v1/cpo/chargers/" + chargers.get(0) + "/maintenance").then().statusCode(201)
                    .extract().path("event_id");
            ids.put(pool + "site_id", sites);
            ids.put(pool + "charge_point_id", chargers);
            ids.put(pool + "asset_id", assets);
            ids.put(pool + "event_id", List.of(event));
        }
        return ids;
    }

    private void send(HttpConnection http, String key, RestRequests.Request request) {
        HttpConnection.Response response;
        try {
            response = http.exchange(request.method(), request.target(), Map.of("Authorization", "Bearer " + key),
                    request.body());
        } catch (Exception e) {
            count(kinds, String.format("%-56s %s", request.kind(), "no answer"));
            fail(request, "crash: no answer (" + e.getClass().getSimpleName() + ")", "");
            return;
        }
        int status = response.status();
        count(byStatusClass, status / 100 + "xx");
        count(kinds, String.format("%-56s %s", request.kind(), status / 100 + "xx"));
        if (status >= 500) {
            fail(request, "5xx", response);
        }
        if (status >= 400 && !isProblem(response)) {
            fail(request, "error answer not problem+json (" + status + ")", response);
        }
        if (status >= 200 && status < 300) {
            if (request.mustRefuse()) {
                fail(request, "accepted (" + status + ") instead of refused", response);
            }
            if (!request.method().equals("GET")) {
                accepted(request, response);
            }
        }
    }

    private void accepted(RestRequests.Request request, HttpConnection.Response response) {
        String token = response.header("consistency-token");
        String aggregate = token == null ? null : token.substring(0, token.indexOf('@'));
        if (token != null) {
            tokens.add(token);
            if (holdsUnstorableText(request.body())) {
                poisoned.add(aggregate);
            }
        }
        java.util.regex.Matcher ids = ID.matcher(request.target() + " " + request.body() + " " + response.body()
                + " " + response.header("location"));
        while (ids.find()) {
            touched.add(ids.group());
            if (!ids.group().equals(aggregate)) {
                sideTouched.add(ids.group());
            }
        }
        if (request.method().equals("DELETE")) {
            deleted.add(withoutQuery(request.target()));
            return;
        }
        String location = response.header("location");
        if (location == null && !List.of("PUT", "PATCH").contains(request.method())) {
            return; // a link or a reading: no resource of its own to read back
        }
        if (location != null && location.startsWith("http")) {
            location = URI.create(location).getRawPath();
        }
        location = withoutQuery(location != null ? location : request.target());
        synchronized (accepted) {
            accepted.add(new String[] {request.kind(), request.method() + " " + request.target(),
                    location, token, abbreviate(request.body())});
        }
    }

    /**
     * Reads every accepted write back with its token: the resource itself where the API has a GET for it, else its
     * collection, which must list it. Answers the number that could not be read.
     */
    private int readBack(String key) throws Exception {
        AtomicInteger notReadable = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(THREADS * 2);
        for (String[] write : accepted) {
            readers.submit(() -> {
                String path = write[2];
                String id = path.substring(path.lastIndexOf('/') + 1);
                if (deleted.stream().anyMatch(gone -> path.startsWith(gone))) {
                    return; // deleted later by another generated request
                }
                try (HttpConnection http = connection()) {
                    Map<String, String> headers = write[3] == null ? Map.of("Authorization", "Bearer " + key)
                            : Map.of("Authorization", "Bearer " + key, TOKEN, write[3]);
                    HttpConnection.Response read = http.exchange("GET", path, headers, null);
                    if (read.status() == 404 || read.status() == 405) {
                        read = http.exchange("GET", path.substring(0, path.lastIndexOf('/')), headers, null);
                    }
                    boolean ok = read.status() == 200 && read.body().contains(id)
                            && !"timed-out".equals(read.header("consistency-token-status"));
                    if (!ok) {
                        notReadable.incrementAndGet();
                        boolean frozen = poisoned.stream().anyMatch(path::contains);
                        failOnce(write[0] + " -> accepted write not readable (" + read.status() + " "
                                        + read.header("consistency-token-status") + ")"
                                        + (frozen ? " on a resource an accepted NUL/lone-surrogate write froze" : ""),
                                write[1] + " " + write[4] + "  read: GET " + path);
                    }
                } catch (Exception e) {
                    notReadable.incrementAndGet();
                    failOnce(write[0] + " -> accepted write not readable (" + e + ")", write[1]);
                }
            });
        }
        readers.shutdown();
        assertThat(readers.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        return notReadable.get();
    }

    /** Events written since {@code before} that no accepted write accounts for. */
    private int eventsFromRefusedRequests(Map<TopicPartition, Long> before) {
        int orphans = 0;
        for (Topic<String, ?> topic : EVENT_TOPICS) {
            try (KafkaConsumer<String, ?> consumer = kafka.consumer(topic, null)) {
                List<TopicPartition> partitions = before.keySet().stream()
                        .filter(p -> p.topic().equals(topic.name())).toList();
                consumer.assign(partitions);
                partitions.forEach(p -> consumer.seek(p, before.get(p)));
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (ConsumerRecord<String, ?> record : consumer.poll(Duration.ofMillis(200))) {
                        events++;
                        GenericRecord event = (GenericRecord) record.value();
                        Object version = event.getSchema().getField("version") == null ? null : event.get("version");
                        // an event with a version is the one its write's token names, or a side effect of a
                        // write on another aggregate (naming it, or naming in its payload an id that write named:
                        // a link unlinks the charger from its former site); a reading (no version) belongs to an
                        // accepted write's site
                        boolean accounted = version != null
                                ? tokens.contains(record.key() + "@" + version) || sideTouched.contains(record.key())
                                        || namesSideTouched(event.get("payload"))
                                : touched.contains(record.key());
                        if (!accounted) {
                            orphans++;
                            Object payload = event.get("payload");
                            failOnce("event of a refused request on " + topic.name() + " ("
                                    + (payload == null ? "?" : payload.getClass().getSimpleName()) + ")",
                                    record.key() + " " + event);
                        }
                    }
                }
            }
        }
        return orphans;
    }

    private boolean namesSideTouched(Object payload) {
        java.util.regex.Matcher ids = ID.matcher(String.valueOf(payload));
        while (ids.find()) {
            if (sideTouched.contains(ids.group())) {
                return true;
            }
        }
        return false;
    }

    private Map<TopicPartition, Long> endOffsets() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Topic<String, ?> topic : EVENT_TOPICS) {
            try (KafkaConsumer<String, ?> consumer = kafka.consumer(topic, null)) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                offsets.putAll(consumer.endOffsets(partitions));
            }
        }
        return offsets;
    }

    /** Whether a JSON body holds text with a NUL or a lone surrogate. */
    private static boolean holdsUnstorableText(String body) {
        try {
            return body != null && unstorable(JSON.readTree(body));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean unstorable(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == 0 || Character.isHighSurrogate(c) && (i + 1 == text.length()
                        || !Character.isLowSurrogate(text.charAt(++i))) || Character.isLowSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode child : node) {
            if (unstorable(child)) {
                return true;
            }
        }
        return false;
    }

    private static String withoutQuery(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    private static boolean isProblem(HttpConnection.Response response) {
        String type = response.header("content-type");
        if (type == null || !type.startsWith(Api.PROBLEM)) {
            return false;
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            return problem.path("status").asInt() == response.status() && problem.path("title").isTextual();
        } catch (Exception e) {
            return false;
        }
    }

    private HttpConnection connection() {
        return new HttpConnection(new InetSocketAddress(base.getHost(), base.getPort()), Duration.ofSeconds(60));
    }

    private void fail(RestRequests.Request request, String problem, HttpConnection.Response response) {
        fail(request, problem, response.status() + " " + response.header("content-type") + " "
                + abbreviate(response.body()));
    }

    private void fail(RestRequests.Request request, String problem, String answer) {
        failOnce(request.kind() + " -> " + problem, request.method() + " " + abbreviate(request.target()) + " "
                + abbreviate(request.body()) + "  answered: " + answer);
    }

    private synchronized void failOnce(String key, String example) {
        failures.merge(key, 1, Integer::sum);
        examples.putIfAbsent(key, example);
    }

    private synchronized void count(Map<String, Integer> counts, String key) {
        counts.merge(key, 1, Integer::sum);
    }

    private synchronized String summary(int requests, int notReadable, int fromRefused, Duration sending,
                                        Duration checking) {
        StringBuilder out = new StringBuilder("\n==== REST fuzz (seed " + SEED + ", " + THREADS + " clients)\n");
        out.append(String.format("%-44s %8d%n", "requests", requests));
        byStatusClass.forEach((status, count) -> out.append(String.format("%-44s %8d%n", "  " + status, count)));
        out.append(String.format("%-44s %8d%n", "5xx", count("-> 5xx")));
        out.append(String.format("%-44s %8d%n", "crashes (no answer)", count("-> crash")));
        out.append(String.format("%-44s %8d%n", "error answers not problem+json", count("not problem+json")));
        out.append(String.format("%-44s %8d%n", "bad requests accepted", count("instead of refused")));
        out.append(String.format("%-44s %8d%n", "accepted writes", accepted.size()));
        out.append(String.format("%-44s %8d%n", "accepted writes not readable", notReadable));
        out.append(String.format("%-44s %8d%n", "events written meanwhile", events));
        out.append(String.format("%-44s %8d%n", "events from refused requests", fromRefused));
        out.append("time: sending ").append(sending.toMillis()).append(" ms, reading back and checking events ")
                .append(checking.toMillis()).append(" ms\nrequests by kind and answer:\n");
        kinds.forEach((kind, count) -> out.append(String.format("  %-60s %6d%n", kind, count)));
        out.append("failures (kind -> problem: count; one example):\n");
        failures.forEach((key, count) -> out.append("  ").append(key).append(": ").append(count).append("\n    e.g. ")
                .append(examples.get(key)).append("\n"));
        return out.toString();
    }

    private int count(String problem) {
        return failures.entrySet().stream().filter(e -> e.getKey().contains(problem)).mapToInt(Map.Entry::getValue)
                .sum();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String shown = text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
        StringBuilder out = new StringBuilder();
        shown.chars().forEach(c -> out.append(c < 0x20 || Character.isSurrogate((char) c)
                ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
