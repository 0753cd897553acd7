package org.dynamocsms.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged standalone as a child process, for a benchmark or a test that must stop or crash it: started on one
 * data directory with a known first API key, stopped with SIGTERM or killed with SIGKILL, started again on the same
 * data and ports. Its embedded Kafka and PostgreSQL get free ports (chosen once), so it runs beside another
 * standalone. Its output is appended to one log.
 */
public final class StandaloneProcess implements CrashTarget {

    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(3);

    private final Path jar;
    private final Path dataDir;
    private final String apiKey;
    private final List<String> javaOptions;
    private final Path log;
    private final URI baseUrl;
    private final List<Integer> internalPorts = freePorts(3);
    private volatile Process process;

    public StandaloneProcess(Path jar, Path dataDir, String apiKey, List<String> javaOptions, Path log,
                             URI baseUrl) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.apiKey = apiKey;
        this.javaOptions = javaOptions;
        this.log = log;
        this.baseUrl = baseUrl;
        // an interrupted benchmark must not leave the standalone holding its ports
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process running = process;
            if (running != null) {
                running.destroyForcibly();
            }
        }, "standalone-stopper"));
    }

    /** Starts it; returns once {@code GET /api/v1/sites?limit=1} answers 200. */
    @Override
    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-Dcsms.data-dir=" + dataDir, "-Dcsms.bootstrap.api-key=" + apiKey,
                "-Dquarkus.http.port=" + baseUrl.getPort(), "-Dcsms.standalone.kafka-port=" + internalPorts.get(0),
                "-Dcsms.standalone.kafka-controller-port=" + internalPorts.get(1),
                "-Dcsms.standalone.postgres-port=" + internalPorts.get(2), "-jar", jar.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (CrashTarget.apiAnswers(baseUrl, apiKey, STARTUP_LIMIT, () -> !process.isAlive())) {
            return;
        }
        if (!process.isAlive()) {
            throw new IOException("the standalone exited during startup; see " + log);
        }
        throw new IOException("the standalone did not answer within " + STARTUP_LIMIT + "; see " + log);
    }

    /** The bootstrap address of its embedded Kafka broker. */
    @Override
    public String kafkaBootstrap() {
        return "127.0.0.1:" + internalPorts.get(0);
    }

    /** The port of its embedded PostgreSQL. */
    public int postgresPort() {
        return internalPorts.get(2);
    }

    /** SIGTERM: Quarkus, Kafka and PostgreSQL stop cleanly, within a minute. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the standalone did not stop within 60 s of SIGTERM; see " + log);
        }
    }

    /** SIGKILL: nothing stops cleanly, as in a power cut or the OOM killer. */
    public void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the standalone survived SIGKILL for 30 s");
        }
    }

    /** {@link #kill}, then {@link #start} on the same data. */
    @Override
    public String crash(int n) throws IOException, InterruptedException {
        kill();
        start();
        return "the standalone";
    }

    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // only borrowed to learn a free port
                }
            }
        }
    }

    /** SIGTERM, and SIGKILL if it has not stopped within a minute. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            try {
                stop();
            } catch (IllegalStateException stuck) {
                kill();
            }
        }
    }
}
