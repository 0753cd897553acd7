package org.dynamocsms.projection.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.schemas.analytics.TimelinePoint;

/**
 * A charger's facts in the store of all chargers' facts, keyed {@code <charge point id> NUL <at> <rank> <event id>}
 * so that the store's byte order is {@link TimelinePoints#ORDER}: no charge point id holds a NUL, and at is the
 * epoch milliseconds with the sign bit flipped, in 16 hex digits (years 0001 to 9999 alike). Event ids are ASCII,
 * where UTF-8's byte order is String's.
 */
final class StoredFacts implements TimelineFacts {

    private final KeyValueStore<String, TimelinePoint> store;
    private final String chargePointId;
    private final String prefix;

    StoredFacts(KeyValueStore<String, TimelinePoint> store, String chargePointId) {
        this.store = store;
        this.chargePointId = chargePointId;
        this.prefix = chargePointId + '\0';
    }

    /** The key of {@code point}, a fact of charger {@code chargePointId}. */
    static String key(String chargePointId, TimelinePoint point) {
        return instant(chargePointId + '\0', point.getAt()) + TimelinePoints.rank(point.getKind())
                + point.getEventId();
    }

    @Override
    public List<TimelinePoint> between(Instant after, Instant upTo) {
        return read(after, upTo == null ? end() : instant(prefix, upTo) + "4", fact -> false);
    }

    @Override
    public List<TimelinePoint> betweenAndNext(Instant after, Instant upTo) {
        return read(after, end(), fact -> TimelineFacts.isNext(fact, upTo));
    }

    /** The facts after {@code after} (null: from the first) before key {@code to}, up to the first {@code last}. */
    private List<TimelinePoint> read(Instant after, String to, Predicate<TimelinePoint> last) {
        // ranks are single digits: after the instant's last key comes its prefix and "4"
        String from = after == null ? prefix : instant(prefix, after) + "4";
        List<TimelinePoint> facts = new ArrayList<>();
        try (KeyValueIterator<String, TimelinePoint> range = store.range(from, to)) {
            while (range.hasNext()) {
                TimelinePoint fact = range.next().value;
                facts.add(fact);
                if (last.test(fact)) {
                    break;
                }
            }
        }
        return facts;
    }

    /** After the charger's last key. */
    private String end() {
        return chargePointId + '\1';
    }

    @Override
    public void put(TimelinePoint point) {
        store.put(key(chargePointId, point), point);
    }

    @Override
    public void removeUpTo(Instant at) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, TimelinePoint> range = store.range(prefix, instant(prefix, at) + "4")) {
            range.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }

    private static String instant(String prefix, Instant at) {
        String hex = Long.toHexString(at.toEpochMilli() ^ Long.MIN_VALUE);
        return prefix + "0".repeat(16 - hex.length()) + hex;
    }
}
