package org.dynamocsms.bench;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/** What the fleet history benchmark runs, from {@link BenchOptions}. */
record HistoryBenchConfig(URI baseUrl, String apiKey, String kafka, int chargers, int sites, int days,
                          int uptimeQueries, int utilisationQueries, int ingestMinutes, String rebuildWith) {

    static final String USAGE = """
            usage: FleetHistoryBenchmark [--base-url=http://127.0.0.1:8080] [--api-key=KEY (or env CSMS_API_KEY)]
                                         [--kafka=127.0.0.1:9092] [--chargers=10000] [--sites=100] [--days=30]
                                         [--uptime-queries=50] [--utilisation-queries=200] [--ingest-minutes=60]
                                         """ + Rebuild.USAGE;

    HistoryBenchConfig {
        if (!kafka.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("Kafka must be at 127.0.0.1, not " + kafka);
        }
        if (sites < 1 || chargers < sites || days < 1 || uptimeQueries < 1 || utilisationQueries < 1
                || ingestMinutes < 1) {
            throw new IllegalArgumentException("need sites >= 1, chargers >= sites, and days, queries and "
                    + "ingest-minutes >= 1");
        }
    }

    static HistoryBenchConfig parse(String[] args, Map<String, String> env) {
        BenchOptions options = BenchOptions.parse(args, env, Set.of("kafka", "chargers", "sites", "days",
                "uptime-queries", "utilisation-queries", "ingest-minutes", Rebuild.OPTION));
        return new HistoryBenchConfig(options.baseUrl(), options.apiKey(), options.string("kafka", "127.0.0.1:9092"),
                options.integer("chargers", 10_000), options.integer("sites", 100), options.integer("days", 30),
                options.integer("uptime-queries", 50), options.integer("utilisation-queries", 200),
                options.integer("ingest-minutes", 60), options.string(Rebuild.OPTION, null));
    }
}
