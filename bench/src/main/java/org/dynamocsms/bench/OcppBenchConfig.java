package org.dynamocsms.bench;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What the OCPP gateway benchmark runs, from {@link BenchOptions}. */
record OcppBenchConfig(URI baseUrl, String apiKey, String kafka, String postgres, Mix mix, int ocpp201Percent,
                       int chargers, int sites, int siteProbes,
                       int callsPerSecond, int connectPerSecond, int warmupSeconds, int seconds, int probeSamples,
                       long gatewayPid) {

    /** The calls the load chargers send. */
    enum Mix {
        /** {@link ChargingSessions}: two connectors, charging sessions with transactions and meter values. */
        REALISTIC,
        /** {@link ClassicCalls}: half Heartbeat, no transactions. */
        CLASSIC
    }

    static final String USAGE = """
            usage: OcppBenchmark [--base-url=http://127.0.0.1:8080] [--api-key=KEY (or env CSMS_API_KEY)]
                                 [--kafka=127.0.0.1:9092] [--postgres=127.0.0.1:5433]
                                 [--mix=realistic|classic] [--ocpp201-percent=0 (of the load chargers, realistic mix)]
                                 [--chargers=10000]
                                 [--sites=1000] [--site-probes=2] [--calls-per-second=5000]
                                 [--connect-per-second=500] [--warmup-s=20] [--seconds=60]
                                 [--probe-samples=1000] [--gateway-pid=PID (for CPU, RSS and CPU by stage; 0: not shown)]""";

    OcppBenchConfig {
        if (!kafka.startsWith("127.0.0.1:") || !postgres.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("Kafka and PostgreSQL must be at 127.0.0.1, not " + kafka + " and "
                    + postgres);
        }
        if (ocpp201Percent < 0 || ocpp201Percent > 100 || ocpp201Percent > 0 && mix != Mix.REALISTIC) {
            throw new IllegalArgumentException("--ocpp201-percent is 0 to 100, and only for the realistic mix");
        }
        if (siteProbes < 1 || chargers < siteProbes + 2 || sites < 0 || callsPerSecond < 1 || connectPerSecond < 1
                || warmupSeconds < 0 || seconds < 1 || probeSamples < 0 || gatewayPid < 0) {
            throw new IllegalArgumentException("need site-probes >= 1, chargers >= site-probes + 2, "
                    + "calls-per-second, connect-per-second and seconds >= 1, sites, warmup-s, probe-samples and "
                    + "gateway-pid >= 0");
        }
    }

    static OcppBenchConfig parse(String[] args, Map<String, String> env) {
        BenchOptions options = BenchOptions.parse(args, env, Set.of("kafka", "postgres", "mix", "ocpp201-percent",
                "chargers", "sites",
                "site-probes", "calls-per-second", "connect-per-second", "warmup-s", "seconds", "probe-samples",
                "gateway-pid"));
        return new OcppBenchConfig(options.baseUrl(), options.apiKey(), options.string("kafka", "127.0.0.1:9092"),
                options.string("postgres", "127.0.0.1:5433"), mix(options.string("mix", "realistic")),
                options.integer("ocpp201-percent", 0), options.integer("chargers", 10_000),
                options.integer("sites", 1_000), options.integer("site-probes", 2),
                options.integer("calls-per-second", 5_000), options.integer("connect-per-second", 500),
                options.integer("warmup-s", 20), options.integer("seconds", 60),
                options.integer("probe-samples", 1_000), options.integer("gateway-pid", 0));
    }

    private static Mix mix(String name) {
        try {
            return Mix.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mix must be realistic or classic, not " + name);
        }
    }
}
