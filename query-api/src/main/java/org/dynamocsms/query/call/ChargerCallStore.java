package org.dynamocsms.query.call;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.dynamocsms.platform.call.ChargerCallJson;
import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.PageRequest;
import org.dynamocsms.query.TableRows;
import org.dynamocsms.query.VersionedStore;
import org.dynamocsms.query.VersionedTable;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.dynamocsms.schemas.call.ChargerCallView;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;

/**
 * Calls to chargers, in plain JDBC: version-guarded upserts from the calls' projection (a call ended is never
 * replaced by its request), and the reads of one charger's calls within an organisation.
 */
@Singleton
public class ChargerCallStore extends VersionedStore<ChargerCallView> {

    private static final TableRows<ChargerCallView> ROWS = TableRows.<ChargerCallView>of("charger_call", "call_id")
            .text("call_id", view -> view.getCall().getCallId())
            .text("organisation_id", view -> view.getCall().getOrganisationId())
            .text("charge_point_id", view -> view.getCall().getChargePointId())
            .text("action", view -> view.getCall().getAction())
            .text("payload", view -> view.getCall().getPayload())
            .text("status", view -> view.getStatus().name())
            .text("answer", ChargerCallView::getAnswer)
            .text("error_code", ChargerCallView::getErrorCode)
            .text("error_description", ChargerCallView::getErrorDescription)
            .text("requested_by", view -> view.getCall().getRequestedBy())
            .timestamptz("requested_at", view -> view.getCall().getOccurredAt())
            .timestamptz("expires_at", view -> view.getCall().getExpiresAt())
            .timestamptz("sent_at", ChargerCallView::getSentAt)
            .timestamptz("ended_at", ChargerCallView::getEndedAt)
            .bigint("version", ChargerCallView::getVersion);
    /** Calls are never deleted (the projection sends no tombstones): stray ones are ignored. */
    private static final VersionedTable<ChargerCallView> TABLE = VersionedTable.of(Projection.CHARGER_CALLS, ROWS,
            view -> view.getCall().getCallId(), ChargerCallView::getVersion);
    private static final String COLUMNS = "call_id, charge_point_id, action, payload, status, answer, error_code, "
            + "error_description, requested_by, requested_at, expires_at, sent_at, ended_at";
    private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM charger_call "
            + "WHERE call_id = ? AND organisation_id = ? AND charge_point_id = ?";
    /**
     * A page of a charger's calls that match, newest first and then by call_id (the key: pages never overlap), with
     * the number that match: one row with a null call_id if the page is empty. A pending call is shown as expired
     * once its expires_at is before the cut-off (now less the grace).
     */
    private static final String SELECT_PAGE = """
            WITH matching AS (
                SELECT %s FROM charger_call
                WHERE organisation_id = ? AND charge_point_id = ?
                  AND (CAST(? AS text) IS NULL OR action = ?)
                  AND (CAST(? AS text) IS NULL OR status = ?)
                  AND (CAST(? AS boolean) IS NULL OR (expires_at < ?) = ?))
            SELECT page.*, (SELECT count(*) FROM matching) AS total
            FROM (SELECT 1) AS one LEFT JOIN LATERAL (
                SELECT * FROM matching ORDER BY requested_at DESC, call_id DESC LIMIT ? OFFSET ?) AS page ON true"""
            .formatted(COLUMNS);

    @Inject
    public ChargerCallStore(DataSource dataSource) {
        super(dataSource, TABLE);
    }

    private ChargerCallStore(ChargerCallStore first, Generation generation) {
        super(first, generation);
    }

    @Override
    public ChargerCallStore forGeneration(Generation generation) {
        return new ChargerCallStore(this, generation);
    }

    /** The organisation's call {@code callId} to {@code chargePointId}, as read at {@code now}; empty if none. */
    public Optional<ChargerCallJson> find(String organisationId, String chargePointId, String callId, Instant now)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_ONE)) {
            select.setString(1, callId);
            select.setString(2, organisationId);
            select.setString(3, chargePointId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(call(row, now)) : Optional.empty();
            }
        }
    }

    /** A page of the organisation's calls to {@code chargePointId} that match {@code filter} as read at {@code now}. */
    public ChargerCallPage calls(String organisationId, String chargePointId, CallFilter filter, Instant now,
                                 PageRequest page) throws SQLException {
        String status = filter.stored() == null ? null : filter.stored().name();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_PAGE)) {
            select.setString(1, organisationId);
            select.setString(2, chargePointId);
            select.setString(3, filter.action());
            select.setString(4, filter.action());
            select.setString(5, status);
            select.setString(6, status);
            select.setObject(7, filter.expired(), Types.BOOLEAN);
            select.setObject(8, Jdbc.utc(now.minus(ChargerCallJson.EXPIRY_GRACE)), Types.TIMESTAMP_WITH_TIMEZONE);
            select.setObject(9, filter.expired(), Types.BOOLEAN);
            select.setInt(10, page.limit());
            select.setInt(11, page.offset());
            List<ChargerCallJson> calls = new ArrayList<>();
            int total = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    total = rows.getInt("total");
                    if (rows.getString("call_id") != null) {
                        calls.add(call(rows, now));
                    }
                }
            }
            return new ChargerCallPage(chargePointId, calls, total, page.limit(), page.offset());
        }
    }

    private static ChargerCallJson call(ResultSet row, Instant now) throws SQLException {
        String errorCode = row.getString("error_code");
        return new ChargerCallJson(row.getString("call_id"), row.getString("charge_point_id"),
                row.getString("action"), row.getString("payload"),
                ChargerCallJson.shown(ChargerCallStatus.valueOf(row.getString("status"))), row.getString("answer"),
                errorCode == null ? null : new ChargerCallJson.Error(errorCode, row.getString("error_description")),
                row.getString("requested_by"), Jdbc.instant(row, "requested_at"), Jdbc.instant(row, "expires_at"),
                Jdbc.instant(row, "sent_at"), Jdbc.instant(row, "ended_at")).seenAt(now);
    }
}
