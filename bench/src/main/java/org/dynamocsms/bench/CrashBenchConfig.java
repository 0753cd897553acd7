package org.dynamocsms.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the process-loss benchmark runs, from {@link BenchOptions}. */
record CrashBenchConfig(URI baseUrl, String apiKey, int chargers, int writers, int writesPerSecond, int kills,
                        int betweenKillsSeconds, int afterSeconds, Target target) {

    static final String USAGE = """
            usage: CrashBenchmark (--jar=PATH (the packaged standalone) --data-dir=DIR --log=FILE [--kills=3]
                                   [--java-opts="-Xmx1g ..."]
                                   | --cluster=deploy/local-cluster.sh
                                   [--kill=kafka-1,ocpp-gateway-1,projection-service-1 (one kill each, in turn)])
                                  [--base-url=http://127.0.0.1:8080] [--api-key=KEY (or env CSMS_API_KEY)]
                                  [--chargers=200] [--writers=4] [--writes-per-second=40]
                                  [--between-kills-s=60 (each kill at a random moment within 0.5 to 1.5 times it)]
                                  [--after-s=30 (load after the last kill)]""";

    /** The processes a kill of a local cluster takes by default: a broker, a gateway, a projection-service. */
    static final List<String> CLUSTER_VICTIMS = List.of("kafka-1", "ocpp-gateway-1", "projection-service-1");

    /** What is killed, and how it comes back. */
    sealed interface Target {
        String description();

        CrashTarget open(URI baseUrl, String apiKey);
    }

    /** The packaged standalone, owned by the benchmark: killed and started again on the same data. */
    record Standalone(Path jar, Path dataDir, Path log, List<String> javaOptions) implements Target {
        @Override
        public String description() {
            return "the standalone, restarted after each kill";
        }

        @Override
        public CrashTarget open(URI baseUrl, String apiKey) {
            return new StandaloneProcess(jar, dataDir, apiKey, javaOptions, log, baseUrl);
        }
    }

    /** A running local cluster: each kill takes one of its processes, which stays down. */
    record Cluster(Path script, List<String> victims) implements Target {
        @Override
        public String description() {
            return "local cluster, killing " + String.join(", then ", victims);
        }

        @Override
        public CrashTarget open(URI baseUrl, String apiKey) {
            return new LocalClusterProcesses(script, victims, baseUrl, apiKey);
        }
    }

    CrashBenchConfig {
        if (chargers < 1 || writers < 1 || writesPerSecond < 1 || kills < 1 || betweenKillsSeconds < 2
                || afterSeconds < 0) {
            throw new IllegalArgumentException("need chargers, writers, writes-per-second and kills >= 1, "
                    + "between-kills-s >= 2, after-s >= 0");
        }
    }

    static CrashBenchConfig parse(String[] args, Map<String, String> env) {
        BenchOptions options = BenchOptions.parse(args, env, Set.of("chargers", "writers", "writes-per-second",
                "kills", "between-kills-s", "after-s", "jar", "data-dir", "log", "java-opts", "cluster", "kill"));
        Target target;
        int kills;
        if (options.string("cluster", null) != null) {
            for (String standaloneOnly : List.of("jar", "data-dir", "log", "java-opts", "kills")) {
                if (options.string(standaloneOnly, null) != null) {
                    throw new IllegalArgumentException("--" + standaloneOnly + " is for the standalone, not with "
                            + "--cluster (which kills each process of --kill once)");
                }
            }
            List<String> victims = Arrays.stream(options.string("kill", String.join(",", CLUSTER_VICTIMS))
                    .split(",")).map(String::trim).toList();
            if (victims.stream().anyMatch(victim -> !victim.matches("[a-z]+(-[a-z]+)*-[0-9]+"))) {
                throw new IllegalArgumentException("--kill names processes of the cluster, e.g. "
                        + String.join(",", CLUSTER_VICTIMS) + ", not " + options.string("kill", ""));
            }
            target = new Cluster(path(options, "cluster"), victims);
            kills = victims.size();
        } else {
            if (options.string("kill", null) != null) {
                throw new IllegalArgumentException("--kill names processes of a cluster: it needs --cluster");
            }
            target = new Standalone(path(options, "jar"), path(options, "data-dir"), path(options, "log"),
                    Arrays.stream(options.string("java-opts", "").trim().split("\\s+"))
                            .filter(option -> !option.isEmpty()).toList());
            kills = options.integer("kills", 3);
        }
        return new CrashBenchConfig(options.baseUrl(), options.apiKey(), options.integer("chargers", 200),
                options.integer("writers", 4), options.integer("writes-per-second", 40), kills,
                options.integer("between-kills-s", 60), options.integer("after-s", 30), target);
    }

    private static Path path(BenchOptions options, String name) {
        String value = options.string(name, null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return Path.of(value);
    }
}
