package org.dynamocsms.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reconnect storm: registers the chargers (with passwords), connects and boots them, keeps a light load on them
 * for a while, then drops every connection at once: closed without a close frame, as a charger losing its network
 * closes it, or ({@code --drop=silent}) left open and idle, as when a cut lets nothing through to the gateway, which
 * then sees the new connection before the old one ends. Each charger reconnects at once (or after a random
 * jitter), retrying a failed upgrade with a randomised exponential backoff, and sends BootNotification and a
 * StatusNotification per connector. Before the drop the connectors report Unavailable, after the reconnect
 * Available, so the fleet summary shows every charger back and caught up when it counts all of them
 * {@code available}. Prints how long until all are connected, booted and shown again, CALLERRORs, failed attempts,
 * BootNotification latency, and the gateway process's CPU and memory before, during and after; then watches the
 * summary a while longer (after a silent drop, also after the old connections finally end) and counts the
 * chargers it shows offline although their new connection is open: a disconnect of a dropped connection taking the
 * reconnected charger offline. Exits 1 if anything failed.
 */
public final class OcppStormBenchmark implements Benchmark {

    private static final String BEFORE = "Unavailable";
    private static final String AFTER = "Available";
    private static final long STORM_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final int WATCH_SECONDS = 10;
    private static final long POLL_MILLIS = 200;
    private static final int MAX_BACKOFF_SECONDS = 30;
    /** Chargers whose upgrade is timed one at a time on their first connect and again after the storm. */
    private static final int CACHE_PROBES = 20;
    private static final Pattern CHARGE_POINT_ID = Pattern.compile("\"charge_point_id\"\\s*:\\s*\"([^\"]+)\"");

    /** How many chargers reached a step of the reconnect, and when the last of them did. */
    private static final class Milestone {
        private final int of;
        private final AtomicInteger count = new AtomicInteger();
        private volatile long reachedAt = -1;

        Milestone(int of) {
            this.of = of;
        }

        void reached() {
            if (count.incrementAndGet() == of) {
                reachedAt = System.nanoTime();
            }
        }

        boolean all() {
            return reachedAt >= 0;
        }

        String secondsAfter(long start) {
            return all() ? String.format(Locale.ROOT, "%.1f", (reachedAt - start) / 1e9) : "never";
        }
    }

    /** The counts of the fleet summary the storm watches. */
    private record Summary(int online, int offline, int available) {
        static Summary of(String json) {
            return new Summary(count(json, "online"), count(json, "offline"), count(json, "available"));
        }

        private static int count(String json, String field) {
            Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
            if (!m.find()) {
                throw new IllegalStateException("no " + field + " count in " + json);
            }
            return Integer.parseInt(m.group(1));
        }
    }

    private final OcppStormConfig config;
    private final PrintStream out;
    private final SitesClient api;
    private final OcppFleet fleet;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final AtomicReferenceArray<OcppConnection> reconnected;
    private final Milestone connected;
    private final Milestone booted;
    private final Milestone ready;
    /** Chargers done with the reconnect, whether they made it or failed. */
    private final Milestone finished;
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong callErrors = new AtomicLong();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final Latencies bootLatencies = new Latencies();
    private final Latencies upgradeLatencies = new Latencies();
    private List<OcppFleet.Charger> chargers = List.of();
    private int lowestOnline = Integer.MAX_VALUE;
    private volatile boolean stormOver;
    /** Peaks of the gateway process during the storm, sampled each second. */
    private volatile double peakCpu;
    private volatile long peakRssKib;
    private volatile long peakPssKib;

    OcppStormBenchmark(OcppStormConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.api = new SitesClient(config.baseUrl(), config.apiKey());
        this.fleet = new OcppFleet(config.baseUrl());
        this.reconnected = new AtomicReferenceArray<>(config.chargers());
        this.connected = new Milestone(config.chargers());
        this.booted = new Milestone(config.chargers());
        this.ready = new Milestone(config.chargers());
        this.finished = new Milestone(config.chargers());
    }

    public static void main(String[] args) throws Exception {
        Benchmark.launch(args, OcppStormConfig::parse, OcppStormConfig.USAGE,
                config -> new OcppStormBenchmark(config, System.out));
    }

    @Override
    public void close() {
        stormOver = true;
        timer.shutdownNow();
        chargers.forEach(c -> c.connection().abort());
        for (int i = 0; i < reconnected.length(); i++) {
            OcppConnection connection = reconnected.get(i);
            if (connection != null) {
                connection.abort();
            }
        }
        api.close();
    }

