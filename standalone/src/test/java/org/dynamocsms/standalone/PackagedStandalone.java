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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.dynamocsms.bench.StandaloneProcess;
import org.dynamocsms.schemas.auth.ApiKeys;

/**
 * The packaged standalone (target/quarkus-app) run as the README runs it, as a separate process on free ports with
 * its data in one directory across restarts (the benchmarks' {@link StandaloneProcess}), and an HTTP client holding
 * its first API key.
 */
final class PackagedStandalone implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String key = ApiKeys.generate();
    private final URI baseUrl = URI.create("http://127.0.0.1:" + freePort());
    private final StandaloneProcess process;

    PackagedStandalone(Path dataDir) throws IOException {
        assertThat(JAR).as("the packaged standalone").exists();
        process = new StandaloneProcess(JAR, dataDir, key, List.of(), Files.createTempFile("standalone", ".log"),
                baseUrl);
    }

    /** Starts it on the data directory; returns once the API answers. */
    void start() throws IOException, InterruptedException {
        process.start();
    }

    /** SIGTERM: Quarkus, Kafka and PostgreSQL stop cleanly. */
    void stopGracefully() throws InterruptedException {
        process.stop();
    }

    /** SIGKILL: a crash, nothing stopped cleanly. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /**
     * SIGTERM, and SIGKILL if it has not stopped within a minute: a SIGKILL leaves its PostgreSQL server running
     * (a restart stops it; a test's end does not).
     */
    @Override
    public void close() throws InterruptedException {
        process.close();
    }

    /** The bootstrap address of its embedded Kafka broker. */
    String kafka() {
        return process.kafkaBootstrap();
    }

    /** A connection to its embedded PostgreSQL's database. */
    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + process.postgresPort() + "/"
                + EmbeddedDatabase.DATABASE, EmbeddedDatabase.USER, EmbeddedDatabase.USER);
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

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
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
        return baseUrl.resolve(path);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
