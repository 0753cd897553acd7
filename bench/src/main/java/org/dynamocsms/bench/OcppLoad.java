package org.dynamocsms.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A steady rate of calls from connected chargers, round robin, in ticks of 10 ms: half Heartbeat, 40 % MeterValues,
 * 10 % StatusNotification; a charger still waiting for an answer is skipped (OCPP-J allows one outstanding call).
 * Counts answers, CALLERRORs (and failed calls) and CALLRESULT latencies.
 */
final class OcppLoad implements AutoCloseable {

    private static final int TICKS_PER_SECOND = 100;

    private final List<OcppFleet.Charger> chargers;
    private final int callsPerSecond;
    private final String status;
    private final List<String> problems;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong callErrors = new AtomicLong();
    private final AtomicLong skippedBusy = new AtomicLong();
    private volatile Latencies latencies = new Latencies();
    private double owed;
    private int next;

    /** {@code status}: what the StatusNotifications report for connector 1. Starts at once. */
    OcppLoad(List<OcppFleet.Charger> chargers, int callsPerSecond, String status, List<String> problems) {
        this.chargers = chargers;
        this.callsPerSecond = callsPerSecond;
        this.status = status;
        this.problems = problems;
        ticks.scheduleAtFixedRate(this::tick, 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
    }

    long answered() {
        return answered.get();
    }

    long callErrors() {
        return callErrors.get();
    }

    long skippedBusy() {
        return skippedBusy.get();
    }

    /** The latencies since the last call (all of them, the first time), starting afresh. */
    Latencies takeLatencies() {
        Latencies taken = latencies;
        latencies = new Latencies();
        return taken;
    }

    /** Stops sending and waits up to {@code seconds} for the calls in flight to be answered. */
    void stop(int seconds) throws InterruptedException {
        ticks.shutdownNow();
        ticks.awaitTermination(seconds, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (chargers.stream().anyMatch(c -> c.busy().get()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }

    /** One tick: the next chargers that are not waiting for an answer send their next call. */
    private void tick() {
        owed += (double) callsPerSecond / TICKS_PER_SECOND;
        for (; owed >= 1; owed--) {
            OcppFleet.Charger charger = chargers.get(next);
            next = (next + 1) % chargers.size();
            if (!charger.busy().compareAndSet(false, true)) {
                skippedBusy.incrementAndGet();
                continue;
            }
            long sent = System.nanoTime();
            int kind = ThreadLocalRandom.current().nextInt(10);
            CompletableFuture<JsonNode> answer = kind < 5 ? charger.connection().call("Heartbeat", "{}")
                    : kind < 9 ? charger.connection().call("MeterValues", OcppFleet.meterValues())
                    : charger.connection().call("StatusNotification", OcppFleet.status(1, status));
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
                latencies.record(System.nanoTime() - sent);
            });
        }
    }
}
