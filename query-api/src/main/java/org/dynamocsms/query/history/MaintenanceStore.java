package org.dynamocsms.query.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.Period;
import org.dynamocsms.query.TableRows;
import org.dynamocsms.query.VersionedStore;
import org.dynamocsms.query.VersionedTable;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.maintenance.MaintenanceView;

/**
 * Maintenance events, in plain JDBC: version-guarded upserts from the maintenance projection, and the reads of one
 * charger's events.
 */
@Singleton
public class MaintenanceStore extends VersionedStore<MaintenanceView> {

    private static final TableRows<MaintenanceView> ROWS = TableRows.<MaintenanceView>of("maintenance_event",
                    "maintenance_id")
            .text("maintenance_id", MaintenanceView::getMaintenanceId)
            .text("organisation_id", MaintenanceView::getOrganisationId)
            .text("charge_point_id", MaintenanceView::getChargePointId)
            .text("type", maintenance -> maintenance.getType().name())
            .text("description", MaintenanceView::getDescription)
            .timestamptz("scheduled_at", MaintenanceView::getScheduledAt)
            .timestamptz("completed_at", MaintenanceView::getCompletedAt)
            .text("technician", MaintenanceView::getTechnician)
            .text("notes", MaintenanceView::getNotes)
            .timestamptz("created_at", MaintenanceView::getCreatedAt)
            .timestamptz("updated_at", MaintenanceView::getUpdatedAt)
            .bigint("version", MaintenanceView::getVersion);
    /** Maintenance events are never deleted (the projection sends no tombstones): stray ones are ignored. */
    private static final VersionedTable<MaintenanceView> TABLE = VersionedTable.of(Projection.MAINTENANCE, ROWS,
            MaintenanceView::getMaintenanceId, MaintenanceView::getVersion);
    /** The events whose window [scheduled_at, completed_at) (open: unbounded) overlaps [from, to) (either open). */
    private static final String SELECT = """
            SELECT maintenance_id, type, description, scheduled_at, completed_at, technician, notes
            FROM maintenance_event
            WHERE charge_point_id = ? AND organisation_id = ?
              AND (CAST(? AS timestamptz) IS NULL OR completed_at IS NULL OR completed_at > ?)
              AND (CAST(? AS timestamptz) IS NULL OR scheduled_at < ?)
            ORDER BY scheduled_at, maintenance_id""";

    @Inject
    public MaintenanceStore(DataSource dataSource) {
        super(dataSource, TABLE);
    }

    private MaintenanceStore(MaintenanceStore first, Generation generation) {
        super(first, generation);
    }

    @Override
    public MaintenanceStore forGeneration(Generation generation) {
        return new MaintenanceStore(this, generation);
    }

    /**
     * The maintenance events of an organisation's charger whose window reaches into {@code period} (either end may
     * be open: an event completed after {@code from}, or not yet, and scheduled before {@code to}), by scheduled_at.
     */
    public List<ChargerMaintenanceJson.Event> events(String organisationId, String chargePointId, Period period)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, chargePointId);
            select.setString(2, organisationId);
            select.setObject(3, Jdbc.utc(period.from()), Types.TIMESTAMP_WITH_TIMEZONE);
            select.setObject(4, Jdbc.utc(period.from()), Types.TIMESTAMP_WITH_TIMEZONE);
            select.setObject(5, Jdbc.utc(period.to()), Types.TIMESTAMP_WITH_TIMEZONE);
            select.setObject(6, Jdbc.utc(period.to()), Types.TIMESTAMP_WITH_TIMEZONE);
            List<ChargerMaintenanceJson.Event> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new ChargerMaintenanceJson.Event(rows.getString("maintenance_id"),
                            rows.getString("type"), rows.getString("description"),
                            Jdbc.instant(rows, "scheduled_at"), Jdbc.instant(rows, "completed_at"),
                            rows.getString("technician"), rows.getString("notes")));
                }
            }
            return events;
        }
    }
}
