package org.dynamocsms.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives a running standalone's Sites API from a bounded pool of threads and prints writes/s, reads/s and latency
 * percentiles, beside the broker's own acks=all produce round trip measured during the writes ({@link ProduceProbe}).
 * Phases: warm-up (sites created and read, chargers registered, then the write mix; not measured), writes (site
 * creates, renames, charger links and energy assets in turn), read-your-writes (creates each followed at once by a
 * read, with or without the consistency token: a 404 is a failure), reads. Exits 1 if any request failed.
 */
public final class SitesBenchmark implements Benchmark {

    private static final Duration WARMUP_BOUND = Duration.ofSeconds(120);
    private static final Duration POLL_EVERY = Duration.ofMillis(5);
    private static final Duration CATCH_UP_WITHIN = Duration.ofSeconds(30);
    private static final int LIST_LIMIT = 50;
    private static final int PROBLEMS_SHOWN = 10;
    private static final int WARMUP_NAMES_FROM = 1_000_000;

    /** One line of the result table. */
    private static final class Row {
        final String name;
        final Latencies latencies = new Latencies();
        final AtomicInteger failed = new AtomicInteger();
        double opsPerSecond = Double.NaN;

        Row(String name) {
            this.name = name;
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws IOException, SitesClient.Unexpected;
    }

    @FunctionalInterface
    private interface Task {
        void run(int i) throws InterruptedException;
    }

    private record Outcome(int done, double seconds) {
    }

    private final BenchConfig config;
    private final PrintStream out;
    private final SitesClient sites;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final List<String> siteIds = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger created = new AtomicInteger();
    private final Row untimed = new Row("untimed");

    SitesBenchmark(BenchConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.sites = new SitesClient(config.baseUrl(), config.apiKey());
    }

    public static void main(String[] args) throws Exception {
        Benchmark.launch(args, BenchConfig::parse, BenchConfig.USAGE,
                config -> new SitesBenchmark(config, System.out));
    }

    @Override
    public void close() {
        sites.close();
    }

    @Override
    public boolean run() throws Exception {
        out.printf("Sites benchmark: %s, %d writes, %d reads, concurrency %d, warm-up %d, lag sample %d, "
                        + "%d chargers%n", config.baseUrl(), config.writes(), config.reads(), config.concurrency(),
                config.warmup(), config.lagSample(), config.chargers());
        ExecutorService pool = Executors.newFixedThreadPool(config.concurrency());
        try {
            Long before = timed(() -> sites.list(1), untimed);
            if (before == null) {
                out.println("cannot reach the Sites API: " + problems.get(0));
                return false;
            }
            phase(pool, config.warmup(), WARMUP_BOUND, i -> {
                SitesClient.Created site = create(WARMUP_NAMES_FROM + i, untimed);
                if (site != null) {
                    siteIds.add(site.siteId());
                    timed(() -> sites.find(site.siteId(), null), untimed);
                    timed(() -> sites.list(LIST_LIMIT), untimed);
                }
            });
            phase(pool, config.chargers(), WARMUP_BOUND, i -> timed(() -> {
                sites.registerCharger(chargerId(i), null);
                return null;
            }, untimed));
            Writes warmupWrites = new Writes();
            phase(pool, config.warmup(), WARMUP_BOUND, i -> warmupWrites.write(config.writes() + i));
            if (siteIds.isEmpty()) {
                out.println("the warm-up created no site: " + problems.get(0));
                return false;
            }

            Writes writes = new Writes();
            Latencies limit = null;
            Outcome written;
            if (config.kafka().equals(BenchConfig.NO_KAFKA)) {
                written = measured(pool, "writes", config.writes(), writes::write);
            } else {
                try (ProduceProbe produce = new ProduceProbe(config.kafka(), problems)) {
                    written = measured(pool, "writes", config.writes(), writes::write);
                    limit = produce.takeLatencies();
                }
            }
            for (Row row : writes.rows()) {
                row.opsPerSecond = row.latencies.count() / written.seconds();
            }

            Row atOnce = new Row("GET at once, no token");
            Row ownRead = new Row("GET at once, with token");
            measured(pool, "visibility", config.lagSample(), i -> {
                SitesClient.Created site = create(2 * config.writes() + i, untimed);
                if (site == null) {
                    return;
                }
                siteIds.add(site.siteId());
                String token = i % 2 == 0 ? null : site.token();
                Row row = token == null ? atOnce : ownRead;
                if (Boolean.FALSE.equals(timed(() -> sites.find(site.siteId(), token), row))) {
                    fail(row, "GET " + site.siteId() + (token == null ? " without a token" : " with its token")
                            + " right after its POST: 404");
                }
            });

            awaitReadSide(before);

            Row get = new Row("read GET /sites/{id}");
            Row list = new Row("read GET /sites?limit=" + LIST_LIMIT);
            Row allReads = new Row("reads (all)");
            List<String> ids = List.copyOf(siteIds);
            Outcome reads = ids.isEmpty() ? new Outcome(0, 1) : measured(pool, "read", config.reads(), i -> {
                if (i % config.listEvery() == 0) {
                    timed(() -> sites.list(LIST_LIMIT), list, allReads);
                    return;
                }
                String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                if (Boolean.FALSE.equals(timed(() -> sites.find(id, null), get, allReads))) {
                    fail(get, "GET " + id + ": 404 for a site created earlier");
                }
            });
            allReads.opsPerSecond = allReads.latencies.count() / reads.seconds();

            List<Row> table = new ArrayList<>(writes.rows());
            table.addAll(List.of(atOnce, ownRead, get, list, allReads));
            print(table);
            if (limit == null) {
                out.println("limit: not measured (--kafka=none)");
            } else {
                out.printf("limit: the broker's acks=all produce round trip during the writes (%d samples): "
                                + "p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", limit.count(), limit.percentileMillis(50),
                        limit.percentileMillis(99), limit.percentileMillis(100));
            }
        } finally {
            pool.shutdownNow();
        }
        out.printf("failures: %d%n", problems.size());
        problems.stream().limit(PROBLEMS_SHOWN).forEach(p -> out.println("  " + p));
        return problems.isEmpty();
    }

