package org.dynamocsms.query.site;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dynamocsms.platform.asset.EnergyAssetJson;
import org.dynamocsms.query.Jdbc;

/** Reads the energy assets of an organisation's live site (the site store writes them with their site). */
@Singleton
public class EnergyAssetStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> METADATA = new TypeReference<>() {
    };
    /** One row per asset in the site's order, or a single row without an asset; none if the site is not live. */
    private static final String SELECT = """
            SELECT a.asset_id, a.type, a.name, a.capacity_kw, a.metadata, a.created_at, a.updated_at
            FROM site s LEFT JOIN energy_asset a ON a.site_id = s.site_id
            WHERE s.site_id = ? AND s.organisation_id = ? AND s.deleted_at IS NULL
            ORDER BY a.position""";

    private final DataSource dataSource;

    @Inject
    public EnergyAssetStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The site's energy assets in the order they were added; empty if the organisation has no such live site. */
    public Optional<List<EnergyAssetJson>> ofLiveSite(String organisationId, String siteId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, siteId);
            select.setString(2, organisationId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                List<EnergyAssetJson> assets = new ArrayList<>();
                do {
                    if (rows.getString("asset_id") != null) {
                        assets.add(asset(siteId, rows));
                    }
                } while (rows.next());
                return Optional.of(assets);
            }
        }
    }

    private static EnergyAssetJson asset(String siteId, ResultSet row) throws SQLException {
        return new EnergyAssetJson(row.getString("asset_id"), siteId, row.getString("type"), row.getString("name"),
                row.getDouble("capacity_kw"), metadata(row.getString("metadata")), Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "updated_at"));
    }

    private static TreeMap<String, String> metadata(String json) {
        try {
            return JSON.readValue(json, METADATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable energy asset metadata " + json, e);
        }
    }
}
