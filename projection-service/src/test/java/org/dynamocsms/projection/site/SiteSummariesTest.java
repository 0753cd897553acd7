package org.dynamocsms.projection.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dynamocsms.projection.Records.at;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

import org.dynamocsms.projection.Records;
import org.dynamocsms.projection.charger.SiteContributions;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.asset.EnergyAssetType;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.charger.ConnectorState;
import org.dynamocsms.schemas.site.SiteChargerCounts;
import org.dynamocsms.schemas.site.SiteEnergyAssetOutput;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteSummary;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.junit.jupiter.api.Test;

class SiteSummariesTest {

    private static final String SITE = "site_A";
    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00.250Z");

    private final Map<String, ChargerLiveState> chargers = new HashMap<>();
    private final Map<String, EnergyAssetReading> readings = new HashMap<>();

    @Test
    void aSiteWithChargersInEveryStatusAndAnAssetGivesTheContractsFigures() {
        SiteView site = site(linked("CP-1", "CP-2", "CP-3", "CP-4", "CP-5", "CP-6", "CP-7"),
                Records.assetAdded(SITE, 9, Records.asset("asset_solar", EnergyAssetType.solar, "Rooftop PV Array", 50)),
                Records.assetAdded(SITE, 10, Records.asset("asset_battery", EnergyAssetType.battery, "Battery", 100)));
        // two sessions, one of them suspended by the car
        chargers.put("CP-1", charger("CP-1", true, 20.6, 2, connector(1, ConnectorStatus.Charging),
                connector(2, ConnectorStatus.SuspendedEV)));
        chargers.put("CP-2", charger("CP-2", true, 45.5, 1, connector(1, ConnectorStatus.Charging)));
        chargers.put("CP-3", charger("CP-3", true, 21.3, 1, connector(1, ConnectorStatus.SuspendedEVSE)));
        chargers.put("CP-4", charger("CP-4", true, 0, 0, connector(1, ConnectorStatus.Available)));
        chargers.put("CP-5", charger("CP-5", true, 0, 0, connector(0, ConnectorStatus.Faulted),
                connector(1, ConnectorStatus.Available)));
        chargers.put("CP-6", charger("CP-6", false, 0, 0, connector(1, ConnectorStatus.Available)));
        // CP-7 is linked but was never seen
        readings.put("asset_solar", Records.reading(SITE, "asset_solar", 22.1, at(100)));

        SiteSummary summary = next(null, site);

        assertThat(summary.getSiteId()).isEqualTo(SITE);
        assertThat(summary.getOrganisationId()).isEqualTo(Records.ORG);
        assertThat(summary.getName()).isEqualTo("King Street Depot");
        assertThat(summary.getMaxPowerKw()).isEqualTo(150.0);
        // 20.6 + 45.5 + 21.3 adds up to 87.39999999999999 in doubles
        assertThat(summary.getCurrentPowerKw()).isEqualTo(87.4);
        assertThat(summary.getChargers()).isEqualTo(new SiteChargerCounts(7, 5, 3, 1, 1));
        assertThat(summary.getActiveSessions()).isEqualTo(4);
        assertThat(summary.getEnergyAssets()).containsExactly(
                new SiteEnergyAssetOutput("asset_solar", EnergyAssetType.solar, "Rooftop PV Array", 50.0, 22.1, at(100)),
                new SiteEnergyAssetOutput("asset_battery", EnergyAssetType.battery, "Battery", 100.0, null, null));
        assertThat(summary.getUpdatedAt()).isEqualTo(NOW);
        assertThat(summary.getVersion()).isEqualTo(1);
    }

    @Test
    void aSiteWithoutChargersOrAssetsHasZeroFigures() {
        SiteSummary summary = next(null, site());

        assertThat(summary.getChargers()).isEqualTo(new SiteChargerCounts(0, 0, 0, 0, 0));
        assertThat(summary.getCurrentPowerKw()).isZero();
        assertThat(summary.getActiveSessions()).isZero();
        assertThat(summary.getEnergyAssets()).isEmpty();
    }

    @Test
    void onlyLinkedChargersAreCounted() {
        chargers.put("CP-1", charger("CP-1", true, 7.4, 1, connector(1, ConnectorStatus.Charging)));
        chargers.put("CP-9", charger("CP-9", true, 11.0, 1, connector(1, ConnectorStatus.Charging)));

        SiteSummary summary = next(null, site(linked("CP-1")));

        assertThat(summary.getChargers()).isEqualTo(new SiteChargerCounts(1, 1, 1, 0, 0));
        assertThat(summary.getCurrentPowerKw()).isEqualTo(7.4);
        assertThat(summary.getActiveSessions()).isEqualTo(1);
    }

