package org.dynamocsms.projection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A processor's own store, written behind: each key's latest value is held as an object and written to the store (and,
 * if published, sent downstream under its key) once per commit, so a key's changes within a commit cost one
 * serialisation, one changelog record and one published record. Exactly-once makes results visible only when their
 * transaction commits, so what the wait costs is the flush's time at the commit.
 * <p>
 * The values are written just before each commit by the record cache's flush of a small marker store, {@code
 * <store>-pending} ({@link #stores}), written once per commit: Kafka Streams flushes every cache before it commits,
 * and a store written during that flush must not be behind a cache itself (it might have been flushed already), so
 * the store is uncached, and so must be any store a processor downstream writes while the values are published.
 * A processor that publishes some values later than others ({@link #written}) is told each value as it is written.
 * Without a record cache (0 bytes) each value is written and sent at once. The flush listener is Kafka Streams' own
 * (an internal API, which its KTable processors use; {@code BufferedValuesTest} checks it at each Kafka upgrade).
 * A punctuator that reads the store directly calls {@link #flush} first. Create it in {@code init}.
 */
public final class BufferedValues<V> {

    /** The marker store's one key. */
    private static final String PENDING = "pending";

    private final RecentValues<V> values;
    /** Told each value once it is written to the store: publishes it, or not. */
    private final Consumer<Record<String, V>> whenWritten;
    /** Each key written since the last flush, with its value (null: deleted) and time; null when written at once. */
    private final Map<String, Record<String, V>> pending;
    private final KeyValueStore<String, Integer> marker;

    private BufferedValues(ProcessorContext<?, ?> context, String storeName, int recent,
                           Consumer<Record<String, V>> whenWritten) {
        this.values = new RecentValues<>(context.getStateStore(storeName), recent);
        this.whenWritten = whenWritten;
        this.marker = context.getStateStore(marker(storeName));
        this.pending = flushesBeforeEachCommit(context, marker, this::flush) ? new LinkedHashMap<>() : null;
    }

    /** The store {@code storeName}'s values, each change also sent downstream under its key. */
    public static <V> BufferedValues<V> published(ProcessorContext<String, ? super V> context, String storeName,
                                                  int recent) {
        return written(context, storeName, recent, context::forward);
    }

    /** The store {@code storeName}'s values, kept only. */
    public static <V> BufferedValues<V> kept(ProcessorContext<?, ?> context, String storeName, int recent) {
        return written(context, storeName, recent, value -> { });
    }

    /**
     * The store {@code storeName}'s values, each one handed to {@code whenWritten} once it is written, to publish
     * it or not.
     */
    public static <V> BufferedValues<V> written(ProcessorContext<?, ?> context, String storeName, int recent,
                                                Consumer<Record<String, V>> whenWritten) {
        return new BufferedValues<>(context, storeName, recent, whenWritten);
    }

    /**
     * The stores to add to the topology and connect to the processor: {@code name} itself (persistent, changelogged,
     * uncached) and its marker.
     */
    public static <V extends SpecificRecord> List<StoreBuilder<?>> stores(String name, Class<V> type) {
        return List.of(Nodes.store(name, type).withCachingDisabled(),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(marker(name)), Serdes.String(),
                        Serdes.Integer()).withCachingEnabled().withLoggingDisabled());
    }

    /** The value held for {@code key}, null if none. The value must not be changed. */
    public V get(String key) {
        if (pending != null) {
            Record<String, V> written = pending.get(key);
            if (written != null) {
                return written.value();
            }
        }
        return values.get(key);
    }

    /** Holds {@code value} for {@code key} (null deletes it), changed at the time of {@code cause}. */
    public void put(Record<?, ?> cause, String key, V value) {
        Record<String, V> written = new Record<>(key, value, cause.timestamp());
        if (pending == null) {
            write(written);
            return;
        }
        boolean first = pending.isEmpty();
        pending.put(key, written);
        if (first) {
            marker.put(PENDING, 1); // flushed, with every value pending, before the next commit
        }
    }

    /** Writes the values held since the last flush to the store, and publishes them. */
    public void flush() {
        if (pending != null && !pending.isEmpty()) {
            List<Record<String, V>> written = List.copyOf(pending.values());
            pending.clear();
            written.forEach(this::write);
        }
    }

    private void write(Record<String, V> written) {
        if (written.value() == null) {
            values.delete(written.key());
        } else {
            values.put(written.key(), written.value());
        }
        whenWritten.accept(written);
    }

    /** The name of store {@code name}'s marker, which the processor is connected to as well. */
    public static String marker(String name) {
        return name + "-pending";
    }

    /**
     * Has the record cache of {@code marker}, if it has one, run {@code flush} as the processor being initialised
     * whenever it flushes the marker; answers whether. A test's mock context and stores have no cache.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean flushesBeforeEachCommit(ProcessorContext<?, ?> context,
                                                   KeyValueStore<String, Integer> marker, Runnable flush) {
        if (!(context instanceof InternalProcessorContext<?, ?> internal)
                || !(marker instanceof WrappedStateStore<?, ?, ?> wrapped)) {
            return false;
        }
        ProcessorNode processor = internal.currentNode();
        return ((WrappedStateStore<?, String, Integer>) wrapped).setFlushListener(flushed -> {
            ProcessorNode current = internal.currentNode(); // null at a commit, another node's on an eviction
            internal.setCurrentNode(processor);
            try {
                flush.run();
            } finally {
                internal.setCurrentNode(current);
            }
        }, false);
    }
}
