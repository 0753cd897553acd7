package org.dynamocsms.query;

import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets a read see the caller's own write: given the {@link ConsistencyToken} the write answered with, waits
 * (bounded by {@code csms.query.consistency-wait}) until the read store holds that aggregate at the token's
 * version or later. It polls the database rather than listening to the local ingestion, because with several
 * query-api instances another instance may be the one that writes the row.
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

    private final Duration maxWait;

    public ReadYourWrites(@ConfigProperty(name = "csms.query.consistency-wait", defaultValue = "2s") Duration maxWait) {
        this.maxWait = maxWait;
    }

    /**
     * Waits for the token's write to be readable; null {@code header} (no token) returns null at once.
     * A malformed token is a 400 naming the header.
     *
     * @return the {@link ConsistencyToken#STATUS_HEADER} value to answer with, or null without a token
     */
    public String await(String header, Versions versions) {
        if (header == null) {
            return null;
        }
        ConsistencyToken token = ConsistencyToken.parse(header);
        long deadline = System.nanoTime() + maxWait.toNanos();
        try {
            while (true) {
                OptionalLong version = versions.of(token.aggregateId());
                if (version.isPresent() && version.getAsLong() >= token.version()) {
                    return REACHED;
                }
                if (System.nanoTime() >= deadline) {
                    return TIMED_OUT;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the version of " + token.aggregateId(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TIMED_OUT;
        }
    }

    /** Tells a client that sent a Consistency-Token whether the answer reflects its write (404s included). */
    public static Response answer(Response response, String consistencyStatus) {
        return consistencyStatus == null ? response
                : Response.fromResponse(response).header(ConsistencyToken.STATUS_HEADER, consistencyStatus).build();
    }
}
