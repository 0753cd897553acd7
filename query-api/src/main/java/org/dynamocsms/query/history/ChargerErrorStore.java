package org.dynamocsms.query.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.PageRequest;
import org.dynamocsms.query.Period;
import org.dynamocsms.query.TableRows;
import org.dynamocsms.query.VersionedStore;
import org.dynamocsms.query.VersionedTable;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.analytics.ChargerError;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;

/**
 * Chargers' error episodes, in plain JDBC: version-guarded upserts from the error projection (a tombstone deletes
 * the episode), and the reads of an organisation's fleet: only the episodes of its chargers in the registry (not
 * decommissioned), each with the charger's current site.
 */
@Singleton
public class ChargerErrorStore extends VersionedStore<ChargerError> {

    private static final TableRows<ChargerError> ROWS = TableRows.<ChargerError>of("charger_error", "event_id")
            .text("event_id", ChargerError::getEventId)
            .text("organisation_id", ChargerError::getOrganisationId)
            .text("charge_point_id", ChargerError::getChargePointId)
            .integer("connector_id", ChargerError::getConnectorId)
            .text("error_code", error -> error.getErrorCode().name())
            .text("status", error -> error.getStatus().name())
            .text("info", ChargerError::getInfo)
            .text("vendor_error_code", ChargerError::getVendorErrorCode)
            .timestamptz("started_at", ChargerError::getStartedAt)
            .timestamptz("resolved_at", ChargerError::getResolvedAt)
            .bigint("version", ChargerError::getVersion);
    private static final VersionedTable<ChargerError> TABLE = VersionedTable.of(Projection.CHARGER_HISTORY, ROWS,
            ChargerError::getEventId, ChargerError::getVersion).deletedByKey();
    /**
     * A page of the episodes begun in [from, to) (either end may be open), newest first and then by event_id (the
     * key: pages never overlap), with the number that match: one row with a null event_id if the page is empty.
     */
    private static final String SELECT = """
            WITH matching AS (
                SELECT e.event_id, e.charge_point_id, c.site_id, e.error_code, e.info, e.status, e.started_at,
                       e.resolved_at
                FROM charger_error e
                JOIN charger c ON c.charge_point_id = e.charge_point_id
                WHERE e.organisation_id = ? AND c.organisation_id = e.organisation_id AND c.decommissioned_at IS NULL
                  AND (CAST(? AS text) IS NULL OR e.charge_point_id = ?)
                  AND (CAST(? AS text) IS NULL OR e.error_code = ?)
                  AND (CAST(? AS timestamptz) IS NULL OR e.started_at >= ?)
                  AND (CAST(? AS timestamptz) IS NULL OR e.started_at < ?))
            SELECT page.*, (SELECT count(*) FROM matching) AS total
            FROM (SELECT 1) AS one LEFT JOIN LATERAL (
                SELECT * FROM matching ORDER BY started_at DESC, event_id LIMIT ? OFFSET ?) AS page ON true""";

    /** How many of a charger's episodes began at or after ?, and its newest episode of all. */
    private static final String SUMMARY = """
            SELECT (SELECT count(*) FROM charger_error e
                    WHERE e.charge_point_id = ? AND e.organisation_id = ? AND e.started_at >= ?) AS count,
                   last.error_code, last.started_at
            FROM (SELECT 1) AS one LEFT JOIN LATERAL (
                SELECT e.error_code, e.started_at FROM charger_error e
                WHERE e.charge_point_id = ? AND e.organisation_id = ?
                ORDER BY e.started_at DESC, e.event_id LIMIT 1) AS last ON true""";

    /** How many errors a charger reported since some time, and its newest (code and start null if none ever). */
    public record Summary(int count, String lastErrorCode, Instant lastStartedAt) {
    }

    @Inject
    public ChargerErrorStore(DataSource dataSource) {
        super(dataSource, TABLE);
    }

    private ChargerErrorStore(ChargerErrorStore first, Generation generation) {
        super(first, generation);
    }

    @Override
    public ChargerErrorStore forGeneration(Generation generation) {
        return new ChargerErrorStore(this, generation);
    }

    /** The charger's episodes that began at or after {@code since}, and its newest episode of all. */
    public Summary summary(String organisationId, String chargePointId, Instant since) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SUMMARY)) {
            select.setString(1, chargePointId);
            select.setString(2, organisationId);
            select.setObject(3, Jdbc.utc(since), Types.TIMESTAMP_WITH_TIMEZONE);
            select.setString(4, chargePointId);
            select.setString(5, organisationId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new Summary(row.getInt("count"), row.getString("error_code"), Jdbc.instant(row, "started_at"));
            }
        }
    }

    /**
     * A page of the error episodes of an organisation's fleet begun within {@code period} (either end may be open),
     * newest first; only those of {@code chargePointId} and of {@code errorCode} when not null.
     */
    public ChargerErrorPage errors(String organisationId, String chargePointId, ChargePointErrorCode errorCode,
                                   Period period, PageRequest page) throws SQLException {
        String code = errorCode == null ? null : errorCode.name();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, organisationId);
            select.setString(2, chargePointId);
            select.setString(3, chargePointId);
            select.setString(4, code);
            select.setString(5, code);
            select.setObject(6, Jdbc.utc(period.from()), Types.TIMESTAMP_WITH_TIMEZONE);
            select.setObject(7, Jdbc.utc(period.from()), Types.TIMESTAMP_WITH_TIMEZONE);
            select.setObject(8, Jdbc.utc(period.to()), Types.TIMESTAMP_WITH_TIMEZONE);
            select.setObject(9, Jdbc.utc(period.to()), Types.TIMESTAMP_WITH_TIMEZONE);
            select.setInt(10, page.limit());
            select.setInt(11, page.offset());
            List<ChargerErrorJson> errors = new ArrayList<>();
            int total = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    total = rows.getInt("total");
                    if (rows.getString("event_id") != null) {
                        errors.add(new ChargerErrorJson(rows.getString("event_id"),
                                rows.getString("charge_point_id"), rows.getString("site_id"),
                                rows.getString("error_code"), rows.getString("info"), rows.getString("status"),
                                Jdbc.instant(rows, "started_at"), Jdbc.instant(rows, "resolved_at")));
                    }
                }
            }
            return new ChargerErrorPage(errors, total, page.limit(), page.offset());
        }
    }
}
