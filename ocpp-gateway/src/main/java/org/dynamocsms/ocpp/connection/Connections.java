package org.dynamocsms.ocpp.connection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

/**
 * The gateway's open connections, by WebSocket connection id. A connection silent for longer than twice the
 * heartbeat interval plus {@code csms.ocpp.heartbeat-grace} is closed as offline (checked every
 * {@code csms.ocpp.silence-check-interval}): any OCPP message counts, as a charger sends Heartbeat only when it has
 * nothing else to say.
 */
@ApplicationScoped
public class Connections {

    @Inject
    GatewaySettings settings;

    private final Map<String, ChargePointSession> sessions = new ConcurrentHashMap<>();

    /** The session of connection {@code connectionId}, or null if it has none yet. */
    ChargePointSession session(String connectionId) {
        return sessions.get(connectionId);
    }

    /** The session of connection {@code connectionId}, opened by {@code open} if it has none yet. */
    ChargePointSession open(String connectionId, Supplier<ChargePointSession> open) {
        return sessions.computeIfAbsent(connectionId, id -> open.get());
    }

    ChargePointSession closed(String connectionId) {
        return sessions.remove(connectionId);
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
}
