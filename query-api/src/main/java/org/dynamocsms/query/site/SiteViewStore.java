package org.dynamocsms.query.site;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.dynamocsms.platform.consistency.Resources;
import org.dynamocsms.platform.site.SiteJson;
import org.dynamocsms.query.Jdbc;
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

    /**
     * A site as the API shows it, with its version (deleted or not) and the version the organisation's recent writes
     * left it at (recent_write): one statement for the read and its read-your-writes check.
     */
    private static final String READ = """
            SELECT s.site_id, s.name, s.address, s.max_power_kw, s.lat, s.lng, s.created_at, s.charger_count,
                   s.deleted_at, s.version,
                   (SELECT max(w.version) FROM recent_write w
                    WHERE w.organisation_id = ? AND w.resource = ?) AS written
            FROM (SELECT 1) AS one LEFT JOIN site s ON s.organisation_id = ? AND s.site_id = ?""";

    /**
     * What one read of a site found.
     *
     * @param site    the site if it is live, else null
     * @param version the read store's version of it, deleted or not; null if it has none
     * @param written the version the organisation's recent writes left it at; null if none
     */
    public record Read(SiteJson site, Long version, Long written) {

        /** Whether it shows every recent write of the organisation (trivially, when there was none). */
        public boolean current() {
            return written == null || version != null && version >= written;
        }
    }

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

    /** Reads an organisation's site; another organisation's is never found. */
    public Read read(String organisationId, String siteId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(READ)) {
            select.setString(1, organisationId);
            select.setString(2, Resources.site(siteId));
            select.setString(3, organisationId);
            select.setString(4, siteId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                Long version = row.getObject("version", Long.class);
                Long written = row.getObject("written", Long.class);
                SiteJson site = version == null || row.getObject("deleted_at") != null ? null
                        : new SiteJson(row.getString("site_id"), row.getString("name"), row.getString("address"),
                                row.getDouble("max_power_kw"), row.getObject("lat", Double.class),
                                row.getObject("lng", Double.class), Jdbc.instant(row, "created_at"),
                                row.getInt("charger_count"));
                return new Read(site, version, written);
            }
        }
    }

    /** Upserts the sites, then replaces the energy assets of those whose row the upsert wrote. */
    @Override
    protected void writeRows(Connection connection, List<SiteView> views) throws SQLException {
        assets.replace(connection, rows().upsertReturningWritten(connection, views));
    }
}
