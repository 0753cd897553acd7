package org.dynamocsms.command;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.dynamocsms.schemas.common.CommandResult;
import org.jboss.logging.Logger;

/**
 * Records each accepted write's {@link RecentWrite}s in the read store's table {@code recent_write} before the write
 * is answered, so that a read of the same resource on any query-api instance waits until the read store holds the
 * write, with or without a Consistency-Token. A write whose record fails is answered all the same (it was decided);
 * its token still lets the client wait for it.
 */
@ApplicationScoped
public class RecentWrites {

    private static final Logger LOG = Logger.getLogger(RecentWrites.class);
    private static final String RECORD = """
            INSERT INTO recent_write (organisation_id, resource, aggregate_id, version, written_at)
            VALUES (?, ?, ?, ?, now())
            ON CONFLICT (organisation_id, resource, aggregate_id)
            DO UPDATE SET version = greatest(recent_write.version, excluded.version), written_at = excluded.written_at""";

    private final DataSource dataSource;

    @Inject
    public RecentWrites(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(CommandResult accepted) {
        record(RecentWrite.of(accepted), accepted.getCommandId());
    }

    /** Records {@code writes}, the resources a write (named {@code what} in a log line if it fails) changed. */
    public void record(List<RecentWrite> writes, String what) {
        if (writes.isEmpty()) {
            return; // e.g. an organisation or API key: nothing the read store holds
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(RECORD)) {
            for (RecentWrite write : writes) {
                statement.setString(1, write.organisationId());
                statement.setString(2, write.resource());
                statement.setString(3, write.aggregateId());
                statement.setLong(4, write.version());
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            LOG.warnf(e, "Cannot record write %s for read-your-writes; only its Consistency-Token will wait for it",
                    what);
        }
    }
}
