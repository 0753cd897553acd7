package org.dynamocsms.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Every GET of the contract under load from wrk (closed loop, {@code --connections} connections, on the same cores),
 * on a fleet of {@code --chargers} chargers linked to {@code --sites} sites, each with an energy asset, every 100th
 * charger with a maintenance event. The chargers' telemetry goes straight to the telemetry topic: every tenth is
 * faulted (an error episode), every third other one charging, the rest available. Each request of an endpoint asks
 * for another site or charger, in turn. Beside them, in the same run, two limits: the framework's own 404 of the
 * same application (no key check, no database), and the largest static file it serves (the dashboard's chart
 * library, about 1 MB, sent from the jar without any work of ours), the limit for answers of about that size. Prints
 * requests/s, p50, p99, max and the size of an answer per endpoint, and the fleet summary's throughput as a share of
 * the 404's. Needs wrk (Debian's package); exits 1 if any answer was not the expected one.
 */
public final class ReadsBenchmark implements Benchmark {

    private static final Pattern TOTAL_CHARGERS = Pattern.compile("\"total_chargers\"\\s*:\\s*(\\d+)");
    private static final Pattern FAULTED = Pattern.compile("\"faulted\"\\s*:\\s*(\\d+)");
    private static final Pattern CHARGING = Pattern.compile("\"charging\"\\s*:\\s*(\\d+)");
    private static final Pattern RESULT = Pattern.compile("RESULT requests=(\\d+) seconds=([0-9.]+) non2xx=(\\d+) "
            + "socket=(\\d+) p50=(\\d+) p99=(\\d+) max=(\\d+) bytes=(\\d+)");
    /** The dashboard's script of its chart library, the largest static file the application serves. */
    private static final Pattern CHART_SCRIPT = Pattern.compile("src=\"(/_static/[^\"]+\\.js)\"");
    private static final long READY_WITHIN_MILLIS = 300_000;
    /** How many different sites or chargers an endpoint's requests go round. */
    private static final int TARGETS = 500;

    /**
     * One GET under load: the paths its requests go round, the status each must answer; {@code limit}: not an
     * endpoint of the contract but a limit, measured in every run.
     */
    private record Endpoint(String name, List<String> paths, int status, boolean limit) {
    }

    /** What wrk measured of one endpoint; {@code bytes}: read in all, headers included. */
    private record Result(long requests, double seconds, long unexpected, double p50Ms, double p99Ms, double maxMs,
                          long bytes) {

        double perSecond() {
            return requests / seconds;
        }

        double kilobytesPerAnswer() {
            return bytes / 1024.0 / requests;
        }
    }

    private final ReadsBenchConfig config;
    private final PrintStream out;
    private final SitesClient api;
    private final KafkaProducer<String, ChargerTelemetry> producer;
    private final String runId = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    ReadsBenchmark(ReadsBenchConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.api = new SitesClient(config.baseUrl(), config.apiKey());
        this.producer = Telemetry.producer(config.kafka(), 5);
    }

    public static void main(String[] args) throws Exception {
        Benchmark.launch(args, ReadsBenchConfig::parse, ReadsBenchConfig.USAGE,
                config -> new ReadsBenchmark(config, System.out));
    }

    @Override
    public void close() {
        api.close();
        producer.close();
    }

