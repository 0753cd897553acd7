package org.dynamocsms.schemas.published;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.dynamocsms.schemas.serde.AvroSerde;
import org.dynamocsms.schemas.serde.SchemaHistory;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/**
 * The value schemas of the public topics as a data team reads them, without this project's build: for each value type
 * one self-contained file (every named type inlined at its first use, so any Avro library parses it alone), a file for
 * each earlier released version, and an index from writer fingerprint (the 8 bytes after {@code C3 01} in every
 * value) to file. They are committed in {@value #DIRECTORY} and summed up in the README's topic catalogue;
 * PublishedSchemasTest keeps both in step with the schemas.
 */
public final class PublishedSchemas {

    /** Where the files are committed, from the repository's root. */
    public static final String DIRECTORY = "schemas/public";
    /** The index: one line per writer fingerprint, naming the schema, its version and its file. */
    public static final String INDEX = "fingerprints.tsv";

    private PublishedSchemas() {
    }

    /** One released version of a value type and the file that holds it. */
    public record Version(Schema schema, int number, String file) {

        public String fingerprint() {
            return PublishedSchemas.fingerprint(schema);
        }
    }

    /** A value type of the public topics: the topics that carry it and its released versions, oldest first. */
    public record ValueType(String name, List<String> topics, List<Version> versions) {

        public Version current() {
            return versions.get(versions.size() - 1);
        }
    }

    /** The value types of {@link Topics#PUBLIC}, in the order of their first topic. */
    public static List<ValueType> valueTypes() {
        Map<Schema, List<String>> topicsOfType = new LinkedHashMap<>();
        for (Topic<?, ?> topic : Topics.PUBLIC) {
            Schema schema = SpecificData.get().getSchema(((AvroSerde<?>) topic.valueSerde()).type());
            topicsOfType.computeIfAbsent(schema, s -> new ArrayList<>()).add(topic.name());
        }
        return topicsOfType.entrySet().stream().map(e -> valueType(e.getKey(), e.getValue())).toList();
    }

    private static ValueType valueType(Schema current, List<String> topics) {
        String name = current.getName();
        List<Schema> released = SchemaHistory.versions(current.getFullName());
        int newest = released.size();
        if (newest == 0 || !SchemaNormalization.toParsingForm(released.get(newest - 1))
                .equals(SchemaNormalization.toParsingForm(current))) {
            throw new IllegalStateException(current.getFullName() + " is not released: add "
                    + SchemaHistory.path(current.getFullName(), newest + 1));
        }
        List<Version> versions = new ArrayList<>();
        for (int v = 1; v < newest; v++) {
            versions.add(new Version(released.get(v - 1), v, "history/" + name + ".v" + v + ".avsc"));
        }
        // the newest from the generated class, not its history file: the same parsing form, with today's docs
        versions.add(new Version(current, newest, name + ".avsc"));
        return new ValueType(name, topics, versions);
    }

    /**
     * The writer fingerprint as it appears in a value, after {@code C3 01}: the CRC-64-AVRO of the schema's parsing
     * canonical form, its 8 bytes little-endian, in hex.
     */
    public static String fingerprint(Schema schema) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        return HexFormat.of().formatHex(
                ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array());
    }

    /** Every published file by its path in {@value #DIRECTORY}. */
    public static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder index = new StringBuilder("fingerprint\tschema\tversion\tfile\n");
        for (ValueType type : valueTypes()) {
            for (Version version : type.versions()) {
                files.put(version.file(), version.schema().toString(true) + "\n");
                index.append(version.fingerprint()).append('\t').append(version.schema().getFullName()).append('\t')
                        .append(version.number()).append('\t').append(version.file()).append('\n');
            }
        }
        files.put(INDEX, index.toString());
        return files;
    }

    /** The README's table of the value types: topics, schema file, fingerprint of each released version. */
    public static String readmeTable() {
        StringBuilder table = new StringBuilder("| value | topics | schema file | fingerprint "
                + "| earlier versions' fingerprints |\n|---|---|---|---|---|\n");
        for (ValueType type : valueTypes()) {
            String path = DIRECTORY + "/" + type.current().file();
            table.append("| `").append(type.name()).append("` v").append(type.current().number()).append(" | ")
                    .append(type.topics().stream().map(t -> "`" + t + "`").collect(Collectors.joining(", ")))
                    .append(" | [`").append(path).append("`](").append(path).append(") | `")
                    .append(type.current().fingerprint()).append("` | ")
                    .append(type.versions().subList(0, type.versions().size() - 1).stream()
                            .map(v -> "v" + v.number() + " `" + v.fingerprint() + "`")
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        return table.toString();
    }
}
