package org.dynamocsms.platform.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the health checks of {@code /q/health} tolerate ({@code csms.health.*}). */
@ConfigMapping(prefix = "csms.health")
public interface HealthSettings {

    /** How long the Kafka check waits for the cluster to describe itself before it answers DOWN. */
    @WithDefault("2s")
    Duration kafkaTimeout();

    /** How long the Kafka check's answer is reused: a storm of probes costs one admin call per period. */
    @WithDefault("5s")
    Duration kafkaCache();

    /**
     * How long a Kafka Streams application may stay REBALANCING (a member joining or leaving, state being restored)
     * and still count as running for readiness.
     */
    @WithDefault("60s")
    Duration rebalancingGrace();

    /**
     * How far behind its projection topics query-api's read store may be and still be ready: the age of the newest
     * record it is known to have applied while more are waiting (nothing waiting: no lag).
     */
    @WithDefault("30s")
    Duration maxIngestionLag();
}
