package org.dynamocsms.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Simulated chargers over real WebSockets against the OCPP gateway: registers them over HTTP (with passwords),
 * connects them at a bounded rate, boots them, then keeps a steady rate of calls (Heartbeat, MeterValues,
 * StatusNotification; one outstanding call per charger, as OCPP-J requires) while a probe charger flips between
 * Available and Faulted and polls {@code GET /api/v1/cpo/fleet/summary} until {@code faulted} shows it. Prints
 * connections held, calls/s, CALLRESULT latency, the gateway process's CPU and RSS, and the visibility lag.
 * Exits 1 if anything failed.
 */
public final class OcppBenchmark implements Benchmark {

    private static final String PASSWORD = "bench-ocpp-password-0123";
    private static final Pattern FAULTED = Pattern.compile("\"faulted\"\\s*:\\s*(\\d+)");
    private static final int TICKS_PER_SECOND = 100;
    private static final int CLIENTS = 4;
    private static final long POLL_MILLIS = 10;
    private static final long VISIBLE_WITHIN_MILLIS = 10_000;
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** One simulated charger: its connection and whether its one allowed CALL is outstanding. */
    private record Charger(String id, OcppConnection connection, AtomicBoolean busy) {
    }

    private final OcppBenchConfig config;
    private final PrintStream out;
    private final SitesClient api;
    private final List<HttpClient> clients = new ArrayList<>();
    private final String runId = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final List<Charger> chargers = Collections.synchronizedList(new ArrayList<>());
    /** The step each charger still connecting is at. */
    private final Map<String, String> stages = new ConcurrentHashMap<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong callErrors = new AtomicLong();
    private final AtomicLong skippedBusy = new AtomicLong();
    private volatile Latencies callLatencies = new Latencies();
    /** The probe charger's last reported state, carried from the warm-up into the measured phase. */
    private boolean probeFaulted;

