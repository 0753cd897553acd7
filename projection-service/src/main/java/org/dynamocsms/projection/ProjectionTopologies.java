package org.dynamocsms.projection;

import java.util.function.BooleanSupplier;

import org.apache.kafka.streams.Topology;
import org.dynamocsms.projection.call.ChargerCallTopology;
import org.dynamocsms.projection.history.ChargerHistoryTopology;
import org.dynamocsms.projection.site.SiteSummaryTopology;
import org.dynamocsms.schemas.replay.Generation;

/** The topology of each projection, as one of its generations runs it. */
public final class ProjectionTopologies {

    private ProjectionTopologies() {
    }

    /**
     * The topology of {@code generation}, writing its output topics.
     *
     * @param live whether {@code generation} is the live one, asked at each decision: only the live one decides what
     *             the history does not tell (chargers whose gateway is lost go offline, sites' power is shared)
     */
    public static Topology build(Generation generation, BooleanSupplier live) {
        return switch (generation.projection()) {
            case SITES -> RegistryViews.SITES.build(generation);
            case CHARGERS -> RegistryViews.CHARGERS.build(generation);
            case MAINTENANCE -> RegistryViews.MAINTENANCE.build(generation);
            case LIVE_STATES -> SiteSummaryTopology.build(generation, live);
            case CHARGER_HISTORY -> ChargerHistoryTopology.build(generation);
            case CHARGER_CALLS -> ChargerCallTopology.build(generation);
        };
    }
}
