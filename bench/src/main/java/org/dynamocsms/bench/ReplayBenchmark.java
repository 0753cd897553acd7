package org.dynamocsms.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.bench.ReplayLimits.Moved;
import org.dynamocsms.bench.SyntheticTelemetry.TransactionIds;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.telemetry.MeterValuesReported;
import org.dynamocsms.schemas.telemetry.TransactionStarted;
import org.dynamocsms.schemas.telemetry.TransactionStopped;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/**
 * A replay: a linked fleet's telemetry ({@link SyntheticTelemetry}, by the profile of {@link ReplayBenchConfig})
 * published straight to the telemetry topic as fast as a plain producer goes, then rebuilt by every projection into
 * PostgreSQL. Prints how fast each consumer group worked through it and the whole pipeline end to end, the CPU of
 * each stage per event ({@link StageCpu}), beside them a plain consumer of the same records and a {@code COPY} of as
 * many rows, and checks some chargers' connectors in the read API against the records published. With
 * {@code --rebuild-with}, then rebuilds every projection as an operator would ({@link Rebuild}) and checks them
 * again. Exits 1 if anything failed.
 */
public final class ReplayBenchmark implements Benchmark {

    private static final Topic<String, ChargerTelemetry> TELEMETRY = Topics.CHARGER_TELEMETRY;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReplayBenchConfig config;
    private final PrintStream out;
    private final SitesClient api;
    private final KafkaProducer<String, ChargerTelemetry> producer;
    private final String runId = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private final List<String> problems = new ArrayList<>();
    /** What the published records show of the checked chargers' connectors. */
    private final Map<String, Map<Integer, Connector>> expected = new TreeMap<>();

    ReplayBenchmark(ReplayBenchConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.api = new SitesClient(config.baseUrl(), config.apiKey());
        this.producer = Telemetry.producer(config.kafka(), 20);
    }

    public static void main(String[] args) throws Exception {
        Benchmark.launch(args, ReplayBenchConfig::parse, ReplayBenchConfig.USAGE,
                config -> new ReplayBenchmark(config, System.out));
    }

    @Override
    public void close() {
        api.close();
        producer.close();
    }

