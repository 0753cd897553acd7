package org.dynamocsms.bench;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/** What the site summary benchmark runs, from {@link BenchOptions}. */
record SummaryBenchConfig(URI baseUrl, String apiKey, String kafka, int sites, int chargers, int warmupSeconds,
                          int seconds, int probeThreads, int burst, String projectionApp) {

    static final String USAGE = """
            usage: SiteSummaryBenchmark [--base-url=http://127.0.0.1:8080] [--api-key=KEY (or env CSMS_API_KEY)]
                                        [--kafka=127.0.0.1:9092] [--sites=50] [--chargers=1000]
                                        [--warmup-s=30] [--seconds=60] [--probe-threads=1] [--burst=100000]
                                        [--projection-app=csms-site-summary]""";

    SummaryBenchConfig {
        if (!kafka.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("Kafka must be at 127.0.0.1, not " + kafka);
        }
        if (sites < 1 || chargers < 2 * sites || warmupSeconds < 0 || seconds < 1 || probeThreads < 1
                || probeThreads > sites || burst < 0) {
            throw new IllegalArgumentException("need sites >= 1, chargers >= 2 x sites, seconds >= 1, "
                    + "1 <= probe-threads <= sites, warmup-s and burst >= 0");
        }
    }

    static SummaryBenchConfig parse(String[] args, Map<String, String> env) {
        BenchOptions options = BenchOptions.parse(args, env, Set.of("kafka", "sites", "chargers", "warmup-s",
                "seconds", "probe-threads", "burst", "projection-app"));
        return new SummaryBenchConfig(options.baseUrl(), options.apiKey(), options.string("kafka", "127.0.0.1:9092"),
                options.integer("sites", 50), options.integer("chargers", 1000), options.integer("warmup-s", 30),
                options.integer("seconds", 60), options.integer("probe-threads", 1),
                options.integer("burst", 100_000), options.string("projection-app", "csms-site-summary"));
    }
}
