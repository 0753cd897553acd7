package org.dynamocsms.query;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

import org.dynamocsms.query.fleet.ChargerStateStore;
import org.dynamocsms.query.history.ChargerIntervalStore;
import org.dynamocsms.schemas.analytics.ChargerStatusInterval;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.charger.ConnectorState;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * How fast the read store takes projection records through its stores, beside a plain {@code COPY} of the same rows
 * into an unlogged table (the limit). Not part of the test suite (its name is not a test's): run it with
 * <pre>
 * ./mvnw -B -o -q -pl query-api -am test -Dtest=ReadStoreWriteBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dbench.rows=100000] [-Dbench.poll=500]
 * </pre>
 * Charger states: {@code rows} records of {@code rows / 10} chargers, ten rounds, so after the first round every
 * write replaces a row. Intervals: {@code rows / 2} intervals, each written open and then closed. Written in
 * {@code poll} records per transaction, as the ingestor writes a poll. It prints, asserts nothing.
 */
class ReadStoreWriteBenchmark {

    private static final Instant T0 = Instant.parse("2024-06-15T14:00:00Z");
    private static final int ROUNDS = 10;

    private final int rows = Integer.getInteger("bench.rows", 100_000);
    private final int poll = Integer.getInteger("bench.poll", 500);

    @Test
    void measure() throws Exception {
        DataSource dataSource = TestDatabase.dataSource();
        System.out.printf("read-store write benchmark: %,d rows per table, %,d per transaction; load average %s%n",
                rows, poll, loadAverage());
        List<ChargerLiveState> states = states(rows);
        List<ChargerStatusInterval> intervals = intervals(rows);
        ChargerStateStore stateStore = new ChargerStateStore(dataSource);
        ChargerIntervalStore intervalStore = new ChargerIntervalStore(dataSource);
        // a warm-up of everything (JIT, the server's plan and catalog caches), then the measured runs
        for (int run = 0; run < 2; run++) {
            boolean measured = run == 1;
            int size = measured ? rows : rows / 10;
            TestDatabase.clean();
            report(measured, "charger_state through the store",
                    size, timed(() -> writeInPolls(states.subList(0, size), stateStore::write)));
            report(measured, "charger_state COPY into an unlogged table",
                    size, timed(() -> copy(dataSource, "charger_state", states.subList(0, size),
                            ReadStoreWriteBenchmark::stateColumns)));
            report(measured, "charger_interval through the store",
                    size, timed(() -> writeInPolls(intervals.subList(0, size), intervalStore::write)));
            report(measured, "charger_interval COPY into an unlogged table",
                    size, timed(() -> copy(dataSource, "charger_interval", intervals.subList(0, size),
                            ReadStoreWriteBenchmark::intervalColumns)));
        }
        System.out.printf("load average after: %s%n", loadAverage());
    }

    @FunctionalInterface
    private interface Writer<V> {
        List<V> write(List<V> values, List<String> tombstones) throws SQLException;
    }

    @FunctionalInterface
    private interface Run {
        void run() throws Exception;
    }

    private <V> void writeInPolls(List<V> values, Writer<V> store) throws SQLException {
        for (int from = 0; from < values.size(); from += poll) {
            List<V> refused = store.write(values.subList(from, Math.min(values.size(), from + poll)), List.of());
            if (!refused.isEmpty()) {
                throw new IllegalStateException("refused: " + refused);
            }
        }
    }

