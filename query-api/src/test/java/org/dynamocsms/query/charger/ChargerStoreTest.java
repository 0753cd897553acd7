package org.dynamocsms.query.charger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.charger.Chargers.ORG;
import static org.dynamocsms.query.charger.Chargers.T0;
import static org.dynamocsms.query.charger.Chargers.decommissioned;
import static org.dynamocsms.query.charger.Chargers.linked;
import static org.dynamocsms.query.charger.Chargers.registered;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.dynamocsms.query.Refused;
import org.dynamocsms.platform.charger.ChargerJson;
import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.schemas.charger.ChargerConnector;
import org.dynamocsms.schemas.charger.ChargerView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChargerStoreTest {

    private static final ChargerView CP1 = registered("CP-001");

    private DataSource dataSource;
    private ChargerStore store;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        dataSource = TestDatabase.clean();
        store = new ChargerStore(dataSource);
    }

    @Test
    void writesEveryColumnAndOnlyWhetherAPasswordIsSet() throws SQLException {
        ChargerView charger = linked(CP1, "site_1", 2);

        assertThat(store.upsert(List.of(charger))).isEmpty();

        assertThat(row("CP-001")).isEqualTo(new Row(ORG, "Alfen", "Eve Single Pro-line", true, "site_1",
                T0.plusSeconds(2), T0, T0.plusSeconds(2), null, 2));
    }

    @Test
    void aChargerWithoutPasswordOrVendorKeepsThemUnset() throws SQLException {
        store.upsert(List.of(ChargerView.newBuilder(CP1).setPasswordHash(null).setVendor(null).setModel(null).build()));

        assertThat(row("CP-001")).extracting(Row::passwordSet, Row::vendor, Row::model)
                .containsExactly(false, null, null);
    }

    @Test
    void aNewerVersionReplacesTheRowAndAnOlderOrDuplicateOneChangesNothing() throws SQLException {
        store.upsert(List.of(CP1));
        store.upsert(List.of(linked(CP1, "site_1", 2)));
        store.upsert(List.of(CP1));
        // same version, different content: proves the duplicate is not written at all
        store.upsert(List.of(linked(CP1, "site_other", 2)));

        assertThat(row("CP-001")).extracting(Row::siteId, Row::version).containsExactly("site_1", 2L);
    }

    @Test
    void withinOneBatchTheHighestVersionWins() throws SQLException {
        store.upsert(List.of(linked(CP1, "site_1", 2), CP1, registered("CP-002")));

        assertThat(row("CP-001")).extracting(Row::version).isEqualTo(2L);
        assertThat(row("CP-002")).extracting(Row::version).isEqualTo(1L);
    }

    @Test
    void aChargerTheDatabaseRefusesIsLeftOutAndTheRestIsWritten() throws SQLException {
        ChargerView poison = ChargerView.newBuilder(registered("CP-bad")).setVendor("nul \u0000").build();

        assertThat(store.upsert(List.of(CP1, poison))).extracting(Refused::value).containsExactly(poison);

        assertThat(row("CP-001")).isNotNull();
        assertThat(row("CP-bad")).isNull();
    }

    @Test
    void findsARegisteredChargerOfTheOrganisationOnly() throws SQLException {
        store.upsert(List.of(linked(CP1, "site_1", 2)));

        assertThat(store.findRegistered(ORG, "CP-001")).contains(new ChargerJson("CP-001", "Alfen",
                "Eve Single Pro-line", "site_1", T0.plusSeconds(2), T0, true, List.of()));
        assertThat(store.findRegistered("org_B", "CP-001")).isEmpty();
        assertThat(store.findRegistered(ORG, "CP-002")).isEmpty();
    }

    @Test
    void keepsTheConnectorsAsJsonAndShowsThemAsRegistered() throws SQLException {
        store.upsert(List.of(ChargerView.newBuilder(CP1).setConnectors(List.of(
                new ChargerConnector(1, "Type2", 22.0), new ChargerConnector(2, "CCS2", 150.5),
                new ChargerConnector(3, "GB/T", null))).build()));

        assertThat(store.findRegistered(ORG, "CP-001")).get().extracting(ChargerJson::connectors)
                .isEqualTo(List.of(new ChargerJson.Connector(1, "Type2", 22.0),
                        new ChargerJson.Connector(2, "CCS2", 150.5), new ChargerJson.Connector(3, "GB/T", null)));
        assertThat(column("CP-001", "connectors::text")).isEqualTo("[{\"type\": \"Type2\", \"connector_id\": 1, "
                + "\"max_power_kw\": 22}, {\"type\": \"CCS2\", \"connector_id\": 2, \"max_power_kw\": 150.5}, "
                + "{\"type\": \"GB/T\", \"connector_id\": 3, \"max_power_kw\": null}]");

        store.upsert(List.of(ChargerView.newBuilder(CP1).setConnectors(List.of()).setVersion(2).build()));
        assertThat(store.findRegistered(ORG, "CP-001")).get().extracting(ChargerJson::connectors)
                .isEqualTo(List.of());
    }

    @Test
    void aDecommissionedChargerIsNotFoundButKeepsItsVersion() throws SQLException {
        store.upsert(List.of(decommissioned(linked(CP1, "site_1", 2), 3)));

        assertThat(store.findRegistered(ORG, "CP-001")).isEmpty();
        assertThat(store.version(ORG, "CP-001")).isEqualTo(OptionalLong.of(3));
        assertThat(row("CP-001")).extracting(Row::siteId, Row::decommissionedAt)
                .containsExactly(null, T0.plusSeconds(3));
    }

    @Test
    void versionIsScopedToTheOrganisation() throws SQLException {
        assertThat(store.version(ORG, "CP-001")).isEmpty();
        store.upsert(List.of(CP1));

        assertThat(store.version(ORG, "CP-001")).isEqualTo(OptionalLong.of(1));
        assertThat(store.version("org_B", "CP-001")).isEmpty();
    }

    record Row(String organisationId, String vendor, String model, boolean passwordSet, String siteId,
               Instant linkedAt, Instant registeredAt, Instant updatedAt, Instant decommissionedAt, long version) {
    }

    private String column(String chargePointId, String expression) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + expression + " FROM charger WHERE charge_point_id = ?")) {
            select.setString(1, chargePointId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private Row row(String chargePointId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT * FROM charger WHERE charge_point_id = ?")) {
            select.setString(1, chargePointId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Row(rs.getString("organisation_id"), rs.getString("vendor"), rs.getString("model"),
                        rs.getBoolean("password_set"), rs.getString("site_id"), Jdbc.instant(rs, "linked_at"),
                        Jdbc.instant(rs, "registered_at"), Jdbc.instant(rs, "updated_at"),
                        Jdbc.instant(rs, "decommissioned_at"), rs.getLong("version"));
            }
        }
    }
}
