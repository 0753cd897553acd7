package org.dynamocsms.bench;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Chargers spread over sites, each publishing a status or meter event per second straight to the telemetry topic
 * (standing in for the OCPP gateway), while probes measure how long a telemetry event takes to show in
 * {@code GET /api/v1/sites/{id}/summary}. Then a burst measures how many telemetry events/s the projection drains.
 *
 * <p>Charger {@code i} is linked to site {@code i % sites}. The first charger of each site is its probe: a probe
 * flips its connector between Available and Faulted and polls the summary until {@code faulted} shows it. The
 * others carry the load: every second one even-numbered (charging) charger sends meter values with a new power
 * figure, an odd-numbered (available) one repeats its Available status. Exits 1 if anything failed.
 *
 * <p>The probes' reads compete for the same two cores as the system under test, so by default one probe polls
 * every {@value #POLL_MILLIS} ms (about 100 GETs/s); latencies are therefore rounded up to the next poll.
 */
public final class SiteSummaryBenchmark implements Benchmark {

    private static final Pattern FAULTED = Pattern.compile("\"faulted\"\\s*:\\s*(\\d+)");
    private static final Pattern ONLINE = Pattern.compile("\"online\"\\s*:\\s*(\\d+)");
    private static final Pattern CHARGING = Pattern.compile("\"charging\"\\s*:\\s*(\\d+)");
    private static final long POLL_MILLIS = 10;
    private static final long VISIBLE_WITHIN_MILLIS = 10_000;
    private static final long READY_WITHIN_MILLIS = 120_000;
    private static final int TICKS_PER_SECOND = 100;
    private static final Topic<String, ChargerTelemetry> TELEMETRY = Topics.CHARGER_TELEMETRY;

    private final SummaryBenchConfig config;
    private final PrintStream out;
    private final SitesClient api;
    private final KafkaProducer<String, ChargerTelemetry> producer;
    private final String runId = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private final List<String> siteIds = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong published = new AtomicLong();

    SiteSummaryBenchmark(SummaryBenchConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.api = new SitesClient(config.baseUrl(), config.apiKey());
        this.producer = Telemetry.producer(config.kafka(), 2);
    }

    public static void main(String[] args) throws Exception {
        Benchmark.launch(args, SummaryBenchConfig::parse, SummaryBenchConfig.USAGE,
                config -> new SiteSummaryBenchmark(config, System.out));
    }

    @Override
    public void close() {
        api.close();
        producer.close();
    }

    @Override
    public boolean run() throws Exception {
        out.printf("Site summary benchmark: %s, Kafka %s, %d chargers on %d sites, warm-up %d s, %d s measured%n",
                config.baseUrl(), config.kafka(), config.chargers(), config.sites(), config.warmupSeconds(),
                config.seconds());
        long setUp = System.nanoTime();
        siteIds.addAll(api.linkedFleet("Bench " + runId, config.sites(), config.chargers(), this::chargerId,
                problems));
        if (!problems.isEmpty()) {
            return Problems.report(problems, out);
        }
        out.printf("set up %d sites and %d linked chargers over HTTP in %.1f s%n", config.sites(), config.chargers(),
                seconds(System.nanoTime() - setUp));

        long connect = System.nanoTime();
        for (int i = 0; i < config.chargers(); i++) {
            for (ChargerTelemetry t : bootSequence(i, Instant.now())) {
                publish(t);
            }
        }
        producer.flush();
        if (!awaitAllOnline()) {
            return Problems.report(problems, out);
        }
        out.printf("all chargers online in every summary %.1f s after their first telemetry%n",
                seconds(System.nanoTime() - connect));

        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        load.scheduleAtFixedRate(new Load(), 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
        Latencies visibility = new Latencies();
        long maxLag;
        double publishedPerSecond;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka()))) {
            probe(config.warmupSeconds(), null, admin);
            long before = published.get();
            long start = System.nanoTime();
            maxLag = probe(config.seconds(), visibility, admin);
            publishedPerSecond = (published.get() - before) / seconds(System.nanoTime() - start);
            load.shutdownNow();
            load.awaitTermination(10, TimeUnit.SECONDS);
            producer.flush();

            out.println();
            out.printf("%-34s %8s %8s %8s %8s%n", "", "samples", "p50 ms", "p99 ms", "max ms");
            out.printf(Locale.ROOT, "%-34s %8d %8.1f %8.1f %8.1f%n", "telemetry -> GET summary",
                    visibility.count(), visibility.percentileMillis(50), visibility.percentileMillis(99),
                    visibility.percentileMillis(100));
            out.printf(Locale.ROOT, "%-34s %8.0f%n", "telemetry published, events/s", publishedPerSecond);
            out.printf(Locale.ROOT, "%-34s %8d%n", "projection lag, max events", maxLag);
            if (config.burst() > 0) {
                out.printf(Locale.ROOT, "%-34s %8.0f%n", "projection drain, events/s", burst(admin));
            }
        } finally {
            load.shutdownNow();
        }
        return Problems.report(problems, out);
    }

    /** Probes for {@code seconds}, recording into {@code into} unless null; answers the largest lag sampled. */
    private long probe(int seconds, Latencies into, Admin admin) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService probes = Executors.newFixedThreadPool(config.probeThreads());
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < config.probeThreads(); t++) {
            int thread = t;
            running.add(probes.submit(() -> {
                boolean[] faulted = new boolean[config.sites()];
                for (int s = thread; System.nanoTime() < deadline && problems.isEmpty();
                     s = (s + config.probeThreads()) % config.sites()) {
                    faulted[s] = !faulted[s];
                    Long millis = flipAndWatch(s, faulted[s]);
                    if (millis != null && into != null) {
                        into.record(TimeUnit.MILLISECONDS.toNanos(millis));
                    }
                    Thread.sleep(ThreadLocalRandom.current().nextInt(20, 80));
                }
                return null;
            }));
        }
        long maxLag = 0;
        while (System.nanoTime() < deadline && problems.isEmpty()) {
            maxLag = Math.max(maxLag, lag(admin));
            Thread.sleep(1000);
        }
        for (Future<?> probe : running) {
            probe.get();
        }
        probes.shutdown();
        return maxLag;
    }

    /** Flips site {@code s}'s probe charger and answers the milliseconds until its summary shows it (null: failed). */
    private Long flipAndWatch(int s, boolean faulted) throws Exception {
        String siteId = siteIds.get(s);
        long start = System.nanoTime();
        publish(Telemetry.status(chargerId(s), faulted ? ConnectorStatus.Faulted : ConnectorStatus.Available,
                Instant.now())).get();
        String expected = faulted ? "1" : "0";
        while (true) {
            String body = api.summary(siteId);
            Matcher count = FAULTED.matcher(body);
            if (count.find() && count.group(1).equals(expected)) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            if (System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(VISIBLE_WITHIN_MILLIS)) {
                problems.add("site " + siteId + ": faulted=" + expected + " not visible within "
                        + VISIBLE_WITHIN_MILLIS + " ms; last summary " + body);
                return null;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** One tick of background load: the next slice of load chargers sends its event. */
    private final class Load implements Runnable {
        private final int loadChargers = config.chargers() - config.sites();
        private double owed;
        private int next;

        @Override
        public void run() {
            owed += (double) loadChargers / TICKS_PER_SECOND;
            Instant now = Instant.now();
            for (; owed >= 1; owed--) {
                int i = config.sites() + next;
                next = (next + 1) % loadChargers;
                publish(i % 2 == 0
                        ? Telemetry.meter(chargerId(i), transactionId(i),
                                ThreadLocalRandom.current().nextInt(3_000, 22_001), 0, now)
                        : Telemetry.status(chargerId(i), ConnectorStatus.Available, now));
            }
        }
    }

    /** Publishes {@code count} meter events as fast as possible; answers how many per second the projection took. */
    private double burst(Admin admin) throws Exception {
        awaitLag(admin, 0);
        long start = System.nanoTime();
        int[] charging = IntStream.range(config.sites(), config.chargers()).filter(i -> i % 2 == 0).toArray();
        for (int n = 0; n < config.burst(); n++) {
            int i = charging[n % charging.length];
            publish(Telemetry.meter(chargerId(i), transactionId(i), 1_000 + n % 20_000, n, Instant.now()));
        }
        producer.flush();
        awaitLag(admin, 0);
        return config.burst() / seconds(System.nanoTime() - start);
    }

    private void awaitLag(Admin admin, long atMost) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (lag(admin) > atMost) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the projection did not catch up within 5 minutes");
            }
            Thread.sleep(20);
        }
    }

    /** Telemetry records not yet committed by the projection's consumer group (its Streams application id). */
    private long lag(Admin admin) throws ExecutionException, InterruptedException {
        return ConsumerLag.of(admin, config.projectionApp(), TELEMETRY.name());
    }

    private boolean awaitAllOnline() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_WITHIN_MILLIS);
        for (int s = 0; s < config.sites(); s++) {
            int total = chargersAt(s);
            while (true) {
                String body = api.summary(siteIds.get(s));
                if (count(ONLINE, body) == total && count(CHARGING, body) == chargingAt(s)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    problems.add("site " + siteIds.get(s) + " never showed " + total + " chargers online and "
                            + chargingAt(s) + " charging: " + body);
                    return false;
                }
                Thread.sleep(20);
            }
        }
        return true;
    }

    private List<ChargerTelemetry> bootSequence(int i, Instant at) {
        String id = chargerId(i);
        List<ChargerTelemetry> sequence = new ArrayList<>(List.of(Telemetry.connected(id, at), Telemetry.booted(id, at)));
        if (i >= config.sites() && i % 2 == 0) {
            sequence.add(Telemetry.started(id, transactionId(i), at));
            sequence.add(Telemetry.status(id, ConnectorStatus.Charging, at));
            sequence.add(Telemetry.meter(id, transactionId(i), 11_000, 0, at));
        } else {
            sequence.add(Telemetry.status(id, ConnectorStatus.Available, at));
        }
        return sequence;
    }

    private int chargersAt(int s) {
        return (int) IntStream.range(0, config.chargers()).filter(i -> i % config.sites() == s).count();
    }

    private int chargingAt(int s) {
        return (int) IntStream.range(config.sites(), config.chargers())
                .filter(i -> i % config.sites() == s && i % 2 == 0).count();
    }

    private Future<?> publish(ChargerTelemetry telemetry) {
        published.incrementAndGet();
        return producer.send(new ProducerRecord<>(TELEMETRY.name(), telemetry.getChargePointId(), telemetry),
                (metadata, e) -> {
                    if (e != null) {
                        problems.add("publishing telemetry failed: " + e);
                    }
                });
    }

    private String chargerId(int i) {
        return String.format(Locale.ROOT, "BENCH-%s-%05d", runId, i);
    }

    private static int transactionId(int i) {
        return i + 1;
    }

    private static int count(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
