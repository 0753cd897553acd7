package org.dynamocsms.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The processes of a running {@code deploy/local-cluster.sh} cluster: each crash kills the next of {@code victims}
 * (e.g. kafka-1, ocpp-gateway-1, projection-service-1) with SIGKILL through the script ({@code kill NAME}) and does
 * not start it again, so the cluster must go on serving with the instances left. Nothing is stopped on close: the
 * cluster belongs to whoever started it.
 */
final class LocalClusterProcesses implements CrashTarget {

    private static final Duration READY_LIMIT = Duration.ofMinutes(2);

    private final Path script;
    private final List<String> victims;
    private final URI baseUrl;
    private final String apiKey;

    LocalClusterProcesses(Path script, List<String> victims, URI baseUrl, String apiKey) {
        this.script = script;
        this.victims = victims;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** Waits until the router answers {@code GET /api/v1/sites?limit=1} with 200. */
    @Override
    public void start() throws IOException, InterruptedException {
        if (CrashTarget.apiAnswers(baseUrl, apiKey, READY_LIMIT, () -> false)) {
            return;
        }
        throw new IOException("the cluster's router at " + baseUrl + " did not answer within " + READY_LIMIT
                + "; is it up (" + script + " status)?");
    }

    @Override
    public String crash(int n) throws IOException, InterruptedException {
        String victim = victims.get(n - 1);
        Process kill = new ProcessBuilder(script.toString(), "kill", victim).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException(script + " kill " + victim + " failed");
        }
        return victim;
    }

    /** As the script prints it ({@code bootstrap-servers}): every broker, the killed one too. */
    @Override
    public String kafkaBootstrap() throws IOException, InterruptedException {
        Process query = new ProcessBuilder(script.toString(), "bootstrap-servers")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String servers = new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (query.waitFor() != 0 || servers.isEmpty()) {
            throw new IOException(script + " bootstrap-servers failed");
        }
        return servers;
    }

    @Override
    public void close() {
        // the cluster outlives the benchmark
    }
}
