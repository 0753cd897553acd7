package org.dynamocsms.ocpp.action;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Assigns OCPP 1.6 transaction ids (an integer, so 31 bits): the seconds since 2020-01-01T00:00:00Z at the
 * StartTransaction, or one more than the last id this gateway gave the same charger if that is larger. Ids are
 * therefore unique and increasing per charger, which is how the projections key transactions (charge point id,
 * transaction id); they are not unique across chargers, and they last until 2088.
 * <p>
 * Why not derive them from the telemetry record's partition and offset: TransactionStarted carries the id, so it
 * must be known before the record is sent, and the offsets of a topic that keeps every telemetry record forever
 * outgrow 31 bits within weeks at fleet rates. A charger that starts more than one transaction a second runs ahead
 * of the clock; if it then reconnects to another gateway within that lead, an id could repeat (a global sequence,
 * e.g. a counter in the registry, would close that gap).
 */
public final class TransactionIds {

    private static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");

    private final Map<String, Integer> lastByCharger = new ConcurrentHashMap<>();

    public int next(String chargePointId, Instant now) {
        int bySeconds = Math.toIntExact(now.getEpochSecond() - EPOCH.getEpochSecond());
        return lastByCharger.merge(chargePointId, bySeconds, (last, candidate) -> Math.max(last + 1, candidate));
    }

    /**
     * The integer id of an OCPP 2.0.1 transaction, whose station names it with a string: the first 31 bits of the
     * string's SHA-256. Every event of the transaction, on any gateway, after any restart, gets the same id, so the
     * projections key both versions' transactions alike. Two of a station's transactions share one with a
     * probability of 2^-31 (the live state tells apart the transactions running on a charger and its last 16
     * counted per connector: about one miscount in 100 million transactions).
     */
    public static int of(String ocppTransactionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ocppTransactionId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getInt() >>> 1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
