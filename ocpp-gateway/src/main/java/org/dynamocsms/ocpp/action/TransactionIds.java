package org.dynamocsms.ocpp.action;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Assigns OCPP transaction ids (an OCPP 1.6 integer, so 31 bits): the seconds since 2020-01-01T00:00:00Z at the
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
}
