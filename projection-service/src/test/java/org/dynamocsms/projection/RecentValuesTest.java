package org.dynamocsms.projection;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

class RecentValuesTest {

    @Test
    void keepsTheLatestValuesAsObjectsAndWritesThroughToTheStore() {
        KeyValueStore<String, StringBuilder> store = store();
        store.put("CP-0", new StringBuilder("stored"));
        RecentValues<StringBuilder> values = new RecentValues<>(store, 2);

        StringBuilder read = values.get("CP-0");
        assertThat(values.get("CP-0")).as("the same object, not read again").isSameAs(read);
        assertThat(values.get("CP-unknown")).isNull();

        StringBuilder written = new StringBuilder("written");
        values.put("CP-1", written);
        assertThat(store.get("CP-1")).hasToString("written");
        assertThat(values.get("CP-1")).isSameAs(written);
        values.put("CP-2", new StringBuilder("third"));
        // capacity 2: CP-0, least recently used, is read from the store again
        assertThat(values.get("CP-0")).isNotSameAs(read).hasToString("stored");
    }

    @Test
    void aDeletedValueIsGoneFromTheStoreAndTheObjectsKept() {
        KeyValueStore<String, StringBuilder> store = store();
        RecentValues<StringBuilder> values = new RecentValues<>(store, 2);
        values.put("CP-1", new StringBuilder("written"));

        values.delete("CP-1");

        assertThat(values.get("CP-1")).isNull();
        assertThat(store.get("CP-1")).isNull();
    }

    private static KeyValueStore<String, StringBuilder> store() {
        KeyValueStore<String, StringBuilder> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("test"),
                Serdes.String(), Serdes.serdeFrom((topic, value) -> value.toString().getBytes(),
                        (topic, bytes) -> new StringBuilder(new String(bytes)))).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }
}
