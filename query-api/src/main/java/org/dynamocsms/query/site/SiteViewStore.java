package org.dynamocsms.query.site;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteView;

/**
 * Writes the site read store with plain JDBC batches. Every write is guarded by version: a row is only replaced by
 * a higher version of its site, so a duplicate, a re-delivered or a replayed older record changes nothing.
 */
@Singleton
public class SiteViewStore {

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
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<SiteView> refused = write(connection, latest);
                connection.commit();
                return refused;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * Replaces every row by the sites {@code latest} returns, in one transaction, and returns the sites the
     * database refused. {@code latest} runs once the table is locked against writers (the live ingestion waits)
     * but not against readers, who keep seeing the old rows until the new ones commit.
     */
    public List<SiteView> replaceAll(Callable<? extends Collection<SiteView>> latest) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // EXCLUSIVE conflicts with the writers' ROW EXCLUSIVE, not with the readers' ACCESS SHARE;
                // TRUNCATE would take ACCESS EXCLUSIVE and stall every reader until the commit.
                statement.execute("LOCK TABLE site IN EXCLUSIVE MODE");
                List<SiteView> sites = latestPerSite(latest.call());
                statement.executeUpdate("DELETE FROM site");
                List<SiteView> refused = write(connection, sites);
                connection.commit();
                return refused;
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** The stored version of an organisation's site, deleted or not; empty if the store does not have it yet. */
    public OptionalLong version(String organisationId, String siteId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT version FROM site WHERE site_id = ? AND organisation_id = ?")) {
            select.setString(1, siteId);
            select.setString(2, organisationId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** One view per site, the highest version, in site id order so concurrent writers lock rows alike. */
    private static List<SiteView> latestPerSite(Collection<SiteView> views) {
        Map<String, SiteView> latest = new TreeMap<>();
        for (SiteView view : views) {
            latest.merge(view.getSiteId(), view, (a, b) -> b.getVersion() > a.getVersion() ? b : a);
        }
        return new ArrayList<>(latest.values());
    }

    /** Upserts inside the caller's transaction; after a data error, retries row by row, leaving out refused rows. */
    private static List<SiteView> write(Connection connection, List<SiteView> views) throws SQLException {
        if (views.isEmpty()) {
            return List.of();
        }
        Savepoint beforeBatch = connection.setSavepoint();
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (SiteView view : views) {
                bind(upsert, view);
                upsert.addBatch();
            }
            upsert.executeBatch();
            return List.of();
        } catch (SQLException e) {
            if (!isDataError(e)) {
                throw e;
            }
            connection.rollback(beforeBatch);
        }
        List<SiteView> refused = new ArrayList<>();
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (SiteView view : views) {
                Savepoint beforeRow = connection.setSavepoint();
                try {
                    bind(upsert, view);
                    upsert.executeUpdate();
                    connection.releaseSavepoint(beforeRow);
                } catch (SQLException e) {
                    if (!isDataError(e)) {
                        throw e;
                    }
                    connection.rollback(beforeRow);
                    refused.add(view);
                }
            }
        }
        return refused;
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
        upsert.setObject(8, utc(view.getCreatedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        upsert.setObject(9, utc(view.getUpdatedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        upsert.setObject(10, utc(view.getDeletedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        upsert.setLong(11, view.getVersion());
        upsert.setInt(12, view.getChargerCount());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** SQLSTATE class 22 (data exception) or 23 (constraint violation): the row itself is at fault. */
    private static boolean isDataError(SQLException e) {
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            String state = cause.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }
}