    @Override
    public boolean run() throws Exception {
        int n = config.chargers();
        String jitter = config.jitterMillis() == 0 ? "at once (no jitter)"
                : "after a random 0 to " + config.jitterMillis() + " ms (uniform)";
        out.printf("OCPP reconnect storm: %s, %d chargers with %d connectors, light load %d calls/s for %d s, then "
                        + "every connection dropped; each charger reconnects %s, a failed attempt retried after "
                        + "1, 2, 4 ... %d s (each less up to half, at random)%n", config.baseUrl(), n,
                config.connectors(), config.callsPerSecond(), config.loadSeconds(), jitter, MAX_BACKOFF_SECONDS);
        long start = System.nanoTime();
        fleet.register(api, n, problems);
        if (!problems.isEmpty()) {
            return Problems.report(problems, out);
        }
        out.printf("registered %d chargers over HTTP in %.1f s%n", n, seconds(start));

        // the first upgrade of a charger checks its password with PBKDF2, the next should find it cached;
        // interleaved, so that both see the same warm-up of the gateway's code
        Latencies firstUpgrades = new Latencies();
        Latencies secondUpgrades = new Latencies();
        for (int i = 0; i < Math.min(CACHE_PROBES, n); i++) {
            timedUpgrade(i, firstUpgrades).close().get(10, TimeUnit.SECONDS);
            timedUpgrade(i, secondUpgrades).close().get(10, TimeUnit.SECONDS);
        }

        start = System.nanoTime();
        ProcessSample beforeConnect = processSample();
        chargers = fleet.connectAll(n, config.connectPerSecond(), i -> config.connectors(), BEFORE, problems);
        ProcessSample afterConnect = processSample();
        out.printf("%d of %d chargers connected and booted in %.1f s%n", chargers.size(), n, seconds(start));
        if (chargers.size() < n) {
            problems.add((n - chargers.size()) + " chargers did not connect and boot within 5 minutes, e.g. "
                    + new TreeMap<>(fleet.stuck()).entrySet().stream().limit(5).toList());
            return Problems.report(problems, out);
        }

        long loadErrors;
        ProcessSample loadStart = processSample();
        try (OcppLoad load = new OcppLoad(chargers, index -> new ClassicCalls(BEFORE), config.callsPerSecond(),
                problems)) {
            Thread.sleep(TimeUnit.SECONDS.toMillis(config.loadSeconds()));
            load.stop(30); // a call still in flight at the drop would fail for the benchmark's own doing
            loadErrors = load.callErrors();
            out.printf("light load: %d calls answered, %d CALLERRORs%n", load.answered(), loadErrors);
        }

        ProcessSample before = processSample();
        peakRssKib = before == null ? 0 : before.rssKib();
        peakPssKib = before == null ? 0 : before.pssKib();
        if (before != null) {
            sampleEverySecond(before);
        }
        long dropped = System.nanoTime();
        if (config.drop() == OcppStormConfig.Drop.ABORT) {
            chargers.forEach(c -> c.connection().abort());
        }
        for (int i = 0; i < n; i++) {
            int charger = i;
            if (config.jitterMillis() == 0) {
                reconnect(charger, 1);
            } else {
                timer.schedule(() -> reconnect(charger, 1),
                        ThreadLocalRandom.current().nextInt(config.jitterMillis() + 1), TimeUnit.MILLISECONDS);
            }
        }
        out.printf("dropped %d connections (%s); reconnecting%n", n, config.drop() == OcppStormConfig.Drop.ABORT
                ? "closed without a close frame" : "left open and silent");

        long shownAt = -1;
        long settleNanos = TimeUnit.SECONDS.toNanos(config.settleSeconds());
        while (true) {
            long polled = System.nanoTime();
            Summary summary = Summary.of(api.fleetSummary());
            if (summary.available() == n && summary.online() == n) {
                shownAt = System.nanoTime();
                break;
            }
            if (polled - dropped > STORM_LIMIT_NANOS || finished.all() && polled - finished.reachedAt > settleNanos) {
                problems.add("the fleet summary did not show all " + n + " chargers back within "
                        + config.settleSeconds() + " s after the last reconnect (or 5 minutes after the drop): "
                        + summary);
                break;
            }
            Thread.sleep(POLL_MILLIS);
        }
        stormOver = true;
        ProcessSample stormEnd = processSample();

        // the dropped connections' disconnects may still come in: watch whether any takes a charger offline
        Summary last = watch();
        ProcessSample after = processSample();
        timer.shutdownNow();
        long supersededClosed = 0;
        if (config.drop() == OcppStormConfig.Drop.SILENT) {
            // those the gateway did not close end now, as a cut's dead sockets finally would
            supersededClosed = chargers.stream().filter(c -> c.connection().closed().isDone()).count();
            chargers.forEach(c -> c.connection().abort());
            last = watch();
        }
        int open = 0;
        for (int i = 0; i < n; i++) {
            OcppConnection connection = reconnected.get(i);
            open += connection != null && !connection.closed().isDone() ? 1 : 0;
        }
        int offlineWhileOpen = offlineWhileOpen(last, open);
        Latencies laterUpgrades = new Latencies(); // does the cache still hold after the storm?
        for (int i = 0; i < firstUpgrades.count(); i++) {
            OcppConnection previous = reconnected.get(i);
            if (previous != null) {
                previous.abort();
            }
            reconnected.set(i, timedUpgrade(i, laterUpgrades));
        }

        out.println();
        out.printf("%-52s %14s%n", "reconnect storm, " + n + " chargers", "value");
        out.printf("%-52s %14s%n", "all connected again, s after the drop", connected.secondsAfter(dropped));
        out.printf("%-52s %14s%n", "all booted (Accepted), s after the drop", booted.secondsAfter(dropped));
        out.printf("%-52s %14s%n", "all statuses answered, s after the drop", ready.secondsAfter(dropped));
        out.printf("%-52s %14s%n", "fleet summary shows all online, s after the drop",
                shownAt < 0 ? "never" : String.format(Locale.ROOT, "%.1f", (shownAt - dropped) / 1e9));
        out.printf(Locale.ROOT, "%-52s %14d%n", "lowest online after that (watched " + WATCH_SECONDS + " s)",
                lowestOnline);
        out.printf(Locale.ROOT, "%-52s %14d%n", "shown offline at the end while connected", offlineWhileOpen);
        out.printf(Locale.ROOT, "%-52s %14d%n", "connections held at the end", open);
        if (config.drop() == OcppStormConfig.Drop.SILENT) {
            out.printf(Locale.ROOT, "%-52s %14d%n", "dropped connections the gateway closed", supersededClosed);
        }
        out.printf(Locale.ROOT, "%-52s %14d%n", "CALLERRORs or failed calls (reconnect)", callErrors.get());
        out.printf(Locale.ROOT, "%-52s %14d%n", "CALLERRORs or failed calls (light load)", loadErrors);
        out.printf(Locale.ROOT, "%-52s %14d%n", "connection attempts failed (retried)", failedAttempts.get());
        out.printf("%-52s %14s%n", "BootNotification CALLRESULT p50 / p99 / max ms", percentiles(bootLatencies));
        out.printf("%-52s %14s%n", "WebSocket upgrade p50 / p99 / max ms", percentiles(upgradeLatencies));
        out.printf(Locale.ROOT, "%-52s %14s%n", "upgrade alone p50 ms: 1st / 2nd / after the storm",
                String.format(Locale.ROOT, "%.1f / %.1f / %.1f", firstUpgrades.percentileMillis(50),
                        secondUpgrades.percentileMillis(50), laterUpgrades.percentileMillis(50)));
        if (before != null) {
            out.printf(Locale.ROOT, "%-52s %14s%n", "gateway CPU ms per charger: first connect / reconnect",
                    String.format(Locale.ROOT, "%.1f / %.1f", afterConnect.cpuMillisSince(beforeConnect) / n,
                            stormEnd.cpuMillisSince(before) / n));
            out.println();
            out.printf("%-36s %10s %10s %10s %10s%n", "gateway process", "before", "storm avg", "storm peak",
                    "after");
            out.printf(Locale.ROOT, "%-36s %10.0f %10.0f %10.0f %10.0f%n", "CPU, % of one core",
                    before.cpuPercentSince(loadStart), stormEnd.cpuPercentSince(before), peakCpu,
                    after.cpuPercentSince(stormEnd));
            out.printf(Locale.ROOT, "%-36s %10d %10s %10d %10d%n", "RSS, MiB", before.rssMib(), "-",
                    peakRssKib / 1024, after.rssMib());
            out.printf(Locale.ROOT, "%-36s %10d %10s %10d %10d%n", "PSS, MiB", before.pssMib(), "-",
                    peakPssKib / 1024, after.pssMib());
        }
        if (!failures.isEmpty()) {
            out.println("failed connection attempts by cause: " + new TreeMap<>(failures));
        }
        if (callErrors.get() > 0 || loadErrors > 0) {
            problems.add(0, (callErrors.get() + loadErrors) + " CALLERRORs");
        }
        if (open < n) {
            problems.add(0, (n - open) + " reconnected chargers are not connected at the end");
        }
        return Problems.report(problems, out);
    }

