package org.dynamocsms.query.site;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import org.dynamocsms.query.TableRows;
import org.dynamocsms.query.VersionedStore;
import org.dynamocsms.query.VersionedTable;
import org.dynamocsms.query.fleet.ChargerCounts;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.site.SiteChargerAllocation;
import org.dynamocsms.schemas.site.SiteEnergyAssetOutput;
import org.dynamocsms.schemas.site.SiteSummary;

/**
 * The site summary read store, in plain JDBC: the live figures of every site from the summary projection
 * (version-guarded upserts; a tombstone deletes), read together with the site and its energy assets.
 */
@Singleton
public class SiteSummaryStore extends VersionedStore<SiteSummary> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<SiteSummaryJson.Allocation>> ALLOCATIONS = new TypeReference<>() {
    };
    private static final TableRows<SiteSummary> ROWS = TableRows.<SiteSummary>of("site_summary", "site_id")
            .text("site_id", SiteSummary::getSiteId)
            .text("organisation_id", SiteSummary::getOrganisationId)
            .text("name", SiteSummary::getName)
            .float8("max_power_kw", SiteSummary::getMaxPowerKw)
            .float8("current_power_kw", SiteSummary::getCurrentPowerKw)
            .integer("chargers_total", summary -> summary.getChargers().getTotal())
            .integer("chargers_online", summary -> summary.getChargers().getOnline())
            .integer("chargers_charging", summary -> summary.getChargers().getCharging())
            .integer("chargers_available", summary -> summary.getChargers().getAvailable())
            .integer("chargers_faulted", summary -> summary.getChargers().getFaulted())
            .integer("active_sessions", SiteSummary::getActiveSessions)
            .jsonb("energy_assets", SiteSummaryStore::json)
            .timestamptz("updated_at", SiteSummary::getUpdatedAt)
            .bigint("version", SiteSummary::getVersion)
            .float8("headroom_kw", SiteSummary::getHeadroomKw)
            .jsonb("allocations", SiteSummaryStore::allocationsJson);
    private static final VersionedTable<SiteSummary> TABLE = VersionedTable.of(Projection.LIVE_STATES, ROWS,
            SiteSummary::getSiteId, SiteSummary::getVersion).deletedByKey();
    /**
     * The live site (its name and ceiling, as GET /sites/{id} shows them), its summary row if any, and one row per
     * energy asset in the site's order with that asset's output picked from the summary.
     */
    private static final String SELECT = """
            SELECT s.name, s.max_power_kw, m.site_id IS NOT NULL AS has_figures, m.current_power_kw,
                   m.chargers_total, m.chargers_online, m.chargers_charging, m.chargers_available,
                   m.chargers_faulted, m.active_sessions, m.headroom_kw, m.allocations,
                   a.asset_id, a.type, a.name AS asset_name, a.capacity_kw, o.current_output_kw
            FROM site s
            LEFT JOIN site_summary m ON m.site_id = s.site_id
            LEFT JOIN energy_asset a ON a.site_id = s.site_id
            LEFT JOIN LATERAL (
                SELECT (e ->> 'current_output_kw')::double precision AS current_output_kw
                FROM jsonb_array_elements(m.energy_assets) e WHERE e ->> 'asset_id' = a.asset_id LIMIT 1) o ON true
            WHERE s.site_id = ? AND s.organisation_id = ? AND s.deleted_at IS NULL
            ORDER BY a.position""";

    /** A site's chargers by status. */
    private static final String COUNTS = """
            SELECT chargers_total, chargers_online, chargers_charging, chargers_available, chargers_faulted
            FROM site_summary WHERE site_id = ? AND organisation_id = ?""";
    /** The sites' power, to the watt (summing doubles would show float noise). */
    private static final String POWER = """
            SELECT round(coalesce(sum(current_power_kw), 0)::numeric, 3) FROM site_summary WHERE organisation_id = ?""";

    @Inject
    public SiteSummaryStore(DataSource dataSource) {
        super(dataSource, TABLE);
    }

    private SiteSummaryStore(SiteSummaryStore first, Generation generation) {
        super(first, generation);
    }

    @Override
    public SiteSummaryStore forGeneration(Generation generation) {
        return new SiteSummaryStore(this, generation);
    }

    /**
     * The summary of an organisation's live site; empty if there is no such site. Until the site's first figures
     * arrive it shows no chargers, no power and no output.
     */
    public Optional<SiteSummaryJson> find(String organisationId, String siteId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, siteId);
            select.setString(2, organisationId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(summary(siteId, rows)) : Optional.empty();
            }
        }
    }

    /** The chargers of an organisation's site by status, as its summary counts them; none for no such site. */
    public ChargerCounts counts(String organisationId, String siteId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(COUNTS)) {
            select.setString(1, siteId);
            select.setString(2, organisationId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new ChargerCounts(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4),
                        row.getInt(5)) : ChargerCounts.NONE;
            }
        }
    }

    /** The power drawn at all the organisation's sites, in kW: the sum of their summaries' current power. */
    public double currentPowerKw(String organisationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(POWER)) {
            select.setString(1, organisationId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getDouble(1);
            }
        }
    }

    /** Reads the summary from the first row onwards. */
    private static SiteSummaryJson summary(String siteId, ResultSet rows) throws SQLException {
        String name = rows.getString("name");
        double maxPowerKw = rows.getDouble("max_power_kw");
        boolean hasFigures = rows.getBoolean("has_figures");
        SiteSummaryJson.Chargers chargers = hasFigures
                ? new SiteSummaryJson.Chargers(rows.getInt("chargers_total"), rows.getInt("chargers_online"),
                        rows.getInt("chargers_charging"), rows.getInt("chargers_available"),
                        rows.getInt("chargers_faulted"))
                : SiteSummaryJson.Chargers.NONE;
        double currentPowerKw = hasFigures ? rows.getDouble("current_power_kw") : 0;
        int activeSessions = hasFigures ? rows.getInt("active_sessions") : 0;
        Double headroomKw = rows.getObject("headroom_kw", Double.class);
        List<SiteSummaryJson.Allocation> allocations = hasFigures ? allocations(rows.getString("allocations"))
                : List.of();
        List<SiteSummaryJson.EnergyAssetOutput> assets = new ArrayList<>();
        do {
            if (rows.getString("asset_id") != null) {
                assets.add(new SiteSummaryJson.EnergyAssetOutput(rows.getString("asset_id"), rows.getString("type"),
                        rows.getString("asset_name"), rows.getDouble("capacity_kw"),
                        rows.getObject("current_output_kw", Double.class)));
            }
        } while (rows.next());
        return new SiteSummaryJson(siteId, name, maxPowerKw, currentPowerKw, chargers, activeSessions, assets,
                headroomKw, allocations);
    }

    /** The energy assets and their outputs, as SiteSummary.energy_assets has them. */
    private static String json(SiteSummary summary) {
        ArrayNode assets = JSON.createArrayNode();
        for (SiteEnergyAssetOutput asset : summary.getEnergyAssets()) {
            assets.addObject()
                    .put("asset_id", asset.getAssetId())
                    .put("type", asset.getType().name())
                    .put("name", asset.getName())
                    .put("capacity_kw", asset.getCapacityKw())
                    .put("current_output_kw", asset.getCurrentOutputKw())
                    .put("measured_at", asset.getMeasuredAt() == null ? null : asset.getMeasuredAt().toString());
        }
        return written(assets, "energy assets", summary);
    }

    /** The chargers' shares as SiteSummary.allocations has them, in the JSON the summary answers. */
    private static String allocationsJson(SiteSummary summary) {
        List<SiteSummaryJson.Allocation> allocations = new ArrayList<>();
        for (SiteChargerAllocation allocation : summary.getAllocations()) {
            allocations.add(new SiteSummaryJson.Allocation(allocation.getChargePointId(), allocation.getAllocatedKw(),
                    allocation.getDrawnKw(), allocation.getReserved()));
        }
        return written(allocations, "allocations", summary);
    }

    /** {@code value} (the summary's {@code what}) as JSON text. */
    private static String written(Object value, String what, SiteSummary summary) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the " + what + " of " + summary.getSiteId(), e);
        }
    }

    /** The chargers' shares as {@link #allocationsJson} wrote them. */
    private static List<SiteSummaryJson.Allocation> allocations(String json) {
        try {
            return JSON.readValue(json, ALLOCATIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable allocations in the site summary: " + json, e);
        }
    }
}
