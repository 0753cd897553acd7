package org.dynamocsms.query.site;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.dynamocsms.query.Refused;
import org.dynamocsms.query.TableRows;
import org.dynamocsms.query.VersionedStore;
import org.dynamocsms.query.VersionedTable;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.site.SiteView;

/**
 * Writes the site read store (the site rows and their energy asset rows) with plain JDBC. Every write is
 * guarded by version: a site is only replaced by a higher version of itself, so a duplicate, a re-delivered or a
 * replayed older record changes nothing, and its energy assets are replaced exactly when its row is.
 */
@Singleton
public class SiteViewStore extends VersionedStore<SiteView> {

    private static final TableRows<SiteView> ROWS = TableRows.<SiteView>of("site", "site_id")
            .text("site_id", SiteView::getSiteId)
            .text("organisation_id", SiteView::getOrganisationId)
            .text("name", site -> site.getDetails().getName())
            .text("address", site -> site.getDetails().getAddress())
            .float8("max_power_kw", site -> site.getDetails().getMaxPowerKw())
            .float8("lat", site -> site.getDetails().getLat())
            .float8("lng", site -> site.getDetails().getLng())
            .timestamptz("created_at", SiteView::getCreatedAt)
            .timestamptz("updated_at", SiteView::getUpdatedAt)
            .timestamptz("deleted_at", SiteView::getDeletedAt)
            .bigint("version", SiteView::getVersion)
            .integer("charger_count", SiteView::getChargerCount);
    /** The site projection never deletes a site's record (a deleted site has deleted_at): tombstones are ignored. */
    private static final VersionedTable<SiteView> TABLE = VersionedTable.of(Projection.SITES, ROWS,
            SiteView::getSiteId, SiteView::getVersion);

    private final EnergyAssetRows assets;

    @Inject
    public SiteViewStore(DataSource dataSource) {
        super(dataSource, TABLE);
        this.assets = new EnergyAssetRows(generation());
    }

    private SiteViewStore(SiteViewStore first, Generation generation) {
        super(first, generation);
        this.assets = new EnergyAssetRows(generation);
    }

    @Override
    public SiteViewStore forGeneration(Generation generation) {
        return new SiteViewStore(this, generation);
    }

    /**
     * Writes {@code views} in one transaction. A view the database refuses as data (say, a NUL character in a
     * name) is left out and returned, so one bad record cannot stop ingestion; any other failure (connection
     * lost) throws and nothing is written.
     */
    public List<Refused<SiteView>> upsert(Collection<SiteView> views) throws SQLException {
        return write(views, List.of());
    }

    /** Upserts the sites, then replaces the energy assets of those whose row the upsert wrote. */
    @Override
    protected void writeRows(Connection connection, List<SiteView> views) throws SQLException {
        assets.replace(connection, rows().upsertReturningWritten(connection, views));
    }
}
