package org.dynamocsms.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every error answer of the HTTP server is RFC 9457 problem+json, whichever layer refuses the request: odd ids and
 * query parameters, malformed URIs and bodies, the size limits, unknown paths and methods. Requests are written on a
 * plain socket, since an HTTP client refuses to send most of them.
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class HttpErrorsEndToEndTest {

    private static final String SITES = "/api/v1/sites";
    private static final String CHARGERS = "/api/v1/cpo/chargers";
    private static final String SITE_BODY = "{\"name\": \"Depot\", \"max_power_kw\": 150}";

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    private String key;
    private String site;
    private String charger;

    @BeforeEach
    void newOrganisation() {
        key = Api.newOrganisation(keys, List.of(ApiKeys.OPERATOR_SCOPE));
        site = Api.site(key, "King Street Depot");
        charger = Api.charger(key);
    }

    @Test
    void anIdWithNulIsUnknownOnEveryPath() {
        String maintenance = "{\"type\": \"scheduled\", \"description\": \"x\", \"scheduled_at\": \"2024-07-20T09:00:00Z\"}";
        String asset = "{\"type\": \"solar\", \"name\": \"PV\", \"capacity_kw\": 50}";
        String reading = "{\"output_kw\": 1, \"measured_at\": \"2024-07-20T09:00:00Z\"}";
        long commands = commandsWritten();
        for (String[] request : List.of(
                new String[] {"GET", SITES + "/%00", null},
                new String[] {"GET", SITES + "/%00/summary", null},
                new String[] {"GET", SITES + "/%00/energy-assets", null},
                new String[] {"PATCH", SITES + "/%00", "{\"name\": \"x\"}"},
                new String[] {"DELETE", SITES + "/%00", null},
                new String[] {"POST", SITES + "/%00/chargers/" + charger + "/link", null},
                new String[] {"POST", SITES + "/" + site + "/chargers/%00/link", null},
                new String[] {"DELETE", SITES + "/" + site + "/chargers/%00", null},
                new String[] {"POST", SITES + "/%00/energy-assets", asset},
                new String[] {"PUT", SITES + "/" + site + "/energy-assets/%00", "{\"capacity_kw\": 60}"},
                new String[] {"DELETE", SITES + "/" + site + "/energy-assets/a%00b", null},
                new String[] {"POST", SITES + "/" + site + "/energy-assets/%00/readings", reading},
                new String[] {"GET", CHARGERS + "/%00", null},
                new String[] {"GET", CHARGERS + "/CP%00X", null},
                new String[] {"GET", CHARGERS + "/%00/diagnostics", null},
                new String[] {"GET", CHARGERS + "/%00/error-history", null},
                new String[] {"GET", CHARGERS + "/%00/connectivity", null},
                new String[] {"GET", CHARGERS + "/%00/maintenance", null},
                new String[] {"DELETE", CHARGERS + "/%00", null},
                new String[] {"POST", CHARGERS + "/%00/maintenance", maintenance},
                new String[] {"PATCH", CHARGERS + "/" + charger + "/maintenance/%00", "{\"notes\": \"x\"}"},
                new String[] {"GET", "/admin/replays/%00", null})) {
            Answer answer = send(request[0], request[1], request[2]);
            answer.assertProblem(404, request[0] + " " + request[1]);
            assertThat(answer.json().getString("detail")).as(request[1]).endsWith("does not exist.");
        }
        assertThat(commandsWritten()).isEqualTo(commands);
    }

    @Test
    void aQueryParameterWithNulIsRefusedByName() {
        for (String[] request : List.of(
                new String[] {"/api/v1/cpo/fleet/chargers?site_id=%00", "site_id"},
                new String[] {"/api/v1/cpo/fleet/chargers?status=%00", "status"},
                new String[] {"/api/v1/cpo/fleet/errors?charge_point_id=a%00", "charge_point_id"},
                new String[] {"/api/v1/cpo/fleet/errors?error_code=%00", "error_code"},
                new String[] {"/api/v1/cpo/fleet/uptime?charge_point_id=%00", "charge_point_id"},
                new String[] {"/api/v1/cpo/fleet/utilisation?site_id=%00", "site_id"},
                new String[] {SITES + "?limit=%00", "limit"})) {
            Answer answer = send("GET", request[0], null);
            answer.assertProblem(400, request[0]);
            assertThat(answer.json().getList("errors.field", String.class)).as(request[0]).contains(request[1]);
        }
    }

    @Test
    void aMalformedPercentEncodingIsABadRequest() {
        send("GET", SITES + "/%", null).assertProblem(400, "%");
        send("GET", SITES + "/%zz", null).assertProblem(400, "%zz");
        send("GET", "/api/v1/cpo/fleet/chargers?site_id=%", null).assertProblem(400, "query %");
    }

    @Test
    void aLongIdIsUnknownAndAnOverlongUriIsTooLong() {
        Answer longId = send("GET", SITES + "/" + "a".repeat(5_000), null);
        longId.assertProblem(404, "5 KB id");
        long commands = commandsWritten();
        send("GET", SITES + "/" + "a".repeat(10_000), null).assertProblem(414, "10 KB id");
        send("PATCH", SITES + "/" + "a".repeat(10_000), "{\"name\": \"x\"}").assertProblem(414, "10 KB id");
        send("GET", "/api/v1/cpo/fleet/chargers?site_id=" + "a".repeat(20_000), null).assertProblem(414, "query");
        assertThat(commandsWritten()).isEqualTo(commands);
    }

    @Test
    void aHugeHeaderIsTooLarge() {
        send("GET", SITES, null, "X-Padding: " + "a".repeat(30_000) + "\r\n").assertProblem(431, "30 KB header");
    }

    @Test
    void twoJsonObjectsInOneBodyAreMalformedJson() {
        long commands = commandsWritten();
        Answer answer = send("POST", SITES, SITE_BODY + SITE_BODY);
        answer.assertProblem(400, "two objects");
        assertThat(answer.json().getString("title")).isEqualTo("Malformed JSON");
        send("PATCH", SITES + "/" + site, "{\"name\": \"a\"} {\"name\": \"b\"}").assertProblem(400, "two objects");
        assertThat(commandsWritten()).isEqualTo(commands);
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        long commands = commandsWritten();
        String twoMegabytes = "{\"name\": \"" + "a".repeat(2 * 1024 * 1024) + "\", \"max_power_kw\": 150}";
        send("POST", SITES, twoMegabytes).assertProblem(413, "2 MB body");
        sendChunked("POST", SITES, twoMegabytes).assertProblem(413, "2 MB chunked body");
        assertThat(commandsWritten()).isEqualTo(commands);
    }

    /** An empty body is not JSON; it was once read by the body-size check, and the resource then waited for it. */
    @Test
    void anEmptyBodyIsMalformedJson() {
        long commands = commandsWritten();
        send("POST", SITES, "").assertProblem(400, "empty POST body");
        send("PATCH", SITES + "/" + site, "").assertProblem(400, "empty PATCH body");
        sendChunked("POST", SITES, "").assertProblem(400, "empty chunked POST body");
        assertThat(commandsWritten()).isEqualTo(commands);
    }

    /**
     * Java's HttpClient asks to upgrade a plain connection to HTTP/2 (h2c); the request then arrives as an HTTP/2
     * stream, which the body-size check must leave to the resource (it once read it first, and every such request
     * answered 500).
     */
    @Test
    void anHttp2UpgradeIsServedLikeAnyRequest() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        URI sites = URI.create("http://localhost:" + RestAssured.port + SITES);
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(sites)
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SITE_BODY)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> listed = client.send(HttpRequest.newBuilder(URI.create(sites + "?limit=1"))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }

    @Test
    void unknownPathsMethodsAndMediaTypesAreProblems() {
        send("GET", "/api/v1/no-such-thing", null).assertProblem(404, "unknown API path");
        send("GET", "/no-such-page", null).assertProblem(404, "unknown path");
        send("PUT", SITES, SITE_BODY).assertProblem(405, "PUT on the collection");
        send("GET", SITES, null, "Accept: text/html\r\n").assertProblem(406, "text/html only");
        long commands = commandsWritten();
        send("POST", SITES, SITE_BODY, "Content-Type: text/plain\r\n").assertProblem(415, "text/plain body");
        assertThat(commandsWritten()).isEqualTo(commands);
    }

    private long commandsWritten() {
        return Api.endOffsets(kafka, Topics.SITE_COMMANDS.name())
                + Api.endOffsets(kafka, Topics.CHARGER_COMMANDS.name())
                + Api.endOffsets(kafka, Topics.MAINTENANCE_COMMANDS.name());
    }

    private Answer send(String method, String target, String body) {
        return send(method, target, body, "");
    }

    /** {@code headers}: extra header lines, each ending with CRLF; a JSON content type is sent unless one is named. */
    private Answer send(String method, String target, String body, String headers) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String contentType = body == null || headers.startsWith("Content-Type") ? "" : "Content-Type: application/json\r\n";
        String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key + "\r\n"
                + contentType + headers + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        return exchange(head.getBytes(StandardCharsets.ISO_8859_1), bytes);
    }

    private Answer sendChunked(String method, String target, String body) {
        String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key + "\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += 8192) {
            int length = Math.min(8192, bytes.length - i);
            chunks.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.write(bytes, i, length);
            chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunks.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return exchange(head.getBytes(StandardCharsets.ISO_8859_1), chunks.toByteArray());
    }

    /** Writes the request while reading the answer: the server may answer and close before the body is sent. */
    private static Answer exchange(byte[] head, byte[] body) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    out.write(head);
                    out.write(body);
                    out.flush();
                } catch (IOException e) {
                    // the server closed the connection after answering; the answer is what matters
                }
            });
            Answer answer = Answer.read(socket.getInputStream());
            writing.join();
            return answer;
        } catch (IOException e) {
            throw new AssertionError("No answer", e);
        }
    }

    /** An HTTP/1.1 answer: status, headers (names in lower case) and body. */
    record Answer(int status, Map<String, String> headers, String body) {

        static Answer read(InputStream in) throws IOException {
            String statusLine = line(in);
            Map<String, String> headers = new HashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
            } else if (headers.containsKey("content-length")) {
                body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            }
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers,
                    body.toString(StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b == -1) {
                    throw new IOException("The connection ended in the middle of a line: " + line);
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        JsonPath json() {
            return new JsonPath(body);
        }

        void assertProblem(int expectedStatus, String what) {
            assertThat(status).as(what + ": status of " + this).isEqualTo(expectedStatus);
            assertThat(headers.get("content-type")).as(what + ": content type of " + this)
                    .startsWith("application/problem+json");
            JsonPath problem = json();
            assertThat(problem.getInt("status")).as(what + ": " + body).isEqualTo(expectedStatus);
            assertThat(problem.getString("title")).as(what + ": " + body).isNotBlank();
            assertThat(problem.getString("detail")).as(what + ": " + body).isNotBlank();
        }
    }
}
