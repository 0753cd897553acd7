package org.dynamocsms.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One charger with a single connector living through gateway crashes, on its own thread: boots, then idles, charges
 * (StartTransaction, Charging, MeterValues, StopTransaction, Available), faults now and then and rarely sends a
 * Heartbeat. When its connection dies it reconnects every second and reboots, ending a transaction the reboot
 * interrupted (StopTransaction, reason PowerLoss) before it reports Available. It remembers the last status the
 * gateway answered with a CALLRESULT: what the fleet endpoints must show once it is connected.
 */
final class SimulatedCharger implements Runnable {

    /** Counts shared by every charger of a run. */
    record Tally(AtomicLong answered, AtomicLong callErrors, AtomicLong reconnects, List<String> problems) {
        Tally(List<String> problems) {
            this(new AtomicLong(), new AtomicLong(), new AtomicLong(), problems);
        }
    }

    private static final long CALL_TIMEOUT_S = 30;
    private static final long RECONNECT_MILLIS = 1_000;

    private final String id;
    private final String password;
    private final String base;
    private final HttpClient client;
    private final Tally tally;
    private volatile boolean running = true;
    private volatile OcppConnection connection;
    private volatile String reported;
    private volatile Integer transactionId;
    /** CALLRESULTs received, by action: each is a telemetry record the gateway wrote before answering. */
    private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    /** A StartTransaction sent but not answered: OCPP 1.6 wants it delivered, so it is sent again after a reboot. */
    private String unansweredStart;
    private int meterWh;

    /** {@code base} like {@code ws://127.0.0.1:8080}; the charger is registered with {@code password}. */
    SimulatedCharger(String id, String password, String base, HttpClient client, Tally tally) {
        this.id = id;
        this.password = password;
        this.base = base;
        this.client = client;
        this.tally = tally;
    }

    String id() {
        return id;
    }

    /** The last status answered with a CALLRESULT (Available, Charging or Faulted), null before the first. */
    String reported() {
        return reported;
    }

    /** Whether a transaction the gateway accepted is still going. */
    boolean inTransaction() {
        return transactionId != null;
    }

    /** The calls answered with a CALLRESULT so far, by OCPP action. */
    Map<String, Integer> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    boolean connected() {
        OcppConnection c = connection;
        return c != null && !c.closed().isDone();
    }

    /** Ends the loop after its current step; the connection stays open. */
    void stop() {
        running = false;
    }

    void abort() {
        OcppConnection c = connection;
        if (c != null) {
            c.abort();
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (!connected()) {
                    boot();
                } else {
                    act();
                }
                pause(ThreadLocalRandom.current().nextLong(1_000, 3_000));
            } catch (IOException lost) {
                abort();
                connection = null;
                pause(RECONNECT_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void boot() throws IOException, InterruptedException {
        connection = await(OcppConnection.open(client, base, id, password, "ocpp1.6"));
        tally.reconnects().incrementAndGet();
        JsonNode boot = call("BootNotification", "{\"chargePointVendor\":\"Bench\",\"chargePointModel\":\"Crash\"}");
        if (boot == null || !"Accepted".equals(boot.path("status").asText())) {
            throw new IOException("boot not accepted: " + boot); // try again on a new connection
        }
        if (unansweredStart != null) {
            startTransaction(unansweredStart);
        }
        if (transactionId != null) {
            stopTransaction("PowerLoss");
        }
        status("Available");
    }

    private void act() throws IOException, InterruptedException {
        int dice = ThreadLocalRandom.current().nextInt(100);
        if ("Faulted".equals(reported)) {
            if (dice < 50) {
                status("Available");
            }
        } else if (transactionId == null) {
            if (dice < 25) {
                meterWh += 10;
                startTransaction(String.format(Locale.ROOT,
                        "{\"connectorId\":1,\"idTag\":\"BENCH\",\"meterStart\":%d,\"timestamp\":\"%s\"}",
                        meterWh, Instant.now()));
                if (transactionId != null) {
                    status("Charging");
                }
            } else if (dice < 28) {
                status("Faulted");
            } else if (dice < 31) {
                call("Heartbeat", "{}");
            }
        } else if (dice < 70) {
            meterWh += ThreadLocalRandom.current().nextInt(100, 2_000);
            call("MeterValues", String.format(Locale.ROOT, "{\"connectorId\":1,\"transactionId\":%d,\"meterValue\":"
                    + "[{\"timestamp\":\"%s\",\"sampledValue\":[{\"value\":\"%d\",\"measurand\":"
                    + "\"Energy.Active.Import.Register\",\"unit\":\"Wh\"},{\"value\":\"%d\",\"measurand\":"
                    + "\"Power.Active.Import\",\"unit\":\"W\"}]}]}", transactionId, Instant.now(), meterWh,
                    ThreadLocalRandom.current().nextInt(1_000, 22_000)));
        } else if (dice < 85) {
            stopTransaction("Local");
            status("Available");
        }
    }

    private void startTransaction(String payload) throws IOException, InterruptedException {
        unansweredStart = payload;
        JsonNode started = call("StartTransaction", payload);
        unansweredStart = null;
        if (started != null) {
            transactionId = started.path("transactionId").asInt();
        }
    }

    private void stopTransaction(String reason) throws IOException, InterruptedException {
        meterWh += 10;
        if (call("StopTransaction", String.format(Locale.ROOT,
                "{\"transactionId\":%d,\"meterStop\":%d,\"timestamp\":\"%s\",\"reason\":\"%s\"}",
                transactionId, meterWh, Instant.now(), reason)) != null) {
            transactionId = null;
        }
    }

    private void status(String status) throws IOException, InterruptedException {
        if (call("StatusNotification", "{\"connectorId\":1,\"errorCode\":\""
                + ("Faulted".equals(status) ? "GroundFailure" : "NoError") + "\",\"status\":\"" + status
                + "\",\"timestamp\":\"" + Instant.now() + "\"}") != null) {
            reported = status;
        }
    }

    /** The CALLRESULT's payload; null after a CALLERROR (counted: there should be none). */
    private JsonNode call(String action, String payload) throws IOException, InterruptedException {
        JsonNode frame = await(connection.call(action, payload));
        if (frame.get(0).asInt() == 3) {
            tally.answered().incrementAndGet();
            acknowledged.merge(action, 1, Integer::sum);
            return frame.get(2);
        }
        tally.callErrors().incrementAndGet();
        tally.problems().add("charger " + id + ": " + action + " answered " + frame);
        return null;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future)
            throws IOException, InterruptedException {
        try {
            return future.get(CALL_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(e);
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
