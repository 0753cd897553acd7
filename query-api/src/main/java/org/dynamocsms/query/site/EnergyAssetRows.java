package org.dynamocsms.query.site;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dynamocsms.query.TableRows;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.site.SiteView;

/** Writes the energy_asset rows of sites, from the same SiteView and in the same transaction as their site rows. */
final class EnergyAssetRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableRows<Row> ROWS = TableRows.<Row>of("energy_asset")
            .text("asset_id", row -> row.asset().getAssetId())
            .text("site_id", row -> row.site().getSiteId())
            .text("organisation_id", row -> row.site().getOrganisationId())
            .text("type", row -> row.asset().getType().name())
            .text("name", row -> row.asset().getName())
            .float8("capacity_kw", row -> row.asset().getCapacityKw())
            .jsonb("metadata", row -> json(row.asset()))
            .timestamptz("created_at", row -> row.asset().getCreatedAt())
            .timestamptz("updated_at", row -> row.asset().getUpdatedAt())
            .integer("position", Row::position);
    private static final TableRows<SiteView> OF_SITE = TableRows.<SiteView>of("energy_asset")
            .text("site_id", SiteView::getSiteId);

    /** An energy asset of a site, at {@code position} in the site's order. */
    private record Row(SiteView site, EnergyAsset asset, int position) {
    }

    private final TableRows<Row> rows;
    private final TableRows<SiteView> ofSite;

    /** The energy asset rows of {@code generation} of the sites projection. */
    EnergyAssetRows(Generation generation) {
        this.rows = ROWS.in(generation);
        this.ofSite = OF_SITE.in(generation);
    }

    /** Replaces the energy assets of {@code sites} by those of their views (a deleted site's view has none). */
    void replace(Connection connection, List<SiteView> sites) throws SQLException {
        ofSite.delete(connection, sites);
        List<Row> rows = new ArrayList<>();
        for (SiteView site : sites) {
            List<EnergyAsset> assets = site.getEnergyAssets();
            for (int position = 0; position < assets.size(); position++) {
                rows.add(new Row(site, assets.get(position), position));
            }
        }
        this.rows.insert(connection, rows);
    }

    private static String json(EnergyAsset asset) {
        try {
            return JSON.writeValueAsString(asset.getMetadata());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the metadata of " + asset.getAssetId(), e);
        }
    }
}
