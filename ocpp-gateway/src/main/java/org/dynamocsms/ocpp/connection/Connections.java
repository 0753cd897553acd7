package org.dynamocsms.ocpp.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * The gateway's open connections, by WebSocket connection id, and each charger's current one. OCPP-J allows one
 * connection per charge point: when a charger opens a new connection while the gateway holds an older one (which
 * the charger may have lost without either side seeing it end), the newer supersedes the older, which is closed
 * ({@link ChargePointSession#supersede}). A connection silent for longer than twice the
 * heartbeat interval plus {@code csms.ocpp.heartbeat-grace} is closed as offline (checked every
 * {@code csms.ocpp.silence-check-interval}): any OCPP message counts, as a charger sends Heartbeat only when it has
 * nothing else to say.
 */
@ApplicationScoped
public class Connections {

    @Inject
    GatewaySettings settings;

    @Inject
    MeterRegistry registry;

    private final Map<String, ChargePointSession> sessions = new ConcurrentHashMap<>();
    /** By charge point id: the latest connection opened. */
    private final Map<String, ChargePointSession> current = new ConcurrentHashMap<>();

    @PostConstruct
    void meter() {
        Gauge.builder("ocpp.connections", sessions, Map::size).description("Open OCPP connections")
                .register(registry);
    }

    /** The session of connection {@code connectionId}, or null if it has none yet. */
    ChargePointSession session(String connectionId) {
        return sessions.get(connectionId);
    }

    /**
     * The session of connection {@code connectionId} of charger {@code chargePointId}, opened by {@code open} (which
     * records its ChargerConnected) if it has none yet; an older connection of the charger is then superseded. The
     * charger's connections are opened one at a time, so their records come in the order they become current, and
     * the older one's end is recorded after the newer one's start.
     */
    ChargePointSession open(String connectionId, String chargePointId, Supplier<ChargePointSession> open) {
        List<ChargePointSession> superseded = new ArrayList<>(1);
        ChargePointSession session = sessions.computeIfAbsent(connectionId, id ->
                current.compute(chargePointId, (charger, older) -> {
                    if (older != null) {
                        superseded.add(older);
                    }
                    return open.get();
                }));
        // outside both maps' locks: the close may call back into closed()
        superseded.forEach(ChargePointSession::supersede);
        return session;
    }

    ChargePointSession closed(String connectionId) {
        ChargePointSession session = sessions.remove(connectionId);
        if (session != null) {
            current.remove(session.chargePointId(), session);
        }
        return session;
    }

    /** The charger's current connection on this gateway, or null if it has none here. */
    public ChargePointSession current(String chargePointId) {
        return current.get(chargePointId);
    }

    /** How many chargers are connected. */
    public int count() {
        return sessions.size();
    }

    /** The longest a charger may stay silent. */
    Duration silenceLimit() {
        return settings.heartbeatInterval().multipliedBy(2).plus(settings.heartbeatGrace());
    }

    @Scheduled(every = "${csms.ocpp.silence-check-interval:10s}", identity = "ocpp-silence-check",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeSilent() {
        Duration limit = silenceLimit();
        sessions.values().forEach(session -> session.closeIfSilent(limit));
    }

    /** Ends the central system's calls that expired unanswered (or unsent) on their charger's connection. */
    @Scheduled(every = "${csms.ocpp.call-expiry-check-interval:1s}", identity = "ocpp-call-expiry-check",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireCalls() {
        sessions.values().forEach(ChargePointSession::expireCalls);
    }
}
