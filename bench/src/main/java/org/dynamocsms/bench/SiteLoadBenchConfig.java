package org.dynamocsms.bench;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/** What the site load management benchmark runs, from {@link BenchOptions}. */
record SiteLoadBenchConfig(URI baseUrl, String apiKey, String kafka, int chargers, int sites, int siteKw,
                           int warmupSeconds, int seconds, int chargeMinSeconds, int chargeMaxSeconds,
                           int idleMinSeconds, int idleMaxSeconds, int meterEverySeconds, int connectPerSecond,
                           long gatewayPid) {

    static final String USAGE = """
            usage: SiteLoadBenchmark [--base-url=http://127.0.0.1:8080] [--api-key=KEY (or env CSMS_API_KEY)]
                                     [--kafka=127.0.0.1:9092] [--chargers=1000] [--sites=50] [--site-kw=100]
                                     [--warmup-s=20] [--seconds=60] [--charge-min-s=10] [--charge-max-s=40]
                                     [--idle-min-s=5] [--idle-max-s=20] [--meter-every-s=5]
                                     [--connect-per-second=200] [--gateway-pid=PID (for CPU; 0: not shown)]""";

    SiteLoadBenchConfig {
        if (!kafka.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("Kafka must be at 127.0.0.1, not " + kafka);
        }
        if (sites < 1 || chargers < sites || siteKw < 1 || warmupSeconds < 0 || seconds < 1 || chargeMinSeconds < 1
                || chargeMaxSeconds < chargeMinSeconds || idleMinSeconds < 0 || idleMaxSeconds < idleMinSeconds
                || meterEverySeconds < 1 || connectPerSecond < 1 || gatewayPid < 0) {
            throw new IllegalArgumentException("need sites >= 1, chargers >= sites, site-kw, seconds, charge-min-s, "
                    + "meter-every-s and connect-per-second >= 1, charge-max-s >= charge-min-s, "
                    + "0 <= idle-min-s <= idle-max-s, warmup-s and gateway-pid >= 0");
        }
    }

    static SiteLoadBenchConfig parse(String[] args, Map<String, String> env) {
        BenchOptions options = BenchOptions.parse(args, env, Set.of("kafka", "chargers", "sites", "site-kw",
                "warmup-s", "seconds", "charge-min-s", "charge-max-s", "idle-min-s", "idle-max-s", "meter-every-s",
                "connect-per-second", "gateway-pid"));
        return new SiteLoadBenchConfig(options.baseUrl(), options.apiKey(), options.string("kafka", "127.0.0.1:9092"),
                options.integer("chargers", 1_000), options.integer("sites", 50), options.integer("site-kw", 100),
                options.integer("warmup-s", 20), options.integer("seconds", 60), options.integer("charge-min-s", 10),
                options.integer("charge-max-s", 40), options.integer("idle-min-s", 5),
                options.integer("idle-max-s", 20), options.integer("meter-every-s", 5),
                options.integer("connect-per-second", 200), options.integer("gateway-pid", 0));
    }
}
