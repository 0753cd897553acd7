package org.dynamocsms.query;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.dynamocsms.platform.health.HealthSettings;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness "read-store-ingestion": the read store is at most {@code csms.health.max-ingestion-lag} behind each
 * projection topic of the live generations; the data gives each topic's lag in milliseconds.
 */
@Readiness
@ApplicationScoped
public class ReadStoreIngestionCheck implements HealthCheck {

    static final String NAME = "read-store-ingestion";

    @Inject
    ReadStoreIngestion ingestion;

    @Inject
    HealthSettings settings;

    @Override
    public HealthCheckResponse call() {
        return response(ingestion.lags(), settings.maxIngestionLag());
    }

    static HealthCheckResponse response(Map<String, Duration> lags, Duration maxLag) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(lags.values().stream().allMatch(lag -> lag.compareTo(maxLag) <= 0))
                .withData("max-lag-ms", maxLag.toMillis());
        lags.forEach((topic, lag) -> response.withData(topic, lag.toMillis()));
        return response.build();
    }
}
