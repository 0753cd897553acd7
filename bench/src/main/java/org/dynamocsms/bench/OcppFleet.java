package org.dynamocsms.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The simulated chargers of one OCPP benchmark run: their ids and password, their registration over HTTP, the
 * WebSocket clients they connect through, and how each connects and boots (BootNotification, then a
 * StatusNotification per connector), as the OCPP and the reconnect-storm benchmarks share them. Each speaks OCPP 1.6,
 * or 2.0.1 where the fleet says so (a mixed fleet).
 */
final class OcppFleet {

    static final String PASSWORD = "bench-ocpp-password-0123";
    private static final int CLIENTS = 4;
    private static final String BOOT = "{\"chargePointVendor\":\"Bench\",\"chargePointModel\":\"Simulated\"}";
    private static final String BOOT_201 = "{\"reason\":\"PowerUp\",\"chargingStation\":{\"vendorName\":\"Bench\","
            + "\"model\":\"Simulated\"}}";

    /** One simulated charger: its connection and whether its one allowed CALL is outstanding. */
    record Charger(String id, OcppConnection connection, AtomicBoolean busy) {
    }

    private final String base;
    private final List<HttpClient> clients = new ArrayList<>();
    private final String runId = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    /** The step each charger still connecting is at. */
    private final Map<String, String> stages = new ConcurrentHashMap<>();
    private volatile Function<JsonNode, String> answers = frame -> null;
    private final IntPredicate ocpp201;

    /** A fleet of OCPP 1.6 chargers. */
    OcppFleet(URI baseUrl) {
        this(baseUrl, i -> false);
    }

    /** A fleet whose charger {@code i} speaks OCPP 2.0.1 where {@code ocpp201} holds, else 1.6. */
    OcppFleet(URI baseUrl, IntPredicate ocpp201) {
        this.ocpp201 = ocpp201;
        this.base = "ws://" + baseUrl.getHost() + ":" + baseUrl.getPort();
        for (int i = 0; i < CLIENTS; i++) { // each JDK HttpClient has one selector thread: spread the sockets
            clients.add(HttpClient.newHttpClient());
        }
    }

    /** What tells this run's chargers (and sites) from earlier runs'. */
    String runId() {
        return runId;
    }

    String chargerId(int i) {
        return String.format(Locale.ROOT, "OCPP-%s-%05d", runId, i);
    }

    /** Registers chargers 0 to count - 1 with the password; failures go to {@code problems}. */
    void register(SitesClient api, int count, List<String> problems) throws InterruptedException {
        register(api, count, i -> null, problems);
    }

    /**
     * Registers chargers 0 to count - 1 with the password and {@code connectors.apply(i)} (a JSON array, or null for
     * none); failures go to {@code problems}.
     */
    void register(SitesClient api, int count, IntFunction<String> connectors, List<String> problems)
            throws InterruptedException {
        Parallel.run(count, 32, i -> () -> api.registerCharger(chargerId(i), PASSWORD, connectors.apply(i)),
                problems);
    }

    /** How the chargers opened from now on answer the central system's CALLs (see OcppConnection#answerCalls). */
    void answerCalls(Function<JsonNode, String> answers) {
        this.answers = answers;
    }

    /** Whether charger {@code i} speaks OCPP 2.0.1. */
    boolean ocpp201(int i) {
        return ocpp201.test(i);
    }

    /** Opens charger {@code i}'s WebSocket (Basic auth, subprotocol ocpp1.6 or ocpp2.0.1). */
    CompletableFuture<OcppConnection> open(int i) {
        Function<JsonNode, String> answering = answers;
        return OcppConnection.open(clients.get(i % CLIENTS), base, chargerId(i), PASSWORD,
                        ocpp201(i) ? "ocpp2.0.1" : "ocpp1.6")
                .thenApply(connection -> {
                    connection.answerCalls(answering);
                    return connection;
                });
    }

