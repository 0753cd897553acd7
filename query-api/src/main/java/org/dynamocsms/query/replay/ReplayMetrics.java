package org.dynamocsms.query.replay;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

import org.dynamocsms.schemas.replay.Projection;

/**
 * {@code csms.replay.progress}, per projection: how far its running replay is, from 0 to 1, as its status
 * ({@code GET /admin/replays/{projection}}) shows it; no value (NaN) when none runs. Read from the replay's row at
 * each scrape, so every instance answers alike whichever of them works the replay.
 */
@Startup
@ApplicationScoped
public class ReplayMetrics {

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry meters;

    @PostConstruct
    void register() {
        for (Projection projection : Projection.values()) {
            Gauge.builder("csms.replay.progress", () -> progress(projection))
                    .description("How far the projection's running replay is (events read / events to read)")
                    .tag("projection", projection.id())
                    .register(meters);
        }
    }

    private double progress(Projection projection) {
        try (Connection connection = dataSource.getConnection()) {
            return ReplayStore.active(connection, projection).map(ReplayMetrics::progress).orElse(Double.NaN);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    /** Events read of those to read, 1 once caught up; NaN while not measured yet. */
    static double progress(Replay replay) {
        if (Replay.CAUGHT_UP.equals(replay.status())) {
            return 1;
        }
        if (replay.eventsRead() == null || replay.eventsTotal() == null) {
            return Double.NaN;
        }
        return replay.eventsTotal() == 0 ? 1 : Math.min(1, (double) replay.eventsRead() / replay.eventsTotal());
    }
}
