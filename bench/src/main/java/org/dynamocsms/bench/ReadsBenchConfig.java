package org.dynamocsms.bench;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the reads benchmark runs, from {@link BenchOptions}. */
record ReadsBenchConfig(URI baseUrl, String apiKey, String kafka, int sites, int chargers, int connections,
                        int warmupSeconds, int seconds, String wrk, List<String> endpoints) {

    static final String USAGE = """
            usage: ReadsBenchmark [--base-url=http://127.0.0.1:8080] [--api-key=KEY (or env CSMS_API_KEY)]
                                  [--kafka=127.0.0.1:9092] [--sites=100] [--chargers=10000] [--connections=32]
                                  [--warmup-s=5] [--seconds=20] [--wrk=wrk]
                                  [--endpoints=NAME,...: only the endpoints whose name contains one of them,
                                   besides the 404; e.g. --endpoints=/sites,fleet/summary]""";

    ReadsBenchConfig {
        if (!kafka.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("Kafka must be at 127.0.0.1, not " + kafka);
        }
        if (sites < 1 || chargers < sites || connections < 1 || warmupSeconds < 0 || seconds < 1) {
            throw new IllegalArgumentException("need sites >= 1, chargers >= sites, connections >= 1, seconds >= 1, "
                    + "warmup-s >= 0");
        }
    }

    static ReadsBenchConfig parse(String[] args, Map<String, String> env) {
        BenchOptions options = BenchOptions.parse(args, env, Set.of("kafka", "sites", "chargers", "connections",
                "warmup-s", "seconds", "wrk", "endpoints"));
        return new ReadsBenchConfig(options.baseUrl(), options.apiKey(), options.string("kafka", "127.0.0.1:9092"),
                options.integer("sites", 100), options.integer("chargers", 10_000),
                options.integer("connections", 32), options.integer("warmup-s", 5), options.integer("seconds", 20),
                options.string("wrk", "wrk"), List.of(options.string("endpoints", "").split(",")));
    }
}
