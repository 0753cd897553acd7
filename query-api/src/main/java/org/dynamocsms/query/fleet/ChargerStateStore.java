package org.dynamocsms.query.fleet;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.TableRows;
import org.dynamocsms.query.VersionedStore;
import org.dynamocsms.query.VersionedTable;
import org.dynamocsms.query.charger.ChargerDiagnosticsJson;
import org.dynamocsms.query.charger.ChargerStore;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.charger.ConnectorState;

/**
 * The live state of every charger, in plain JDBC: version-guarded upserts from the charger state projection, and
 * the fleet reads, which show an organisation's chargers its live states hold as registered (with the registry's
 * vendor and model until the charger boots), each through an index in charge_point_id order.
 */
@Singleton
public class ChargerStateStore extends VersionedStore<ChargerLiveState> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableRows<ChargerLiveState> ROWS = TableRows.<ChargerLiveState>of("charger_state",
                    "charge_point_id")
            .text("charge_point_id", ChargerLiveState::getChargePointId)
            .text("organisation_id", ChargerLiveState::getOrganisationId)
            .text("site_id", ChargerLiveState::getSiteId)
            .bool("registered", ChargerLiveState::getRegistered)
            .bool("connected", ChargerLiveState::getConnected)
            .text("status", ChargerStateStore::status)
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
    private static final VersionedTable<ChargerLiveState> TABLE = VersionedTable.of(Projection.LIVE_STATES, ROWS,
            ChargerLiveState::getChargePointId, ChargerLiveState::getVersion).deletedByKey();
    /**
     * A page of the organisation's fleet (its chargers registered and not decommissioned, as their live states say):
     * the page's charger ids are picked first, walking an index in order, so that an offset skips ids only; then
     * only those rows are read and joined with the registry.
     */
    private static final String LIST = "SELECT s.charge_point_id, s.site_id, coalesce(s.vendor, c.vendor) AS vendor, "
            + "coalesce(s.model, c.model) AS model, s.firmware_version, s.status, s.last_seen_at, s.connectors, "
            + "coalesce(c.connectors, '[]') AS registered_connectors FROM (SELECT charge_point_id FROM charger_state "
            + "WHERE organisation_id = ? AND registered%s ORDER BY charge_point_id LIMIT ? OFFSET ?) AS page "
            + "JOIN charger_state s ON s.charge_point_id = page.charge_point_id "
            + "LEFT JOIN charger c ON c.charge_point_id = page.charge_point_id ORDER BY page.charge_point_id";
    /** The list with each combination of filters, as its own statement: each has an index to walk in order. */
    private static final Map<String, String> LISTS = Map.of(
            "", LIST.formatted(""),
            "site", LIST.formatted(" AND site_id = ?"),
            "status", LIST.formatted(" AND status = ?"),
            "site status", LIST.formatted(" AND site_id = ? AND status = ?"),
            "online", LIST.formatted(" AND status <> 'offline'"),
            "site online", LIST.formatted(" AND site_id = ? AND status <> 'offline'"));
    /** A charger of the registry (its live state may not have arrived yet). */
    private static final String DIAGNOSTICS = "SELECT c.charge_point_id, s.firmware_version, s.last_heartbeat_at, "
            + "s.ocpp_version, s.connectors FROM charger c LEFT JOIN charger_state s ON s.charge_point_id = "
            + "c.charge_point_id WHERE c.organisation_id = ? AND c.decommissioned_at IS NULL "
            + "AND c.charge_point_id = ?";

    private static final String TRANSACTIONS = "SELECT connectors FROM charger_state WHERE organisation_id = ? "
            + "AND charge_point_id = ?";

    @Inject
    public ChargerStateStore(DataSource dataSource) {
        super(dataSource, TABLE);
    }

    private ChargerStateStore(ChargerStateStore first, Generation generation) {
        super(first, generation);
    }

    @Override
    public ChargerStateStore forGeneration(Generation generation) {
        return new ChargerStateStore(this, generation);
    }

    /**
     * The organisation's chargers in charge_point_id order, of {@code status} (null: any) and at {@code siteId}
     * (null: any), at most {@code limit} of them after the first {@code offset}.
     */
    public List<FleetChargerJson> list(String organisationId, FleetStatus status, String siteId, int limit,
                                       int offset) throws SQLException {
        String filters = (siteId != null ? "site " : "") + (status == null ? ""
                : status == FleetStatus.ONLINE ? "online" : "status");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(LISTS.get(filters.trim()))) {
            int parameter = 1;
            select.setString(parameter++, organisationId);
            if (siteId != null) {
                select.setString(parameter++, siteId);
            }
            if (status != null && status != FleetStatus.ONLINE) {
                select.setString(parameter++, status.value());
            }
            select.setInt(parameter++, limit);
            select.setInt(parameter, offset);
            List<FleetChargerJson> chargers = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Map<Integer, String> types = new HashMap<>();
                    ChargerStore.connectors(rows.getString("registered_connectors"))
                            .forEach(registered -> types.put(registered.connectorId(), registered.type()));
                    List<FleetChargerJson.Connector> connectors = new ArrayList<>();
                    for (JsonNode connector : connectors(rows.getString("connectors"))) {
                        int connectorId = connector.path("connector_id").asInt();
                        // the registry's type, else the one a 2.0.1 station's device model reports
                        String registered = types.get(connectorId);
                        connectors.add(new FleetChargerJson.Connector(connectorId,
                                registered != null ? registered : connector.path("type").textValue(),
                                connector.path("status").asText()));
                    }
                    chargers.add(new FleetChargerJson(rows.getString("charge_point_id"), rows.getString("site_id"),
                            rows.getString("vendor"), rows.getString("model"), rows.getString("firmware_version"),
                            FleetStatus.of(rows.getString("status")).rendered(), Jdbc.instant(rows, "last_seen_at"),
                            connectors));
                }
            }
            return chargers;
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
                            kilowattHours(connector.path("total_energy_wh").asDouble()), transaction(connector),
                            connector.path("problem").textValue()));
                }
                return Optional.of(ChargerDiagnosticsJson.live(row.getString("charge_point_id"),
                        row.getString("firmware_version"), Jdbc.instant(row, "last_heartbeat_at"),
                        row.getString("ocpp_version"), connectors));
            }
        }
    }

    /** The connector's running transaction as its charger names it: 2.0.1's own id, else 1.6's integer. */
    private static String transaction(JsonNode connector) {
        JsonNode named = connector.path("ocpp_transaction_id");
        JsonNode id = connector.path("transaction_id");
        return named.isTextual() ? named.asText() : id.isInt() ? id.asText() : null;
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

    /**
     * The organisation's charger's connectors (connector 0 left out), each with the transaction running on it if
     * any; none without a live state.
     */
    public Map<Integer, OptionalInt> transactions(String organisationId, String chargePointId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(TRANSACTIONS)) {
            select.setString(1, organisationId);
            select.setString(2, chargePointId);
            Map<Integer, OptionalInt> transactions = new TreeMap<>();
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    for (JsonNode connector : connectors(row.getString("connectors"))) {
                        JsonNode transaction = connector.path("transaction_id");
                        transactions.put(connector.path("connector_id").asInt(), transaction.isInt()
                                ? OptionalInt.of(transaction.asInt()) : OptionalInt.empty());
                    }
                }
            }
            return transactions;
        }
    }

    /** The rolled-up status; a charger that never connected (no status yet) is offline, as the rollup counts it. */
    private static String status(ChargerLiveState state) {
        ChargerStatus status = state.getStatus();
        return (status == ChargerStatus.unknown ? ChargerStatus.offline : status).name();
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
                    .put("total_energy_wh", connector.getTotalEnergyWh())
                    .put("transaction_id", connector.getTransactionId())
                    .put("ocpp_transaction_id", connector.getOcppTransactionId())
                    .put("problem", connector.getProblem())
                    .put("type", connector.getType());
        }
        try {
            return JSON.writeValueAsString(connectors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the connectors of " + state.getChargePointId(), e);
        }
    }
}
