package org.dynamocsms.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Process loss: loads a {@link CrashTarget} with REST writers ({@link RestWriter}) and OCPP chargers
 * ({@link SimulatedCharger}) and kills a process of it with SIGKILL at random moments: the packaged standalone,
 * which it owns and starts again on the same data each time, or one process after another of the local cluster
 * (a broker, a gateway, a projection-service instance), which serves on without it. After each kill it measures how
 * soon the API answers, new writes are readable by their Consistency-Tokens and every charger is connected again. Then
 * it reads back every acknowledged write, repeats every idempotent create, looks for duplicates and waits for the
 * fleet figures to equal what the chargers last reported. Exits 1 if anything was lost, wrong, duplicated or refused.
 */
public final class CrashBenchmark implements Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "bench-crash-password-0123";
    private static final int CLIENTS = 4;
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(120);
    /** New sites each measurement waits for: on 6 partitions, 12 miss a given 3 with a chance of 1 in 4,096. */
    private static final int PROBES = 12;
    private static final List<String> STATUSES = List.of("online", "offline", "charging", "available", "faulted");

    /**
     * One start (the first) or kill: acknowledged writes before it, then seconds from starting or killing the process
     * to the API answering, to new writes (on every partition, most likely) readable by their tokens and to every
     * charger connected again.
     */
    private record Restart(String label, long acknowledgedBefore, double apiUp, double readsFresh,
                           double chargersBack) {
    }

    private final CrashBenchConfig config;
    private final PrintStream out;
    private final CrashTarget target;
    private final SitesClient api;
    private final String runId = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final RestWriter.Tally writes = new RestWriter.Tally(problems);
    private final SimulatedCharger.Tally calls = new SimulatedCharger.Tally(problems);
    private final List<RestWriter> writers = new ArrayList<>();
    private final List<SimulatedCharger> chargers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    /** Sites the restart probes created, by id. */
    private final Set<String> probeSites = new HashSet<>();

    CrashBenchmark(CrashBenchConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.target = config.target().open(config.baseUrl(), config.apiKey());
        this.api = new SitesClient(config.baseUrl(), config.apiKey());
    }

    public static void main(String[] args) throws Exception {
        Benchmark.launch(args, CrashBenchConfig::parse, CrashBenchConfig.USAGE,
                config -> new CrashBenchmark(config, System.out));
    }

    @Override
    public void close() throws Exception {
        chargers.forEach(SimulatedCharger::abort);
        api.close();
        target.close();
    }

    @Override
    public boolean run() throws Exception {
        out.printf("Process-loss benchmark (%s): %d chargers, %d writers at %d writes/s, %d kills about %d s apart%n",
                config.target().description(), config.chargers(), config.writers(), config.writesPerSecond(),
                config.kills(), config.betweenKillsSeconds());
        List<Restart> restarts = new ArrayList<>();
        long started = System.nanoTime();
        target.start();
        restarts.add(new Restart("first", 0, seconds(started), readYourWrite(0, started), Double.NaN));
        Parallel.run(config.chargers(), 16, i -> () -> register(chargerId(i)), problems);
        if (!problems.isEmpty()) {
            return Problems.report(problems, out);
        }
        startLoad();
        for (int kill = 1; kill <= config.kills(); kill++) {
            Thread.sleep((long) (config.betweenKillsSeconds() * 1000 * ThreadLocalRandom.current().nextDouble(0.5, 1.5)));
            long acknowledged = writes.acknowledged().get();
            long killed = System.nanoTime();
            String victim = target.crash(kill);
            double apiUp = seconds(killed);
            out.printf("kill %d: SIGKILL to %s after %d acknowledged writes%n", kill, victim, acknowledged);
            double fresh = readYourWrite(kill, killed);
            restarts.add(new Restart("after kill " + kill, acknowledged, apiUp, fresh, chargersBack(killed)));
        }
        Thread.sleep(config.afterSeconds() * 1000L);
        stopLoad();
        return verify(restarts);
    }

    /** Registers a charger with its OCPP password, again after a 504 (its decision late on a busy machine). */
    private void register(String chargerId) throws IOException, SitesClient.Unexpected {
        for (int attempt = 1; ; attempt++) {
            try {
                api.registerCharger(chargerId, PASSWORD);
                return;
            } catch (SitesClient.Unexpected e) {
                if (attempt > 1 && e.getMessage().contains(": 409 ")) {
                    return; // the late decision of an earlier attempt registered it
                }
                if (!e.getMessage().contains(": 504 ") || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private void startLoad() throws InterruptedException {
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) { // each JDK HttpClient has one selector thread: spread the sockets
            clients.add(HttpClient.newHttpClient());
        }
        String base = "ws://" + config.baseUrl().getHost() + ":" + config.baseUrl().getPort();
        for (int i = 0; i < config.chargers(); i++) {
            SimulatedCharger charger = new SimulatedCharger(chargerId(i), PASSWORD, base, clients.get(i % CLIENTS),
                    calls);
            chargers.add(charger);
            start(charger, charger.id());
            Thread.sleep(5);
        }
        for (int i = 0; i < config.writers(); i++) {
            RestWriter writer = new RestWriter("w" + runId + "-" + i, config.baseUrl(), config.apiKey(),
                    (double) config.writesPerSecond() / config.writers(), writes);
            writers.add(writer);
            start(writer, "writer-" + i);
        }
    }

    private void start(Runnable loop, String name) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void stopLoad() throws InterruptedException {
        writers.forEach(RestWriter::stop);
        chargers.forEach(SimulatedCharger::stop);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    /**
     * Creates {@link #PROBES} sites as soon as the API answers (each sent again until answered, with its own
     * Idempotency-Key) and reads each with its Consistency-Token until all are reached; answers the seconds since
     * {@code since}, NaN if that takes over 2 minutes. Several, because a site's events are processed by the instance
     * that holds its partition: one probe would miss a lost projection-service's partitions half the time.
     */
    private double readYourWrite(int kill, long since) throws Exception {
        try (HttpConnection http = new HttpConnection(new InetSocketAddress(config.baseUrl().getHost(),
                config.baseUrl().getPort()), Duration.ofSeconds(10))) {
            long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
            Map<String, String> tokens = new LinkedHashMap<>();
            for (int probe = 0; probe < PROBES; probe++) {
                String body = "{\"name\":\"Probe " + runId + " " + kill + "." + probe + "\",\"max_power_kw\":10}";
                Map<String, String> headers = Map.of("Authorization", "Bearer " + config.apiKey(),
                        "Idempotency-Key", "probe-" + runId + "-" + kill + "." + probe);
                HttpConnection.Response created = null;
                while (System.nanoTime() < deadline && (created == null || created.status() != 201)) {
                    try {
                        created = http.exchange("POST", "/api/v1/sites", headers, body);
                    } catch (IOException notYet) {
                        http.close();
                    }
                }
                if (created == null || created.status() != 201) {
                    problems.add("restart " + kill + ": a probe's create was not acknowledged");
                    return Double.NaN;
                }
                String siteId = JSON.readTree(created.body()).path("site_id").asText();
                probeSites.add(siteId);
                tokens.put(siteId, created.header("consistency-token"));
            }
            while (System.nanoTime() < deadline) {
                tokens.entrySet().removeIf(probe -> reached(http, probe.getKey(), probe.getValue()));
                if (tokens.isEmpty()) {
                    return seconds(since);
                }
            }
            problems.add("restart " + kill + ": " + tokens.size() + " of " + PROBES
                    + " writes made after the restart were not readable within " + SETTLE_LIMIT);
            return Double.NaN;
        }
    }

    private boolean reached(HttpConnection http, String siteId, String token) {
        try {
            HttpConnection.Response read = http.exchange("GET", "/api/v1/sites/" + siteId,
                    Map.of("Authorization", "Bearer " + config.apiKey(), SitesClient.TOKEN_HEADER, token), null);
            return "reached".equals(read.header("consistency-token-status"));
        } catch (IOException notYet) {
            http.close();
            return false;
        }
    }

    /** Waits until every charger is connected again; seconds since {@code since}, NaN if that takes over 2 minutes. */
    private double chargersBack(long since) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        while (chargers.stream().anyMatch(c -> !c.connected())) {
            if (System.nanoTime() > deadline) {
                return Double.NaN;
            }
            Thread.sleep(50);
        }
        return seconds(since);
    }

    private boolean verify(List<Restart> restarts) throws Exception {
        long settling = System.nanoTime();
        Map<String, Integer> expected = expectedFleet();
        Map<String, Integer> shown = fleet();
        while (!shown.equals(expected) && System.nanoTime() - settling < SETTLE_LIMIT.toNanos()) {
            Thread.sleep(200);
            expected = expectedFleet();
            shown = fleet();
        }
        double fleetExact = shown.equals(expected) ? seconds(settling) : Double.NaN;
        if (!shown.equals(expected)) {
            problems.add("fleet figures " + shown + ", the chargers last reported " + expected);
        }

        int sites = 0;
        int registered = 0;
        int missing = 0;
        int wrong = 0;
        int otherId = 0;
        Set<String> acknowledgedSites = new HashSet<>(probeSites);
        for (RestWriter writer : writers) {
            RestWriter.Findings findings = writer.verify();
            sites += findings.sites();
            registered += findings.chargers();
            missing += findings.missing();
            wrong += findings.wrongState();
            otherId += findings.idempotencyMismatches();
            acknowledgedSites.addAll(writer.siteIds());
        }
        TelemetryAudit.Findings telemetry = TelemetryAudit.audit(target.kafkaBootstrap(), chargers);
        if (telemetry.missing() > 0) {
            problems.add(telemetry.missing() + " calls answered with a CALLRESULT have no telemetry record");
        }
        if (telemetry.duplicates() > 0) {
            problems.add(telemetry.duplicates() + " telemetry records are on the topic twice (same event id)");
        }
        Set<String> listed = listedSites();
        Set<String> duplicates = new HashSet<>(listed);
        duplicates.removeAll(acknowledgedSites);
        duplicates.forEach(id -> problems.add("site " + id + " listed but never acknowledged"));

        out.println();
        out.printf("%-13s %14s %10s %14s %16s%n", "start", "acked before", "API up s", "reads fresh s",
                "chargers back s");
        for (Restart r : restarts) {
            out.printf(Locale.ROOT, "%-13s %14d %10.1f %14.1f %16s%n", r.label(),
                    r.acknowledgedBefore(), r.apiUp(), r.readsFresh(),
                    Double.isNaN(r.chargersBack()) ? "-" : String.format(Locale.ROOT, "%.1f", r.chargersBack()));
        }
        out.println();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("acknowledged writes", writes.acknowledged().get());
        figures.put("  sites created / chargers registered", sites + " / " + registered);
        figures.put("requests sent again (no answer or 5xx)", writes.resent().get());
        figures.put("  of them answered 5xx", writes.serverErrors().get());
        figures.put("missing", missing);
        figures.put("wrong state", wrong);
        figures.put("idempotent repeats on another id", otherId);
        figures.put("duplicates", duplicates.size());
        figures.put("OCPP calls answered (CALLRESULT)", calls.answered().get());
        figures.put("  telemetry records of them (read committed)", telemetry.recorded());
        figures.put("  answered but not recorded / recorded twice", telemetry.missing() + " / "
                + telemetry.duplicates());
        figures.put("CALLERRORs", calls.callErrors().get());
        figures.put("charger connections (incl. reconnects)", calls.reconnects().get());
        figures.put("fleet figures " + expected, Double.isNaN(fleetExact) ? "never equal"
                : String.format(Locale.ROOT, "equal after %.1f s", fleetExact));
        figures.forEach((name, value) -> out.printf("%-44s %s%n", name, value));
        return Problems.report(problems, out);
    }

    /** What the chargers last reported, as the fleet summary and the fleet list's status filters must count it. */
    private Map<String, Integer> expectedFleet() {
        Map<String, Integer> figures = new LinkedHashMap<>();
        int registered = writers.stream().mapToInt(RestWriter::chargerCount).sum();
        long online = chargers.stream().filter(SimulatedCharger::connected).count();
        figures.put("total", chargers.size() + registered);
        figures.put("online", (int) online);
        figures.put("offline", (int) (chargers.size() - online) + registered);
        for (String status : List.of("Charging", "Available", "Faulted")) {
            figures.put(status.toLowerCase(Locale.ROOT), (int) chargers.stream()
                    .filter(c -> c.connected() && status.equals(c.reported())).count());
        }
        figures.put("sessions", (int) chargers.stream().filter(SimulatedCharger::inTransaction).count());
        return figures;
    }

    /** The fleet summary's counts, each also as the fleet list's {@code total} for that status filter. */
    private Map<String, Integer> fleet() throws Exception {
        JsonNode summary = JSON.readTree(api.fleetSummary());
        Map<String, Integer> figures = new LinkedHashMap<>();
        figures.put("total", summary.path("total_chargers").asInt());
        for (String status : STATUSES) {
            int counted = summary.path(status).asInt();
            int listed = JSON.readTree(api.get("/api/v1/cpo/fleet/chargers?limit=1&status=" + status))
                    .path("total").asInt();
            figures.put(status, counted == listed ? counted : -1); // -1: summary and list disagree
        }
        figures.put("sessions", summary.path("active_sessions").asInt());
        return figures;
    }

    /** Every site the organisation's list shows. */
    private Set<String> listedSites() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int offset = 0; ; offset += 200) {
            JsonNode page = JSON.readTree(api.get("/api/v1/sites?limit=200&offset=" + offset));
            page.path("sites").forEach(site -> ids.add(site.path("site_id").asText()));
            if (offset + 200 >= page.path("total").asInt()) {
                return ids;
            }
        }
    }

    private String chargerId(int i) {
        return String.format(Locale.ROOT, "CRASH-%s-%04d", runId, i);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
