package org.dynamocsms.query.fleet;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;

import org.dynamocsms.query.generation.ReadTables;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The fleet summaries as {@link FleetSummaryPartStore} reads them, each kept in memory until the read store changes
 * it: every transaction that writes an organisation's parts notifies {@value #CHANNEL} with its id (PostgreSQL
 * delivers it to every query-api instance once committed), and a switch of generations notifies
 * {@value ReadTables#SWITCHED}. An answer is kept only if no notification for its
 * organisation came between the read and keeping it (so it cannot hide a later change), and nothing is kept while
 * the listening connection is down.
 */
@ApplicationScoped
public class FleetSummaries {

    /** The channel the fleet summary parts' writes notify, with the organisation id. */
    public static final String CHANNEL = "fleet_summary_part";
    private static final Logger LOG = Logger.getLogger(FleetSummaries.class);
    private static final int WAIT_MILLIS = 1_000;

    private record Kept(FleetSummaryJson summary, LocalDate day, long changes) {
    }

    @Inject
    FleetSummaryPartStore store;

    @Inject
    DataSource dataSource;

    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    /** Notifications per organisation; a change of every summary counts for all of them. */
    private final Map<String, AtomicLong> changes = new ConcurrentHashMap<>();
    private final AtomicLong everyChange = new AtomicLong();
    private volatile boolean listening;
    private volatile boolean stopped;
    private Thread listener;

    void start(@Observes StartupEvent event) {
        listener = new Thread(this::listen, "fleet-summary-changes");
        listener.setDaemon(true);
        listener.start();
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** The organisation's fleet summary with the energy of {@code today}. */
    public FleetSummaryJson summary(String organisationId, LocalDate today) throws SQLException {
        long before = changes(organisationId);
        Kept held = kept.get(organisationId);
        if (listening && held != null && held.changes() == before && held.day().equals(today)) {
            return held.summary();
        }
        FleetSummaryJson summary = store.summary(organisationId, today);
        if (listening && changes(organisationId) == before) {
            kept.put(organisationId, new Kept(summary, today, before));
        }
        return summary;
    }

    /** Whether it listens for changes, and so keeps summaries. */
    boolean listening() {
        return listening;
    }

    /** How many changes of the organisation's summary were notified, every summary's included. */
    long changes(String organisationId) {
        AtomicLong own = changes.get(organisationId);
        return everyChange.get() + (own != null ? own.get() : 0);
    }

    private void listen() {
        while (!stopped) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                    statement.execute("LISTEN " + ReadTables.SWITCHED);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                listening = true;
                while (!stopped) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            changed(notification);
                        }
                    }
                }
            } catch (SQLException e) {
                if (!stopped) {
                    LOG.warnf("Not listening for fleet summary changes (%s); reading every summary from the "
                            + "database until listening again", e.getMessage());
                }
            } finally {
                listening = false;
                everyChange.incrementAndGet();
                kept.clear();
            }
            sleepBeforeRetrying();
        }
    }

    private void changed(PGNotification notification) {
        if (notification.getName().equals(CHANNEL)) {
            changes.computeIfAbsent(notification.getParameter(), id -> new AtomicLong()).incrementAndGet();
        } else {
            everyChange.incrementAndGet();
        }
    }

    private void sleepBeforeRetrying() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
