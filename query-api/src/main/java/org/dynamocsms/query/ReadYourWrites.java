package org.dynamocsms.query;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets a read see the caller's own write: waits (bounded by {@code csms.query.consistency-wait}) until the read store
 * holds the aggregate at the version the write left it, or later. The versions come from the {@link
 * ConsistencyToken} the write answered with, or, without one, from the organisation's {@link RecentWrites} of the
 * resource read (command-service records them before it answers). It polls the database rather than listening to
 * the local ingestion, because with several query-api instances another instance may be the one that writes the row.
 */
@ApplicationScoped
public class ReadYourWrites {

    /**
     * The values of {@link ConsistencyToken#STATUS_HEADER}: {@value #REACHED} or {@value #TIMED_OUT} (the answer
     * may then miss the write; the client can retry).
     */
    public static final String REACHED = "reached";
    public static final String TIMED_OUT = "timed-out";

    private static final long POLL_MILLIS = 10;

    /** The read store's version of an aggregate, empty while it has none. */
    @FunctionalInterface
    public interface Versions {
        OptionalLong of(String aggregateId) throws SQLException;
    }

    /** The versions recent writes of an organisation left a resource at: aggregate id → version. */
    @FunctionalInterface
    public interface RecentWrites {
        Map<String, Long> of(String organisationId, String resource) throws SQLException;
    }

    private final Duration maxWait;
    private final RecentWrites recentWrites;

    @Inject
    public ReadYourWrites(@ConfigProperty(name = "csms.query.consistency-wait", defaultValue = "2s") Duration maxWait,
                          RecentWriteStore recentWrites) {
        this(maxWait, (RecentWrites) recentWrites); // the cast picks the constructor below
    }

    public ReadYourWrites(Duration maxWait, RecentWrites recentWrites) {
        this.maxWait = maxWait;
        this.recentWrites = recentWrites;
    }

    /**
     * Waits until a read of {@code resource} ({@link org.dynamocsms.platform.consistency.Resources}; null for a list)
     * can see the write the token names, or without a token the organisation's recent writes of it. A malformed
     * token is a 400 naming the header.
     *
     * @return the {@link ConsistencyToken#STATUS_HEADER} value to answer with, or null when there was nothing to wait
     *         for
     */
    public String await(String header, String organisationId, String resource, Versions versions) {
        Map<String, Long> awaited = awaited(header, organisationId, resource);
        if (awaited.isEmpty()) {
            return null;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        try {
            while (true) {
                for (var it = awaited.entrySet().iterator(); it.hasNext(); ) {
                    var write = it.next();
                    OptionalLong version = versions.of(write.getKey());
                    if (version.isPresent() && version.getAsLong() >= write.getValue()) {
                        it.remove();
                    }
                }
                if (awaited.isEmpty()) {
                    return REACHED;
                }
                if (System.nanoTime() >= deadline) {
                    return TIMED_OUT;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the versions of " + awaited.keySet(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TIMED_OUT;
        }
    }

    private Map<String, Long> awaited(String header, String organisationId, String resource) {
        if (header != null) {
            ConsistencyToken token = ConsistencyToken.parse(header);
            return new HashMap<>(Map.of(token.aggregateId(), token.version()));
        }
        if (resource == null) {
            return Map.of();
        }
        try {
            return new HashMap<>(recentWrites.of(organisationId, resource));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the recent writes of " + resource, e);
        }
    }

    /** Tells a client whose read waited for a write whether the answer reflects it (404s included). */
    public static Response answer(Response response, String consistencyStatus) {
        return consistencyStatus == null ? response
                : Response.fromResponse(response).header(ConsistencyToken.STATUS_HEADER, consistencyStatus).build();
    }
}
