package org.dynamocsms.query.site;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.ProjectionStore;
import org.dynamocsms.query.Refused;
import org.dynamocsms.query.TableRows;
import org.dynamocsms.query.generation.ReadTables;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.site.SiteView;

/**
 * Writes the site read store (the site rows and their energy asset rows) with plain JDBC. Every write is
 * guarded by version: a site is only replaced by a higher version of itself, so a duplicate, a re-delivered or a
 * replayed older record changes nothing, and its energy assets are replaced exactly when its row is.
 */
@Singleton
public class SiteViewStore implements ProjectionStore<SiteView> {

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

    private final DataSource dataSource;
    private final TableRows<SiteView> rows;
    private final EnergyAssetRows assets;

    /** Writes generation 1's tables, as a read store never rebuilt reads them; {@link #forGeneration} others. */
    @Inject
    public SiteViewStore(DataSource dataSource) {
        this(dataSource, Generation.first(Projection.SITES));
    }

    private SiteViewStore(DataSource dataSource, Generation generation) {
        this.dataSource = dataSource;
        this.rows = ROWS.in(generation);
        this.assets = new EnergyAssetRows(generation);
    }

    @Override
    public SiteViewStore forGeneration(Generation generation) {
        return new SiteViewStore(dataSource, generation);
    }

    @Override
    public TableRows<SiteView> rows() {
        return rows;
    }

    /** The site projection never deletes a site's record (a deleted site has deleted_at): tombstones are ignored. */
    @Override
    public List<Refused<SiteView>> write(Collection<SiteView> values, Collection<String> tombstones)
            throws SQLException {
        return upsert(values);
    }

    @Override
    public long versionOf(SiteView site) {
        return site.getVersion();
    }

    @Override
    public String keyOf(SiteView site) {
        return site.getSiteId();
    }

    /**
     * Writes {@code views} in one transaction. A view the database refuses as data (say, a NUL character in a
     * name) is left out and returned, so one bad record cannot stop ingestion; any other failure (connection
     * lost) throws and nothing is written.
     */
    public List<Refused<SiteView>> upsert(Collection<SiteView> views) throws SQLException {
        List<SiteView> latest = latestPerSite(views);
        if (latest.isEmpty()) {
            return List.of();
        }
        return Jdbc.inTransaction(dataSource,
                connection -> Jdbc.writeRefusing(connection, latest, this::writeRows));
    }

    /** The stored version of an organisation's site, deleted or not; empty if the store does not have it yet. */
    public OptionalLong version(String organisationId, String siteId) throws SQLException {
        return Jdbc.version(dataSource, "site", "site_id", siteId, organisationId);
    }

    private static List<SiteView> latestPerSite(Collection<SiteView> views) {
        return ProjectionStore.latestPerKey(views, SiteView::getSiteId, SiteView::getVersion);
    }

    /** Upserts the sites, then replaces the energy assets of those whose row the upsert wrote. */
    private void writeRows(Connection connection, List<SiteView> views) throws SQLException {
        assets.replace(connection, rows.upsertReturningWritten(connection, views));
    }
}
