package org.dynamocsms.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    private static final String READY = "database ready";

    @TempDir
    Path dataDir;

    @Test
    void keepsTheCsmsDatabaseAndItsRowsAcrossARestart() throws Exception {
        int port = EmbeddedKafkaTest.freePort();
        Path pgDir = dataDir.resolve("postgres");

        try (EmbeddedDatabase database = EmbeddedDatabase.start(pgDir, port)) {
            assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + port + "/csms");
            insertASite(database.jdbcUrl());
        }

        try (EmbeddedDatabase database = EmbeddedDatabase.start(pgDir, port)) {
            assertTheSiteIsThere(database);
        }
    }

    @Test
    @Timeout(120)
    void takesOverTheDataFromAServerLeftRunningByAKilledProcess() throws Exception {
        int port = EmbeddedKafkaTest.freePort();
        Path pgDir = dataDir.resolve("postgres");
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DatabaseOwner.class.getName(),
                pgDir.toString(), Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = output.readLine();
            } while (line != null && !line.equals(READY));
            assertThat(line).as("the owning process started the database").isEqualTo(READY);
        }
        insertASite("jdbc:postgresql://localhost:" + port + "/" + EmbeddedDatabase.DATABASE);

        owner.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long orphan = Long.parseLong(Files.readAllLines(pgDir.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphan)).as("PostgreSQL outlives the killed JVM").hasValueSatisfying(
                p -> assertThat(p.isAlive()).isTrue());

        try (EmbeddedDatabase database = EmbeddedDatabase.start(pgDir, port)) {
            assertTheSiteIsThere(database);
        }
    }

    private static void insertASite(String jdbcUrl) throws SQLException {
        try (Connection connection = connect(jdbcUrl); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE site (site_id text PRIMARY KEY, name text NOT NULL)");
            sql.execute("INSERT INTO site VALUES ('site_1', 'Depot North')");
        }
    }

    private static void assertTheSiteIsThere(EmbeddedDatabase database) throws SQLException {
        try (Connection connection = connect(database.jdbcUrl());
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT site_id, name FROM site")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("site_id")).isEqualTo("site_1");
            assertThat(rows.getString("name")).isEqualTo("Depot North");
            assertThat(rows.next()).isFalse();
        }
    }

    private static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.USER, EmbeddedDatabase.USER);
    }

    /** Runs the database in a process of its own, to be killed. */
    public static final class DatabaseOwner {
        public static void main(String[] args) throws InterruptedException {
            EmbeddedDatabase.start(Path.of(args[0]), Integer.parseInt(args[1]));
            System.out.println(READY);
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
