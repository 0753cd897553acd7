package org.dynamocsms.bench;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/** What the reconnect-storm benchmark runs, from {@link BenchOptions}. */
record OcppStormConfig(URI baseUrl, String apiKey, int chargers, int connectors, int callsPerSecond,
                       int connectPerSecond, int loadSeconds, Drop drop, int jitterMillis, int settleSeconds,
                       long gatewayPid) {

    /** How the connections are lost. */
    enum Drop {
        /** Closed abruptly without a close frame (the client's TCP socket closed): the gateway sees them end. */
        ABORT,
        /** Left open and idle, as when a cut lets nothing through: the gateway sees the new connections first. */
        SILENT;

        static Drop parse(String value) {
            for (Drop drop : values()) {
                if (drop.name().equalsIgnoreCase(value)) {
                    return drop;
                }
            }
            throw new IllegalArgumentException("--drop must be abort or silent, not " + value);
        }
    }

    static final String USAGE = """
            usage: OcppStormBenchmark [--base-url=http://127.0.0.1:8080] [--api-key=KEY (or env CSMS_API_KEY)]
                                      [--chargers=10000] [--connectors=2] [--calls-per-second=200]
                                      [--connect-per-second=500] [--load-s=15] [--drop=abort|silent]
                                      [--jitter-ms=0] [--settle-s=60]
                                      [--gateway-pid=PID (for CPU and memory; 0: not shown)]""";

    OcppStormConfig {
        if (chargers < 1 || connectors < 1 || callsPerSecond < 1 || connectPerSecond < 1 || loadSeconds < 0
                || jitterMillis < 0 || settleSeconds < 1 || gatewayPid < 0) {
            throw new IllegalArgumentException("need chargers, connectors, calls-per-second, connect-per-second and "
                    + "settle-s >= 1, load-s, jitter-ms and gateway-pid >= 0");
        }
    }

    static OcppStormConfig parse(String[] args, Map<String, String> env) {
        BenchOptions options = BenchOptions.parse(args, env, Set.of("chargers", "connectors", "calls-per-second",
                "connect-per-second", "load-s", "drop", "jitter-ms", "settle-s", "gateway-pid"));
        return new OcppStormConfig(options.baseUrl(), options.apiKey(), options.integer("chargers", 10_000),
                options.integer("connectors", 2), options.integer("calls-per-second", 200),
                options.integer("connect-per-second", 500), options.integer("load-s", 15),
                Drop.parse(options.string("drop", "abort")), options.integer("jitter-ms", 0),
                options.integer("settle-s", 60), options.integer("gateway-pid", 0));
    }
}