    /**
     * The write mix, in turn: create a site, rename one, link a charger (moving it from its site) and add an energy
     * asset, the last three on sites picked at random from those created so far.
     */
    private final class Writes {
        final Row create = new Row("write: create site");
        final Row rename = new Row("write: PATCH site");
        final Row link = new Row("write: link charger");
        final Row asset = new Row("write: add energy asset");
        final Row all = new Row("writes (all)");

        List<Row> rows() {
            return List.of(create, rename, link, asset, all);
        }

        void write(int i) {
            String site = siteIds.get(ThreadLocalRandom.current().nextInt(siteIds.size()));
            switch (i % 4) {
                case 0 -> {
                    SitesClient.Created created = create(i, create, all);
                    if (created != null) {
                        siteIds.add(created.siteId());
                    }
                }
                case 1 -> timed(() -> {
                    sites.rename(site, i);
                    return null;
                }, rename, all);
                case 2 -> timed(() -> {
                    sites.link(site, chargerId(i / 4 % config.chargers()));
                    return null;
                }, link, all);
                default -> timed(() -> {
                    sites.addEnergyAsset(site, i);
                    return null;
                }, asset, all);
            }
        }
    }

    private static String chargerId(int n) {
        return "BENCH-W-" + n;
    }

    /** Waits until the list counts every site created here, so the read phase never asks for one not yet there. */
    private void awaitReadSide(long sitesBefore) throws InterruptedException {
        long expected = sitesBefore + created.get();
        long since = System.nanoTime();
        while (true) {
            Long total = timed(() -> sites.list(1), untimed);
            long elapsed = System.nanoTime() - since;
            if (total == null) {
                return;
            }
            if (total >= expected) {
                out.printf("read side listed all %d sites %.0f ms after the last create%n", expected, elapsed / 1e6);
                return;
            }
            if (elapsed > CATCH_UP_WITHIN.toNanos()) {
                problems.add("read side lists " + total + " of " + expected + " sites "
                        + CATCH_UP_WITHIN.toSeconds() + " s after the last create");
                return;
            }
            Thread.sleep(POLL_EVERY.toMillis());
        }
    }

    private Outcome measured(ExecutorService pool, String name, int count, Task task) throws InterruptedException {
        Outcome outcome = phase(pool, count, config.phaseTimeout(), task);
        if (outcome.done() < count) {
            problems.add(name + " phase stopped at its " + config.phaseTimeout().toSeconds() + " s bound after "
                    + outcome.done() + " of " + count);
        }
        return outcome;
    }

    /** Runs task(0 .. count-1) on the pool's threads until all are done or the time bound has passed. */
    private Outcome phase(ExecutorService pool, int count, Duration bound, Task task) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        Callable<Void> worker = () -> {
            for (int i = next.getAndIncrement(); i < count && System.nanoTime() < deadline;
                    i = next.getAndIncrement()) {
                task.run(i);
                done.incrementAndGet();
            }
            return null;
        };
        List<Future<Void>> workers = pool.invokeAll(Collections.nCopies(config.concurrency(), worker));
        for (Future<Void> w : workers) {
            try {
                w.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("benchmark worker failed", e.getCause());
            }
        }
        return new Outcome(done.get(), (System.nanoTime() - start) / 1e9);
    }

    private SitesClient.Created create(int n, Row... rows) {
        SitesClient.Created site = timed(() -> sites.create(n), rows);
        if (site != null) {
            created.incrementAndGet();
        }
        return site;
    }

    /** Times one call into every row given; a failed call is counted and null returned. */
    private <T> T timed(Call<T> call, Row... rows) {
        long start = System.nanoTime();
        try {
            T result = call.call();
            long elapsed = System.nanoTime() - start;
            for (Row row : rows) {
                row.latencies.record(elapsed);
            }
            return result;
        } catch (SitesClient.Unexpected e) {
            fail(rows[0], e.getMessage());
            return null;
        } catch (IOException e) {
            fail(rows[0], e.toString());
            return null;
        }
    }

    private void fail(Row row, String problem) {
        row.failed.incrementAndGet();
        problems.add(problem);
    }

    private void print(List<Row> rows) {
        out.printf("%-26s %7s %7s %9s %9s %9s %9s%n", "", "ok", "failed", "ops/s", "p50 ms", "p99 ms", "max ms");
        for (Row row : rows) {
            out.printf("%-26s %7d %7d %9s %9.1f %9.1f %9.1f%n", row.name, row.latencies.count(), row.failed.get(),
                    Double.isNaN(row.opsPerSecond) ? "-" : String.format("%.0f", row.opsPerSecond),
                    row.latencies.percentileMillis(50), row.latencies.percentileMillis(99),
                    row.latencies.percentileMillis(100));
        }
        out.println("GET at once: the first GET of a site after its POST answered; a 404 counts as failed");
    }
}
