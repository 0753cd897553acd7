package org.dynamocsms.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A steady rate of calls from connected chargers, round robin, in ticks of 10 ms, each charger's next call chosen
 * by its own {@link ChargerCalls}; a charger still waiting for an answer is skipped (OCPP-J allows one outstanding
 * call). Counts answers (per action), CALLERRORs (and failed calls) and CALLRESULT latencies.
 */
final class OcppLoad implements AutoCloseable {

    private static final int TICKS_PER_SECOND = 100;

    private final List<OcppFleet.Charger> chargers;
    private final List<ChargerCalls> calls;
    private final int callsPerSecond;
    private final List<String> problems;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong answered = new AtomicLong();
    private final Map<String, LongAdder> answeredByAction = new ConcurrentHashMap<>();
    private final AtomicLong callErrors = new AtomicLong();
    private final AtomicLong skippedBusy = new AtomicLong();
    private volatile Latencies latencies = new Latencies();
    private double owed;
    private int next;

    /** {@code calls}: makes the source of calls (the mix) of the charger at each index of the list. Starts at once. */
    OcppLoad(List<OcppFleet.Charger> chargers, IntFunction<ChargerCalls> calls, int callsPerSecond,
             List<String> problems) {
        this.chargers = chargers;
        this.calls = IntStream.range(0, chargers.size()).mapToObj(calls).toList();
        this.callsPerSecond = callsPerSecond;
        this.problems = problems;
        ticks.scheduleAtFixedRate(this::tick, 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
    }

    long answered() {
        return answered.get();
    }

    /** The calls answered so far, by action. */
    Map<String, Long> answeredByAction() {
        Map<String, Long> counts = new TreeMap<>();
        answeredByAction.forEach((action, count) -> counts.put(action, count.sum()));
        return counts;
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
            int index = next;
            next = (next + 1) % chargers.size();
            OcppFleet.Charger charger = chargers.get(index);
            if (!charger.busy().compareAndSet(false, true)) {
                skippedBusy.incrementAndGet();
                continue;
            }
            ChargerCalls source = calls.get(index);
            long sent = System.nanoTime();
            OcppCall call = source.next(Instant.now());
            charger.connection().call(call.action(), call.payload()).orTimeout(30, TimeUnit.SECONDS)
                    .whenComplete((frame, e) -> {
                        // the charger's state moves on before it may send again
                        String failure;
                        if (e != null) {
                            failure = String.valueOf(e);
                        } else if (frame.get(0).asInt() != 3) {
                            failure = call.action() + " " + call.payload() + " answered " + frame;
                        } else {
                            failure = answer(source, frame);
                        }
                        charger.busy().set(false);
                        if (failure != null) {
                            callErrors.incrementAndGet();
                            if (problems.size() < 100) {
                                problems.add("charger " + charger.id() + ": " + failure);
                            }
                            return;
                        }
                        answered.incrementAndGet();
                        answeredByAction.computeIfAbsent(call.counted(), a -> new LongAdder()).increment();
                        latencies.record(System.nanoTime() - sent);
                    });
        }
    }

    /** Hands a CALLRESULT to the charger's calls; answers why it could not take it, or null. */
    private static String answer(ChargerCalls source, JsonNode frame) {
        try {
            source.answered(frame.get(2));
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}
