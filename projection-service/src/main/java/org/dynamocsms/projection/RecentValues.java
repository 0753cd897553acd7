package org.dynamocsms.projection;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A processor's own store with its most recently used values kept as objects, so a key that comes again soon (a
 * charger's next message) is not deserialised from the store again. Only for a store this processor alone writes,
 * through {@link #put} and {@link #delete}; create it in {@code init}, so a task that is set up again starts with none kept.
 */
public final class RecentValues<V> {

    private final KeyValueStore<String, V> store;
    private final Map<String, V> recent;

    public RecentValues(KeyValueStore<String, V> store, int capacity) {
        this.store = store;
        this.recent = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value held for {@code key}, null if none. The value must not be changed. */
    public V get(String key) {
        V value = recent.get(key);
        if (value == null) {
            value = store.get(key);
            if (value != null) {
                recent.put(key, value);
            }
        }
        return value;
    }

    public void put(String key, V value) {
        store.put(key, value);
        recent.put(key, value);
    }

    public void delete(String key) {
        store.delete(key);
        recent.remove(key);
    }
}
