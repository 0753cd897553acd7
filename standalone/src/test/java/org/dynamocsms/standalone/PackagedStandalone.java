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

/**
 * The packaged standalone (target/quarkus-app) run as the README runs it, as a separate process on free ports with
 * its data in one directory across restarts, and an HTTP client holding its first API key.
 */
final class PackagedStandalone implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dataDir;
    private final String key = ApiKeys.generate();
    private final List<Integer> ports = freePorts(4);
    private Process process;
    private Path log;

    PackagedStandalone(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts it on the data directory; returns once the API answers. */
    void start() throws IOException, InterruptedException {
        assertThat(JAR).as("the packaged standalone").exists();
        log = Files.createTempFile("standalone", ".log");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcsms.data-dir=" + dataDir,
                "-Dcsms.bootstrap.api-key=" + key,
                "-Dquarkus.http.port=" + ports.get(0),
                "-Dcsms.standalone.kafka-port=" + ports.get(1),
                "-Dcsms.standalone.kafka-controller-port=" + ports.get(2),
                "-Dcsms.standalone.postgres-port=" + ports.get(3),
                "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("standalone running (its log: %s)", log).isTrue();
            try {
                if (send(HttpRequest.newBuilder(uri("/api/v1/sites?limit=1")).GET()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("standalone did not answer within 120 s (its log: " + log + ")");
    }

    /** SIGTERM: Quarkus, Kafka and PostgreSQL stop cleanly. */
    void stopGracefully() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    }

    /** SIGKILL: a crash, nothing stopped cleanly. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> patch(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A GET sending {@code consistencyToken}. */
    HttpResponse<String> get(String path, String consistencyToken) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Consistency-Token", consistencyToken).GET());
    }

    /** The id of the site a POST /api/v1/sites created. */
    static String siteId(HttpResponse<String> created) {
        return created.headers().firstValue("Location").orElseThrow().replace("/api/v1/sites/", "");
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
