package org.dynamocsms.query.fleet;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.ProjectionStore;
import org.dynamocsms.query.Refused;
import org.dynamocsms.query.TableRows;
import org.dynamocsms.query.charger.ChargerStore;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ConnectorState;

/**
 * The live state of every charger, in plain JDBC: version-guarded upserts from the charger state projection, and
 * the fleet reads, which count only an organisation's chargers in the registry (table charger) and take a registered
 * charger without a live state as offline.
 */
@Singleton
public class ChargerStateStore implements ProjectionStore<ChargerLiveState> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableRows<ChargerLiveState> ROWS = TableRows.<ChargerLiveState>of("charger_state",
                    "charge_point_id")
            .text("charge_point_id", ChargerLiveState::getChargePointId)
            .text("organisation_id", ChargerLiveState::getOrganisationId)
            .bool("connected", ChargerLiveState::getConnected)
            .text("status", state -> state.getStatus().name())
            .timestamptz("last_seen_at", ChargerLiveState::getLastSeenAt)
            .timestamptz("last_heartbeat_at", ChargerLiveState::getLastHeartbeatAt)
            .text("vendor", ChargerLiveState::getVendor)
            .text("model", ChargerLiveState::getModel)
            .text("firmware_version", ChargerLiveState::getFirmwareVersion)
            .text("ocpp_version", ChargerLiveState::getOcppVersion)
            .integer("active_sessions", ChargerLiveState::getActiveSessions)
            .float8("power_kw", ChargerLiveState::getPowerKw)
            .float8("energy_today_wh", ChargerLiveState::getEnergyTodayWh)
            .date("energy_day", ChargerLiveState::getEnergyDay)
            .jsonb("connectors", ChargerStateStore::json)
            .bigint("version", ChargerLiveState::getVersion);
    private static final TableRows<String> TOMBSTONES = TableRows.<String>of("charger_state")
            .text("charge_point_id", chargePointId -> chargePointId);
    /** The rolled-up status of a registered charger: offline without a live state. */
    private static final String STATUS = "coalesce(nullif(s.status, 'unknown'), 'offline')";
    private static final String FLEET = """
            FROM charger c LEFT JOIN charger_state s ON s.charge_point_id = c.charge_point_id
            WHERE c.organisation_id = ? AND c.decommissioned_at IS NULL""";
    private static final String SUMMARY = "SELECT count(*) AS total, "
            + "count(*) FILTER (WHERE " + STATUS + " <> 'offline') AS online, "
            + "count(*) FILTER (WHERE " + STATUS + " = 'charging') AS charging, "
            + "count(*) FILTER (WHERE " + STATUS + " = 'available') AS available, "
            + "count(*) FILTER (WHERE " + STATUS + " = 'faulted') AS faulted, "
            + "coalesce(sum(s.active_sessions), 0) AS active_sessions, "
            + "coalesce(sum(s.energy_today_wh) FILTER (WHERE s.energy_day = ?), 0) AS energy_today_wh "
            + FLEET;
    private static final String LIST = "SELECT c.charge_point_id, c.site_id, coalesce(s.vendor, c.vendor) AS vendor, "
            + "coalesce(s.model, c.model) AS model, s.firmware_version, " + STATUS + " AS status, s.last_seen_at, "
            + "s.connectors, c.connectors AS registered_connectors, count(*) OVER () AS total " + FLEET
            + " AND (CAST(? AS text) IS NULL OR c.site_id = ?)"
            + " AND (CAST(? AS text) IS NULL OR (? = 'online' AND " + STATUS + " <> 'offline') OR " + STATUS + " = ?)"
            + " ORDER BY c.charge_point_id LIMIT ?";
    private static final String DIAGNOSTICS = "SELECT c.charge_point_id, s.firmware_version, s.last_heartbeat_at, "
            + "s.ocpp_version, s.connectors " + FLEET + " AND c.charge_point_id = ?";

    private final DataSource dataSource;
    private final TableRows<ChargerLiveState> rows;
    private final TableRows<String> tombstones;

    /** Writes generation 1's tables, as a read store never rebuilt reads them; {@link #forGeneration} others. */
    @Inject
    public ChargerStateStore(DataSource dataSource) {
        this(dataSource, Generation.first(Projection.LIVE_STATES));
    }

    private ChargerStateStore(DataSource dataSource, Generation generation) {
        this.dataSource = dataSource;
        this.rows = ROWS.in(generation);
        this.tombstones = TOMBSTONES.in(generation);
    }

    @Override
    public ChargerStateStore forGeneration(Generation generation) {
        return new ChargerStateStore(dataSource, generation);
    }

    @Override
    public TableRows<ChargerLiveState> rows() {
        return rows;
    }

    @Override
    public List<Refused<ChargerLiveState>> write(Collection<ChargerLiveState> values, Collection<String> tombstones)
            throws SQLException {
        List<ChargerLiveState> latest = ProjectionStore.latestPerKey(values, ChargerLiveState::getChargePointId,
                ChargerLiveState::getVersion);
        if (latest.isEmpty() && tombstones.isEmpty()) {
            return List.of();
        }
        return Jdbc.inTransaction(dataSource, connection -> {
            Jdbc.deleteRefusing(connection, "charger state", List.copyOf(tombstones), this.tombstones::delete);
            return Jdbc.writeRefusing(connection, latest, rows::upsert);
        });
    }

    @Override
    public long versionOf(ChargerLiveState state) {
        return state.getVersion();
    }

    @Override
    public String keyOf(ChargerLiveState state) {
        return state.getChargePointId();
    }

    /** The organisation's fleet counted by rolled-up status; the energy of the live states of {@code today}. */
    public FleetSummaryJson summary(String organisationId, LocalDate today) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SUMMARY)) {
            select.setObject(1, today);
            select.setString(2, organisationId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                int total = row.getInt("total");
                int online = row.getInt("online");
                return new FleetSummaryJson(total, online, total - online, row.getInt("charging"),
                        row.getInt("available"), row.getInt("faulted"), row.getInt("active_sessions"),
                        kilowattHours(row.getDouble("energy_today_wh")));
            }
        }
    }

    /**
     * The organisation's chargers in charge_point_id order, at most {@code limit}, of {@code status} (null: any)
     * and at {@code siteId} (null: any), with the number of chargers that match.
     */
    public FleetChargerPage list(String organisationId, FleetStatus status, String siteId, int limit)
            throws SQLException {
        String statusValue = status == null ? null : status.value();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(LIST)) {
            select.setString(1, organisationId);
            select.setString(2, siteId);
            select.setString(3, siteId);
            select.setString(4, statusValue);
            select.setString(5, statusValue);
            select.setString(6, statusValue);
            select.setInt(7, limit);
            List<FleetChargerJson> chargers = new ArrayList<>();
            int total = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    total = rows.getInt("total");
                    Map<Integer, String> types = new HashMap<>();
                    ChargerStore.connectors(rows.getString("registered_connectors"))
                            .forEach(registered -> types.put(registered.connectorId(), registered.type()));
                    List<FleetChargerJson.Connector> connectors = new ArrayList<>();
                    for (JsonNode connector : connectors(rows.getString("connectors"))) {
                        int connectorId = connector.path("connector_id").asInt();
                        connectors.add(new FleetChargerJson.Connector(connectorId, types.get(connectorId),
                                connector.path("status").asText()));
                    }
                    chargers.add(new FleetChargerJson(rows.getString("charge_point_id"), rows.getString("site_id"),
                            rows.getString("vendor"), rows.getString("model"), rows.getString("firmware_version"),
                            FleetStatus.of(rows.getString("status")).rendered(), Jdbc.instant(rows, "last_seen_at"),
                            connectors));
                }
            }
            return new FleetChargerPage(chargers, total);
        }
    }

    /** The live part of an organisation's charger's diagnostics; empty if it is not in the organisation's fleet. */
    public Optional<ChargerDiagnosticsJson> diagnostics(String organisationId, String chargePointId)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(DIAGNOSTICS)) {
            select.setString(1, organisationId);
            select.setString(2, chargePointId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                List<ChargerDiagnosticsJson.Connector> connectors = new ArrayList<>();
                for (JsonNode connector : connectors(row.getString("connectors"))) {
                    connectors.add(new ChargerDiagnosticsJson.Connector(connector.path("connector_id").asInt(),
                            connector.path("status").asText(), connector.path("total_sessions").asInt(),
                            kilowattHours(connector.path("total_energy_wh").asDouble())));
                }
                return Optional.of(ChargerDiagnosticsJson.live(row.getString("charge_point_id"),
                        row.getString("firmware_version"), Jdbc.instant(row, "last_heartbeat_at"),
                        row.getString("ocpp_version"), connectors));
            }
        }
    }

    /**
     * Watt-hours in kWh, to the watt-hour (3 decimals, half up). A figure that is not finite counts as 0: only a
     * live state folded before the gateway bounded meter values can hold one, and it must not fail the read.
     */
    static double kilowattHours(double wattHours) {
        if (!Double.isFinite(wattHours)) {
            return 0;
        }
        return BigDecimal.valueOf(wattHours).movePointLeft(3).setScale(3, RoundingMode.HALF_UP).doubleValue();
    }

    /** The connectors of a row (none without a live state), connector 0 (the charge point as a whole) left out. */
    private static List<JsonNode> connectors(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<JsonNode> connectors = new ArrayList<>();
            for (JsonNode connector : JSON.readTree(json)) {
                if (connector.path("connector_id").asInt() != 0) {
                    connectors.add(connector);
                }
            }
            return connectors;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the fleet reads need of each connector. */
    private static String json(ChargerLiveState state) {
        ArrayNode connectors = JSON.createArrayNode();
        for (ConnectorState connector : state.getConnectors()) {
            connectors.addObject()
                    .put("connector_id", connector.getConnectorId())
                    .put("status", connector.getStatus().name())
                    .put("error_code", connector.getErrorCode().name())
                    .put("total_sessions", connector.getTotalSessions())
                    .put("total_energy_wh", connector.getTotalEnergyWh());
        }
        try {
            return JSON.writeValueAsString(connectors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the connectors of " + state.getChargePointId(), e);
        }
    }
}