    /** One attempt of charger {@code i} to reconnect and boot; a failed upgrade is retried after a backoff. */
    private void reconnect(int i, int attempt) {
        long opening = System.nanoTime();
        fleet.open(i).whenComplete((connection, error) -> {
            if (error != null) {
                failedAttempts.incrementAndGet();
                failures.computeIfAbsent(cause(error), c -> new AtomicLong()).incrementAndGet();
                if (stormOver) {
                    finished.reached();
                    return;
                }
                long backoff = TimeUnit.SECONDS.toMillis(Math.min(MAX_BACKOFF_SECONDS, 1L << Math.min(attempt - 1, 5)));
                timer.schedule(() -> reconnect(i, attempt + 1),
                        backoff - ThreadLocalRandom.current().nextLong(backoff / 2 + 1), TimeUnit.MILLISECONDS);
                return;
            }
            upgradeLatencies.record(System.nanoTime() - opening);
            reconnected.set(i, connection);
            connected.reached();
            long sent = System.nanoTime();
            OcppFleet.bootNotification(connection)
                    .thenCompose(boot -> {
                        if (boot.get(0).asInt() != 3 || !"Accepted".equals(boot.get(2).path("status").asText())) {
                            throw new IllegalStateException("BootNotification answered " + boot);
                        }
                        bootLatencies.record(System.nanoTime() - sent);
                        booted.reached();
                        return OcppFleet.statuses(connection, config.connectors(), AFTER);
                    })
                    .orTimeout(60, TimeUnit.SECONDS)
                    .whenComplete((done, e) -> {
                        if (e != null) {
                            callErrors.incrementAndGet();
                            problems.add("charger " + fleet.chargerId(i) + ": " + unwrap(e));
                        } else {
                            ready.reached();
                        }
                        finished.reached();
                    });
        });
    }

