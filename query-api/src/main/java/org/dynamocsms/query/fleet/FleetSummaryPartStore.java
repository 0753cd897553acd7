package org.dynamocsms.query.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dynamocsms.query.TableRows;
import org.dynamocsms.query.VersionedStore;
import org.dynamocsms.query.VersionedTable;
import org.dynamocsms.schemas.fleet.FleetEnergyDay;
import org.dynamocsms.schemas.fleet.FleetSummaryPart;
import org.dynamocsms.schemas.fleet.FleetSummaryParts;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;

/**
 * The fleet summaries, kept ready: each organisation's figures over the chargers of each partition of the live states
 * (version-guarded upserts from csms.projection.fleet-summary-parts), summed when read, so a summary reads a few rows
 * whatever the size of the fleet.
 */
@Singleton
public class FleetSummaryPartStore extends VersionedStore<FleetSummaryPart> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableRows<FleetSummaryPart> ROWS = TableRows.<FleetSummaryPart>of("fleet_summary_part",
                    "organisation_id", "part")
            .text("organisation_id", FleetSummaryPart::getOrganisationId)
            .integer("part", FleetSummaryPart::getPart)
            .integer("total", FleetSummaryPart::getTotal)
            .integer("online", FleetSummaryPart::getOnline)
            .integer("charging", FleetSummaryPart::getCharging)
            .integer("available", FleetSummaryPart::getAvailable)
            .integer("faulted", FleetSummaryPart::getFaulted)
            .integer("active_sessions", FleetSummaryPart::getActiveSessions)
            .jsonb("energy_mwh", FleetSummaryPartStore::json)
            .bigint("version", FleetSummaryPart::getVersion);
    /** Parts are never deleted: the projection publishes no tombstone, and one from elsewhere changes nothing. */
    private static final VersionedTable<FleetSummaryPart> TABLE = VersionedTable.of(Projection.LIVE_STATES, ROWS,
            FleetSummaryParts::key, FleetSummaryPart::getVersion);
    private static final String SUMMARY = """
            SELECT coalesce(sum(total), 0) AS total, coalesce(sum(online), 0) AS online,
                   coalesce(sum(charging), 0) AS charging, coalesce(sum(available), 0) AS available,
                   coalesce(sum(faulted), 0) AS faulted, coalesce(sum(active_sessions), 0) AS active_sessions,
                   coalesce(sum((energy_mwh ->> ?)::bigint), 0) AS energy_mwh
            FROM fleet_summary_part WHERE organisation_id = ?""";

    @Inject
    public FleetSummaryPartStore(DataSource dataSource) {
        super(dataSource, TABLE);
    }

    private FleetSummaryPartStore(FleetSummaryPartStore first, Generation generation) {
        super(first, generation);
    }

    @Override
    public FleetSummaryPartStore forGeneration(Generation generation) {
        return new FleetSummaryPartStore(this, generation);
    }

    /** Upserts the parts and tells every reader ({@link FleetSummaries}) whose summaries change on commit. */
    @Override
    protected void writeRows(Connection connection, List<FleetSummaryPart> parts) throws SQLException {
        rows().upsert(connection, parts);
        notifyChanged(connection, parts);
    }

    private static void notifyChanged(Connection connection, List<FleetSummaryPart> parts) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement(
                "SELECT pg_notify(?, organisation_id) FROM unnest(?) AS organisation_id")) {
            notify.setString(1, FleetSummaries.CHANNEL);
            notify.setArray(2, connection.createArrayOf("text",
                    parts.stream().map(FleetSummaryPart::getOrganisationId).distinct().toArray()));
            notify.execute();
        }
    }

    /** The sum of the organisation's parts: its fleet by rolled-up status, with the energy delivered on {@code today}. */
    public FleetSummaryJson summary(String organisationId, LocalDate today) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SUMMARY)) {
            select.setString(1, today.toString());
            select.setString(2, organisationId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                int total = row.getInt("total");
                int online = row.getInt("online");
                return new FleetSummaryJson(total, online, total - online, row.getInt("charging"),
                        row.getInt("available"), row.getInt("faulted"), row.getInt("active_sessions"),
                        ChargerStateStore.kilowattHours(row.getLong("energy_mwh") / 1000.0));
            }
        }
    }

    /** The energy by day as a JSON object, {@code {"2024-06-15": 1842600000}}. */
    private static String json(FleetSummaryPart part) {
        ObjectNode days = JSON.createObjectNode();
        for (FleetEnergyDay day : part.getEnergy()) {
            days.put(day.getDay().toString(), day.getEnergyMwh());
        }
        try {
            return JSON.writeValueAsString(days);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the energy of " + FleetSummaryParts.key(part), e);
        }
    }
}
