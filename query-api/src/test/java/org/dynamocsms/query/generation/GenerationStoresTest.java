package org.dynamocsms.query.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.query.call.Calls;
import org.dynamocsms.query.call.ChargerCallStore;
import org.dynamocsms.query.call.ChargingProfiles;
import org.dynamocsms.query.call.ChargingProfilesStore;
import org.dynamocsms.query.charger.ChargerStore;
import org.dynamocsms.query.charger.Chargers;
import org.dynamocsms.query.fleet.ChargerStateStore;
import org.dynamocsms.query.fleet.FleetSummaryPartStore;
import org.dynamocsms.query.fleet.LiveStates;
import org.dynamocsms.query.history.ChargerErrorStore;
import org.dynamocsms.query.history.ChargerIntervalStore;
import org.dynamocsms.query.history.Histories;
import org.dynamocsms.query.history.MaintenanceStore;
import org.dynamocsms.query.site.SiteViewStore;
import org.dynamocsms.query.site.Sites;
import org.dynamocsms.query.site.SiteSummaryJson;
import org.dynamocsms.query.site.SiteSummaryStore;
import org.dynamocsms.query.site.Summaries;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.fleet.FleetSummaryPart;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every store writes the tables of the generation it is bound to; readers read the live generation's. */
class GenerationStoresTest {

    private static final List<String> TABLES = List.of("site", "energy_asset", "charger", "maintenance_event",
            "charger_state", "site_summary", "fleet_summary_part", "charger_interval", "charger_error",
            "charger_call", "charging_profiles");

    private static DataSource database;

    @BeforeAll
    static void generationTwoOfEveryProjection() throws SQLException {
        database = TestDatabase.migratedDatabase("generation_stores");
        Jdbc.inTransaction(database, connection -> {
            for (Projection projection : Projection.values()) {
                ReadTables.create(connection, second(projection));
            }
            return null;
        });
    }

