package org.dynamocsms.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * What to run: {@code --name=value} arguments, the API key from {@code --api-key} or {@code CSMS_API_KEY}.
 * Only {@code 127.0.0.1} targets are accepted, so the benchmark cannot be pointed at someone else's server.
 */
record BenchConfig(URI baseUrl, String apiKey, int writes, int reads, int concurrency, int warmup, int lagSample,
                   int listEvery, Duration phaseTimeout) {

    static final String USAGE = """
            usage: SitesBenchmark [--base-url=http://127.0.0.1:8080] [--api-key=KEY (or env CSMS_API_KEY)]
                                  [--writes=5000] [--reads=5000] [--concurrency=32] [--warmup=2000]
                                  [--lag-sample=500] [--list-every=10] [--phase-timeout-s=180]""";

    BenchConfig {
        if (!"http".equals(baseUrl.getScheme()) || !"127.0.0.1".equals(baseUrl.getHost())) {
            throw new IllegalArgumentException("base URL must be http://127.0.0.1[:port], not " + baseUrl);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("an API key is required: --api-key=... or env CSMS_API_KEY");
        }
        if (writes < 1 || reads < 0 || concurrency < 1 || warmup < 0 || lagSample < 0 || listEvery < 1) {
            throw new IllegalArgumentException("counts must be positive (reads, warmup and lag-sample may be 0)");
        }
    }

    static BenchConfig parse(String[] args, Map<String, String> env) {
        URI baseUrl = URI.create("http://127.0.0.1:8080");
        String apiKey = env.get("CSMS_API_KEY");
        int writes = 5000;
        Integer reads = null;
        int concurrency = 32;
        // the JIT needs thousands of requests through broker, Streams, Quarkus and Hibernate to settle
        int warmup = 2000;
        int lagSample = 500;
        int listEvery = 10;
        int phaseTimeoutSeconds = 180;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            String value = arg.substring(eq + 1);
            switch (arg.substring(2, eq)) {
                case "base-url" -> baseUrl = URI.create(value.replaceAll("/+$", ""));
                case "api-key" -> apiKey = value;
                case "writes" -> writes = Integer.parseInt(value);
                case "reads" -> reads = Integer.parseInt(value);
                case "concurrency" -> concurrency = Integer.parseInt(value);
                case "warmup" -> warmup = Integer.parseInt(value);
                case "lag-sample" -> lagSample = Integer.parseInt(value);
                case "list-every" -> listEvery = Integer.parseInt(value);
                case "phase-timeout-s" -> phaseTimeoutSeconds = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new BenchConfig(baseUrl, apiKey, writes, reads == null ? writes : reads, concurrency, warmup,
                lagSample, listEvery, Duration.ofSeconds(phaseTimeoutSeconds));
    }
}
