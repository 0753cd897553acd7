package org.dynamocsms.query.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.dynamocsms.query.fleet.LiveStates.T0;
import static org.dynamocsms.query.fleet.LiveStates.atSite;
import static org.dynamocsms.query.fleet.LiveStates.neverSeen;
import static org.dynamocsms.query.fleet.LiveStates.unregistered;
import static org.dynamocsms.query.fleet.LiveStates.TODAY;
import static org.dynamocsms.query.fleet.LiveStates.connector;
import static org.dynamocsms.query.fleet.LiveStates.state;
import static org.dynamocsms.query.fleet.LiveStates.version;
import static org.dynamocsms.query.fleet.LiveStates.withEnergy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.dynamocsms.query.Refused;
import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.query.charger.ChargerDiagnosticsJson;
import org.dynamocsms.query.charger.ChargerStore;
import org.dynamocsms.query.charger.Chargers;
import org.dynamocsms.schemas.charger.ChargerConnector;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.ConnectorState;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The charger state store and the fleet reads against the real database. */
class ChargerStateStoreTest {

    private static final String ORG = Chargers.ORG;

    private DataSource dataSource;
    private ChargerStateStore store;
    private ChargerStore registry;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        dataSource = TestDatabase.clean();
        store = new ChargerStateStore(dataSource);
        registry = new ChargerStore(dataSource);
    }

    @Test
    void writesEveryColumnWithTheConnectorsAsJson() throws Exception {
        ChargerLiveState state = ChargerLiveState.newBuilder(withEnergy(atSite(state("CP-001",
                        ChargerStatus.faulted, connector(0, ConnectorStatus.Faulted),
                        connector(1, ConnectorStatus.Available, 3, 4820.4)), "site_1"), 1500.5, TODAY, 1))
                .setLastHeartbeatAt(T0.minusSeconds(60)).setVendor("ABB").setModel("Terra AC")
                .setFirmwareVersion("3.5.0").setOcppVersion("1.6").setPowerKw(7.4).setVersion(4).build();
        state.getConnectors().set(0, ConnectorState.newBuilder(
                state.getConnectors().get(0)).setErrorCode(ChargePointErrorCode.GroundFailure).build());
        state.getConnectors().set(1, ConnectorState.newBuilder(state.getConnectors().get(1)).setTransactionId(42)
                .build());

        assertThat(store.write(List.of(state), List.of())).isEmpty();

        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT * FROM charger_state")) {
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("charge_point_id")).isEqualTo("CP-001");
                assertThat(rs.getString("organisation_id")).isEqualTo("org_A");
                assertThat(rs.getString("site_id")).isEqualTo("site_1");
                assertThat(rs.getBoolean("registered")).isTrue();
                assertThat(rs.getBoolean("connected")).isTrue();
                assertThat(rs.getString("status")).isEqualTo("faulted");
                assertThat(Jdbc.instant(rs, "last_seen_at")).isEqualTo(T0);
                assertThat(Jdbc.instant(rs, "last_heartbeat_at")).isEqualTo(T0.minusSeconds(60));
                assertThat(List.of(rs.getString("vendor"), rs.getString("model"), rs.getString("firmware_version"),
                        rs.getString("ocpp_version"))).containsExactly("ABB", "Terra AC", "3.5.0", "1.6");
                assertThat(rs.getInt("active_sessions")).isEqualTo(1);
                assertThat(rs.getDouble("power_kw")).isEqualTo(7.4);
                assertThat(rs.getDouble("energy_today_wh")).isEqualTo(1500.5);
                assertThat(rs.getObject("energy_day", LocalDate.class)).isEqualTo(TODAY);
                assertThat(new ObjectMapper().readTree(rs.getString("connectors"))).isEqualTo(new ObjectMapper()
                        .readTree("""
                                [{"connector_id": 0, "status": "Faulted", "error_code": "GroundFailure",
                                  "total_sessions": 0, "total_energy_wh": 0.0, "transaction_id": null,
                                  "ocpp_transaction_id": null, "problem": null, "type": null},
                                 {"connector_id": 1, "status": "Available", "error_code": "NoError",
                                  "total_sessions": 3, "total_energy_wh": 4820.4, "transaction_id": 42,
                                  "ocpp_transaction_id": null, "problem": null, "type": null}]"""));
                assertThat(rs.getLong("version")).isEqualTo(4);
            }
        }
    }

    @Test
    void theTransactionsRunningOnAChargersConnectorsAreTheOrganisations() throws SQLException {
        ChargerLiveState state = state("CP-001", ChargerStatus.charging, connector(0, ConnectorStatus.Available),
                connector(1, ConnectorStatus.Charging), connector(2, ConnectorStatus.Available));
        state.getConnectors().set(1, ConnectorState.newBuilder(state.getConnectors().get(1)).setTransactionId(42)
                .build());
        store.write(List.of(state), List.of());

        assertThat(store.transactions(ORG, "CP-001")).containsExactly(Map.entry(1, OptionalInt.of(42)),
                Map.entry(2, OptionalInt.empty()));
        assertThat(store.transactions("org_B", "CP-001")).isEmpty();
        assertThat(store.transactions(ORG, "CP-002")).isEmpty();
    }

    @Test
    void aChargerWithoutAStatusYetIsStoredOffline() throws SQLException {
        store.write(List.of(neverSeen("CP-001")), List.of());

        assertThat(store.list(ORG, FleetStatus.OFFLINE, null, 50, 0)).extracting(FleetChargerJson::status)
                .containsExactly("Offline");
    }

    @Test
    void aNewerVersionReplacesTheRowAndAnOlderOrDuplicateOneChangesNothing() throws SQLException {
        store.write(List.of(state("CP-001", ChargerStatus.available)), List.of());
        store.write(List.of(version(state("CP-001", ChargerStatus.charging), 2)), List.of());
        store.write(List.of(state("CP-001", ChargerStatus.available)), List.of());
        store.write(List.of(version(state("CP-001", ChargerStatus.faulted), 2)), List.of());

        assertThat(store.list(ORG, null, null, 50, 0)).extracting(FleetChargerJson::status)
                .containsExactly("Charging");
    }

    @Test
    void withinOneBatchTheHighestVersionWinsAndATombstoneDeletes() throws SQLException {
        store.write(List.of(state("CP-002", ChargerStatus.available)), List.of());

        store.write(List.of(version(state("CP-001", ChargerStatus.charging), 3), state("CP-001",
                ChargerStatus.faulted)), List.of("CP-002"));

        assertThat(store.list(ORG, null, null, 50, 0)).extracting(FleetChargerJson::chargePointId,
                FleetChargerJson::status).containsExactly(tuple("CP-001", "Charging"));
    }

    @Test
    void aStateTheDatabaseRefusesIsLeftOutAndTheRestIsWritten() throws SQLException {
        ChargerLiveState poison = ChargerLiveState.newBuilder(state("CP-bad", ChargerStatus.online))
                .setFirmwareVersion("nul \u0000").build();
        ChargerLiveState good = state("CP-001", ChargerStatus.online);

        assertThat(store.write(List.of(good, poison), List.of()))
                .extracting(Refused::value).containsExactly(poison);
    }

    @Test
    void theListShowsEveryRegisteredChargerInIdOrder() throws SQLException {
        fleet();

        List<FleetChargerJson> all = store.list(ORG, null, null, 50, 0);

        assertThat(all).extracting(FleetChargerJson::chargePointId)
                .containsExactly("CP-001", "CP-002", "CP-003", "CP-004", "CP-005", "CP-006");
        assertThat(all).extracting(FleetChargerJson::status)
                .containsExactly("Charging", "Faulted", "Available", "Offline", "Offline", "Online");
        FleetChargerJson booted = all.get(2);
        assertThat(booted).isEqualTo(new FleetChargerJson("CP-003", "site_2", "ABB", "Terra AC", "3.4.1",
                "Available", T0, List.of(new FleetChargerJson.Connector(1, null, "Available"))));
        // never seen: the registration's vendor and model, no firmware, never seen, no connectors
        assertThat(all.get(3)).isEqualTo(new FleetChargerJson("CP-004", null, "Alfen",
                "Eve Single Pro-line", null, "Offline", null, List.of()));
        // connector 0 is the charge point as a whole, not a connector
        assertThat(all.get(1).connectors()).containsExactly(new FleetChargerJson.Connector(1, null, "Faulted"));
    }

    @Test
    void theListShowsTheTypeEachConnectorIsRegisteredWithElseTheOneItsStationReports() throws SQLException {
        registry.upsert(List.of(ChargerView.newBuilder(Chargers.registered("CP-001")).setConnectors(List.of(
                new ChargerConnector(1, "Type2", 22.0), new ChargerConnector(3, "CCS2", 150.0))).build()));
        // a 2.0.1 station's device model says the plug types of EVSEs 1 and 4; the registry's wins
        store.write(List.of(state("CP-001", ChargerStatus.charging, connector(0, ConnectorStatus.Available),
                ConnectorState.newBuilder(connector(1, ConnectorStatus.Charging)).setType("CCS2").build(),
                connector(2, ConnectorStatus.Available),
                ConnectorState.newBuilder(connector(4, ConnectorStatus.Available)).setType("CHAdeMO").build())),
                List.of());

        // connector 2 reports but is not registered: no type; connector 3 is registered but never reported
        assertThat(store.list(ORG, null, null, 50, 0)).singleElement()
                .extracting(FleetChargerJson::connectors).isEqualTo(List.of(
                        new FleetChargerJson.Connector(1, "Type2", "Charging"),
                        new FleetChargerJson.Connector(2, null, "Available"),
                        new FleetChargerJson.Connector(4, "CHAdeMO", "Available")));
    }

    @Test
    void theListFiltersByStatusAndSite() throws SQLException {
        fleet();

        assertThat(ids(store.list(ORG, FleetStatus.ONLINE, null, 50, 0)))
                .containsExactly("CP-001", "CP-002", "CP-003", "CP-006");
        assertThat(ids(store.list(ORG, FleetStatus.OFFLINE, null, 50, 0))).containsExactly("CP-004", "CP-005");
        assertThat(ids(store.list(ORG, FleetStatus.FAULTED, null, 50, 0))).containsExactly("CP-002");
        assertThat(ids(store.list(ORG, FleetStatus.AVAILABLE, null, 50, 0))).containsExactly("CP-003");
        assertThat(ids(store.list(ORG, FleetStatus.CHARGING, null, 50, 0))).containsExactly("CP-001");
        assertThat(ids(store.list(ORG, null, "site_1", 50, 0))).containsExactly("CP-001", "CP-002");
        assertThat(ids(store.list(ORG, FleetStatus.OFFLINE, "site_2", 50, 0))).containsExactly("CP-005");
        assertThat(ids(store.list(ORG, FleetStatus.ONLINE, "site_2", 50, 0))).containsExactly("CP-003");
        assertThat(ids(store.list(ORG, null, "site_missing", 50, 0))).isEmpty();
        assertThat(ids(store.list("org_B", null, null, 50, 0))).containsExactly("CP-B");
    }

    @Test
    void pagesFollowEachOtherWithoutGapOrOverlap() throws SQLException {
        fleet();

        assertThat(ids(store.list(ORG, null, null, 2, 0))).containsExactly("CP-001", "CP-002");
        assertThat(ids(store.list(ORG, null, null, 2, 2))).containsExactly("CP-003", "CP-004");
        assertThat(ids(store.list(ORG, null, null, 2, 4))).containsExactly("CP-005", "CP-006");
        assertThat(ids(store.list(ORG, null, null, 2, 6))).isEmpty();
        assertThat(ids(store.list(ORG, FleetStatus.ONLINE, null, 3, 1))).containsExactly("CP-002", "CP-003",
                "CP-006");
    }

    @Test
    void diagnosticsShowTheLiveStateOfARegisteredChargerOfTheOrganisationOnly() throws SQLException {
        fleet();
        store.write(List.of(ChargerLiveState.newBuilder(version(state("CP-001", ChargerStatus.charging,
                        connector(0, ConnectorStatus.Available),
                        // a 2.0.1 station's transaction shows by its own id, a 1.6 one by the integer
                        ConnectorState.newBuilder(connector(1, ConnectorStatus.Charging, 312, 4820400.04))
                                .setTransactionId(1_908_309_757).setOcppTransactionId("tx-0b8a5c6e").build(),
                        ConnectorState.newBuilder(connector(2, ConnectorStatus.Charging, 0, 0))
                                .setTransactionId(42).build(),
                        ConnectorState.newBuilder(connector(3, ConnectorStatus.Faulted, 0, 0))
                                .setProblem("ground fault").build()), 2))
                .setFirmwareVersion("3.5.0").setOcppVersion("1.6").setLastHeartbeatAt(T0.minusSeconds(30)).build()),
                List.of());

        assertThat(store.diagnostics(ORG, "CP-001")).contains(new ChargerDiagnosticsJson("CP-001", "3.5.0", null,
                null, null, null, T0.minusSeconds(30), "1.6", List.of(
                        new ChargerDiagnosticsJson.Connector(1, "Charging", 312, 4820.4, "tx-0b8a5c6e", null),
                        new ChargerDiagnosticsJson.Connector(2, "Charging", 0, 0.0, "42", null),
                        new ChargerDiagnosticsJson.Connector(3, "Faulted", 0, 0.0, null, "ground fault"))));
        assertThat(store.diagnostics(ORG, "CP-004")).contains(new ChargerDiagnosticsJson("CP-004", null, null, null,
                null, null, null, null, List.of()));
        assertThat(store.diagnostics(ORG, "CP-007")).as("decommissioned").isEmpty();
        assertThat(store.diagnostics(ORG, "CP-B")).as("another organisation's").isEmpty();
        assertThat(store.diagnostics(ORG, "CP-X")).as("not in the registry").isEmpty();
        assertThat(store.diagnostics(ORG, "CP-404")).isEmpty();
    }

    @Test
    void aStoredEnergyThatIsNotFiniteReadsAsNothing() throws SQLException {
        fleet();
        store.write(List.of(version(state("CP-001", ChargerStatus.charging, connector(0, ConnectorStatus.Available),
                connector(1, ConnectorStatus.Charging, 2, Double.NaN),
                connector(2, ConnectorStatus.Charging, 1, Double.POSITIVE_INFINITY)), 2)), List.of());

        assertThat(store.diagnostics(ORG, "CP-001")).hasValueSatisfying(diagnostics ->
                assertThat(diagnostics.connectors()).containsExactly(
                        new ChargerDiagnosticsJson.Connector(1, "Charging", 2, 0.0, null, null),
                        new ChargerDiagnosticsJson.Connector(2, "Charging", 1, 0.0, null, null)));
    }

    @Test
    void energyIsShownInKilowattHoursToTheWattHour() {
        assertThat(ChargerStateStore.kilowattHours(1842600)).isEqualTo(1842.6);
        assertThat(ChargerStateStore.kilowattHours(12345.5)).isEqualTo(12.346);
        assertThat(ChargerStateStore.kilowattHours(0.4)).isEqualTo(0.0);
    }

    @Test
    void aFigureNoMeterCanShowCountsNothingRatherThanFailingTheRead() {
        // only a live state folded before meter values were bounded can hold one, or a sum of such states
        assertThat(ChargerStateStore.kilowattHours(Double.POSITIVE_INFINITY)).isEqualTo(0.0);
        assertThat(ChargerStateStore.kilowattHours(Double.NaN)).isEqualTo(0.0);
    }

    /**
     * Organisation A: CP-001 charging and CP-002 faulted at site_1, CP-003 available (booted as an ABB) and CP-005
     * offline at site_2, CP-004 never seen, CP-006 online, CP-007 decommissioned while charging. CP-B charges for
     * organisation B; CP-X reports but is in no registry. The registry (table charger) has the registrations.
     */
    private void fleet() throws SQLException {
        register("CP-001", "site_1");
        register("CP-002", "site_1");
        register("CP-003", "site_2");
        register("CP-004", null);
        register("CP-005", "site_2");
        register("CP-006", null);
        registry.upsert(List.of(Chargers.decommissioned(Chargers.registered("CP-007"), 2),
                ChargerView.newBuilder(Chargers.registered("CP-B")).setOrganisationId("org_B").build()));
        store.write(List.of(
                atSite(withEnergy(state("CP-001", ChargerStatus.charging, connector(1, ConnectorStatus.Charging),
                        connector(2, ConnectorStatus.Available)), 12345.6, TODAY, 1), "site_1"),
                atSite(withEnergy(state("CP-002", ChargerStatus.faulted, connector(0, ConnectorStatus.Faulted),
                        connector(1, ConnectorStatus.Faulted)), 1000, TODAY.minusDays(1), 0), "site_1"),
                atSite(withEnergy(ChargerLiveState.newBuilder(state("CP-003", ChargerStatus.available,
                                connector(1, ConnectorStatus.Available))).setVendor("ABB").setModel("Terra AC")
                        .setFirmwareVersion("3.4.1").build(), 500, TODAY, 0), "site_2"),
                neverSeen("CP-004"),
                atSite(state("CP-005", ChargerStatus.offline, connector(1, ConnectorStatus.Available)), "site_2"),
                state("CP-006", ChargerStatus.online, connector(1, ConnectorStatus.Preparing)),
                unregistered(withEnergy(state("CP-007", ChargerStatus.charging), 999, TODAY, 1)),
                ChargerLiveState.newBuilder(withEnergy(state("CP-B", ChargerStatus.charging), 999, TODAY, 1))
                        .setOrganisationId("org_B").build(),
                unregistered(withEnergy(state("CP-X", ChargerStatus.charging), 999, TODAY, 1))), List.of());
    }

    private void register(String chargePointId, String siteId) throws SQLException {
        ChargerView charger = Chargers.registered(chargePointId);
        registry.upsert(List.of(siteId == null ? charger : Chargers.linked(charger, siteId, 2)));
    }

    private static List<String> ids(List<FleetChargerJson> chargers) {
        return chargers.stream().map(FleetChargerJson::chargePointId).toList();
    }
}
