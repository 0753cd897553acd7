package org.dynamocsms.projection.charger;

import org.dynamocsms.projection.Kilowatts;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.site.SiteChargerContribution;

/** What a charger's live state adds to the summary of its site: the only part of it the site summary reads. */
public final class SiteContributions {

    private SiteContributions() {
    }

    /**
     * The status ({@link ChargerStatuses#rollup}), running transactions and power (in whole watts) of
     * {@code charger} at its site; null if {@code charger} is null (never seen).
     */
    public static SiteChargerContribution of(ChargerLiveState charger) {
        if (charger == null) {
            return null;
        }
        return SiteChargerContribution.newBuilder()
                .setChargePointId(charger.getChargePointId())
                .setSiteId(charger.getSiteId())
                .setStatus(ChargerStatuses.rollup(charger))
                .setActiveSessions(charger.getActiveSessions())
                .setPowerW(Kilowatts.watts(charger.getPowerKw()))
                .build();
    }
}
