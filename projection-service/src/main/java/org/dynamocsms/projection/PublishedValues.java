package org.dynamocsms.projection;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A processor's own store whose every change goes downstream under the same key, as a KTable's does: when the
 * application's record cache flushes the store (at each commit, or when the cache is full), so that a key's changes
 * within a commit go downstream as one record; at once when the application has no cache. Exactly-once makes a
 * result visible only when its transaction commits, and the cache is flushed before that, so the wait costs no
 * freshness. The most recently used values are kept as objects ({@link RecentValues}).
 * <p>
 * The flush is Kafka Streams' own cache flush listener, which its KTable processors use (an internal API, checked by
 * {@code PublishedValuesTest} at each Kafka upgrade). Create it in {@code init}: the listener forwards as the
 * processor being initialised.
 */
public final class PublishedValues<V> {

    private final RecentValues<V> values;
    /** Null when the store's cache forwards the changes. */
    private final ProcessorContext<String, ? super V> forwardsAtOnce;

    public PublishedValues(ProcessorContext<String, ? super V> context, String storeName, int recent) {
        KeyValueStore<String, V> store = context.getStateStore(storeName);
        this.values = new RecentValues<>(store, recent);
        this.forwardsAtOnce = forwardOnFlush(context, store) ? null : context;
    }

    /** The value held for {@code key}, null if none. The value must not be changed. */
    public V get(String key) {
        return values.get(key);
    }

    /** Holds {@code value} for {@code key} (null deletes it) and sends it downstream, at the time of {@code cause}. */
    public void put(Record<?, ?> cause, String key, V value) {
        if (value == null) {
            values.delete(key);
        } else {
            values.put(key, value);
        }
        if (forwardsAtOnce != null) {
            forwardsAtOnce.forward(new Record<>(key, value, cause.timestamp(), cause.headers()));
        }
    }

    /**
     * Has the cache of {@code store}, if it has one, forward what it flushes as this processor; answers whether. A
     * test's mock context and stores have no cache.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <V> boolean forwardOnFlush(ProcessorContext<String, ? super V> context,
                                              KeyValueStore<String, V> store) {
        if (!(context instanceof InternalProcessorContext<?, ?> running)
                || !(store instanceof WrappedStateStore<?, ?, ?> wrapped)) {
            return false;
        }
        InternalProcessorContext<String, V> internal = (InternalProcessorContext<String, V>) running;
        ProcessorNode processor = internal.currentNode();
        return ((WrappedStateStore<?, String, V>) wrapped).setFlushListener(flushed -> {
            ProcessorNode current = internal.currentNode(); // a flush on eviction comes amid another node's work
            internal.setCurrentNode(processor);
            try {
                internal.forward(flushed.withValue(flushed.value().newValue));
            } finally {
                internal.setCurrentNode(current);
            }
        }, false);
    }
}
