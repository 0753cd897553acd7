package org.dynamocsms.bench;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A simulated charger of the site load benchmark, as {@code tools/ocpp-simulator/load-sim.js} simulates one: one
 * connector of {@value #DEMAND_W} W whose car draws min(that, the limit of its latest TxProfile for the running
 * transaction), before that min(that, its TxDefaultProfile's limit), full demand before any limit. It charges and idles by turns for random durations (StartTransaction,
 * StatusNotification Charging, MeterValues every few seconds and at once after a new limit changed its draw,
 * StopTransaction, StatusNotification Available), its own calls one at a time; it answers every SetChargingProfile
 * Accepted. Sessions, acknowledged limits and draws go to {@link Reallocations}: a session starts and stops when the
 * charger has the CALLRESULT; the car starts drawing then, and stops when the StopTransaction is sent (it has gone).
 */
final class LoadCharger {

    static final long DEMAND_W = 22_000;
    /** How the charger is registered: its one connector's rated power is what the allocator caps a session at. */
    static final String CONNECTORS = "[{\"connector_id\":1,\"type\":\"Type2\",\"max_power_kw\":22}]";
    private static final long CALL_TIMEOUT_S = 30;
    private static final String ACCEPTED = "{\"status\":\"Accepted\"}";

    /** How long sessions last and how often a charging charger reports its draw, in seconds. */
    record Timing(int chargeMin, int chargeMax, int idleMin, int idleMax, int meterEvery) {
    }

    private final String id;
    private final String siteId;
    private final OcppConnection connection;
    private final Timing timing;
    private final Reallocations seen;
    private final ScheduledExecutorService timers;
    private final AtomicReference<Latencies> callLatencies;
    private final List<String> problems;
    private final AtomicLong profiles = new AtomicLong();
    private volatile boolean cycling = true;
    // guarded by this
    private CompletableFuture<?> lastCall = CompletableFuture.completedFuture(null);
    private Integer transactionId;
    private long drawW;
    private long drawSince = System.nanoTime();
    private double energyWh;
    private boolean meterQueued;
    private ScheduledFuture<?> meters;
    /** A TxProfile for a transaction this charger did not know yet: its answer may come after the profile. */
    private int earlyTransactionId = -1;
    private long earlyLimitW;
    /** The limit of the charger's TxDefaultProfile: a session draws it until its own TxProfile comes. */
    private long defaultLimitW = DEMAND_W;

    LoadCharger(String id, String siteId, OcppConnection connection, Timing timing, Reallocations seen,
                ScheduledExecutorService timers, AtomicReference<Latencies> callLatencies, List<String> problems) {
        this.id = id;
        this.siteId = siteId;
        this.connection = connection;
        this.timing = timing;
        this.seen = seen;
        this.timers = timers;
        this.callLatencies = callLatencies;
        this.problems = problems;
        connection.answerCalls(this::answer);
    }

    /** Starts its first session after a random part of the longest idle time. */
    void begin() {
        timers.schedule(this::startSession, ThreadLocalRandom.current().nextLong(timing.idleMax() * 1000L + 1),
                TimeUnit.MILLISECONDS);
    }

    /** Starts and stops no more sessions: a running one keeps charging and reporting. */
    void freeze() {
        cycling = false;
    }

    /** The SetChargingProfile calls it has received. */
    long profiles() {
        return profiles.get();
    }

    private void startSession() {
        if (!cycling) {
            return;
        }
        call("StartTransaction", () -> "{\"connectorId\":1,\"idTag\":\"" + ChargingSessions.ID_TAG
                + "\",\"meterStart\":" + register() + ",\"timestamp\":\"" + Instant.now() + "\"}")
                .thenAccept(answer -> {
                    long at = System.nanoTime();
                    int started = answer.path("transactionId").asInt(-1);
                    if (started < 0) {
                        problems.add(id + ": StartTransaction answered without a transactionId: " + answer);
                        return;
                    }
                    synchronized (this) {
                        transactionId = started;
                        seen.session(siteId, id, started, true, at);
                        setDraw(Math.min(DEMAND_W, earlyTransactionId == started ? earlyLimitW : defaultLimitW), at);
                        meters = timers.scheduleAtFixedRate(this::meterValues, timing.meterEvery(),
                                timing.meterEvery(), TimeUnit.SECONDS);
                    }
                    call("StatusNotification", () -> OcppFleet.status(1, "Charging"));
                    timers.schedule(this::stopSession, seconds(timing.chargeMin(), timing.chargeMax()),
                            TimeUnit.MILLISECONDS);
                });
    }

    private void stopSession() {
        if (!cycling) {
            return;
        }
        call("StopTransaction", () -> {
            // the car is gone before its charger says so: it draws nothing from the moment the stop is sent
            setDraw(0, System.nanoTime());
            return "{\"transactionId\":" + transactionId() + ",\"idTag\":\"" + ChargingSessions.ID_TAG
                    + "\",\"meterStop\":" + register() + ",\"timestamp\":\"" + Instant.now()
                    + "\",\"reason\":\"EVDisconnected\"}";
        })
                .thenAccept(answer -> {
                    long at = System.nanoTime();
                    synchronized (this) {
                        seen.session(siteId, id, transactionId, false, at);
                        setDraw(0, at);
                        transactionId = null;
                        meters.cancel(false);
                    }
                    call("StatusNotification", () -> OcppFleet.status(1, "Available"));
                    timers.schedule(this::startSession, seconds(timing.idleMin(), timing.idleMax()),
                            TimeUnit.MILLISECONDS);
                });
    }

