package org.dynamocsms.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What the sites benchmark runs, from {@link BenchOptions}.
 */
record BenchConfig(URI baseUrl, String apiKey, String kafka, int writes, int reads, int concurrency, int warmup,
                   int lagSample, int listEvery, int chargers, Duration phaseTimeout) {

    /** {@code --kafka=none}: no broker to probe (the limit is not measured). */
    static final String NO_KAFKA = "none";

    static final String USAGE = """
            usage: SitesBenchmark [--base-url=http://127.0.0.1:8080] [--api-key=KEY (or env CSMS_API_KEY)]
                                  [--kafka=127.0.0.1:9092 (none: no produce probe)] [--writes=5000] [--reads=5000] [--concurrency=32]
                                  [--warmup=2000] [--lag-sample=500] [--list-every=10] [--chargers=200]
                                  [--phase-timeout-s=180]""";

    BenchConfig {
        if (writes < 1 || reads < 0 || concurrency < 1 || warmup < 1 || lagSample < 0 || listEvery < 1
                || chargers < 1) {
            throw new IllegalArgumentException(
                    "counts must be positive (reads and lag-sample may be 0; the writes need the warm-up's sites)");
        }
        if (!kafka.equals(NO_KAFKA) && !kafka.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("Kafka must be at 127.0.0.1, not " + kafka);
        }
    }

    static BenchConfig parse(String[] args, Map<String, String> env) {
        BenchOptions options = BenchOptions.parse(args, env, Set.of("kafka", "writes", "reads", "concurrency",
                "warmup", "lag-sample", "list-every", "chargers", "phase-timeout-s"));
        int writes = options.integer("writes", 5000);
        // warm-up: the JIT needs thousands of requests through broker, Streams, Quarkus and Hibernate to settle
        return new BenchConfig(options.baseUrl(), options.apiKey(), options.string("kafka", "127.0.0.1:9092"), writes,
                options.integer("reads", writes), options.integer("concurrency", 32), options.integer("warmup", 2000),
                options.integer("lag-sample", 500), options.integer("list-every", 10),
                options.integer("chargers", 200), Duration.ofSeconds(options.integer("phase-timeout-s", 180)));
    }
}