    @Override
    public boolean run() throws Exception {
        out.printf(Locale.ROOT, "Replay benchmark (%s): %s, Kafka %s, PostgreSQL %s, %d events from %d chargers on %d "
                        + "sites%n", config.profile(), config.baseUrl(), config.kafka(), config.postgres(),
                config.events(), config.chargers(), config.sites());
        long setUp = System.nanoTime();
        api.linkedFleet("Replay " + runId, config.sites(), config.chargers(), this::chargerId, problems);
        if (!problems.isEmpty()) {
            return Problems.report(problems, out);
        }
        out.printf(Locale.ROOT, "set up %d sites and %d linked chargers over HTTP in %.1f s%n", config.sites(),
                config.chargers(), seconds(System.nanoTime() - setUp));
        // the first two and the last, fewer if the fleet is smaller
        IntStream.of(0, 1, config.chargers() - 1).filter(n -> n < config.chargers())
                .forEach(n -> expected.put(chargerId(n), new TreeMap<>()));

        try (Connection postgres = DriverManager.getConnection("jdbc:postgresql://" + config.postgres() + "/csms",
                "postgres", "postgres");
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka()))) {
            StageCpu cpu = StageCpu.ofStandalone(config.standalonePid(), config.postgres());
            Map<TopicPartition, Long> before = ends(admin);
            long published;
            long caughtUp;
            StageCpu.Window window;
            try (CatchUp catchUp = CatchUp.start(config.kafka())) {
                cpu.start();
                long publishing = System.nanoTime();
                publish();
                published = System.nanoTime();
                out.printf(Locale.ROOT, "published %d telemetry events in %.1f s (%.0f a second)%n", config.events(),
                        seconds(published - publishing), config.events() / seconds(published - publishing));
                if (!catchUp.await(Duration.ofMinutes(config.ingestMinutes()), problems, out)) {
                    return Problems.report(problems, out);
                }
                window = cpu.stop();
                caughtUp = catchUp.allCaughtUpAt();
                printGroups(catchUp, publishing);
                out.println();
                out.printf(Locale.ROOT, "end to end: %d events in %.1f s from the first published to every group "
                                + "caught up: %.0f events/s%n", config.events(), seconds(caughtUp - publishing),
                        config.events() / seconds(caughtUp - publishing));
                out.printf(Locale.ROOT, "            %.1f s from the last published to every group caught up%n",
                        seconds(caughtUp - published));
            }
            out.println();
            StageCpu.print(window, config.events(), out);

            out.println();
            Map<TopicPartition, Long> after = ends(admin);
            limits(postgres, before, after);
        }

        out.println();
        for (String chargePointId : expected.keySet()) {
            check(chargePointId);
        }
        if (config.rebuildWith() != null && problems.isEmpty()) {
            rebuild();
        }
        return Problems.report(problems, out);
    }

    /** Every projection rebuilt beside the live one and switched; then the same chargers checked again. */
    private void rebuild() throws Exception {
        StageCpu cpu = StageCpu.ofStandalone(config.standalonePid(), config.postgres());
        cpu.start();
        new Rebuild(config.baseUrl(), config.apiKey(), config.rebuildWith(), api, out).run(problems);
        StageCpu.Window window = cpu.stop();
        out.println();
        out.println("the rebuild's CPU by stage, per telemetry event (live states and charger history each read "
                + "every one):");
        StageCpu.print(window, config.events(), out);
        out.println();
        for (String chargePointId : expected.keySet()) {
            check(chargePointId);
        }
    }

    /** Every charger's records, a record of each charger in turn, so the topic interleaves them as a fleet's. */
    private void publish() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(
                config.profile().equals(ReplayBenchConfig.CHATTY) ? 7 : config.days()));
        TransactionIds transactionIds = new TransactionIds();
        List<SyntheticTelemetry> chargers = new ArrayList<>();
        for (int n = 0; n < config.chargers(); n++) {
            int records = config.recordsOf(n);
            chargers.add(new SyntheticTelemetry(config.telemetry(), n, chargerId(n), records, start,
                    config.step(records), !config.profile().equals(ReplayBenchConfig.CHATTY), transactionIds));
        }
        boolean more = true;
        while (more) {
            more = false;
            for (SyntheticTelemetry charger : chargers) {
                if (charger.hasNext()) {
                    ChargerTelemetry record = charger.next();
                    observe(record);
                    producer.send(new ProducerRecord<>(TELEMETRY.name(), record.getChargePointId(), record));
                    more = true;
                }
            }
        }
        producer.flush();
    }

    /** A connector as the records published show it: its last status, the sessions started on it, their energy. */
    private static final class Connector {
        private ConnectorStatus status;
        private int sessions;
        /** By transaction: its first register reading (meter_start) and its latest. */
        private final Map<Integer, long[]> registers = new HashMap<>();

        long energyWh() {
            return registers.values().stream().mapToLong(r -> r[1] - r[0]).sum();
        }
    }

    /** Notes what a checked charger's record says about its connectors; records come in time order. */
    private void observe(ChargerTelemetry record) {
        Map<Integer, Connector> connectors = expected.get(record.getChargePointId());
        if (connectors == null) {
            return;
        }
        Object payload = record.getPayload();
        if (payload instanceof ConnectorStatusChanged changed) {
            connectors.computeIfAbsent(changed.getConnectorId(), c -> new Connector()).status = changed.getStatus();
        } else if (payload instanceof TransactionStarted started) {
            Connector connector = connectors.computeIfAbsent(started.getConnectorId(), c -> new Connector());
            connector.sessions++;
            connector.registers.put(started.getTransactionId(),
                    new long[] {started.getMeterStartWh(), started.getMeterStartWh()});
        } else if (payload instanceof MeterValuesReported meter) {
            long[] register = connectors.get(meter.getConnectorId()).registers.get(meter.getTransactionId());
            meter.getSamples().forEach(sample -> register[1] = Math.round(sample.getEnergyWh()));
        } else if (payload instanceof TransactionStopped stopped) {
            connectors.values().stream().map(c -> c.registers.get(stopped.getTransactionId()))
                    .filter(r -> r != null).forEach(register -> register[1] = stopped.getMeterStopWh());
        }
    }

    /** Each consumer group's pace through the backlog, from its committed offsets. */
    private void printGroups(CatchUp catchUp, long publishing) {
        out.println();
        out.printf(Locale.ROOT, "%-36s %12s %9s %12s %14s%n", "consumer group", "offsets read", "worked s",
                "offsets/s", "caught up at s");
        for (CatchUp.Group group : catchUp.groups()) {
            if (group.offsetsPerSecond() == 0) {
                // nothing read, or all of it between two polls
                out.printf(Locale.ROOT, "%-36s %12d %9s %12s %14s%n", group.id(), group.offsets(), "-", "-",
                        group.offsets() == 0 ? "-" : String.format(Locale.ROOT, "%.1f",
                                seconds(group.caughtUpAt() - publishing)));
                continue;
            }
            out.printf(Locale.ROOT, "%-36s %12d %9.1f %12.0f %14.1f%n", group.id(), group.offsets(),
                    seconds(group.caughtUpAt() - group.movedAt()), group.offsetsPerSecond(),
                    seconds(group.caughtUpAt() - publishing));
        }
        out.println("(offsets: records read, and the transaction markers in topics written exactly once; "
                + "worked: from the first commit past the start to caught up, polled every second)");
    }

    /** The plain consumer (raw, then decoding) and the COPY, each of as many records as the replay's. */
    private void limits(Connection postgres, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to)
            throws SQLException {
        Moved raw = ReplayLimits.consume(config.kafka(), from, to, false);
        Moved decoded = ReplayLimits.consume(config.kafka(), from, to, true);
        Moved copied = ReplayLimits.copy(postgres, config.events(), config.chargers());
        out.printf(Locale.ROOT, "%-54s %10s %8s %12s %8s%n", "limits, on the same machine", "records", "s",
                "records/s", "MiB/s");
        limit("plain consumer of the replayed telemetry, raw bytes", raw);
        limit("plain consumer of the replayed telemetry, Avro decoded", decoded);
        limit("PostgreSQL COPY of rows like charger_interval's", copied);
        for (Moved read : List.of(raw, decoded)) {
            if (read.records() != config.events()) {
                problems.add("the plain consumer read " + read.records() + " records, " + config.events()
                        + " were published");
            }
        }
        if (copied.records() != config.events()) {
            problems.add("COPY wrote " + copied.records() + " rows, expected " + config.events());
        }
    }

    private void limit(String name, Moved moved) {
        out.printf(Locale.ROOT, "%-54s %10d %8.1f %12.0f %8.1f%n", name, moved.records(), seconds(moved.nanos()),
                moved.perSecond(), moved.mibPerSecond());
    }

    /** The charger's connectors in its diagnostics against what its records showed. */
    private void check(String chargePointId) throws Exception {
        JsonNode diagnostics = JSON.readTree(api.get("/api/v1/cpo/chargers/" + chargePointId + "/diagnostics"));
        Map<Integer, JsonNode> answered = new HashMap<>();
        diagnostics.path("connectors").forEach(c -> answered.put(c.path("connector_id").asInt(), c));
        List<String> wrong = new ArrayList<>();
        StringBuilder seen = new StringBuilder();
        expected.get(chargePointId).forEach((id, connector) -> {
            if (id == 0) {
                return;
            }
            JsonNode got = answered.get(id);
            String want = String.format(Locale.ROOT, "%s, %d sessions, %.3f kWh", connector.status,
                    connector.sessions, connector.energyWh() / 1000.0);
            String gotText = got == null ? "nothing" : String.format(Locale.ROOT, "%s, %d sessions, %.3f kWh",
                    got.path("status").asText(), got.path("total_sessions").asInt(),
                    got.path("total_energy_kwh").asDouble());
            if (want.equals(gotText)) {
                seen.append(" connector ").append(id).append(": ").append(want).append(';');
            } else {
                wrong.add("connector " + id + ": expected " + want + ", got " + gotText);
            }
        });
        if (wrong.isEmpty()) {
            out.printf("checked %s against its records:%s%n", chargePointId, seen);
        } else {
            problems.add(chargePointId + ": " + String.join("; ", wrong) + " (answered " + diagnostics + ")");
        }
    }

    private static Map<TopicPartition, Long> ends(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(List.of(TELEMETRY.name())).allTopicNames()
                .get().get(TELEMETRY.name()).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(TELEMETRY.name(), p.partition()),
                        p -> OffsetSpec.latest()));
        return admin.listOffsets(partitions).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private String chargerId(int i) {
        return "RP-" + runId + "-" + i;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
