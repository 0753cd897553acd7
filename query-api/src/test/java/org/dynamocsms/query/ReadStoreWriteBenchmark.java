package org.dynamocsms.query;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
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
 * {@code poll} records per transaction, as the ingestor writes a poll, on one connection. It prints the rows per
 * second and, steadier on a busy machine, the CPU per row of this thread and of the connection's PostgreSQL process
 * (background processes such as the WAL writer are not counted). It asserts nothing.
 */
class ReadStoreWriteBenchmark {

    private static final Instant T0 = Instant.parse("2024-06-15T14:00:00Z");
    private static final int ROUNDS = 10;

    private final int rows = Integer.getInteger("bench.rows", 100_000);
    private final int poll = Integer.getInteger("bench.poll", 500);
    private Path server;

    @Test
    void measure() throws Exception {
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            measure(connection);
        }
    }

    /**
     * Everything on one connection, as from the service's pool (the test database's data source would connect
     * anew for each transaction), so that its server process's CPU time can be read beside this thread's.
     */
    private void measure(Connection connection) throws Exception {
        DataSource dataSource = pooled(connection);
        try (Statement statement = connection.createStatement();
             ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
            pid.next();
            server = Path.of("/proc", Integer.toString(pid.getInt(1)), "stat");
        }
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
            try (Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE charger_state_g1, charger_interval_g1");
            }
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
        List<Refused<V>> write(List<V> values, List<String> tombstones) throws SQLException;
    }

    @FunctionalInterface
    private interface Run {
        void run() throws Exception;
    }

    private <V> void writeInPolls(List<V> values, Writer<V> store) throws SQLException {
        for (int from = 0; from < values.size(); from += poll) {
            List<Refused<V>> refused = store.write(values.subList(from, Math.min(values.size(), from + poll)), List.of());
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

    /** Elapsed, this thread's CPU and the server process's CPU, in nanoseconds. */
    private record Times(long elapsed, long client, long server) {
    }

    private Times timed(Run run) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long client = threads.getCurrentThreadCpuTime();
        long server = serverCpuNanos();
        run.run();
        return new Times(System.nanoTime() - start, threads.getCurrentThreadCpuTime() - client,
                serverCpuNanos() - server);
    }

    /** The server process's user and system time (clock ticks of 10 ms). */
    private long serverCpuNanos() throws IOException {
        String stat = Files.readString(server);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    }

    private static void report(boolean measured, String what, int count, Times times) {
        if (measured) {
            System.out.printf("  %-44s %,8d rows in %5.2f s: %,8.0f rows/s; CPU per row: %5.1f µs here, %5.1f µs "
                            + "in PostgreSQL (%,8.0f rows per CPU-second)%n", what, count, times.elapsed() / 1e9,
                    count / (times.elapsed() / 1e9), times.client() / 1e3 / count, times.server() / 1e3 / count,
                    count / ((times.client() + times.server()) / 1e9));
        }
    }

    /** {@code connection} as a data source whose connections are never closed, only reset (a pool of one). */
    private static DataSource pooled(Connection connection) {
        Connection shared = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        connection.setAutoCommit(true); // as a pool resets a connection given back
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return shared;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
