package org.dynamocsms.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Simulated chargers over real WebSockets against the OCPP gateway: registers them over HTTP (with passwords), links
 * them to sites, connects them at a bounded rate, boots them, then keeps a steady rate of calls in the chosen mix
 * (realistic: {@link ChargingSessions}; classic: {@link ClassicCalls}; one outstanding call per charger, as OCPP-J
 * requires) while freshness probes flip chargers and poll the read side until it shows each flip: charger 0 flips
 * between Available and Faulted and polls {@code GET /api/v1/cpo/fleet/summary} until {@code faulted} shows it
 * (it is the only charger that faults, so only one can probe the fleet), and chargers 1 to {@code site-probes},
 * each the only charger of its own site, flip between Available and Unavailable and poll
 * {@code GET /api/v1/sites/{id}/summary} until {@code available} shows it. The measured window lasts
 * {@code seconds}, longer if the probes need it to gather {@code probe-samples} each (at most
 * {@value #MAX_MEASURED_MINUTES} minutes). Prints connections held, calls/s, the calls by action, CALLRESULT
 * latency beside a raw acks=all produce round trip to the same broker ({@link ProduceProbe}), the standalone
 * process's CPU (also per answered call) and memory, and both visibility lags. Exits 1 if anything failed.
 */
public final class OcppBenchmark implements Benchmark {

    private static final Pattern FAULTED = Pattern.compile("\"faulted\"\\s*:\\s*(\\d+)");
    private static final Pattern AVAILABLE = Pattern.compile("\"available\"\\s*:\\s*(\\d+)");
    private static final long POLL_MILLIS = 10;
    private static final long VISIBLE_WITHIN_MILLIS = 10_000;
    private static final int MAX_MEASURED_MINUTES = 15;
    private static final int PROBE_SITE_KW = 500;
    private static final String ACCEPTED = "{\"status\":\"Accepted\"}";

    /**
     * A charger that flips between Available and {@code flipped} and reads {@code field} from what {@code read}
     * answers until it shows the flip.
     */
    private final class Probe {
        private final OcppFleet.Charger charger;
        private final String flipped;
        private final Pattern field;
        private final int whenAvailable;
        private final int whenFlipped;
        private final Read read;
        /** The last reported state, carried from the warm-up into the measured phase. */
        private boolean isFlipped;

        Probe(OcppFleet.Charger charger, String flipped, Pattern field, int whenAvailable, int whenFlipped,
              Read read) {
            this.charger = charger;
            this.flipped = flipped;
            this.field = field;
            this.whenAvailable = whenAvailable;
            this.whenFlipped = whenFlipped;
            this.read = read;
        }

        /**
         * Flips until {@code done}, recording how soon each flip shows; answers false if a flip failed. While
         * {@code warmingUp}, a flip may take longer than {@value #VISIBLE_WITHIN_MILLIS} ms to show: the warm-up
         * is there to let a backlog of the set-up clear.
         */
        boolean run(Latencies into, BooleanSupplier done, boolean warmingUp) throws Exception {
            while (!done.getAsBoolean()) {
                isFlipped = !isFlipped;
                int expected = isFlipped ? whenFlipped : whenAvailable;
                long start = System.nanoTime();
                JsonNode answer = charger.connection()
                        .call("StatusNotification", OcppFleet.status(1, isFlipped ? flipped : "Available"))
                        .get(30, TimeUnit.SECONDS);
                if (answer.get(0).asInt() != 3) {
                    problems.add("probe " + charger.id() + ": " + answer);
                    return false;
                }
                String body;
                while (count(field, body = read.get()) != expected) {
                    if (warmingUp && done.getAsBoolean()) {
                        return true;
                    }
                    if (!warmingUp
                            && System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(VISIBLE_WITHIN_MILLIS)) {
                        problems.add("probe " + charger.id() + ": " + expected + " not visible within "
                                + VISIBLE_WITHIN_MILLIS + " ms; last " + body);
                        return false;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                into.record(System.nanoTime() - start);
                Thread.sleep(ThreadLocalRandom.current().nextInt(10, 50));
            }
            return true;
        }
    }

    @FunctionalInterface
    private interface Read {
        String get() throws IOException, SitesClient.Unexpected;
    }

    private final OcppBenchConfig config;
    private final PrintStream out;
    private final SitesClient api;
    private final OcppFleet fleet;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private List<OcppFleet.Charger> chargers = List.of();
    private final List<Probe> probes = new ArrayList<>();

    OcppBenchmark(OcppBenchConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.api = new SitesClient(config.baseUrl(), config.apiKey());
        // the load chargers' share of OCPP 2.0.1 stations, spread over the fleet; the probes speak 1.6
        this.fleet = new OcppFleet(config.baseUrl(),
                i -> i > config.siteProbes() && Math.floorMod(i, 100) < config.ocpp201Percent());
    }

    public static void main(String[] args) throws Exception {
        Benchmark.launch(args, OcppBenchConfig::parse, OcppBenchConfig.USAGE,
                config -> new OcppBenchmark(config, System.out));
    }

    @Override
    public void close() {
        chargers.forEach(c -> c.connection().abort());
        api.close();
    }

    @Override
    public boolean run() throws Exception {
        int siteProbes = config.siteProbes();
        boolean realistic = config.mix() == OcppBenchConfig.Mix.REALISTIC;
        out.printf("OCPP benchmark: %s, %s mix, %d %% of the load chargers on OCPP 2.0.1, %d chargers (%d on %d sites), "
                        + "%d site probes, %d calls/s, warm-up %d s, %d s measured (longer for %d probe samples)%n",
                config.baseUrl(), config.mix().name().toLowerCase(Locale.ROOT), config.ocpp201Percent(),
                config.chargers(), loadChargers(), config.sites(),
                siteProbes, config.callsPerSecond(), config.warmupSeconds(), config.seconds(), config.probeSamples());
        long start = System.nanoTime();
        // a load charger of the realistic mix has two rated connectors, so each session is capped at its rating
        fleet.register(api, config.chargers(), i -> i > siteProbes && realistic ? ChargingSessions.RATED_CONNECTORS
                : null, problems);
        if (!problems.isEmpty()) {
            return Problems.report(problems, out);
        }
        out.printf("registered %d chargers over HTTP in %.1f s%n", config.chargers(), seconds(start));
        start = System.nanoTime();
        List<String> siteIds = linkToSites();
        if (!problems.isEmpty()) {
            return Problems.report(problems, out);
        }
        out.printf("created %d sites and linked %d chargers in %.1f s%n", siteIds.size(),
                siteProbes + (config.sites() == 0 ? 0 : loadChargers()), seconds(start));

        start = System.nanoTime();
        // site load management sends chargers their limits: answered as a charger would, and counted as load
        // TxProfiles (one per session start while the ceiling does not bind) apart from TxDefaultProfiles (one per boot)
        LongAdder profiles = new LongAdder();
        LongAdder txProfiles = new LongAdder();
        fleet.answerCalls(frame -> {
            if ("SetChargingProfile".equals(frame.get(2).asText())) {
                profiles.increment();
                JsonNode profile = frame.get(3).has("chargingProfile") ? frame.get(3).get("chargingProfile") // 2.0.1
                        : frame.get(3).get("csChargingProfiles");
                if ("TxProfile".equals(profile.path("chargingProfilePurpose").asText())) {
                    txProfiles.increment();
                }
            }
            return ACCEPTED;
        });
        // a site probe has one connector, so flipping it flips the charger's rollup
        chargers = fleet.connectAll(config.chargers(), config.connectPerSecond(),
                i -> i > siteProbes && realistic ? ChargingSessions.CONNECTORS : 1, "Available", problems);
        out.printf("%d of %d chargers connected and booted in %.1f s%n", chargers.size(), config.chargers(),
                seconds(start));
        if (chargers.size() < config.chargers()) {
            problems.add((config.chargers() - chargers.size()) + " chargers did not connect and boot within 5 minutes");
            // which step each of them waits for, and whether the gateway recorded it (a BootNotification sets
            // last_heartbeat): was the call or its answer lost?
            for (Map.Entry<String, String> stuck : new TreeMap<>(fleet.stuck()).entrySet()) {
                problems.add(stuck.getKey() + ": " + stuck.getValue() + ", no answer; its diagnostics: "
                        + api.get("/api/v1/cpo/chargers/" + stuck.getKey() + "/diagnostics"));
            }
            return Problems.report(problems, out);
        }
        probes.add(new Probe(chargers.get(0), "Faulted", FAULTED, 0, 1, api::fleetSummary));
        for (int p = 1; p <= siteProbes; p++) {
            String siteId = siteIds.get(p - 1);
            probes.add(new Probe(chargers.get(p), "Unavailable", AVAILABLE, 1, 0, () -> api.summary(siteId)));
        }

        IntFunction<ChargerCalls> mix = i -> realistic
                ? new ChargingSessions(new SplittableRandom(), fleet.ocpp201(i)) : new ClassicCalls("Available");
        try (OcppLoad load = new OcppLoad(chargers.subList(siteProbes + 1, chargers.size()),
                index -> mix.apply(siteProbes + 1 + index),
                config.callsPerSecond(), problems);
             ProduceProbe produce = new ProduceProbe(config.kafka(), problems)) {
            long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.warmupSeconds());
            probe(new Latencies(), new Latencies(), () -> System.nanoTime() >= warmupEnd, true);
            load.takeLatencies();
            produce.takeLatencies();
            long answeredBefore = load.answered();
            long profilesBefore = profiles.sum();
            long txProfilesBefore = txProfiles.sum();
            Map<String, Long> byActionBefore = load.answeredByAction();
            ProcessSample before = processSample();
            StageCpu stages = config.gatewayPid() == 0 ? null
                    : StageCpu.ofStandalone(config.gatewayPid(), config.postgres());
            if (stages != null) {
                stages.start();
            }
            long measuredStart = System.nanoTime();
            Latencies fleetSummary = new Latencies();
            Latencies siteSummary = new Latencies();
            long minimumEnd = measuredStart + TimeUnit.SECONDS.toNanos(config.seconds());
            long maximumEnd = measuredStart + TimeUnit.MINUTES.toNanos(MAX_MEASURED_MINUTES);
            probe(fleetSummary, siteSummary, () -> System.nanoTime() >= maximumEnd
                    || System.nanoTime() >= minimumEnd && fleetSummary.count() >= config.probeSamples()
                    && siteSummary.count() >= config.probeSamples(), false);
            double measured = seconds(measuredStart);
            StageCpu.Window stageWindow = stages == null ? null : stages.stop();
            ProcessSample after = processSample();
            long calls = load.answered() - answeredBefore;
            long profileCalls = profiles.sum() - profilesBefore;
            long txProfileCalls = txProfiles.sum() - txProfilesBefore;
            Map<String, Long> byAction = load.answeredByAction();
            Latencies latencies = load.takeLatencies();
            Latencies produced = produce.takeLatencies();
            long open = chargers.stream().filter(c -> !c.connection().closed().isDone()).count();

            out.println();
            out.printf(Locale.ROOT, "measured for %.0f s%n", measured);
            out.printf("%-40s %10s%n", "", "value");
            out.printf(Locale.ROOT, "%-40s %10d%n", "connections held at the end", open);
            out.printf(Locale.ROOT, "%-40s %10.0f%n", "calls answered per second", calls / measured);
            if (before != null && after != null) {
                out.printf(Locale.ROOT, "%-40s %10.0f%n", "standalone CPU-us per answered call",
                        after.cpuMillisSince(before) * 1000 / calls);
            }
            for (Map.Entry<String, Long> action : byAction.entrySet()) {
                long count = action.getValue() - byActionBefore.getOrDefault(action.getKey(), 0L);
                out.printf(Locale.ROOT, "%-40s %10.1f%n", "  " + action.getKey() + ", % of calls",
                        100.0 * count / calls);
            }
            out.printf(Locale.ROOT, "%-40s %10.1f%n", "SetChargingProfile received per second",
                    profileCalls / measured);
            // a session starts with a StartTransaction, or a 2.0.1 station's TransactionEvent Started
            long starts = 0;
            for (String sessionStart : List.of("StartTransaction", "TransactionEvent Started")) {
                starts += byAction.getOrDefault(sessionStart, 0L) - byActionBefore.getOrDefault(sessionStart, 0L);
            }
            out.printf(Locale.ROOT, "%-40s %10.2f%n", "  TxProfiles per session start",
                    starts == 0 ? 0.0 : (double) txProfileCalls / starts);
            out.printf(Locale.ROOT, "%-40s %10.1f%n", "  TxDefaultProfiles per second",
                    (profileCalls - txProfileCalls) / measured);
            out.printf(Locale.ROOT, "%-40s %10.1f%n", "CALLRESULT latency p50 ms", latencies.percentileMillis(50));
            out.printf(Locale.ROOT, "%-40s %10.1f%n", "CALLRESULT latency p99 ms", latencies.percentileMillis(99));
            out.printf(Locale.ROOT, "%-40s %10.1f%n", "  limit: raw acks=all produce p99 ms",
                    produced.percentileMillis(99));
            out.printf(Locale.ROOT, "%-40s %10.1f%n", "CALLRESULT latency max ms", latencies.percentileMillis(100));
            out.printf(Locale.ROOT, "%-40s %10d%n", "CALLERRORs", load.callErrors());
            out.printf(Locale.ROOT, "%-40s %10d%n", "calls skipped (charger still busy)", load.skippedBusy());
            if (before != null && after != null) {
                out.printf(Locale.ROOT, "%-40s %10.0f%n", "gateway process CPU, % of one core",
                        after.cpuPercentSince(before));
                out.printf(Locale.ROOT, "%-40s %10d%n", "gateway process RSS, MiB", after.rssMib());
                out.printf(Locale.ROOT, "%-40s %10d%n", "gateway process PSS, MiB", after.pssMib());
            }
            out.println();
            out.printf("%-40s %8s %8s %8s %8s%n", "", "samples", "p50 ms", "p99 ms", "max ms");
            row("CALLRESULT", latencies);
            row("raw acks=all produce round trip", produced);
            row("telemetry -> fleet summary", fleetSummary);
            row("telemetry -> site summary", siteSummary);
            if (stageWindow != null) {
                out.println();
                out.println("CPU by stage, per answered call:");
                StageCpu.print(stageWindow, calls, out);
            }
        }
        return Problems.report(problems, out);
    }

    private void row(String name, Latencies latencies) {
        out.printf(Locale.ROOT, "%-40s %8d %8.1f %8.1f %8.1f%n", name, latencies.count(),
                latencies.percentileMillis(50), latencies.percentileMillis(99), latencies.percentileMillis(100));
    }

    /** The chargers that carry the load: all but the probes. */
    private int loadChargers() {
        return config.chargers() - config.siteProbes() - 1;
    }

    /**
     * Creates a site for each site probe (answered in order) and {@code sites} for the load, links site probe
     * {@code p} (charger p) to the p-th site and spreads the load chargers over the others; charger 0, the fleet
     * probe, stays unlinked.
     */
    private List<String> linkToSites() throws InterruptedException {
        int siteProbes = config.siteProbes();
        String[] siteIds = new String[siteProbes + config.sites()];
        String name = "Bench OCPP " + fleet.runId();
        int loadSiteKw = loadSiteKw(loadChargers(), config.sites());
        Parallel.run(siteIds.length, 16, s -> () -> siteIds[s] = api.createSite(name + " site " + s,
                s < siteProbes ? PROBE_SITE_KW : loadSiteKw), problems);
        if (!problems.isEmpty()) {
            return List.of();
        }
        int linked = config.sites() == 0 ? siteProbes : config.chargers() - 1;
        Parallel.run(linked, 16, n -> () -> {
            int i = n + 1;
            api.link(i <= siteProbes ? siteIds[i - 1] : siteIds[siteProbes + (i - siteProbes - 1) % config.sites()],
                    fleet.chargerId(i));
        }, problems);
        return List.of(siteIds);
    }

    /**
     * The ceiling of each of {@code sites} load sites sharing {@code chargers}: it covers every rated connector linked
     * to the site, so it never binds and a session starting or ending changes no other session's limit (a binding
     * ceiling is the load benchmark's subject).
     */
    static int loadSiteKw(int chargers, int sites) {
        return sites == 0 ? 0 : (chargers + sites - 1) / sites * ChargingSessions.CONNECTORS * ChargingSessions.RATED_KW;
    }

    /**
     * Runs every probe on a thread of its own until {@code done} or one of them fails, recording into the latencies
     * of its kind.
     */
    private void probe(Latencies fleetSummary, Latencies siteSummary, BooleanSupplier done, boolean warmingUp)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(probes.size());
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Probe probe : probes) {
                Latencies into = probe == probes.get(0) ? fleetSummary : siteSummary;
                running.add(threads.submit(() -> {
                    if (!probe.run(into, () -> failed.get() || done.getAsBoolean(), warmingUp)) {
                        failed.set(true);
                    }
                    return null;
                }));
            }
            for (Future<?> probe : running) {
                probe.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** The gateway process now, or null without a pid. */
    private ProcessSample processSample() throws IOException {
        return config.gatewayPid() == 0 ? null : ProcessSample.of(config.gatewayPid());
    }

    private static int count(Pattern field, String json) {
        Matcher m = field.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field.pattern() + " in " + json);
        }
        return Integer.parseInt(m.group(1));
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
