package org.dynamocsms.query.charger;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import org.dynamocsms.platform.charger.ChargerJson;
import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.Refused;
import org.dynamocsms.query.TableRows;
import org.dynamocsms.query.VersionedStore;
import org.dynamocsms.query.VersionedTable;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.charger.ChargerView;

/**
 * The charger read store, in plain JDBC: version-guarded upserts from the charger projection, and the reads of one
 * organisation's chargers. It keeps whether a charger has a password, never the password's hash.
 */
@Singleton
public class ChargerStore extends VersionedStore<ChargerView> {

    private static final TableRows<ChargerView> ROWS = TableRows.<ChargerView>of("charger", "charge_point_id")
            .text("charge_point_id", ChargerView::getChargePointId)
            .text("organisation_id", ChargerView::getOrganisationId)
            .text("vendor", ChargerView::getVendor)
            .text("model", ChargerView::getModel)
            .bool("password_set", charger -> charger.getPasswordHash() != null)
            .text("site_id", ChargerView::getSiteId)
            .timestamptz("linked_at", ChargerView::getLinkedAt)
            .timestamptz("registered_at", ChargerView::getRegisteredAt)
            .timestamptz("updated_at", ChargerView::getUpdatedAt)
            .timestamptz("decommissioned_at", ChargerView::getDecommissionedAt)
            .bigint("version", ChargerView::getVersion)
            .jsonb("connectors", ChargerStore::json);
    /** The projection keeps decommissioned chargers (with decommissioned_at): stray tombstones are ignored. */
    private static final VersionedTable<ChargerView> TABLE = VersionedTable.of(Projection.CHARGERS, ROWS,
            ChargerView::getChargePointId, ChargerView::getVersion);
    private static final String SELECT_REGISTERED = """
            SELECT charge_point_id, vendor, model, site_id, linked_at, registered_at, password_set, connectors
            FROM charger WHERE charge_point_id = ? AND organisation_id = ? AND decommissioned_at IS NULL""";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Built once: reading with a type reference looks the type up on every call. */
    private static final ObjectReader CONNECTORS = JSON.readerFor(new TypeReference<List<ChargerJson.Connector>>() {
    });

    @Inject
    public ChargerStore(DataSource dataSource) {
        super(dataSource, TABLE);
    }

    private ChargerStore(ChargerStore first, Generation generation) {
        super(first, generation);
    }

    @Override
    public ChargerStore forGeneration(Generation generation) {
        return new ChargerStore(this, generation);
    }

    /** Writes {@code chargers} in one transaction, leaving out and returning those the database refuses. */
    public List<Refused<ChargerView>> upsert(Collection<ChargerView> chargers) throws SQLException {
        return write(chargers, List.of());
    }

    /** An organisation's charger while it is in the fleet; empty if unknown, decommissioned or another's. */
    public Optional<ChargerJson> findRegistered(String organisationId, String chargePointId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_REGISTERED)) {
            select.setString(1, chargePointId);
            select.setString(2, organisationId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ChargerJson(row.getString("charge_point_id"), row.getString("vendor"),
                        row.getString("model"), row.getString("site_id"), Jdbc.instant(row, "linked_at"),
                        Jdbc.instant(row, "registered_at"), row.getBoolean("password_set"),
                        connectors(row.getString("connectors"))));
            }
        }
    }

    /** The connectors of a charger row's {@code connectors} column, as the API shows them. */
    public static List<ChargerJson.Connector> connectors(String json) {
        try {
            return CONNECTORS.readValue(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(ChargerView charger) {
        try {
            return JSON.writeValueAsString(charger.getConnectors().stream().map(ChargerJson.Connector::of).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the connectors of " + charger.getChargePointId(), e);
        }
    }
}