    /** The rows as COPY text lines into a fresh unlogged table shaped like {@code table}, without its indexes. */
    private static <V> void copy(DataSource dataSource, String table, List<V> values,
                                 Function<V, Object[]> columns) throws SQLException, IOException {
        StringBuilder text = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS copy_limit");
            statement.execute("CREATE UNLOGGED TABLE copy_limit (LIKE " + table + ")");
            for (V value : values) {
                Object[] row = columns.apply(value);
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        text.append('\t');
                    }
                    text.append(row[i] == null ? "\\N" : row[i].toString());
                }
                text.append('\n');
            }
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY copy_limit FROM STDIN", new StringReader(text.toString()));
            statement.execute("DROP TABLE copy_limit");
        }
    }

    /** The ten rounds of {@code count / 10} chargers' live states, each round a higher version. */
    private static List<ChargerLiveState> states(int count) {
        int chargers = count / ROUNDS;
        List<ChargerLiveState> states = new ArrayList<>(count);
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < chargers; i++) {
                states.add(ChargerLiveState.newBuilder().setChargePointId(String.format("CP-%06d", i))
                        .setOrganisationId("org_A").setRegistered(true).setConnected(true)
                        .setStatus(round % 2 == 0 ? ChargerStatus.available : ChargerStatus.charging)
                        .setLastSeenAt(T0.plusSeconds(round)).setLastHeartbeatAt(T0).setVendor("ABB")
                        .setModel("Terra AC").setFirmwareVersion("3.5.0").setOcppVersion("1.6")
                        .setActiveSessions(round % 2).setPowerKw(7.4 * (round % 2)).setEnergyTodayWh(1000.5 * round)
                        .setEnergyDay(LocalDate.parse("2024-06-15"))
                        .setConnectors(new ArrayList<>(List.of(connector(0, round), connector(1, round),
                                connector(2, round))))
                        .setVersion(round + 1).build());
            }
        }
        return states;
    }

    private static ConnectorState connector(int connectorId, int round) {
        return ConnectorState.newBuilder().setConnectorId(connectorId)
                .setStatus(round % 2 == 0 ? ConnectorStatus.Available : ConnectorStatus.Charging)
                .setTotalSessions(round).setTotalEnergyWh(1000.5 * round).build();
    }

    /** {@code count / 2} intervals of 1,000 chargers, all written open (version 1), then all closed (version 2). */
    private static List<ChargerStatusInterval> intervals(int count) {
        int each = count / 2;
        List<ChargerStatusInterval> intervals = new ArrayList<>(count);
        for (int closed = 0; closed < 2; closed++) {
            for (int i = 0; i < each; i++) {
                Instant start = T0.plus(Duration.ofMinutes(i / 1000));
                intervals.add(ChargerStatusInterval.newBuilder().setChargePointId(String.format("CP-%06d", i % 1000))
                        .setOrganisationId("org_A").setStartAt(start)
                        .setEndAt(closed == 1 ? start.plusSeconds(60) : null).setConnected(true).setUp(i % 3 != 0)
                        .setCharging(i % 2 == 0).setFirstAt(T0).setUpBeforeMs(i * 1000L).setOnlineBeforeMs(i * 2000L)
                        .setChargingBeforeMs(i * 500L).setVersion(closed + 1).build());
            }
        }
        return intervals;
    }

    private static Object[] stateColumns(ChargerLiveState s) {
        StringBuilder connectors = new StringBuilder("[");
        for (ConnectorState c : s.getConnectors()) {
            if (connectors.length() > 1) {
                connectors.append(',');
            }
            connectors.append("{\"connector_id\":").append(c.getConnectorId()).append(",\"status\":\"")
                    .append(c.getStatus()).append("\",\"error_code\":\"").append(c.getErrorCode())
                    .append("\",\"total_sessions\":").append(c.getTotalSessions()).append(",\"total_energy_wh\":")
                    .append(c.getTotalEnergyWh()).append('}');
        }
        return new Object[] {s.getChargePointId(), s.getOrganisationId(), s.getConnected(), s.getStatus(),
                s.getLastSeenAt(), s.getLastHeartbeatAt(), s.getVendor(), s.getModel(), s.getFirmwareVersion(),
                s.getOcppVersion(), s.getActiveSessions(), s.getPowerKw(), s.getEnergyTodayWh(), s.getEnergyDay(),
                connectors.append(']'), s.getVersion()};
    }

    private static Object[] intervalColumns(ChargerStatusInterval i) {
        return new Object[] {i.getChargePointId(), i.getStartAt(), i.getEndAt(), i.getOrganisationId(),
                i.getConnected(), i.getUp(), i.getCharging(), i.getFirstAt(), i.getUpBeforeMs(), i.getOnlineBeforeMs(),
                i.getChargingBeforeMs(), i.getVersion()};
    }

    private static long timed(Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        return System.nanoTime() - start;
    }

    private static void report(boolean measured, String what, int count, long nanos) {
        if (measured) {
            System.out.printf("  %-45s %,9d rows in %6.2f s: %,9.0f rows/s%n", what, count, nanos / 1e9,
                    count / (nanos / 1e9));
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
