package org.dynamocsms.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the process-loss benchmark runs, from {@link BenchOptions}. */
record CrashBenchConfig(URI baseUrl, String apiKey, int chargers, int writers, int writesPerSecond, int kills,
                        int betweenKillsSeconds, int afterSeconds, Path jar, Path dataDir, Path log,
                        List<String> javaOptions) {

    static final String USAGE = """
            usage: CrashBenchmark --jar=PATH (the packaged standalone) --data-dir=DIR --log=FILE
                                  [--base-url=http://127.0.0.1:8080] [--api-key=KEY (or env CSMS_API_KEY)]
                                  [--chargers=200] [--writers=4] [--writes-per-second=40] [--kills=3]
                                  [--between-kills-s=60 (each kill at a random moment within 0.5 to 1.5 times it)]
                                  [--after-s=30 (load after the last restart)] [--java-opts="-Xmx1g ..."]""";

    CrashBenchConfig {
        if (chargers < 1 || writers < 1 || writesPerSecond < 1 || kills < 1 || betweenKillsSeconds < 2
                || afterSeconds < 0) {
            throw new IllegalArgumentException("need chargers, writers, writes-per-second and kills >= 1, "
                    + "between-kills-s >= 2, after-s >= 0");
        }
    }

    static CrashBenchConfig parse(String[] args, Map<String, String> env) {
        BenchOptions options = BenchOptions.parse(args, env, Set.of("chargers", "writers", "writes-per-second",
                "kills", "between-kills-s", "after-s", "jar", "data-dir", "log", "java-opts"));
        return new CrashBenchConfig(options.baseUrl(), options.apiKey(), options.integer("chargers", 200),
                options.integer("writers", 4), options.integer("writes-per-second", 40),
                options.integer("kills", 3), options.integer("between-kills-s", 60),
                options.integer("after-s", 30), path(options, "jar"), path(options, "data-dir"),
                path(options, "log"), Arrays.stream(options.string("java-opts", "").trim().split("\\s+"))
                        .filter(option -> !option.isEmpty()).toList());
    }

    private static Path path(BenchOptions options, String name) {
        String value = options.string(name, null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return Path.of(value);
    }
}
