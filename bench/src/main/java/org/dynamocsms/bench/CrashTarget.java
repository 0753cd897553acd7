package org.dynamocsms.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What the process-loss benchmark crashes: the standalone ({@link StandaloneProcess}, killed and started again) or
 * one process after another of the local cluster ({@link LocalClusterProcesses}, which carries on without it).
 */
interface CrashTarget extends AutoCloseable {

    /** Returns once the API answers (the standalone is started first; the cluster is running already). */
    void start() throws Exception;

    /**
     * The {@code n}-th crash (from 1): SIGKILL to a process, returning once the target is meant to serve again (the
     * standalone restarted and answering; the cluster at once). Answers what was killed.
     */
    String crash(int n) throws Exception;

    /** Its Kafka cluster's bootstrap servers, to read what the gateways recorded. */
    String kafkaBootstrap() throws Exception;

    /**
     * Polls {@code GET /api/v1/sites?limit=1} every 100 ms until it answers 200 (true), or {@code limit} passes or
     * {@code gone} says the process serving it has died (false).
     */
    static boolean apiAnswers(URI baseUrl, String apiKey, Duration limit, BooleanSupplier gone)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        try (HttpConnection http = new HttpConnection(new InetSocketAddress(baseUrl.getHost(), baseUrl.getPort()),
                Duration.ofSeconds(5))) {
            while (System.nanoTime() < deadline && !gone.getAsBoolean()) {
                try {
                    if (http.exchange("GET", "/api/v1/sites?limit=1", Map.of("Authorization", "Bearer " + apiKey),
                            null).status() == 200) {
                        return true;
                    }
                } catch (IOException notYet) {
                    http.close();
                }
                Thread.sleep(100);
            }
        }
        return false;
    }
}