    @Test
    void anAssetsOutputIsRoundedToTheWatt() {
        readings.put("asset_solar", Records.reading(SITE, "asset_solar", 22.10049, at(5)));

        SiteSummary summary = next(null, site(Records.assetAdded(SITE, 2,
                Records.asset("asset_solar", EnergyAssetType.solar, "PV", 50))));

        assertThat(summary.getEnergyAssets().get(0).getCurrentOutputKw()).isEqualTo(22.1);
    }

    @Test
    void anOutputThatIsNotFiniteCountsAsNoReading() {
        // the API refuses it, but an energy-management system may publish readings to the topic itself
        readings.put("asset_solar", Records.reading(SITE, "asset_solar", Double.POSITIVE_INFINITY, at(5)));

        SiteSummary summary = next(null, site(Records.assetAdded(SITE, 2,
                Records.asset("asset_solar", EnergyAssetType.solar, "PV", 50))));

        assertThat(summary.getEnergyAssets().get(0).getCurrentOutputKw()).isNull();
        assertThat(summary.getEnergyAssets().get(0).getMeasuredAt()).isNull();
    }

    @Test
    void theSameFiguresLaterGiveNoNewSummary() {
        SiteView site = site(linked("CP-1"));
        chargers.put("CP-1", charger("CP-1", true, 7.4, 1, connector(1, ConnectorStatus.Charging)));
        SiteSummary first = next(null, site);

        assertThat(next(first, site, NOW.plusSeconds(60))).isNull();
    }

    @Test
    void changedFiguresGiveTheNextVersionAtTheNewTime() {
        SiteView site = site(linked("CP-1"));
        chargers.put("CP-1", charger("CP-1", true, 7.4, 1, connector(1, ConnectorStatus.Charging)));
        SiteSummary first = next(null, site);
        chargers.put("CP-1", charger("CP-1", true, 0, 0, connector(1, ConnectorStatus.Available)));

        SiteSummary second = next(first, site, NOW.plusSeconds(60));

        assertThat(second.getVersion()).isEqualTo(2);
        assertThat(second.getUpdatedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(second.getChargers()).isEqualTo(new SiteChargerCounts(1, 1, 0, 1, 0));
        assertThat(second.getCurrentPowerKw()).isZero();
        assertThat(first.getVersion()).as("the previous summary is left as it was").isEqualTo(1);
    }

    @Test
    void aDeletedSiteHasNoSummary() {
        SiteView deleted = site(Records.siteDeleted(SITE, 2));

        assertThatThrownBy(() -> next(null, deleted)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SITE);
    }

    private SiteSummary next(SiteSummary previous, SiteView site) {
        return next(previous, site, NOW);
    }

    /** The summary counted afresh from what the chargers' live states contribute. */
    private SiteSummary next(SiteSummary previous, SiteView site, Instant now) {
        return SiteSummaries.next(previous, site, SiteChargerFigures.counted(site.getChargePointIds(),
                        chargePointId -> SiteContributions.of(chargers.get(chargePointId), null)),
                SiteSummaries.outputs(site.getEnergyAssets(), readings::get), SiteLoadFigures.NONE, now);
    }

    private static SiteView site(SiteEvent... events) {
        SiteView site = SiteViews.apply(null, Records.siteCreated(SITE, "King Street Depot", 150));
        for (SiteEvent event : events) {
            site = SiteViews.apply(site, event);
        }
        return site;
    }

    private static SiteEvent[] linked(String... chargePointIds) {
        return IntStream.range(0, chargePointIds.length)
                .mapToObj(i -> Records.chargerLinkedTo(SITE, i + 2, chargePointIds[i])).toArray(SiteEvent[]::new);
    }

    private static SiteView site(SiteEvent[] links, SiteEvent... more) {
        SiteEvent[] all = Arrays.copyOf(links, links.length + more.length);
        System.arraycopy(more, 0, all, links.length, more.length);
        return site(all);
    }

    /** Status left unknown: the summary rolls it up from the connection and the connectors by the one rule. */
    private static ChargerLiveState charger(String id, boolean connected, double powerKw, int sessions,
                                            ConnectorState... connectors) {
        return ChargerLiveState.newBuilder().setChargePointId(id).setOrganisationId(Records.ORG).setSiteId(SITE)
                .setRegistered(true).setConnected(connected).setConnectors(Arrays.asList(connectors))
                .setStatus(ChargerStatus.unknown).setPowerKw(powerKw).setActiveSessions(sessions).build();
    }

    private static ConnectorState connector(int id, ConnectorStatus status) {
        return ConnectorState.newBuilder().setConnectorId(id).setStatus(status).build();
    }
}