    @Override
    public boolean run() throws Exception {
        out.printf("Reads benchmark: %s, %d chargers on %d sites, wrk with %d connections, %d s per endpoint after "
                + "%d s of warm-up%n", config.baseUrl(), config.chargers(), config.sites(), config.connections(),
                config.seconds(), config.warmupSeconds());
        long setUp = System.nanoTime();
        List<String> siteIds = api.linkedFleet("Reads " + runId, config.sites(), config.chargers(), this::chargerId,
                problems);
        Parallel.run(siteIds.size(), 8, s -> () -> api.post("/api/v1/sites/" + siteIds.get(s) + "/energy-assets",
                "{\"type\":\"solar\",\"name\":\"Roof\",\"capacity_kw\":50}"), problems);
        Parallel.run(config.chargers() / 100, 8, n -> () -> api.post("/api/v1/cpo/chargers/" + chargerId(n * 100)
                + "/maintenance", "{\"type\":\"inspection\",\"scheduled_at\":\"" + Instant.now()
                .minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "\"}"), problems);
        if (!problems.isEmpty() || !publishTelemetry()) {
            return Problems.report(problems, out);
        }
        out.printf("set up in %.1f s%n", (System.nanoTime() - setUp) / 1e9);

        IntFunction<String> site = i -> siteIds.get(i % siteIds.size());
        IntFunction<String> charger = i -> chargerId((int) ((long) i * 7919 % config.chargers()));
        String range = "from=" + Instant.now().minus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "&to="
                + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<Endpoint> endpoints = List.of(
                new Endpoint("404 of the same app (the limit)", List.of("/api/v1/no-such-endpoint"), 404, true),
                new Endpoint("its largest static file (a limit)", List.of(chartScript()), 200, true),
                endpoint("GET /sites/{id}", i -> "/api/v1/sites/" + site.apply(i)),
                endpoint("GET /sites?limit=50", i -> "/api/v1/sites?limit=50"),
                endpoint("GET /sites/{id}/summary", i -> "/api/v1/sites/" + site.apply(i) + "/summary"),
                endpoint("GET /sites/{id}/energy-assets", i -> "/api/v1/sites/" + site.apply(i) + "/energy-assets"),
                endpoint("GET /fleet/summary", i -> "/api/v1/cpo/fleet/summary"),
                endpoint("GET /fleet/chargers?limit=50", i -> "/api/v1/cpo/fleet/chargers?limit=50"),
                endpoint("GET /fleet/chargers?status=faulted", i -> "/api/v1/cpo/fleet/chargers?status=faulted"),
                endpoint("GET /fleet/chargers?site_id=", i -> "/api/v1/cpo/fleet/chargers?site_id=" + site.apply(i)),
                endpoint("GET /fleet/chargers, last page", i -> "/api/v1/cpo/fleet/chargers?limit=50&offset="
                        + (config.chargers() - 50)),
                endpoint("GET /fleet/errors?limit=20", i -> "/api/v1/cpo/fleet/errors?limit=20"),
                endpoint("GET /chargers/{id}/diagnostics", i -> "/api/v1/cpo/chargers/" + charger.apply(i)
                        + "/diagnostics"),
                endpoint("GET /chargers/{id}/connectivity", i -> "/api/v1/cpo/chargers/" + charger.apply(i)
                        + "/connectivity?" + range),
                endpoint("GET /chargers/{id}/error-history", i -> "/api/v1/cpo/chargers/" + charger.apply(i)
                        + "/error-history?limit=10"),
                endpoint("GET /chargers/{id}/maintenance", i -> "/api/v1/cpo/chargers/" + charger.apply(i)
                        + "/maintenance"),
                endpoint("GET /fleet/uptime?charge_point_id=", i -> "/api/v1/cpo/fleet/uptime?" + range
                        + "&charge_point_id=" + charger.apply(i)),
                endpoint("GET /fleet/utilisation?charge_point_id=", i -> "/api/v1/cpo/fleet/utilisation?" + range
                        + "&granularity=day&charge_point_id=" + charger.apply(i)),
                endpoint("GET /fleet/uptime?site_id=", i -> "/api/v1/cpo/fleet/uptime?" + range + "&site_id="
                        + site.apply(i)),
                endpoint("GET /fleet/uptime (whole fleet)", i -> "/api/v1/cpo/fleet/uptime?" + range));

        out.println();
        out.printf("%-40s %9s %8s %8s %8s %9s %9s%n", "", "req/s", "p50 ms", "p99 ms", "max ms", "requests",
                "KB/answer");
        Result limit = null;
        Result summary = null;
        for (Endpoint endpoint : endpoints) {
            if (!endpoint.limit() && config.endpoints().stream().noneMatch(endpoint.name()::contains)) {
                continue;
            }
            wrk(endpoint, config.warmupSeconds());
            Result result = wrk(endpoint, config.seconds());
            if (result == null) {
                continue;
            }
            out.printf(Locale.ROOT, "%-40s %9.0f %8.1f %8.1f %8.1f %9d %9.1f%n", endpoint.name(),
                    result.perSecond(), result.p50Ms(), result.p99Ms(), result.maxMs(), result.requests(),
                    result.kilobytesPerAnswer());
            limit = limit == null ? result : limit;
            summary = endpoint.name().equals("GET /fleet/summary") ? result : summary;
        }
        if (limit != null && summary != null) {
            out.printf(Locale.ROOT, "%nfleet summary: %.0f %% of the 404's throughput%n",
                    100 * summary.perSecond() / limit.perSecond());
        }
        return Problems.report(problems, out);
    }

    private Endpoint endpoint(String name, IntFunction<String> path) {
        return new Endpoint(name, IntStream.range(0, TARGETS).mapToObj(path).distinct().toList(), 200, false);
    }

