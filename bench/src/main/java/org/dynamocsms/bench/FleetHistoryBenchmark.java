package org.dynamocsms.bench;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dynamocsms.bench.SyntheticHistory.Fact;
import org.dynamocsms.bench.SyntheticHistory.Totals;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Chargers with {@code days} days of made-up history ({@link SyntheticHistory}) published straight to the telemetry
 * topic, standing in for the OCPP gateway; then the time until every consumer group has drained it (the history's
 * intervals and errors in PostgreSQL included), a check of some chargers' uptime against the history itself (with
 * {@code --rebuild-with}, again after every projection was rebuilt and switched: {@link Rebuild}), and the latencies of {@code GET /fleet/uptime} for the whole fleet over the whole period and of
 * {@code GET /fleet/utilisation} with day buckets for one site. Exits 1 if anything failed.
 */
public final class FleetHistoryBenchmark implements Benchmark {

    private static final Topic<String, ChargerTelemetry> TELEMETRY = Topics.CHARGER_TELEMETRY;
    private static final Pattern CHARGER = Pattern.compile("\"charge_point_id\"\\s*:");
    private static final Pattern UPTIME = Pattern.compile("\"uptime_percent\"\\s*:\\s*([0-9.]+)");
    private static final Pattern DOWNTIME = Pattern.compile("\"downtime_minutes\"\\s*:\\s*([0-9]+)");
    private static final int WARM_UP = 5;

    private final HistoryBenchConfig config;
    private final PrintStream out;
    private final SitesClient api;
    private final KafkaProducer<String, ChargerTelemetry> producer;
    private final String runId = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private final List<String> siteIds = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    FleetHistoryBenchmark(HistoryBenchConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.api = new SitesClient(config.baseUrl(), config.apiKey());
        this.producer = Telemetry.producer(config.kafka(), 10);
    }

    public static void main(String[] args) throws Exception {
        Benchmark.launch(args, HistoryBenchConfig::parse, HistoryBenchConfig.USAGE,
                config -> new FleetHistoryBenchmark(config, System.out));
    }

    @Override
    public void close() {
        api.close();
        producer.close();
    }

    @Override
    public boolean run() throws Exception {
        out.printf("Fleet history benchmark: %s, Kafka %s, %d chargers on %d sites, %d days of history%n",
                config.baseUrl(), config.kafka(), config.chargers(), config.sites(), config.days());
        long setUp = System.nanoTime();
        siteIds.addAll(api.linkedFleet("History " + runId, config.sites(), config.chargers(), this::chargerId,
                problems));
        if (!problems.isEmpty()) {
            return Problems.report(problems, out);
        }
        out.printf("set up %d sites and %d linked chargers over HTTP in %.1f s%n", config.sites(), config.chargers(),
                seconds(System.nanoTime() - setUp));

        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = end.minus(Duration.ofDays(config.days()));
        CatchUp catchUp = CatchUp.start(config.kafka());
        long publishing = System.nanoTime();
        long events = 0;
        for (int i = 0; i < config.chargers(); i++) {
            for (Fact fact : SyntheticHistory.of(i, start, config.days())) {
                producer.send(new ProducerRecord<>(TELEMETRY.name(), chargerId(i), telemetry(chargerId(i), fact)));
                events++;
            }
        }
        producer.flush();
        out.printf(Locale.ROOT, "published %d telemetry events (%.1f a charger a day) in %.1f s%n", events,
                (double) events / config.chargers() / config.days(), seconds(System.nanoTime() - publishing));
        try (catchUp) {
            if (!catchUp.await(Duration.ofMinutes(config.ingestMinutes()), problems, out)) {
                return Problems.report(problems, out);
            }
            out.println("every consumer group caught up with the history, seconds after publishing began:");
            catchUp.printCaughtUp(out, publishing);
        }

        check(0, start, end);
        check(1, start, end);
        check(config.chargers() - 1, start, end);
        if (config.rebuildWith() != null && problems.isEmpty()) {
            new Rebuild(config.baseUrl(), config.apiKey(), config.rebuildWith(), api, out).run(problems);
            out.println("after the switch:");
            check(0, start, end);
            check(1, start, end);
            check(config.chargers() - 1, start, end);
        }

        String period = "from=" + start + "&to=" + end;
        Latencies uptime = measure(config.uptimeQueries(), n -> "/api/v1/cpo/fleet/uptime?" + period,
                config.chargers());
        Latencies utilisation = measure(config.utilisationQueries(), n -> "/api/v1/cpo/fleet/utilisation?" + period
                + "&granularity=day&site_id=" + siteIds.get(n % config.sites()), config.chargers() / config.sites());
        out.println();
        out.printf("%-46s %8s %8s %8s %8s%n", "", "samples", "p50 ms", "p99 ms", "max ms");
        row("GET fleet/uptime, whole fleet, " + config.days() + " days", uptime);
        row("GET fleet/utilisation, one site, day buckets", utilisation);
        return Problems.report(problems, out);
    }

    /** Charger {@code n}'s uptime over the whole period as the API answers it and as its facts show it. */
    private void check(int n, Instant start, Instant end) throws Exception {
        String body = api.get("/api/v1/cpo/fleet/uptime?from=" + start + "&to=" + end + "&charge_point_id="
                + chargerId(n));
        Totals totals = SyntheticHistory.totals(SyntheticHistory.of(n, start, config.days()), start, end);
        String percent = BigDecimal.valueOf(totals.up() * 100.0 / totals.counted())
                .setScale(1, RoundingMode.HALF_UP).toPlainString();
        String downtime = BigDecimal.valueOf((totals.counted() - totals.up()) / 60_000.0)
                .setScale(0, RoundingMode.HALF_UP).toPlainString();
        Matcher uptime = UPTIME.matcher(body);
        Matcher down = DOWNTIME.matcher(body);
        if (!uptime.find() || !down.find() || !new BigDecimal(uptime.group(1)).toPlainString().equals(percent)
                || !down.group(1).equals(downtime)) {
            problems.add("charger " + chargerId(n) + ": expected uptime " + percent + " % and " + downtime
                    + " minutes down, got " + body);
        } else {
            out.printf("checked %s: %s %% up, %s minutes down, as its history shows%n", chargerId(n), percent,
                    downtime);
        }
    }

    private Latencies measure(int queries, IntFunction<String> target, int chargersExpected)
            throws Exception {
        Latencies latencies = new Latencies();
        for (int n = 0; n < WARM_UP + queries && problems.isEmpty(); n++) {
            long begin = System.nanoTime();
            String body = api.get(target.apply(n));
            long took = System.nanoTime() - begin;
            if (n >= WARM_UP) {
                latencies.record(took);
            }
            long chargers = CHARGER.matcher(body).results().count();
            if (chargers < chargersExpected) {
                problems.add(target.apply(n) + " answered " + chargers + " chargers, expected " + chargersExpected);
            }
        }
        return latencies;
    }

    private void row(String name, Latencies latencies) {
        out.printf(Locale.ROOT, "%-46s %8d %8.1f %8.1f %8.1f%n", name, latencies.count(),
                latencies.percentileMillis(50), latencies.percentileMillis(99), latencies.percentileMillis(100));
    }

    private static ChargerTelemetry telemetry(String chargePointId, Fact fact) {
        if (fact.connector() != null) {
            return Telemetry.status(chargePointId, fact.connector(), fact.status(), fact.at());
        }
        return fact.connected() ? Telemetry.connected(chargePointId, fact.at())
                : Telemetry.disconnected(chargePointId, fact.at());
    }

    private String chargerId(int i) {
        return "HB-" + runId + "-" + i;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
