package org.dynamocsms.query.site;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.site.SiteView;

/** Writes the energy_asset rows of sites, from the same SiteView and in the same transaction as their site rows. */
final class EnergyAssetRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = """
            INSERT INTO energy_asset (asset_id, site_id, organisation_id, type, name, capacity_kw, metadata,
                                      created_at, updated_at, position)
            VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)""";

    private EnergyAssetRows() {
    }

    /** Replaces the energy assets of {@code sites} by those of their views (a deleted site's view has none). */
    static void replace(Connection connection, List<SiteView> sites) throws SQLException {
        if (sites.isEmpty()) {
            return;
        }
        Jdbc.delete(connection, "energy_asset", "site_id", sites.stream().map(SiteView::getSiteId).toList());
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            boolean any = false;
            for (SiteView site : sites) {
                List<EnergyAsset> assets = site.getEnergyAssets();
                for (int position = 0; position < assets.size(); position++) {
                    bind(insert, site, assets.get(position), position);
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement insert, SiteView site, EnergyAsset asset, int position)
            throws SQLException {
        insert.setString(1, asset.getAssetId());
        insert.setString(2, site.getSiteId());
        insert.setString(3, site.getOrganisationId());
        insert.setString(4, asset.getType().name());
        insert.setString(5, asset.getName());
        insert.setDouble(6, asset.getCapacityKw());
        insert.setString(7, json(asset));
        insert.setObject(8, Jdbc.utc(asset.getCreatedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        insert.setObject(9, Jdbc.utc(asset.getUpdatedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        insert.setInt(10, position);
    }

    private static String json(EnergyAsset asset) {
        try {
            return JSON.writeValueAsString(asset.getMetadata());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the metadata of " + asset.getAssetId(), e);
        }
    }
}