    /**
     * Connects chargers 0 to count - 1 at {@code perSecond}, boots each and reports {@code status} for its
     * connectors 1 to {@code connectors.applyAsInt(i)}; answers those that got that far within 5 minutes, in id order (the
     * others' failures go to {@code problems}, and {@link #stuck} says where each is stuck).
     */
    List<Charger> connectAll(int count, int perSecond, IntUnaryOperator connectors, String status,
                            List<String> problems)
            throws InterruptedException {
        List<Charger> chargers = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> booted = new ArrayList<>();
        long pause = Math.max(1, 1000L * 50 / perSecond);
        for (int i = 0; i < count; i++) {
            String id = chargerId(i);
            int connectorCount = connectors.applyAsInt(i);
            boolean v201 = ocpp201(i);
            stages.put(id, "WebSocket upgrade sent");
            booted.add(open(i)
                    .thenCompose(connection -> {
                        stages.put(id, "open, BootNotification sent");
                        return connection.call("BootNotification", v201 ? BOOT_201 : BOOT)
                                .thenCompose(boot -> {
                                    stages.put(id, "booted, StatusNotification sent");
                                    return statuses(connection, connectorCount, status, v201);
                                })
                                .thenAccept(ready -> {
                                    stages.remove(id);
                                    chargers.add(new Charger(id, connection, new AtomicBoolean()));
                                });
                    })
                    .exceptionally(e -> {
                        problems.add("charger " + id + ": " + e);
                        return null;
                    }));
            if (i % 50 == 49) {
                Thread.sleep(pause);
            }
        }
        CompletableFuture.allOf(booted.toArray(CompletableFuture[]::new)).orTimeout(5, TimeUnit.MINUTES)
                .exceptionally(e -> null).join();
        List<Charger> sorted = new ArrayList<>(chargers);
        sorted.sort((a, b) -> a.id().compareTo(b.id()));
        return sorted;
    }

    /** The chargers {@link #connectAll} left unfinished, with the step each waits for. */
    Map<String, String> stuck() {
        return stages;
    }

    static CompletableFuture<JsonNode> bootNotification(OcppConnection connection) {
        return connection.call("BootNotification", BOOT);
    }

    /** OCPP 1.6 StatusNotification {@code status} for connectors 1 to {@code connectors}, one after the other. */
    static CompletableFuture<Void> statuses(OcppConnection connection, int connectors, String status) {
        return statuses(connection, connectors, status, false);
    }

    /** StatusNotification {@code status} for connectors (2.0.1: EVSEs) 1 to {@code connectors}, one after the other. */
    static CompletableFuture<Void> statuses(OcppConnection connection, int connectors, String status,
                                            boolean ocpp201) {
        CompletableFuture<Void> sent = CompletableFuture.completedFuture(null);
        for (int connector = 1; connector <= connectors; connector++) {
            int c = connector;
            sent = sent.thenCompose(previous -> connection.call("StatusNotification",
                            ocpp201 ? status201(c, status, Instant.now()) : status(c, status)))
                    .thenAccept(answer -> {
                        if (answer.get(0).asInt() != 3) {
                            throw new IllegalStateException("StatusNotification answered " + answer);
                        }
                    });
        }
        return sent;
    }

    static String status(int connector, String status) {
        return status(connector, status, Instant.now());
    }

    /** An OCPP 2.0.1 StatusNotification payload of EVSE {@code evse}'s connector 1 ({@code status} is 2.0.1's). */
    static String status201(int evse, String status, Instant at) {
        return "{\"timestamp\":\"" + at + "\",\"connectorStatus\":\"" + status + "\",\"evseId\":" + evse
                + ",\"connectorId\":1}";
    }

    /** A StatusNotification payload; Faulted comes with error code GroundFailure. */
    static String status(int connector, String status, Instant at) {
        return "{\"connectorId\":" + connector + ",\"errorCode\":\""
                + ("Faulted".equals(status) ? "GroundFailure" : "NoError") + "\",\"status\":\"" + status
                + "\",\"timestamp\":\"" + at + "\"}";
    }
}
