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
 * Drives a running standalone's Sites API from a bounded pool of threads and prints writes/s, reads/s, latency
 * percentiles and write-to-read visibility lag. Phases: warm-up (not measured), creates, visibility (creates
 * followed at once by reads, with and without the consistency token), reads. Exits 1 if any request failed.
 */
public final class SitesBenchmark implements Benchmark {

    private static final Duration WARMUP_BOUND = Duration.ofSeconds(120);
    private static final Duration POLL_EVERY = Duration.ofMillis(5);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);
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
        out.printf("Sites benchmark: %s, %d writes, %d reads, concurrency %d, warm-up %d, lag sample %d%n",
                config.baseUrl(), config.writes(), config.reads(), config.concurrency(), config.warmup(),
                config.lagSample());
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
                    timed(() -> sites.find(site.siteId(), null), untimed);
                    timed(() -> sites.list(LIST_LIMIT), untimed);
                }
            });

            Row create = new Row("create (POST)");
            Outcome writes = measured(pool, "create", config.writes(), i -> {
                SitesClient.Created site = create(i, create);
                if (site != null) {
                    siteIds.add(site.siteId());
                }
            });
            create.opsPerSecond = create.latencies.count() / writes.seconds();

            Row lag = new Row("visibility lag");
            Row ownRead = new Row("GET with token");
            measured(pool, "visibility", config.lagSample(), i -> {
                SitesClient.Created site = create(config.writes() + i, untimed);
                if (site == null) {
                    return;
                }
                siteIds.add(site.siteId());
                if (i % 2 == 0) {
                    awaitVisible(site.siteId(), lag);
                } else if (Boolean.FALSE.equals(timed(() -> sites.find(site.siteId(), site.token()), ownRead))) {
                    fail(ownRead, "GET " + site.siteId() + " with " + SitesClient.TOKEN_HEADER + ": 404");
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

            print(List.of(create, lag, ownRead, get, list, allReads));
        } finally {
            pool.shutdownNow();
        }
        out.printf("failures: %d%n", problems.size());
        problems.stream().limit(PROBLEMS_SHOWN).forEach(p -> out.println("  " + p));
        return problems.isEmpty();
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

    /** Polls the site without a token every few ms until it answers 200; records the time since the POST. */
    private void awaitVisible(String siteId, Row lag) throws InterruptedException {
        long since = System.nanoTime();
        while (true) {
            Boolean found = timed(() -> sites.find(siteId, null), untimed);
            if (found == null) {
                return;
            }
            long elapsed = System.nanoTime() - since;
            if (found) {
                lag.latencies.record(elapsed);
                return;
            }
            if (elapsed > VISIBLE_WITHIN.toNanos()) {
                fail(lag, siteId + " still 404 " + VISIBLE_WITHIN.toSeconds() + " s after its POST answered");
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

    private SitesClient.Created create(int n, Row row) {
        SitesClient.Created site = timed(() -> sites.create(n), row);
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
        out.printf("visibility lag: POST answered -> first GET without token answering 200 (polled every %d ms)%n",
                POLL_EVERY.toMillis());
    }
}
