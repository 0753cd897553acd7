package org.dynamocsms.query.charger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.dynamocsms.platform.charger.ChargerJson;
import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.ProjectionStore;
import org.dynamocsms.schemas.charger.ChargerView;

/**
 * The charger read store, in plain JDBC: version-guarded upserts from the charger projection, and the reads of one
 * organisation's chargers. It keeps whether a charger has a password, never the password's hash.
 */
@Singleton
public class ChargerStore implements ProjectionStore<ChargerView> {

    private static final String UPSERT = """
            INSERT INTO charger (charge_point_id, organisation_id, vendor, model, password_set, site_id, linked_at,
                                 registered_at, updated_at, decommissioned_at, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (charge_point_id) DO UPDATE SET
                organisation_id = EXCLUDED.organisation_id, vendor = EXCLUDED.vendor, model = EXCLUDED.model,
                password_set = EXCLUDED.password_set, site_id = EXCLUDED.site_id, linked_at = EXCLUDED.linked_at,
                registered_at = EXCLUDED.registered_at, updated_at = EXCLUDED.updated_at,
                decommissioned_at = EXCLUDED.decommissioned_at, version = EXCLUDED.version
            WHERE charger.version < EXCLUDED.version""";
    private static final String SELECT_REGISTERED = """
            SELECT charge_point_id, vendor, model, site_id, linked_at, registered_at, password_set FROM charger
            WHERE charge_point_id = ? AND organisation_id = ? AND decommissioned_at IS NULL""";

    private final DataSource dataSource;

    @Inject
    public ChargerStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The charger projection keeps decommissioned chargers (with decommissioned_at): stray tombstones are ignored. */
    @Override
    public List<ChargerView> write(Collection<ChargerView> values, Collection<String> tombstones) throws SQLException {
        return upsert(values);
    }

    @Override
    public long versionOf(ChargerView charger) {
        return charger.getVersion();
    }

    @Override
    public String describe(ChargerView charger) {
        return charger.getChargePointId() + " version " + charger.getVersion();
    }

    /** Writes {@code chargers} in one transaction, leaving out and returning those the database refuses. */
    public List<ChargerView> upsert(Collection<ChargerView> chargers) throws SQLException {
        List<ChargerView> latest =
                ProjectionStore.latestPerKey(chargers, ChargerView::getChargePointId, ChargerView::getVersion);
        if (latest.isEmpty()) {
            return List.of();
        }
        return Jdbc.inTransaction(dataSource,
                connection -> Jdbc.writeRefusing(connection, latest, ChargerStore::writeRows));
    }

    /** The stored version of an organisation's charger, decommissioned or not; empty while the store lacks it. */
    public OptionalLong version(String organisationId, String chargePointId) throws SQLException {
        return Jdbc.version(dataSource, "charger", "charge_point_id", chargePointId, organisationId);
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
                        Jdbc.instant(row, "registered_at"), row.getBoolean("password_set")));
            }
        }
    }

    private static void writeRows(Connection connection, List<ChargerView> chargers) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (ChargerView charger : chargers) {
                upsert.setString(1, charger.getChargePointId());
                upsert.setString(2, charger.getOrganisationId());
                upsert.setString(3, charger.getVendor());
                upsert.setString(4, charger.getModel());
                upsert.setBoolean(5, charger.getPasswordHash() != null);
                upsert.setString(6, charger.getSiteId());
                upsert.setObject(7, Jdbc.utc(charger.getLinkedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                upsert.setObject(8, Jdbc.utc(charger.getRegisteredAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                upsert.setObject(9, Jdbc.utc(charger.getUpdatedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                upsert.setObject(10, Jdbc.utc(charger.getDecommissionedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                upsert.setLong(11, charger.getVersion());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
