package org.dynamocsms.standalone;

import static io.restassured.RestAssured.given;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.RestAssured;
import io.restassured.builder.ResponseBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.auth.ApiKeys;

/**
 * What the end-to-end tests share: callers with their own organisation, sites and chargers, topic offsets, waiting
 * for a projection.
 */
public final class Api {

    public static final String TOKEN = "Consistency-Token";
    public static final String PROBLEM = "application/problem+json";

    private Api() {
    }

    /** A new API key of a new organisation. */
    public static String newOrganisation(ApiKeyDirectory keys, List<String> scopes) {
        return newKey(keys, Ids.ORGANISATION.next(), scopes);
    }

    /** A new API key of {@code organisationId}. */
    public static String newKey(ApiKeyDirectory keys, String organisationId, List<String> scopes) {
        String key = ApiKeys.generate();
        keys.register(ApiKeys.record(key, organisationId, "e2e", scopes, Instant.now()));
        return key;
    }

    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    /** Creates a site named {@code name}; answers its id. */
    public static String site(String key, String name) {
        return as(key).contentType(ContentType.JSON).body(Map.of("name", name, "max_power_kw", 150))
                .post("/api/v1/sites").then().statusCode(201).extract().path("site_id");
    }

    /** Registers a charger with a fresh charge point id; answers it. */
    public static String charger(String key) {
        String id = "CP-" + UUID.randomUUID().toString().substring(0, 8);
        as(key).contentType(ContentType.JSON).body(Map.of("charge_point_id", id)).post("/api/v1/cpo/chargers")
                .then().statusCode(201);
        return id;
    }

    /**
     * Whether an operation of the OpenAPI document answers a stream of server-sent events, which does not end: a
     * test that walks the document reads its first event ({@link #firstEvent}) instead of the whole answer.
     */
    public static boolean streams(JsonNode operation) {
        return operation.at("/responses/200/content").has("text/event-stream");
    }

    /**
     * A GET of a stream of server-sent events as {@code key}, as a response that ends: the stream's status and headers,
     * with the data of its first event as the body (or the whole body of a refusal). The stream is closed after it.
     */
    public static Response firstEvent(String key, String target) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + target))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(answer.body(),
                    StandardCharsets.UTF_8))) {
                String body = answer.statusCode() != 200 ? lines.lines().collect(Collectors.joining("\n"))
                        : lines.lines().filter(line -> line.startsWith("data:")).findFirst()
                                .map(line -> line.substring("data:".length()).trim()).orElse("");
                return new ResponseBuilder().setStatusCode(answer.statusCode()).setBody(body)
                        .setContentType(answer.headers().firstValue("content-type").orElse("")).build();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of the end offsets of every partition of {@code topic}: grows with every record written. */
    public static long endOffsets(KafkaClients kafka, String topic) {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code assertion} until it passes, for a projection that follows asynchronously; rethrows its last failure. */
    public static void eventually(Duration within, Runnable assertion) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            sleep(25);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
