package org.dynamocsms.cli.replay;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The operator's side of {@code /admin/replays}: each call answers the replays in the body or throws {@link ApiException}. */
public final class ReplayClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a newer server may say more
            .build();

    private final HttpClient http;
    private final URI base;
    private final String key;

    public ReplayClient(URI base, String key) {
        // HTTP/1.1: no h2c upgrade on every request
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        this.base = base;
        this.key = key;
    }

    /** {@code POST /admin/replays/{projection}}: the replay started (for {@code all}, the five). */
    public List<Replay> start(String projection, boolean compare) {
        return replays(send(request(path(projection)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"compare\": " + compare + "}"))));
    }

    /** {@code GET /admin/replays/{projection}}: its latest replay (for {@code all}, the latest of each). */
    public List<Replay> latest(String projection) {
        return replays(send(request(path(projection)).GET()));
    }

    /** {@code GET /admin/replays}: every replay, newest first. */
    public List<Replay> history() {
        return replays(send(request("/admin/replays").GET()));
    }

    /** {@code DELETE /admin/replays/{projection}}: the replay building or caught up, now cancelled. */
    public List<Replay> cancel(String projection) {
        return replays(send(request(path(projection)).DELETE()));
    }

    /** {@code POST /admin/replays/{projection}/switch}: the caught up replay, now live (completed). */
    public List<Replay> switchOver(String projection) {
        return replays(send(request(path(projection) + "/switch").POST(HttpRequest.BodyPublishers.noBody())));
    }

    private static String path(String projection) {
        return "/admin/replays/" + URLEncoder.encode(projection, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + key).header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ApiException(problem(response));
            }
            return response;
        } catch (ConnectException e) {
            throw new ApiException("cannot reach " + base + ": connection refused");
        } catch (IOException e) {
            throw new ApiException(built.method() + " " + built.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(built.method() + " " + built.uri() + " interrupted");
        }
    }

    private static List<Replay> replays(HttpResponse<String> response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            List<Replay> replays = new ArrayList<>();
            for (JsonNode replay : body.isArray() ? body : List.of(body)) {
                replays.add(JSON.treeToValue(replay, Replay.class));
            }
            return replays;
        } catch (JsonProcessingException e) {
            throw new ApiException("unexpected answer " + response.statusCode() + " to " + response.request().method()
                    + " " + response.request().uri() + ": " + e.getOriginalMessage());
        }
    }

    /** {@code Conflict (409): a replay of sites is building}, then each field the problem names. */
    static String problem(HttpResponse<String> response) {
        String fallback = "HTTP " + response.statusCode() + " from " + response.request().method() + " "
                + response.request().uri();
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            return fallback;
        }
        if (body == null || !body.isObject() || !body.hasNonNull("title")) {
            return fallback;
        }
        StringBuilder message = new StringBuilder(body.get("title").asText())
                .append(" (").append(response.statusCode()).append(")");
        if (body.hasNonNull("detail")) {
            message.append(": ").append(body.get("detail").asText());
        }
        for (JsonNode error : body.path("errors")) {
            message.append(System.lineSeparator()).append("  ").append(error.path("field").asText())
                    .append(": ").append(error.path("detail").asText());
        }
        return message.toString();
    }

    /** The API answered an error, or could not be reached; the message is for the operator. */
    public static final class ApiException extends RuntimeException {

        ApiException(String message) {
            super(message);
        }
    }
}
