package org.dynamocsms.query.site;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.ProjectionStore;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteView;

/**
 * Writes the site read store (the site rows and their energy asset rows) with plain JDBC batches. Every write is
 * guarded by version: a site is only replaced by a higher version of itself, so a duplicate, a re-delivered or a
 * replayed older record changes nothing, and its energy assets are replaced exactly when its row is.
 */
@Singleton
public class SiteViewStore implements ProjectionStore<SiteView> {

    private static final String UPSERT = """
            INSERT INTO site (site_id, organisation_id, name, address, max_power_kw, lat, lng,
                              created_at, updated_at, deleted_at, version, charger_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (site_id) DO UPDATE SET
                organisation_id = EXCLUDED.organisation_id, name = EXCLUDED.name, address = EXCLUDED.address,
                max_power_kw = EXCLUDED.max_power_kw, lat = EXCLUDED.lat, lng = EXCLUDED.lng,
                created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, deleted_at = EXCLUDED.deleted_at,
                version = EXCLUDED.version, charger_count = EXCLUDED.charger_count
            WHERE site.version < EXCLUDED.version""";

    private final DataSource dataSource;

    @Inject
    public SiteViewStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The site projection never deletes a site's record (a deleted site has deleted_at): tombstones are ignored. */
    @Override
    public List<SiteView> write(Collection<SiteView> values, Collection<String> tombstones) throws SQLException {
        return upsert(values);
    }

    @Override
    public long versionOf(SiteView site) {
        return site.getVersion();
    }

    @Override
    public String describe(SiteView site) {
        return site.getSiteId() + " version " + site.getVersion();
    }

    /**
     * Writes {@code views} in one transaction. A view the database refuses as data (say, a NUL character in a
     * name) is left out and returned, so one bad record cannot stop ingestion; any other failure (connection
     * lost) throws and nothing is written.
     */
    public List<SiteView> upsert(Collection<SiteView> views) throws SQLException {
        List<SiteView> latest = latestPerSite(views);
        if (latest.isEmpty()) {
            return List.of();
        }
        return Jdbc.inTransaction(dataSource,
                connection -> Jdbc.writeRefusing(connection, latest, SiteViewStore::writeRows));
    }

    /**
     * Replaces every row (sites and energy assets) by the sites {@code latest} returns, in one transaction, and
     * returns the sites the database refused. {@code latest} runs once the site table is locked against writers
     * (the live ingestion waits; it writes energy assets only after their site) but not against readers, who keep
     * seeing the old rows until the new ones commit.
     */
    public List<SiteView> replaceAll(Callable<? extends Collection<SiteView>> latest) throws Exception {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (Statement statement = connection.createStatement()) {
                // EXCLUSIVE conflicts with the writers' ROW EXCLUSIVE, not with the readers' ACCESS SHARE;
                // TRUNCATE would take ACCESS EXCLUSIVE and stall every reader until the commit.
                statement.execute("LOCK TABLE site IN EXCLUSIVE MODE");
                List<SiteView> sites = latestPerSite(latest.call());
                statement.executeUpdate("DELETE FROM energy_asset");
                statement.executeUpdate("DELETE FROM site");
                return Jdbc.writeRefusing(connection, sites, SiteViewStore::writeRows);
            }
        });
    }

    /** The stored version of an organisation's site, deleted or not; empty if the store does not have it yet. */
    public OptionalLong version(String organisationId, String siteId) throws SQLException {
        return Jdbc.version(dataSource, "site", "site_id", siteId, organisationId);
    }

    private static List<SiteView> latestPerSite(Collection<SiteView> views) {
        return ProjectionStore.latestPerKey(views, SiteView::getSiteId, SiteView::getVersion);
    }

    /** Upserts the sites in one batch, then replaces the energy assets of those whose row the upsert replaced. */
    private static void writeRows(Connection connection, List<SiteView> views) throws SQLException {
        int[] updated;
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (SiteView view : views) {
                bind(upsert, view);
                upsert.addBatch();
            }
            updated = upsert.executeBatch();
        }
        List<SiteView> applied = new ArrayList<>(views.size());
        for (int i = 0; i < views.size(); i++) {
            if (updated[i] == Statement.SUCCESS_NO_INFO) {
                // a driver that rewrites batches (pgjdbc reWriteBatchedInserts) cannot tell which upserts applied
                throw new SQLException("The JDBC driver did not report which site upserts applied");
            }
            if (updated[i] > 0) {
                applied.add(views.get(i));
            }
        }
        EnergyAssetRows.replace(connection, applied);
    }

    private static void bind(PreparedStatement upsert, SiteView view) throws SQLException {
        SiteDetails details = view.getDetails();
        upsert.setString(1, view.getSiteId());
        upsert.setString(2, view.getOrganisationId());
        upsert.setString(3, details.getName());
        upsert.setString(4, details.getAddress());
        upsert.setDouble(5, details.getMaxPowerKw());
        upsert.setObject(6, details.getLat(), Types.DOUBLE);
        upsert.setObject(7, details.getLng(), Types.DOUBLE);
        upsert.setObject(8, Jdbc.utc(view.getCreatedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        upsert.setObject(9, Jdbc.utc(view.getUpdatedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        upsert.setObject(10, Jdbc.utc(view.getDeletedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        upsert.setLong(11, view.getVersion());
        upsert.setInt(12, view.getChargerCount());
    }
}
