package org.dynamocsms.platform.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a Kafka Streams application rebuilding a projection from the event history runs ({@code csms.replay.*}): it
 * works through a backlog, so it trades how soon a result is visible for fewer records and transactions per event.
 */
@ConfigMapping(prefix = "csms.replay")
public interface ReplaySettings {

    /** Commit interval of a rebuilding application (each commit writes transaction markers and flushes the caches). */
    @WithDefault("5000")
    long commitIntervalMs();

    /**
     * {@code statestore.cache.max.bytes} of a rebuilding application: a key's changes within one commit collapse
     * into one store write, changelog record and downstream record.
     */
    @WithDefault("67108864")
    long cacheMaxBytes();
}