    /** The path of the chart library's script, as the dashboard's page names it. */
    private String chartScript() throws IOException, SitesClient.Unexpected {
        String page = api.get("/dashboard/");
        Matcher script = CHART_SCRIPT.matcher(page);
        if (!script.find()) {
            throw new SitesClient.Unexpected("the dashboard's page names no chart library script: " + page);
        }
        return script.group(1);
    }

    /** Runs wrk on {@code endpoint} for {@code seconds}; null (and a problem) if it failed or answered otherwise. */
    private Result wrk(Endpoint endpoint, int seconds) throws IOException, InterruptedException {
        if (seconds == 0) {
            return null;
        }
        Path script = Files.createTempFile("reads-bench", ".lua");
        try {
            Files.writeString(script, lua(endpoint), StandardCharsets.UTF_8);
            Process wrk = new ProcessBuilder(config.wrk(), "-t2", "-c" + config.connections(), "-d" + seconds + "s",
                    "--timeout", "10s", "-s", script.toString(), config.baseUrl().toString())
                    .redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
                problems.add(endpoint.name() + ": wrk failed: " + output);
                return null;
            }
            Matcher line = RESULT.matcher(output);
            if (!line.find()) {
                problems.add(endpoint.name() + ": no result from wrk: " + output);
                return null;
            }
            long requests = Long.parseLong(line.group(1));
            long non2xx = Long.parseLong(line.group(3));
            long unexpected = (endpoint.status() == 200 ? non2xx : requests - non2xx) + Long.parseLong(line.group(4));
            if (unexpected > 0) {
                problems.add(endpoint.name() + ": " + unexpected + " of " + requests + " answers not "
                        + endpoint.status() + " (or socket errors)");
            }
            return new Result(requests, Double.parseDouble(line.group(2)), unexpected,
                    Long.parseLong(line.group(5)) / 1000.0, Long.parseLong(line.group(6)) / 1000.0,
                    Long.parseLong(line.group(7)) / 1000.0, Long.parseLong(line.group(8)));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** The wrk script: each request the next path, with the key; one result line at the end (latencies in µs). */
    private String lua(Endpoint endpoint) {
        String paths = endpoint.paths().stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(",\n  "));
        return """
                local paths = {
                  %s
                }
                local headers = { ["Authorization"] = "Bearer %s" }
                local n = 0
                request = function()
                  n = n + 1
                  return wrk.format("GET", paths[(n %% #paths) + 1], headers)
                end
                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("RESULT requests=%%d seconds=%%.3f non2xx=%%d socket=%%d p50=%%d p99=%%d max=%%d bytes=%%d\\n",
                    summary.requests, summary.duration / 1e6, e.status, e.connect + e.read + e.write + e.timeout,
                    latency:percentile(50), latency:percentile(99), latency.max, summary.bytes))
                end
                """.formatted(paths, config.apiKey());
    }

    /**
     * Connects every charger and gives it its status; every third charging one starts a transaction with a meter
     * value. Waits until the fleet summary shows them all.
     */
    private boolean publishTelemetry() throws Exception {
        Instant at = Instant.now();
        int faulted = 0;
        int charging = 0;
        for (int i = 0; i < config.chargers(); i++) {
            String id = chargerId(i);
            publish(Telemetry.connected(id, at));
            publish(Telemetry.booted(id, at));
            if (i % 10 == 0) {
                publish(Telemetry.status(id, 1, ConnectorStatus.Faulted, at));
                faulted++;
            } else if (i % 3 == 0) {
                publish(Telemetry.status(id, 1, ConnectorStatus.Charging, at));
                publish(Telemetry.started(id, i, 1_000, at));
                publish(Telemetry.meter(id, i, 7_400, 1_500, at.plusSeconds(60)));
                charging++;
            } else {
                publish(Telemetry.status(id, 1, ConnectorStatus.Available, at));
            }
        }
        producer.flush();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_WITHIN_MILLIS);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = api.fleetSummary();
            if (count(TOTAL_CHARGERS, body) == config.chargers() && count(FAULTED, body) == faulted
                    && count(CHARGING, body) == charging) {
                return true;
            }
            Thread.sleep(500);
        }
        problems.add("the fleet summary did not show every charger's telemetry within " + READY_WITHIN_MILLIS
                + " ms: " + body);
        return false;
    }

    private void publish(ChargerTelemetry record) {
        producer.send(new ProducerRecord<>(Topics.CHARGER_TELEMETRY.name(), record.getChargePointId(), record));
    }

    private static long count(Pattern field, String body) {
        Matcher matcher = field.matcher(body);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private String chargerId(int i) {
        return String.format(Locale.ROOT, "RD-%s-%05d", runId, i);
    }
}
