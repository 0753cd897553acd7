package org.dynamocsms.platform.health;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The answer of {@code source}, asked again only once the last answer is {@code ttl} old; callers arriving while it
 * is being asked wait for that answer instead of asking too.
 */
final class Cached<T> {

    private final Supplier<T> source;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private T value;
    private long answeredAt;

    Cached(Supplier<T> source, Duration ttl, LongSupplier nanoTime) {
        this.source = source;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    synchronized T get() {
        if (value == null || nanoTime.getAsLong() - answeredAt >= ttlNanos) {
            value = source.get();
            // from the answer, not the question: a slow answer is still reused for the whole period
            answeredAt = nanoTime.getAsLong();
        }
        return value;
    }
}