    OcppBenchmark(OcppBenchConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.api = new SitesClient(config.baseUrl(), config.apiKey());
        for (int i = 0; i < CLIENTS; i++) { // each JDK HttpClient has one selector thread: spread the sockets
            clients.add(HttpClient.newHttpClient());
        }
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
        out.printf("OCPP benchmark: %s, %d chargers, %d calls/s, warm-up %d s, %d s measured%n", config.baseUrl(),
                config.chargers(), config.callsPerSecond(), config.warmupSeconds(), config.seconds());
        long start = System.nanoTime();
        Parallel.run(config.chargers(), 32, i -> () -> api.registerCharger(chargerId(i), PASSWORD), problems);
        if (!problems.isEmpty()) {
            return Problems.report(problems, out);
        }
        out.printf("registered %d chargers over HTTP in %.1f s%n", config.chargers(), seconds(start));

        start = System.nanoTime();
        connectAll();
        out.printf("%d of %d chargers connected and booted in %.1f s%n", chargers.size(), config.chargers(),
                seconds(start));
        if (chargers.size() < config.chargers()) {
            problems.add((config.chargers() - chargers.size()) + " chargers did not connect and boot within 5 minutes");
            // which step each of them waits for, and whether the gateway recorded it (a BootNotification sets
            // last_heartbeat): was the call or its answer lost?
            for (Map.Entry<String, String> stuck : new TreeMap<>(stages).entrySet()) {
                problems.add(stuck.getKey() + ": " + stuck.getValue() + ", no answer; its diagnostics: "
                        + api.get("/api/v1/cpo/chargers/" + stuck.getKey() + "/diagnostics"));
            }
            return Problems.report(problems, out);
        }

        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        load.scheduleAtFixedRate(new Load(), 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
        try {
            probe(config.warmupSeconds(), new Latencies());
            callLatencies = new Latencies();
            long answeredBefore = answered.get();
            long[] cpuBefore = cpuTicks();
            long measuredStart = System.nanoTime();
            Latencies visibility = new Latencies();
            probe(config.seconds(), visibility);
            double measured = seconds(measuredStart);
            long[] cpuAfter = cpuTicks();
            long calls = answered.get() - answeredBefore;
            Latencies latencies = callLatencies;
            long open = chargers.stream().filter(c -> !c.connection().closed().isDone()).count();

            out.println();
            out.printf("%-36s %10s%n", "", "value");
            out.printf(Locale.ROOT, "%-36s %10d%n", "connections held at the end", open);
            out.printf(Locale.ROOT, "%-36s %10.0f%n", "calls answered per second", calls / measured);
            out.printf(Locale.ROOT, "%-36s %10.1f%n", "CALLRESULT latency p50 ms", latencies.percentileMillis(50));
            out.printf(Locale.ROOT, "%-36s %10.1f%n", "CALLRESULT latency p99 ms", latencies.percentileMillis(99));
            out.printf(Locale.ROOT, "%-36s %10.1f%n", "CALLRESULT latency max ms", latencies.percentileMillis(100));
            out.printf(Locale.ROOT, "%-36s %10d%n", "CALLERRORs", callErrors.get());
            out.printf(Locale.ROOT, "%-36s %10d%n", "calls skipped (charger still busy)", skippedBusy.get());
            if (cpuBefore != null && cpuAfter != null) {
                double cores = (cpuAfter[0] - cpuBefore[0]) / (double) CLOCK_TICKS_PER_SECOND / measured;
                out.printf(Locale.ROOT, "%-36s %10.0f%n", "gateway process CPU, % of one core", cores * 100);
                out.printf(Locale.ROOT, "%-36s %10d%n", "gateway process RSS, MiB", cpuAfter[1] / 1024);
                out.printf(Locale.ROOT, "%-36s %10d%n", "gateway process PSS, MiB", cpuAfter[2] / 1024);
            }
            out.printf(Locale.ROOT, "%-36s %10.1f%n", "telemetry -> fleet summary p50 ms",
                    visibility.percentileMillis(50));
            out.printf(Locale.ROOT, "%-36s %10.1f%n", "telemetry -> fleet summary p99 ms",
                    visibility.percentileMillis(99));
            out.printf(Locale.ROOT, "%-36s %10d%n", "visibility samples", visibility.count());
        } finally {
            load.shutdownNow();
        }
        return Problems.report(problems, out);
    }

    /** Opens every connection at the configured rate, then boots each charger. */
    private void connectAll() throws InterruptedException {
        String base = "ws://" + config.baseUrl().getHost() + ":" + config.baseUrl().getPort();
        List<CompletableFuture<Void>> booted = new ArrayList<>();
        long pause = Math.max(1, 1000L * 50 / config.connectPerSecond());
        for (int i = 0; i < config.chargers(); i++) {
            String id = chargerId(i);
            stages.put(id, "WebSocket upgrade sent");
            booted.add(OcppConnection.open(clients.get(i % CLIENTS), base, id, PASSWORD, "ocpp1.6")
                    .thenCompose(connection -> {
                        stages.put(id, "open, BootNotification sent");
                        return connection.call("BootNotification",
                                        "{\"chargePointVendor\":\"Bench\",\"chargePointModel\":\"Simulated\"}")
                                .thenCompose(boot -> {
                                    stages.put(id, "booted, StatusNotification sent");
                                    return connection.call("StatusNotification", status("Available"));
                                })
                                .thenAccept(ready -> {
                                    stages.remove(id);
                                    chargers.add(new Charger(id, connection, new AtomicBoolean()));
                                });
                    })
                    .exceptionally(e -> {
                        problems.add("charger " + id + ": " + e);
                        return null;
                    }));
            if (i % 50 == 49) {
                Thread.sleep(pause);
            }
        }
        CompletableFuture.allOf(booted.toArray(CompletableFuture[]::new)).orTimeout(5, TimeUnit.MINUTES)
                .exceptionally(e -> null).join();
        chargers.sort((a, b) -> a.id().compareTo(b.id()));
    }

    /** One tick of load: the next chargers that are not waiting for an answer send their next call. */
    private final class Load implements Runnable {
        private double owed;
        private int next = 1; // charger 0 is the probe

        @Override
        public void run() {
            owed += (double) config.callsPerSecond() / TICKS_PER_SECOND;
            for (; owed >= 1; owed--) {
                Charger charger = chargers.get(next);
                next = next + 1 == chargers.size() ? 1 : next + 1;
                if (!charger.busy().compareAndSet(false, true)) {
                    skippedBusy.incrementAndGet();
                    continue;
                }
                long sent = System.nanoTime();
                int kind = ThreadLocalRandom.current().nextInt(10);
                CompletableFuture<JsonNode> answer = kind < 5 ? charger.connection().call("Heartbeat", "{}")
                        : kind < 9 ? charger.connection().call("MeterValues", meterValues())
                        : charger.connection().call("StatusNotification", status("Available"));
                answer.orTimeout(30, TimeUnit.SECONDS).whenComplete((frame, e) -> {
                    charger.busy().set(false);
                    if (e != null || frame.get(0).asInt() != 3) {
                        callErrors.incrementAndGet();
                        if (problems.size() < 100) {
                            problems.add("charger " + charger.id() + ": " + (e != null ? e : frame));
                        }
                        return;
                    }
                    answered.incrementAndGet();
                    callLatencies.record(System.nanoTime() - sent);
                });
            }
        }
    }

    /** Flips the probe charger for {@code seconds}, recording how soon the fleet summary shows each flip. */
    private void probe(int seconds, Latencies into) throws Exception {
        Charger probe = chargers.get(0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            probeFaulted = !probeFaulted;
            boolean faulted = probeFaulted;
            int expected = faulted ? 1 : 0; // the probe is the only charger that ever faults
            long start = System.nanoTime();
            JsonNode answer = probe.connection().call("StatusNotification", status(faulted ? "Faulted" : "Available"))
                    .get(30, TimeUnit.SECONDS);
            if (answer.get(0).asInt() != 3) {
                problems.add("probe: " + answer);
                return;
            }
            while (faulted(api.fleetSummary()) != expected) {
                if (System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(VISIBLE_WITHIN_MILLIS)) {
                    problems.add("probe: faulted=" + expected + " not visible within " + VISIBLE_WITHIN_MILLIS
                            + " ms");
                    return;
                }
                Thread.sleep(POLL_MILLIS);
            }
            into.record(System.nanoTime() - start);
            Thread.sleep(ThreadLocalRandom.current().nextInt(50, 150));
        }
    }

    /**
     * {utime + stime in clock ticks, RSS in KiB, PSS in KiB} of the gateway process, or null without a pid. PSS
     * counts each page once: ZGC maps its heap three times, which RSS counts three times.
     */
    private long[] cpuTicks() throws IOException {
        if (config.gatewayPid() == 0) {
            return null;
        }
        Path proc = Path.of("/proc", Long.toString(config.gatewayPid()));
        String stat = Files.readString(proc.resolve("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        return new long[] {ticks, kib(proc.resolve("status"), "VmRSS:"), kib(proc.resolve("smaps_rollup"), "Pss:")};
    }

    /** The KiB figure of the line starting with {@code field} in a /proc file, 0 if there is none. */
    private static long kib(Path file, String field) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> line.startsWith(field))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0);
    }

    private static int faulted(String fleetSummary) {
        Matcher m = FAULTED.matcher(fleetSummary);
        if (!m.find()) {
            throw new IllegalStateException("no faulted count in " + fleetSummary);
        }
        return Integer.parseInt(m.group(1));
    }

    private static String status(String status) {
        return "{\"connectorId\":1,\"errorCode\":\"" + ("Faulted".equals(status) ? "GroundFailure" : "NoError")
                + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + Instant.now() + "\"}";
    }

    private static String meterValues() {
        return "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"" + Instant.now() + "\",\"sampledValue\":["
                + "{\"value\":\"" + ThreadLocalRandom.current().nextInt(0, 22_000)
                + "\",\"measurand\":\"Power.Active.Import\",\"unit\":\"W\"}]}]}";
    }

    private String chargerId(int i) {
        return String.format(Locale.ROOT, "OCPP-%s-%05d", runId, i);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
