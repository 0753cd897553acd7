package org.dynamocsms.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.dynamocsms.schemas.load.SessionLimit;
import org.dynamocsms.schemas.load.SiteAllocation;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Site load management under churn: registers {@code chargers} of one 22 kW Type2 connector (with passwords), links
 * them evenly to {@code sites} sites of {@code site-kw} each, connects them over real WebSockets and boots them; then
 * each ({@link LoadCharger}) charges and idles by turns for random durations while following the TxProfiles the
 * allocator sends, for a warm-up and a measured window. Meanwhile a plain consumer reads {@code csms.site.allocations}
 * (read committed). After the window the chargers start and stop no more sessions, and the run waits (at most
 * {@value #SETTLE_LIMIT_S} s) until every event of the window has its reallocation; {@link Reallocations} makes the
 * figures: reallocation latency (event -> the chargers hold the limits of an allocation reflecting it), profile
 * calls/s and their delay after the allocation was recorded, and kW·s drawn above each site's ceiling within and
 * beyond the reaction (beyond must be 0, or the run fails). Beside them: the raw acks=all produce round trip
 * ({@link ProduceProbe}), the chargers' own CALL round trip, and the standalone's CPU per profile call.
 */
public final class SiteLoadBenchmark implements Benchmark {

    private static final int SETTLE_LIMIT_S = 30;
    private static final int TIMER_THREADS = 4;

    private final SiteLoadBenchConfig config;
    private final PrintStream out;
    private final SitesClient api;
    private final OcppFleet fleet;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(TIMER_THREADS);
    private List<OcppFleet.Charger> connected = List.of();

    SiteLoadBenchmark(SiteLoadBenchConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.api = new SitesClient(config.baseUrl(), config.apiKey());
        this.fleet = new OcppFleet(config.baseUrl());
    }

    public static void main(String[] args) throws Exception {
        Benchmark.launch(args, SiteLoadBenchConfig::parse, SiteLoadBenchConfig.USAGE,
                config -> new SiteLoadBenchmark(config, System.out));
    }

    @Override
    public void close() {
        timers.shutdownNow();
        connected.forEach(c -> c.connection().abort());
        api.close();
    }

    @Override
    public boolean run() throws Exception {
        out.printf("Site load benchmark: %s, %d chargers of %d kW on %d sites of %d kW, charging %d-%d s, idle "
                        + "%d-%d s, MeterValues every %d s, warm-up %d s, %d s measured%n", config.baseUrl(),
                config.chargers(), LoadCharger.DEMAND_W / 1000, config.sites(), config.siteKw(),
                config.chargeMinSeconds(), config.chargeMaxSeconds(), config.idleMinSeconds(),
                config.idleMaxSeconds(), config.meterEverySeconds(), config.warmupSeconds(), config.seconds());
        long start = System.nanoTime();
        String[] siteIds = setUp();
        if (!problems.isEmpty()) {
            return Problems.report(problems, out);
        }
        out.printf("registered %d chargers, created %d sites and linked them in %.1f s%n", config.chargers(),
                config.sites(), seconds(start));
        start = System.nanoTime();
        connected = fleet.connectAll(config.chargers(), config.connectPerSecond(), i -> 1, "Available", problems);
        out.printf("%d of %d chargers connected and booted in %.1f s%n", connected.size(), config.chargers(),
                seconds(start));
        if (connected.size() < config.chargers()) {
            problems.add((config.chargers() - connected.size()) + " chargers did not connect and boot");
            return Problems.report(problems, out);
        }

        Map<String, Long> availableW = new HashMap<>();
        for (String siteId : siteIds) {
            availableW.put(siteId, config.siteKw() * 1000L);
        }
        Reallocations seen = new Reallocations(availableW);
        AtomicReference<Latencies> callLatencies = new AtomicReference<>(new Latencies());
        LoadCharger.Timing timing = new LoadCharger.Timing(config.chargeMinSeconds(), config.chargeMaxSeconds(),
                config.idleMinSeconds(), config.idleMaxSeconds(), config.meterEverySeconds());
        List<LoadCharger> chargers = new ArrayList<>();
        for (int i = 0; i < connected.size(); i++) {
            chargers.add(new LoadCharger(connected.get(i).id(), siteIds[i % siteIds.length],
                    connected.get(i).connection(), timing, seen, timers, callLatencies, problems));
        }
        try (AllocationFeed feed = new AllocationFeed(config.kafka(), seen, availableW.keySet(), problems);
             ProduceProbe produce = new ProduceProbe(config.kafka(), problems)) {
            chargers.forEach(LoadCharger::begin);
            Thread.sleep(TimeUnit.SECONDS.toMillis(config.warmupSeconds()));
            produce.takeLatencies();
            callLatencies.set(new Latencies());
            long profilesBefore = profiles(chargers);
            ProcessSample before = processSample();
            long from = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(config.seconds()));
            long to = System.nanoTime();
            ProcessSample after = processSample();
            long profiles = profiles(chargers) - profilesBefore;
            Latencies produced = produce.takeLatencies();
            Latencies calls = callLatencies.get();
            chargers.forEach(LoadCharger::freeze);

            long settleBy = to + TimeUnit.SECONDS.toNanos(SETTLE_LIMIT_S);
            Reallocations.Result result = seen.evaluate(from, to, System.nanoTime());
            while ((result.unreflected() > 0 || result.incomplete() > 0) && System.nanoTime() < settleBy) {
                Thread.sleep(500);
                result = seen.evaluate(from, to, System.nanoTime());
            }
            print(result, (to - from) / 1e9, profiles, before, after, produced, calls, feed.records());
        }
        return Problems.report(problems, out);
    }

    private void print(Reallocations.Result result, double measured, long profiles, ProcessSample before,
                       ProcessSample after, Latencies produced, Latencies calls, long allocationRecords) {
        out.println();
        out.printf(Locale.ROOT, "measured for %.0f s: %d session starts and stops, %d allocations%n", measured,
                result.events(), result.allocations());
        out.printf("%-48s %8s %8s %8s %8s%n", "", "samples", "p50 ms", "p99 ms", "max ms");
        row("reallocation: event -> all profiles acked", result.reallocations());
        row("  event -> its allocation recorded", result.allocated());
        row("  allocation recorded -> profile at charger", result.profileDelays());
        row("charger CALL -> CALLRESULT", calls);
        row("  limit: raw acks=all produce round trip", produced);
        out.println();
        out.printf("%-48s %10s%n", "", "value");
        out.printf(Locale.ROOT, "%-48s %10.0f%n", "SetChargingProfile calls/s", profiles / measured);
        out.printf(Locale.ROOT, "%-48s %10.1f%n", "profiles per session event",
                result.events() == 0 ? 0.0 : (double) profiles / result.events());
        if (before != null && after != null) {
            out.printf(Locale.ROOT, "%-48s %10.0f%n", "standalone CPU-us per profile call (all its work)",
                    profiles == 0 ? 0.0 : after.cpuMillisSince(before) * 1000 / profiles);
            out.printf(Locale.ROOT, "%-48s %10.0f%n", "standalone CPU, % of one core", after.cpuPercentSince(before));
        }
        out.printf(Locale.ROOT, "%-48s %10.3f%n", "kW·s above the ceiling within the reaction", result.reactingKws());
        out.printf(Locale.ROOT, "%-48s %10.3f%n", "kW·s above the ceiling beyond it (must be 0)", result.beyondKws());
        out.printf(Locale.ROOT, "%-48s %10d%n", "events no allocation reflected", result.unreflected());
        out.printf(Locale.ROOT, "%-48s %10d%n", "events whose reallocation did not complete", result.incomplete());
        out.printf(Locale.ROOT, "%-48s %10d%n", "allocations holding a reserved session", result.reservedAllocations());
        out.printf(Locale.ROOT, "%-48s %10d%n", "allocation records read", allocationRecords);
        if (result.beyondKws() > 0) {
            problems.add(String.format(Locale.ROOT, "%.3f kW·s drawn above a ceiling beyond the reaction time, in %d "
                    + "episodes", result.beyondKws(), result.beyondEpisodes()));
            result.beyondSamples().forEach(sample -> problems.add("  e.g. " + sample));
        }
        if (result.unreflected() > 0 || result.incomplete() > 0) {
            problems.add(result.unreflected() + " events without an allocation reflecting them and "
                    + result.incomplete() + " without their profiles acknowledged " + SETTLE_LIMIT_S
                    + " s after the window");
        }
    }

    private void row(String name, Latencies latencies) {
        out.printf(Locale.ROOT, "%-48s %8d %8.1f %8.1f %8.1f%n", name, latencies.count(),
                latencies.percentileMillis(50), latencies.percentileMillis(99), latencies.percentileMillis(100));
    }

    /** Registers the chargers with their connector, creates the sites and links charger i to site i % sites. */
    private String[] setUp() throws InterruptedException {
        Parallel.run(config.chargers(), 32, i -> () -> api.registerCharger(fleet.chargerId(i), OcppFleet.PASSWORD,
                LoadCharger.CONNECTORS), problems);
        String[] siteIds = new String[config.sites()];
        String name = "Bench load " + fleet.runId();
        Parallel.run(siteIds.length, 16, s -> () -> siteIds[s] = api.createSite(name + " site " + s,
                config.siteKw()), problems);
        if (!problems.isEmpty()) {
            return siteIds;
        }
        Parallel.run(config.chargers(), 16, i -> () -> api.link(siteIds[i % siteIds.length], fleet.chargerId(i)),
                problems);
        return siteIds;
    }

    private static long profiles(List<LoadCharger> chargers) {
        return chargers.stream().mapToLong(LoadCharger::profiles).sum();
    }

    /** The standalone process now, or null without a pid. */
    private ProcessSample processSample() throws IOException {
        return config.gatewayPid() == 0 ? null : ProcessSample.of(config.gatewayPid());
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /**
     * Reads {@code csms.site.allocations} from its end at start-up (a plain consumer, read committed) and hands the
     * allocations of this run's sites to {@link Reallocations}, their {@code recorded_at} on the benchmark's clock.
     */
    private static final class AllocationFeed implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Thread thread;
        private volatile long records;

        AllocationFeed(String kafka, Reallocations seen, Set<String> siteIds, List<String> problems) {
            consumer = CommittedReads.consumer(kafka, Map.of());
            String topic = Topics.SITE_ALLOCATIONS.name();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // from here on, before any session starts
            Deserializer<SiteAllocation> values = Topics.SITE_ALLOCATIONS.valueSerde().deserializer();
            Instant wall = Instant.now();
            long wallToNanos = System.nanoTime() - (wall.getEpochSecond() * 1_000_000_000L + wall.getNano());
            thread = new Thread(() -> {
                try {
                    while (true) {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                            SiteAllocation allocation = values.deserialize(topic, record.value());
                            records++;
                            if (!siteIds.contains(allocation.getSiteId())) {
                                continue;
                            }
                            List<Reallocations.Limit> limits = new ArrayList<>();
                            for (SessionLimit limit : allocation.getLimits()) {
                                limits.add(new Reallocations.Limit(limit.getChargePointId(), limit.getTransactionId(),
                                        limit.getLimitW(), limit.getReserved() != null));
                            }
                            seen.allocation(allocation.getSiteId(),
                                    allocation.getRecordedAt().toEpochMilli() * 1_000_000 + wallToNanos, limits);
                        }
                    }
                } catch (WakeupException e) {
                    // closing
                } catch (RuntimeException e) {
                    problems.add("reading " + topic + ": " + e);
                }
            }, "allocation-feed");
            thread.start();
        }

        long records() {
            return records;
        }

        @Override
        public void close() throws InterruptedException {
            consumer.wakeup();
            thread.join();
            consumer.close();
        }
    }
}
