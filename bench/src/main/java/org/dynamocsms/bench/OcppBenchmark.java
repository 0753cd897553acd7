package org.dynamocsms.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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

    private static final Pattern FAULTED = Pattern.compile("\"faulted\"\\s*:\\s*(\\d+)");
    private static final long POLL_MILLIS = 10;
    private static final long VISIBLE_WITHIN_MILLIS = 10_000;

    private final OcppBenchConfig config;
    private final PrintStream out;
    private final SitesClient api;
    private final OcppFleet fleet;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private List<OcppFleet.Charger> chargers = List.of();
    /** The probe charger's last reported state, carried from the warm-up into the measured phase. */
    private boolean probeFaulted;

    OcppBenchmark(OcppBenchConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.api = new SitesClient(config.baseUrl(), config.apiKey());
        this.fleet = new OcppFleet(config.baseUrl());
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
        fleet.register(api, config.chargers(), problems);
        if (!problems.isEmpty()) {
            return Problems.report(problems, out);
        }
        out.printf("registered %d chargers over HTTP in %.1f s%n", config.chargers(), seconds(start));

        start = System.nanoTime();
        chargers = fleet.connectAll(config.chargers(), config.connectPerSecond(), 1, "Available", problems);
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

        // charger 0 is the probe
        try (OcppLoad load = new OcppLoad(chargers.subList(1, chargers.size()), config.callsPerSecond(),
                "Available", problems)) {
            probe(config.warmupSeconds(), new Latencies());
            load.takeLatencies();
            long answeredBefore = load.answered();
            ProcessSample before = processSample();
            long measuredStart = System.nanoTime();
            Latencies visibility = new Latencies();
            probe(config.seconds(), visibility);
            double measured = seconds(measuredStart);
            ProcessSample after = processSample();
            long calls = load.answered() - answeredBefore;
            Latencies latencies = load.takeLatencies();
            long open = chargers.stream().filter(c -> !c.connection().closed().isDone()).count();

            out.println();
            out.printf("%-36s %10s%n", "", "value");
            out.printf(Locale.ROOT, "%-36s %10d%n", "connections held at the end", open);
            out.printf(Locale.ROOT, "%-36s %10.0f%n", "calls answered per second", calls / measured);
            out.printf(Locale.ROOT, "%-36s %10.1f%n", "CALLRESULT latency p50 ms", latencies.percentileMillis(50));
            out.printf(Locale.ROOT, "%-36s %10.1f%n", "CALLRESULT latency p99 ms", latencies.percentileMillis(99));
            out.printf(Locale.ROOT, "%-36s %10.1f%n", "CALLRESULT latency max ms", latencies.percentileMillis(100));
            out.printf(Locale.ROOT, "%-36s %10d%n", "CALLERRORs", load.callErrors());
            out.printf(Locale.ROOT, "%-36s %10d%n", "calls skipped (charger still busy)", load.skippedBusy());
            if (before != null && after != null) {
                out.printf(Locale.ROOT, "%-36s %10.0f%n", "gateway process CPU, % of one core",
                        after.cpuPercentSince(before));
                out.printf(Locale.ROOT, "%-36s %10d%n", "gateway process RSS, MiB", after.rssMib());
                out.printf(Locale.ROOT, "%-36s %10d%n", "gateway process PSS, MiB", after.pssMib());
            }
            out.printf(Locale.ROOT, "%-36s %10.1f%n", "telemetry -> fleet summary p50 ms",
                    visibility.percentileMillis(50));
            out.printf(Locale.ROOT, "%-36s %10.1f%n", "telemetry -> fleet summary p99 ms",
                    visibility.percentileMillis(99));
            out.printf(Locale.ROOT, "%-36s %10d%n", "visibility samples", visibility.count());
        }
        return Problems.report(problems, out);
    }

    /** Flips the probe charger for {@code seconds}, recording how soon the fleet summary shows each flip. */
    private void probe(int seconds, Latencies into) throws Exception {
        OcppFleet.Charger probe = chargers.get(0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            probeFaulted = !probeFaulted;
            boolean faulted = probeFaulted;
            int expected = faulted ? 1 : 0; // the probe is the only charger that ever faults
            long start = System.nanoTime();
            JsonNode answer = probe.connection()
                    .call("StatusNotification", OcppFleet.status(1, faulted ? "Faulted" : "Available"))
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

    /** The gateway process now, or null without a pid. */
    private ProcessSample processSample() throws IOException {
        return config.gatewayPid() == 0 ? null : ProcessSample.of(config.gatewayPid());
    }

    private static int faulted(String fleetSummary) {
        Matcher m = FAULTED.matcher(fleetSummary);
        if (!m.find()) {
            throw new IllegalStateException("no faulted count in " + fleetSummary);
        }
        return Integer.parseInt(m.group(1));
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
