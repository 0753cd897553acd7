package org.dynamocsms.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The writes command-service recorded in {@code recent_write} before answering them: what a read of a resource
 * waits for without a Consistency-Token. Rows older than {@code csms.query.recent-write-horizon} are deleted.
 */
@ApplicationScoped
public class RecentWriteStore implements ReadYourWrites.RecentWrites {

    private static final Logger LOG = Logger.getLogger(RecentWriteStore.class);
    private static final String OF = "SELECT aggregate_id, version FROM recent_write "
            + "WHERE organisation_id = ? AND resource = ?";
    private static final String FORGET = "DELETE FROM recent_write WHERE written_at < now() - make_interval(secs => ?)";

    private final DataSource dataSource;
    private final Duration horizon;

    @Inject
    public RecentWriteStore(DataSource dataSource,
                            @ConfigProperty(name = "csms.query.recent-write-horizon", defaultValue = "5m")
                            Duration horizon) {
        this.dataSource = dataSource;
        this.horizon = horizon;
    }

    @Override
    public Map<String, Long> of(String organisationId, String resource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(OF)) {
            statement.setString(1, organisationId);
            statement.setString(2, resource);
            Map<String, Long> versions = new HashMap<>(2);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    versions.put(rows.getString(1), rows.getLong(2));
                }
            }
            return versions;
        }
    }

    /** Deletes the rows older than the horizon. */
    @Scheduled(every = "${csms.query.recent-write-sweep-interval:30s}", identity = "recent-write-sweep",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void forgetOld() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FORGET)) {
            statement.setDouble(1, horizon.toMillis() / 1000.0);
            statement.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Cannot delete old recent writes; trying again at the next sweep", e);
        }
    }
}
