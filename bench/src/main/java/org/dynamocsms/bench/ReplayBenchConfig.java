package org.dynamocsms.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.dynamocsms.bench.SyntheticTelemetry.Profile;

/**
 * What the replay benchmark runs, from {@link BenchOptions}. The profile decides the fleet and what it sends:
 * <ul>
 *   <li>{@code mixed} (the default): {@code chargers} chargers charging session after session
 *   ({@link Profile#MIXED}), their records spread over {@code days} days;</li>
 *   <li>{@code chatty}: chargers that each send a status change every 10 s for 7 days (60,480 records), as many
 *   as {@code events} needs;</li>
 *   <li>{@code sparse}: {@code chargers} chargers sending the same status changes, as few each as {@code events}
 *   allows, spread over {@code days} days.</li>
 * </ul>
 * A chatty and a sparse run of the same {@code events} compare a charger's long history with many short ones.
 */
record ReplayBenchConfig(URI baseUrl, String apiKey, String kafka, String postgres, long standalonePid,
                         String profile, int events, int chargers, int sites, int days, int ingestMinutes,
                         String rebuildWith) {

    static final String MIXED = "mixed";
    static final String CHATTY = "chatty";
    static final String SPARSE = "sparse";
    static final Duration CHATTY_STEP = Duration.ofSeconds(10);
    static final int CHATTY_RECORDS = (int) (Duration.ofDays(7).toMillis() / CHATTY_STEP.toMillis());

    static final String USAGE = """
            usage: ReplayBenchmark --standalone-pid=PID [--base-url=http://127.0.0.1:8080]
                                   [--api-key=KEY (or env CSMS_API_KEY)] [--kafka=127.0.0.1:9092]
                                   [--postgres=127.0.0.1:5433] [--profile=mixed|chatty|sparse]
                                   [--events=10000000] [--chargers=10000 (not with chatty)] [--sites=100]
                                   [--days=7 (not with chatty)] [--ingest-minutes=240]
                                   """ + Rebuild.USAGE;

    ReplayBenchConfig {
        if (!kafka.startsWith("127.0.0.1:") || !postgres.startsWith("127.0.0.1:")) {
            throw new IllegalArgumentException("Kafka and PostgreSQL must be at 127.0.0.1, not " + kafka + " and "
                    + postgres);
        }
        if (standalonePid < 1) {
            throw new IllegalArgumentException("--standalone-pid is required: the standalone's process id");
        }
        if (!Set.of(MIXED, CHATTY, SPARSE).contains(profile)) {
            throw new IllegalArgumentException("--profile must be mixed, chatty or sparse, not " + profile);
        }
        if (sites < 1 || chargers < sites || days < 1 || ingestMinutes < 1 || events < chargers * 5L) {
            throw new IllegalArgumentException("need sites >= 1, chargers >= sites, days and ingest-minutes >= 1, "
                    + "and events >= 5 a charger (it connects, boots and reports its connectors first)");
        }
    }

    static ReplayBenchConfig parse(String[] args, Map<String, String> env) {
        BenchOptions options = BenchOptions.parse(args, env, Set.of("kafka", "postgres", "standalone-pid", "profile",
                "events", "chargers", "sites", "days", "ingest-minutes", Rebuild.OPTION));
        String profile = options.string("profile", MIXED).toLowerCase(Locale.ROOT);
        int events = options.integer("events", 10_000_000);
        Integer chargers = options.integer("chargers", null);
        Integer days = options.integer("days", null);
        int sites = options.integer("sites", 100);
        if (profile.equals(CHATTY)) {
            if (chargers != null || days != null) {
                throw new IllegalArgumentException("--profile=chatty takes neither --chargers nor --days: each "
                        + "charger sends a status change every 10 s for 7 days");
            }
            chargers = Math.max(1, (events + CHATTY_RECORDS - 1) / CHATTY_RECORDS);
            sites = Math.min(sites, chargers);
        }
        return new ReplayBenchConfig(options.baseUrl(), options.apiKey(), options.string("kafka", "127.0.0.1:9092"),
                options.string("postgres", "127.0.0.1:5433"), options.integer("standalone-pid", 0), profile, events,
                chargers != null ? chargers : 10_000, sites, days != null ? days : 7,
                options.integer("ingest-minutes", 240), options.string(Rebuild.OPTION, null));
    }

    Profile telemetry() {
        return profile.equals(MIXED) ? Profile.MIXED : Profile.STATUS_CHANGES;
    }

    /** Records of charger {@code n}: an equal share of the events, the first ones one more. */
    int recordsOf(int n) {
        return events / chargers + (n < events % chargers ? 1 : 0);
    }

    /** The time between a charger's records: 10 s when chatty, else its share spread over the days. */
    Duration step(int records) {
        return profile.equals(CHATTY) ? CHATTY_STEP : Duration.ofDays(days).dividedBy(records);
    }
}
