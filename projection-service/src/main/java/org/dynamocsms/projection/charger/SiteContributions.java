package org.dynamocsms.projection.charger;

import java.util.List;

import org.dynamocsms.projection.Kilowatts;
import org.dynamocsms.schemas.charger.ChargerConnector;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.ConnectorState;
import org.dynamocsms.schemas.site.SiteChargerContribution;
import org.dynamocsms.schemas.site.SiteChargerSession;

/** What a charger's live state adds to its site: the only part of it the site summary and load management read. */
public final class SiteContributions {

    private SiteContributions() {
    }

    /**
     * The status ({@link ChargerStatuses#rollup}), running transactions, power (in whole watts) and sessions of
     * {@code charger} at its site, each session with its connector's rated power as {@code registered} (null if
     * unknown) has it; null if {@code charger} is null (never seen).
     */
    public static SiteChargerContribution of(ChargerLiveState charger, ChargerView registered) {
        if (charger == null) {
            return null;
        }
        return SiteChargerContribution.newBuilder()
                .setChargePointId(charger.getChargePointId())
                .setSiteId(charger.getSiteId())
                .setStatus(ChargerStatuses.rollup(charger))
                .setActiveSessions(charger.getActiveSessions())
                .setPowerW(Kilowatts.watts(charger.getPowerKw()))
                .setBootedAt(charger.getBootedAt())
                .setConnectors(connectors(charger, registered))
                .setSessions(sessions(charger, registered == null ? List.of() : registered.getConnectors()))
                .build();
    }

    private static List<SiteChargerSession> sessions(ChargerLiveState charger, List<ChargerConnector> rated) {
        return charger.getConnectors().stream()
                .filter(connector -> connector.getConnectorId() > 0 && connector.getTransactionId() != null)
                .map(connector -> {
                    boolean answered = connector.getTransactionId().equals(connector.getProfileTransactionId());
                    return new SiteChargerSession(connector.getConnectorId(), connector.getTransactionId(),
                            connector.getTransactionStartedAt(), watts(connector), ratedPowerW(rated, connector),
                            answered ? connector.getProfileStatus() : null,
                            answered ? connector.getProfileLimitW() : null,
                            answered ? connector.getProfileAt() : null);
                })
                .toList();
    }

    /** Its connectors as registered, else as it reported them (connector 0 is the charger as a whole); at least 1. */
    private static int connectors(ChargerLiveState charger, ChargerView registered) {
        long seen = charger.getConnectors().stream().filter(connector -> connector.getConnectorId() > 0).count();
        int count = registered != null && !registered.getConnectors().isEmpty() ? registered.getConnectors().size()
                : (int) seen;
        return Math.max(1, count);
    }

    private static long watts(ConnectorState connector) {
        return connector.getPowerW() == null ? 0 : Math.round(connector.getPowerW());
    }

    private static Long ratedPowerW(List<ChargerConnector> rated, ConnectorState connector) {
        return rated.stream()
                .filter(c -> c.getConnectorId() == connector.getConnectorId() && c.getMaxPowerKw() != null)
                .map(c -> Math.round(c.getMaxPowerKw() * 1000))
                .findFirst().orElse(null);
    }
}
