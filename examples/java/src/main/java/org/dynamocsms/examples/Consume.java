package org.dynamocsms.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows public topics of Dynamo CSMS and prints every record: topic, key, the value's type (with its payload's type
 * where it has one, e.g. {@code SiteEvent/SiteCreated}) and the value as JSON, or {@code deleted} for a tombstone.
 * <p>
 * Run from the repository's root, which holds the schema files in {@code schemas/public}:
 * {@code java -cp ... org.dynamocsms.examples.Consume BOOTSTRAP_SERVERS GROUP_ID TOPIC...}
 */
public final class Consume {

    private static final Path SCHEMAS = Path.of("schemas/public");

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: Consume BOOTSTRAP_SERVERS GROUP_ID TOPIC...");
            System.exit(2);
        }
        Map<String, Schema> schemas = writerSchemas();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, args[1]);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // a new group starts at the beginning
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // the writers are transactional
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { // leave the group at once (close) when stopped
            consumer.wakeup();
            try {
                main.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (consumer) {
            consumer.subscribe(Arrays.asList(args).subList(2, args.length));
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    System.out.println(record.topic() + " " + record.key() + " " + describe(record.value(), schemas));
                }
            }
        } catch (WakeupException stopped) {
            // the shutdown hook woke the consumer up; closing it leaves the group
        }
    }

    /** Every released writer schema by its fingerprint, as the index lists them. */
    private static Map<String, Schema> writerSchemas() throws IOException {
        Map<String, Schema> schemas = new HashMap<>();
        List<String> index = Files.readAllLines(SCHEMAS.resolve("fingerprints.tsv"));
        for (String line : index.subList(1, index.size())) { // after the header: fingerprint, schema, version, file
            String[] columns = line.split("\t");
            schemas.put(columns[0], new Schema.Parser().parse(SCHEMAS.resolve(columns[3]).toFile()));
        }
        return schemas;
    }

    /** The value's type (and its payload's) and the value, or {@code deleted} for a tombstone. */
    private static String describe(byte[] value, Map<String, Schema> schemas) throws IOException {
        if (value == null) {
            return "deleted";
        }
        GenericRecord record = decode(value, schemas);
        String type = record.getSchema().getName();
        if (record.hasField("payload") && record.get("payload") instanceof GenericRecord payload) {
            type += "/" + payload.getSchema().getName(); // the union's branch: the fact's type
        }
        return type + " " + record;
    }

    /**
     * A value in Avro single-object encoding: C3 01, the writer schema's 8-byte fingerprint, the binary datum. (Avro's
     * BinaryMessageDecoder does the same once given every writer schema; spelled out here as in any other language.)
     */
    private static GenericRecord decode(byte[] value, Map<String, Schema> schemas) throws IOException {
        if (value.length < 10 || value[0] != (byte) 0xC3 || value[1] != 0x01) {
            throw new IOException("not Avro single-object encoding");
        }
        String fingerprint = HexFormat.of().formatHex(value, 2, 10);
        Schema writer = schemas.get(fingerprint);
        if (writer == null) {
            throw new IOException("writer schema " + fingerprint + " is not in " + SCHEMAS
                    + ": update the schema files");
        }
        return new GenericDatumReader<GenericRecord>(writer)
                .read(null, DecoderFactory.get().binaryDecoder(value, 10, value.length - 10, null));
    }
}
