package org.dynamocsms.bench;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/** What the OCPP gateway benchmark runs, from {@link BenchOptions}. */
record OcppBenchConfig(URI baseUrl, String apiKey, int chargers, int callsPerSecond, int connectPerSecond,
                       int warmupSeconds, int seconds, long gatewayPid) {

    static final String USAGE = """
            usage: OcppBenchmark [--base-url=http://127.0.0.1:8080] [--api-key=KEY (or env CSMS_API_KEY)]
                                 [--chargers=10000] [--calls-per-second=5000] [--connect-per-second=500]
                                 [--warmup-s=20] [--seconds=60] [--gateway-pid=PID (for CPU and RSS; 0: not shown)]""";

    OcppBenchConfig {
        if (chargers < 2 || callsPerSecond < 1 || connectPerSecond < 1 || warmupSeconds < 0 || seconds < 1
                || gatewayPid < 0) {
            throw new IllegalArgumentException("need chargers >= 2, calls-per-second, connect-per-second and "
                    + "seconds >= 1, warmup-s and gateway-pid >= 0");
        }
    }

    static OcppBenchConfig parse(String[] args, Map<String, String> env) {
        BenchOptions options = BenchOptions.parse(args, env, Set.of("chargers", "calls-per-second",
                "connect-per-second", "warmup-s", "seconds", "gateway-pid"));
        return new OcppBenchConfig(options.baseUrl(), options.apiKey(), options.integer("chargers", 10_000),
                options.integer("calls-per-second", 5_000), options.integer("connect-per-second", 500),
                options.integer("warmup-s", 20), options.integer("seconds", 60), options.integer("gateway-pid", 0));
    }
}
