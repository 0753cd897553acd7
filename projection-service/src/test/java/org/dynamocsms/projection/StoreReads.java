package org.dynamocsms.projection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;

/**
 * Counts the reads of the RocksDB stores of a test's topology (set it as {@code rocksdb.config.setter}): what a
 * processor reads from its stores, each read a value to decode.
 */
public final class StoreReads implements RocksDBConfigSetter {

    private static final Map<String, Statistics> STORES = new ConcurrentHashMap<>();

    /** Keys read and bytes read from every store so far. */
    public record Count(long keys, long bytes) {

        public Count minus(Count earlier) {
            return new Count(keys - earlier.keys, bytes - earlier.bytes);
        }
    }

    public static Count count() {
        return new Count(STORES.values().stream().mapToLong(s -> s.getTickerCount(TickerType.NUMBER_KEYS_READ)).sum(),
                STORES.values().stream().mapToLong(s -> s.getTickerCount(TickerType.BYTES_READ)).sum());
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Statistics statistics = new Statistics();
        options.setStatistics(statistics);
        STORES.put(storeName, statistics);
    }

    @Override
    public void close(String storeName, Options options) {
        Statistics statistics = STORES.remove(storeName);
        if (statistics != null) {
            statistics.close();
        }
    }
}
