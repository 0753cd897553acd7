package org.dynamocsms.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dynamocsms.schemas.auth.ApiKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged standalone, run as the README runs it: a site created before a stop is there after a restart, at
 * the same version, and the restart neither repeats nor loses a write.
 */
class StandaloneRestartIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    private final String key = ApiKeys.generate();
    private final List<Integer> ports = freePorts(4);
    private Process standalone;

    @AfterEach
    void stop() throws InterruptedException {
        if (standalone != null && standalone.isAlive()) {
            standalone.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void sitesSurviveARestartUnchanged() throws Exception {
        start();
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/sites"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"King Street Depot\", \"max_power_kw\": 150}")));
        assertThat(created.statusCode()).isEqualTo(201);
        String siteId = created.headers().firstValue("Location").orElseThrow().replace("/api/v1/sites/", "");
        HttpResponse<String> patched = send(HttpRequest.newBuilder(uri("/api/v1/sites/" + siteId))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"max_power_kw\": 200}")));
        assertThat(patched.headers().firstValue("Consistency-Token")).contains(siteId + "@2");
        String before = get(siteId, siteId + "@2").body();
        stopGracefully();

        start();
        HttpResponse<String> after = get(siteId, siteId + "@2");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo(before).contains("\"max_power_kw\":200");
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/sites")).GET()).body()).contains("\"total\":1");
        // the next write continues the site's history: version 3, not a repeat of version 2
        HttpResponse<String> again = send(HttpRequest.newBuilder(uri("/api/v1/sites/" + siteId))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\": \"Renamed\"}")));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Consistency-Token")).contains(siteId + "@3");
        stopGracefully();
    }

    private void start() throws IOException, InterruptedException {
        assertThat(JAR).as("the packaged standalone").exists();
        standalone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcsms.data-dir=" + dataDir,
                "-Dcsms.bootstrap.api-key=" + key,
                "-Dquarkus.http.port=" + ports.get(0),
                "-Dcsms.standalone.kafka-port=" + ports.get(1),
                "-Dcsms.standalone.kafka-controller-port=" + ports.get(2),
                "-Dcsms.standalone.postgres-port=" + ports.get(3),
                "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("standalone", ".log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(standalone.isAlive()).as("standalone running").isTrue();
            try {
                if (send(HttpRequest.newBuilder(uri("/api/v1/sites?limit=1")).GET()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("standalone did not answer within 120 s");
    }

    private void stopGracefully() throws InterruptedException {
        standalone.destroy();
        assertThat(standalone.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    }

    private HttpResponse<String> get(String siteId, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/api/v1/sites/" + siteId)).header("Consistency-Token", token).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ports.get(0) + path);
    }

    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            sockets.forEach(s -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // freeing a port we only borrowed
                }
            });
        }
    }
}
