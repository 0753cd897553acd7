package org.dynamocsms.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecentWriteStoreTest {

    private final DataSource database = TestDatabase.dataSource();
    private final RecentWriteStore store = new RecentWriteStore(database, Duration.ofMinutes(5));

    @BeforeEach
    void writes() throws SQLException {
        execute("DELETE FROM recent_write");
        execute("""
                INSERT INTO recent_write (organisation_id, resource, aggregate_id, version, written_at) VALUES
                  ('org_A', 'sites/site_1', 'site_1', 3, now()),
                  ('org_A', 'chargers/CP-1/maintenance', 'mnt_1', 1, now()),
                  ('org_A', 'chargers/CP-1/maintenance', 'mnt_2', 2, now()),
                  ('org_B', 'sites/site_9', 'site_9', 1, now()),
                  ('org_A', 'sites/site_old', 'site_old', 5, now() - interval '6 minutes')""");
    }

    @Test
    void givesTheVersionsAnOrganisationsRecentWritesLeftAResourceAt() throws SQLException {
        assertThat(store.of("org_A", "sites/site_1")).isEqualTo(Map.of("site_1", 3L));
        assertThat(store.of("org_A", "chargers/CP-1/maintenance")).isEqualTo(Map.of("mnt_1", 1L, "mnt_2", 2L));
        assertThat(store.of("org_A", "chargers/CP-1")).isEmpty();
    }

    @Test
    void neverGivesAnotherOrganisationsWrites() throws SQLException {
        assertThat(store.of("org_A", "sites/site_9")).isEmpty();
        assertThat(store.of("org_B", "sites/site_1")).isEmpty();
    }

    @Test
    void forgetsTheWritesOlderThanTheHorizon() throws SQLException {
        store.forgetOld();

        assertThat(store.of("org_A", "sites/site_old")).isEmpty();
        assertThat(store.of("org_A", "sites/site_1")).isEqualTo(Map.of("site_1", 3L));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
