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
     * @param checksGateways whether the live states take chargers offline when their gateway is lost (the live
     *                       generation only)
     */
    public static Topology build(Generation generation, BooleanSupplier checksGateways) {
        return switch (generation.projection()) {
            case SITES -> RegistryViews.SITES.build(generation);
            case CHARGERS -> RegistryViews.CHARGERS.build(generation);
            case MAINTENANCE -> RegistryViews.MAINTENANCE.build(generation);
            case LIVE_STATES -> SiteSummaryTopology.build(generation, checksGateways);
            case CHARGER_HISTORY -> ChargerHistoryTopology.build(generation);
            case CHARGER_CALLS -> ChargerCallTopology.build(generation);
        };
    }
}