    /** Generation 1 live, both generations' tables empty. */
    @BeforeEach
    void empty() throws SQLException {
        Jdbc.inTransaction(database, connection -> {
            for (Projection projection : Projection.values()) {
                ReadTables.switchReaders(connection, Generation.first(projection));
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE " + String.join(", ", TABLES.stream()
                        .flatMap(table -> List.of(table + "_g1", table + "_g2").stream()).toList()));
            }
            return null;
        });
    }

    @Test
    void eachStoreWritesItsGenerationsTablesWhichReadersSeeOnceSwitchedTo() throws SQLException {
        new SiteViewStore(database).forGeneration(second(Projection.SITES)).upsert(List.of(Sites.view(
                Sites.created("site_1", "Depot"), Sites.assetAdded("site_1", 2, Sites.asset("asset_1", "Roof", 50)))));
        new ChargerStore(database).forGeneration(second(Projection.CHARGERS))
                .upsert(List.of(Chargers.registered("CP-001")));
        new MaintenanceStore(database).forGeneration(second(Projection.MAINTENANCE)).write(List.of(
                Histories.maintenance("mnt_1", "CP-001", "2024-06-10T09:00:00Z", null)), List.of());
        new ChargerStateStore(database).forGeneration(second(Projection.LIVE_STATES)).write(List.of(
                LiveStates.state("CP-001", ChargerStatus.available)), List.of());
        // a generation made after V13 has the site summary's load figures, as the live one does
        new SiteSummaryStore(database).forGeneration(second(Projection.LIVE_STATES)).write(List.of(
                Summaries.withLoad(Summaries.summary("site_1", 1, 10), 5.0,
                        Summaries.allocation("CP-001", 11, 10, null))), List.of());
        new FleetSummaryPartStore(database).forGeneration(second(Projection.LIVE_STATES)).write(List.of(
                FleetSummaryPart.newBuilder().setOrganisationId(Chargers.ORG).setPart(0).setTotal(1).setVersion(1)
                        .build()), List.of());
        new ChargerIntervalStore(database).forGeneration(second(Projection.CHARGER_HISTORY)).write(List.of(
                Histories.interval("CP-001", "2024-06-01T00:00:00Z", null, true)), List.of());
        new ChargerErrorStore(database).forGeneration(second(Projection.CHARGER_HISTORY)).write(List.of(
                Histories.error("evt_1", "CP-001", ChargePointErrorCode.GroundFailure, "2024-06-15T14:22:00Z",
                        null)), List.of());
        new ChargerCallStore(database).forGeneration(second(Projection.CHARGER_CALLS)).write(List.of(
                Calls.requested("call_1", "CP-001", "2024-06-01T10:00:00Z")), List.of());
        new ChargingProfilesStore(database).forGeneration(second(Projection.CHARGER_CALLS)).write(List.of(
                ChargingProfiles.of("CP-001", 1)), List.of());

        for (String table : TABLES) {
            assertThat(count(table + "_g2")).as(table + "_g2").isEqualTo(1);
            assertThat(count(table + "_g1")).as(table + "_g1").isZero();
            assertThat(count(table)).as("readers of " + table + " before the switch").isZero();
        }

        Jdbc.inTransaction(database, connection -> {
            for (Projection projection : Projection.values()) {
                ReadTables.switchReaders(connection, second(projection));
            }
            return null;
        });
        for (String table : TABLES) {
            assertThat(count(table)).as("readers of " + table + " after the switch").isEqualTo(1);
        }
        assertThat(new ChargerStore(database).findRegistered(Chargers.ORG, "CP-001")).isPresent();
        assertThat(new SiteSummaryStore(database).find(Summaries.ORG, "site_1")).hasValueSatisfying(summary -> {
            assertThat(summary.headroomKw()).isEqualTo(5.0);
            assertThat(summary.allocations()).extracting(SiteSummaryJson.Allocation::chargePointId)
                    .containsExactly("CP-001");
        });
        assertThat(new ChargerStateStore(database).list(Chargers.ORG, null, null, 10, 0)).singleElement()
                .satisfies(charger -> assertThat(charger.status()).isEqualTo("Available"));
    }

    @Test
    void aStoresVersionGuardAndTombstonesStayInItsGeneration() throws SQLException {
        ChargerStateStore first = new ChargerStateStore(database);
        ChargerStateStore second = first.forGeneration(second(Projection.LIVE_STATES));
        first.write(List.of(LiveStates.version(LiveStates.state("CP-001", ChargerStatus.charging), 5)), List.of());
        second.write(List.of(LiveStates.state("CP-001", ChargerStatus.available)), List.of());
        second.write(List.of(LiveStates.state("CP-002", ChargerStatus.available)), List.of());

        // version 1 lands in generation 2 though generation 1 holds version 5; the tombstone deletes only there
        assertThat(rows("charger_state_g2")).containsExactly("CP-001 v1", "CP-002 v1");
        second.write(List.of(), List.of("CP-001"));

        assertThat(rows("charger_state_g2")).containsExactly("CP-002 v1");
        assertThat(rows("charger_state_g1")).containsExactly("CP-001 v5");
        assertThat(first.generation()).isEqualTo(Generation.first(Projection.LIVE_STATES));
        assertThat(second.generation()).isEqualTo(second(Projection.LIVE_STATES));
        assertThat(second.table()).isEqualTo("charger_state");
    }

    @Test
    void aStoreWritesOnlyAGenerationOfItsOwnProjection() {
        assertThatThrownBy(() -> new ChargerStore(database).forGeneration(second(Projection.SITES)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("charger is no table of sites");
        assertThatThrownBy(() -> new SiteSummaryStore(database).forGeneration(second(Projection.CHARGER_HISTORY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("site_summary is no table of charger-history");
    }

    private static Generation second(Projection projection) {
        return Generation.first(projection).next();
    }

    private static long count(String table) throws SQLException {
        return Long.parseLong(query("SELECT count(*) FROM " + table).get(0));
    }

    private static List<String> rows(String table) throws SQLException {
        return query("SELECT charge_point_id || ' v' || version FROM " + table + " ORDER BY charge_point_id");
    }

    private static List<String> query(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