    /** Reports the draw, unless a report is already waiting to be sent (it will carry the latest). */
    private void meterValues() {
        synchronized (this) {
            if (meterQueued || transactionId == null) {
                return;
            }
            meterQueued = true;
        }
        call("MeterValues", () -> {
            synchronized (this) {
                meterQueued = false;
                if (transactionId == null) {
                    return null;
                }
                return "{\"connectorId\":1,\"transactionId\":" + transactionId + ",\"meterValue\":[{\"timestamp\":\""
                        + Instant.now() + "\",\"sampledValue\":[" + sample(drawW, "Power.Active.Import", "W") + ","
                        + sample(register(), "Energy.Active.Import.Register", "Wh") + "]}]}";
            }
        });
    }

    /** The central system's CALLs: a TxProfile limits the car at once and is acknowledged. */
    private String answer(JsonNode frame) {
        long at;
        String action = frame.get(2).asText();
        JsonNode profile = frame.get(3).path("csChargingProfiles");
        if (!"SetChargingProfile".equals(action)) {
            problems.add(id + ": unexpected call " + frame);
            return null;
        }
        if ("TxDefaultProfile".equals(profile.path("chargingProfilePurpose").asText())) {
            synchronized (this) {
                defaultLimitW = profile.path("chargingSchedule").path("chargingSchedulePeriod").path(0).path("limit")
                        .asLong();
            }
            return ACCEPTED;
        }
        if (!"TxProfile".equals(profile.path("chargingProfilePurpose").asText())) {
            problems.add(id + ": an unexpected profile " + frame);
            return "{\"status\":\"Rejected\"}";
        }
        JsonNode schedule = profile.path("chargingSchedule");
        if (!"W".equals(schedule.path("chargingRateUnit").asText()) || !profile.has("transactionId")) {
            problems.add(id + ": a TxProfile not in W or without a transactionId: " + frame);
            return "{\"status\":\"Rejected\"}";
        }
        profiles.incrementAndGet();
        int transaction = profile.path("transactionId").asInt();
        long limitW = schedule.path("chargingSchedulePeriod").path(0).path("limit").asLong();
        boolean changed;
        synchronized (this) {
            // acknowledged when applied: the same moment as the draw it changes, not before a wait for the lock
            at = System.nanoTime();
            seen.profile(siteId, id, transaction, limitW, at);
            if (transactionId != null && transactionId == transaction) {
                changed = setDraw(Math.min(DEMAND_W, limitW), at);
            } else {
                earlyTransactionId = transaction;
                earlyLimitW = limitW;
                changed = false;
            }
        }
        if (changed) {
            timers.execute(this::meterValues); // after the answer
        }
        return ACCEPTED;
    }

    /**
     * Sends a CALL after the previous one was answered, its payload made then (null: nothing to send); completes
     * with the CALLRESULT's payload, or exceptionally (a problem) on a CALLERROR or no answer.
     */
    private synchronized CompletableFuture<JsonNode> call(String action, Supplier<String> payload) {
        CompletableFuture<JsonNode> answer = lastCall.handle((previous, e) -> null).thenCompose(previous -> {
            String json = payload.get();
            if (json == null) {
                return CompletableFuture.completedFuture(null);
            }
            long sent = System.nanoTime();
            return connection.call(action, json).orTimeout(CALL_TIMEOUT_S, TimeUnit.SECONDS).thenApply(frame -> {
                callLatencies.get().record(System.nanoTime() - sent);
                if (frame.get(0).asInt() != 3) {
                    throw new IllegalStateException(action + " answered " + frame);
                }
                return frame.get(2);
            });
        });
        lastCall = answer;
        return answer.whenComplete((result, e) -> {
            if (e != null) {
                problems.add(id + " " + action + ": " + e);
            }
        }).thenCompose(result -> result == null ? new CompletableFuture<>() : CompletableFuture.completedFuture(result));
    }

    /** Draws {@code watts} from {@code at} on; false if it drew that already. */
    private synchronized boolean setDraw(long watts, long at) {
        if (watts == drawW) {
            return false;
        }
        energyWh = energyAt(at);
        drawSince = at;
        drawW = watts;
        seen.draw(siteId, id, watts, at);
        return true;
    }

    private synchronized long register() {
        return Math.round(energyAt(System.nanoTime()));
    }

    private synchronized Integer transactionId() {
        return transactionId;
    }

    private double energyAt(long at) {
        return energyWh + drawW * ((at - drawSince) / 3.6e12);
    }

    private static long seconds(int min, int max) {
        return ThreadLocalRandom.current().nextLong(min * 1000L, max * 1000L + 1);
    }

    private static String sample(long value, String measurand, String unit) {
        return "{\"value\":\"" + value + "\",\"context\":\"Sample.Periodic\",\"measurand\":\"" + measurand
                + "\",\"unit\":\"" + unit + "\"}";
    }
}
