package org.dynamocsms.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs numbered set-up steps (HTTP calls) on a pool of threads, collecting failures instead of stopping. */
final class Parallel {

    @FunctionalInterface
    interface Step {
        void run() throws IOException, SitesClient.Unexpected;
    }

    private Parallel() {
    }

    /** Runs {@code step.apply(i)} for i in [0, count) on {@code threads} threads; failures go to {@code problems}. */
    static void run(int count, int threads, IntFunction<Step> step, List<String> problems) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < count; i++) {
            Step s = step.apply(i);
            pool.submit(() -> {
                try {
                    s.run();
                } catch (IOException | SitesClient.Unexpected | RuntimeException e) {
                    problems.add(String.valueOf(e.getMessage()));
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
    }
}