    /** Polls the fleet summary for a while, keeping the lowest online count; answers the last summary. */
    private Summary watch() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WATCH_SECONDS);
        Summary last;
        do {
            Thread.sleep(POLL_MILLIS);
            last = Summary.of(api.fleetSummary());
            lowestOnline = Math.min(lowestOnline, last.online());
        } while (System.nanoTime() < end);
        return last;
    }

    /** Opens charger {@code i}'s connection, nothing else happening on it, and records how long the upgrade took. */
    private OcppConnection timedUpgrade(int i, Latencies into) throws Exception {
        long start = System.nanoTime();
        OcppConnection connection = fleet.open(i).get(30, TimeUnit.SECONDS);
        into.record(System.nanoTime() - start);
        return connection;
    }

    /**
     * How many chargers the summary shows offline although their new connection is open: all offline ones if every
     * connection is open, else those of the first page of offline chargers whose connection is open.
     */
    private int offlineWhileOpen(Summary summary, int open) throws IOException, SitesClient.Unexpected {
        if (summary.offline() == 0) {
            return 0;
        }
        Matcher ids = CHARGE_POINT_ID.matcher(api.get("/api/v1/cpo/fleet/chargers?status=offline&limit=200"));
        List<String> shown = new ArrayList<>();
        int count = 0;
        while (ids.find()) {
            String id = ids.group(1);
            int i = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
            OcppConnection connection = reconnected.get(i);
            if (connection != null && !connection.closed().isDone()) {
                count++;
                shown.add(id);
            }
        }
        int offlineWhileOpen = open == config.chargers() ? summary.offline() : count;
        problems.add(0, offlineWhileOpen + " chargers shown offline while connected, e.g. "
                + shown.stream().limit(5).toList());
        return offlineWhileOpen;
    }

    /** Samples the gateway process each second until the storm is over, keeping the peaks. */
    private void sampleEverySecond(ProcessSample first) {
        ProcessSample[] previous = {first};
        timer.scheduleAtFixedRate(() -> {
            if (stormOver) {
                return;
            }
            try {
                ProcessSample now = ProcessSample.of(config.gatewayPid());
                peakCpu = Math.max(peakCpu, now.cpuPercentSince(previous[0]));
                peakRssKib = Math.max(peakRssKib, now.rssKib());
                peakPssKib = Math.max(peakPssKib, now.pssKib());
                previous[0] = now;
            } catch (IOException e) {
                problems.add("sampling the gateway process: " + e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** The gateway process now, or null without a pid. */
    private ProcessSample processSample() throws IOException {
        return config.gatewayPid() == 0 ? null : ProcessSample.of(config.gatewayPid());
    }

    private static String percentiles(Latencies latencies) {
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f", latencies.percentileMillis(50),
                latencies.percentileMillis(99), latencies.percentileMillis(100));
    }

    /** A failed attempt's cause, as counted: the HTTP status of a refused upgrade, else the exception's class. */
    private static String cause(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof WebSocketHandshakeException refused
                ? "HTTP " + refused.getResponse().statusCode() : cause.getClass().getSimpleName();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
