package org.dynamocsms.standalone.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.as;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.serde.SchemaHistory;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.MeterSample;
import org.dynamocsms.schemas.telemetry.MeterValuesReported;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.Test;

/**
 * The example consumers of the README (examples/python with Debian's python3-confluent-kafka and python3-avro,
 * examples/java with kafka-clients and Avro's generic reader) read what the system wrote to the real broker: a site's
 * events, its summary and the summary's tombstone, and chargers' telemetry (one in an earlier version of its schema),
 * each named by its payload's type.
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class ExampleConsumersEndToEndTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path JAVA_EXAMPLE = ROOT.resolve("examples/java/target");
    private static final List<String> TOPICS = List.of(Topics.SITE_EVENTS.name(), Topics.CHARGER_TELEMETRY.name(),
            Topics.SITE_SUMMARY_PROJECTION.name());
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    @Test
    void bothExamplesPrintWhatTheSystemWrote() throws Exception {
        assertPythonModules();
        assertThat(JAVA_EXAMPLE.resolve("classpath"))
                .as("the Java example is built: ./mvnw -B -o -q -pl examples/java package").exists();
        String python = "e2e-python-" + Ids.EVENT.next();
        String java = "e2e-java-" + Ids.EVENT.next();
        // as if the two groups had read everything before: they read only what this test writes
        startAtTheEnd(python);
        startAtTheEnd(java);

        String key = Api.newOrganisation(keys, List.of());
        String site = Api.site(key, "Consumers Depot");
        Api.eventually(WITHIN, () -> as(key).get("/api/v1/sites/" + site + "/summary").then().statusCode(200));
        as(key).delete("/api/v1/sites/" + site).then().statusCode(204);
        Api.eventually(WITHIN, () -> as(key).get("/api/v1/sites/" + site + "/summary").then().statusCode(404));
        String charger = "CP-consumers-" + Ids.EVENT.next();
        try (KafkaProducer<String, ChargerTelemetry> telemetry = kafka.producer(Topics.CHARGER_TELEMETRY)) {
            Instant now = Instant.now();
            telemetry.send(new ProducerRecord<>(Topics.CHARGER_TELEMETRY.name(), charger, ChargerTelemetry.newBuilder()
                    .setEventId(Ids.EVENT.next()).setOrganisationId("gateway-view").setChargePointId(charger)
                    .setOccurredAt(now).setRecordedAt(now)
                    .setPayload(MeterValuesReported.newBuilder().setConnectorId(1).setTransactionId(41)
                            .setSamples(List.of(new MeterSample(now, 43_700.0, 5_000.0))).build())
                    .build())).get();
        }
        // a gateway not yet upgraded still writes the first released version of the telemetry
        String earlier = "CP-consumers-" + Ids.EVENT.next();
        try (KafkaProducer<String, byte[]> gateway = new KafkaProducer<>(kafka.adminProperties(),
                new StringSerializer(), new ByteArraySerializer())) {
            gateway.send(new ProducerRecord<>(Topics.CHARGER_TELEMETRY.name(), earlier,
                    firstVersionMeterValues(earlier))).get();
        }

        List<String> expected = List.of(
                Topics.SITE_EVENTS.name() + " " + site + " SiteEvent/SiteCreated ",
                Topics.SITE_SUMMARY_PROJECTION.name() + " " + site + " SiteSummary ",
                Topics.SITE_EVENTS.name() + " " + site + " SiteEvent/SiteDeleted ",
                Topics.SITE_SUMMARY_PROJECTION.name() + " " + site + " deleted",
                Topics.CHARGER_TELEMETRY.name() + " " + charger + " ChargerTelemetry/MeterValuesReported ",
                Topics.CHARGER_TELEMETRY.name() + " " + earlier + " ChargerTelemetry/MeterValuesReported ");
        String bootstrap = (String) kafka.adminProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Example py = new Example("python", List.of(PYTHON, "examples/python/consume.py", bootstrap, python));
             Example jv = new Example("java", List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                     JAVA_EXAMPLE.resolve("classes") + File.pathSeparator
                             + Files.readString(JAVA_EXAMPLE.resolve("classpath")).strip(),
                     "org.dynamocsms.examples.Consume", bootstrap, java))) {
            for (Example example : List.of(py, jv)) {
                Api.eventually(WITHIN, () -> assertThat(expected).as(example::describe)
                        .allSatisfy(prefix -> assertThat(example.lines).anyMatch(l -> l.startsWith(prefix))));
                List<String> lines = example.linesStartingWith(expected);
                // per key in the order written; a summary may be published more than once before the tombstone
                assertThat(lines.stream().filter(l -> l.startsWith(Topics.SITE_EVENTS.name() + " ")).toList())
                        .as(example::describe).satisfiesExactly(
                                created -> assertThat(created).startsWith(expected.get(0))
                                        .contains("\"name\": \"Consumers Depot\"", "\"max_power_kw\": 150.0"),
                                deleted -> assertThat(deleted).startsWith(expected.get(2)));
                List<String> summaries = lines.stream()
                        .filter(l -> l.startsWith(Topics.SITE_SUMMARY_PROJECTION.name() + " ")).toList();
                assertThat(summaries.get(summaries.size() - 1)).as(example::describe).isEqualTo(expected.get(3));
                assertThat(summaries.subList(0, summaries.size() - 1)).as(example::describe).isNotEmpty()
                        .allSatisfy(summary -> assertThat(summary).startsWith(expected.get(1))
                                .contains("\"site_id\": \"" + site + "\"", "\"name\": \"Consumers Depot\""));
                assertThat(lines).as(example::describe).filteredOn(l -> l.startsWith(expected.get(4))).singleElement()
                        .asString().contains("\"charge_point_id\": \"" + charger + "\"", "\"power_w\": 43700.0",
                                "\"energy_wh\": 5000.0");
                assertThat(lines).as(example::describe).filteredOn(l -> l.startsWith(expected.get(5))).singleElement()
                        .asString().contains("\"charge_point_id\": \"" + earlier + "\"", "\"power_w\": 11000.0");
            }
        }
    }

    /** A MeterValuesReported in version 1 of the ChargerTelemetry schema, as a producer of its day encoded it. */
    private static byte[] firstVersionMeterValues(String chargePointId) throws IOException {
        Schema v1 = SchemaHistory.versions(ChargerTelemetry.getClassSchema().getFullName()).get(0);
        Schema meterValues = v1.getField("payload").schema().getTypes().stream()
                .filter(type -> type.getName().equals("MeterValuesReported")).findFirst().orElseThrow();
        long now = Instant.now().toEpochMilli();
        GenericRecord sample = new GenericRecordBuilder(meterValues.getField("samples").schema().getElementType())
                .set("sampled_at", now).set("power_w", 11_000.0).set("energy_wh", 2_000.0).build();
        GenericRecord telemetry = new GenericRecordBuilder(v1).set("event_id", Ids.EVENT.next())
                .set("organisation_id", "gateway-view").set("charge_point_id", chargePointId).set("occurred_at", now)
                .set("recorded_at", now).set("payload", new GenericRecordBuilder(meterValues).set("connector_id", 1)
                        .set("transaction_id", 7).set("samples", List.of(sample)).build())
                .build();
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(telemetry);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    /** Commits the end offsets of every partition of the topics as the group's. */
    private void startAtTheEnd(String group) throws Exception {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(TOPICS).allTopicNames().get().values()
                    .stream()
                    .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(group, offsets).all().get();
        }
    }

    /** The Python example runs on Debian's packages: without them, the test fails saying which. */
    private static void assertPythonModules() throws Exception {
        Process check = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka, avro").redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as("%s cannot import the example's modules: apt-get install -y "
                + "python3-confluent-kafka python3-avro%n%s", PYTHON, output).isZero();
    }

    /** An example consumer running from the repository's root; closing stops it (SIGTERM), as an operator would. */
    private static final class Example implements AutoCloseable {

        private final String name;
        private final Process process;
        private final Path stderr;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        Example(String name, List<String> command) throws IOException {
            this.name = name;
            List<String> withTopics = new ArrayList<>(command);
            withTopics.addAll(TOPICS);
            stderr = Files.createTempFile("example-" + name + "-", ".err");
            process = new ProcessBuilder(withTopics).directory(ROOT.toFile())
                    .redirectError(stderr.toFile()).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    out.lines().forEach(lines::add);
                } catch (IOException e) {
                    // the process ended
                }
            }, "example-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        List<String> linesStartingWith(List<String> prefixes) {
            return lines.stream().filter(l -> prefixes.stream().anyMatch(l::startsWith)).toList();
        }

        String describe() {
            String errors;
            try {
                errors = Files.readString(stderr);
            } catch (IOException e) {
                errors = e.toString();
            }
            return "the " + name + " example (" + (process.isAlive() ? "running" : "exited " + process.exitValue())
                    + "), printed:\n" + String.join("\n", lines) + "\nstderr:\n" + errors;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(stderr);
        }
    }
}
