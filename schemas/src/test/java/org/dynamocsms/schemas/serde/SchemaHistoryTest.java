package org.dynamocsms.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.dynamocsms.schemas.analytics.ChargerTimeline;
import org.dynamocsms.schemas.analytics.ChargerTimelineHead;
import org.dynamocsms.schemas.analytics.TimelinePoint;
import org.dynamocsms.schemas.load.DefaultProfileSent;
import org.dynamocsms.schemas.site.SiteAggregate;
import org.dynamocsms.schemas.site.SiteChargerContribution;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record the system stores (topic values and state-store values) can read data written by every released
 * version of its schema, and the newest released version is the current one (so a change needs a new version file).
 */
class SchemaHistoryTest {

    static Stream<AvroSerde<?>> storedRecords() {
        List<AvroSerde<?>> serdes = new ArrayList<>();
        Topics.ALL.forEach(topic -> serdes.add((AvroSerde<?>) topic.valueSerde()));
        serdes.add(AvroSerde.of(SiteAggregate.class));
        serdes.add(AvroSerde.of(ChargerTimeline.class));
        serdes.add(AvroSerde.of(SiteChargerContribution.class));
        serdes.add(AvroSerde.of(ChargerTimelineHead.class));
        serdes.add(AvroSerde.of(TimelinePoint.class));
        serdes.add(AvroSerde.of(DefaultProfileSent.class));
        return serdes.stream();
    }

    @ParameterizedTest
    @MethodSource("storedRecords")
    void newestReleasedVersionIsTheCurrentSchema(AvroSerde<?> serde) {
        Schema current = schemaOf(serde);
        List<Schema> released = SchemaHistory.versions(current.getFullName());
        assertThat(released).as("released versions of %s (add %s)", current.getFullName(),
                SchemaHistory.path(current.getFullName(), released.size() + 1)).isNotEmpty();
        assertThat(SchemaNormalization.toParsingForm(released.get(released.size() - 1)))
                .as("%s changed: release it as %s", current.getFullName(),
                        SchemaHistory.path(current.getFullName(), released.size() + 1))
                .isEqualTo(SchemaNormalization.toParsingForm(current));
    }

    @ParameterizedTest
    @MethodSource("storedRecords")
    <T extends SpecificRecord> void readsDataWrittenByEveryReleasedVersion(AvroSerde<T> serde) throws Exception {
        Schema current = schemaOf(serde);
        for (Schema writer : SchemaHistory.versions(current.getFullName())) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, writer).getType())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
            var encoder = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer);
            for (Object datum : new RandomData(writer, 50, 42L)) {
                ByteBuffer bytes = encoder.encode((GenericRecord) datum);
                byte[] array = new byte[bytes.remaining()];
                bytes.get(array);
                GenericRecord read = raw(serde.serialize("history", serde.deserialize("history", array)), current);
                assertThat(writtenPart(read, writer)).as("%s written by %s", current.getName(), writer)
                        .isEqualTo(writtenPart(datum, writer));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("storedRecords")
    void everyEnumHasADefaultSymbol(AvroSerde<?> serde) {
        assertThat(enums(schemaOf(serde), new ArrayList<>())).allSatisfy(e ->
                assertThat(e.getEnumDefault()).as("default of enum %s", e.getFullName()).isNotNull());
    }

    /**
     * The part of {@code value} that {@code writer} describes, as plain strings, lists and maps: fields added
     * since (with their defaults) are left out and map order does not matter.
     */
    private static Object writtenPart(Object value, Schema writer) {
        return switch (writer.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) value;
                Map<String, Object> fields = new TreeMap<>();
                for (Schema.Field field : writer.getFields()) {
                    if (record.getSchema().getField(field.name()) != null) {
                        fields.put(field.name(), writtenPart(record.get(field.name()), field.schema()));
                    }
                }
                yield fields;
            }
            case UNION -> value == null ? null
                    : writtenPart(value, writer.getTypes().get(GenericData.get().resolveUnion(writer, value)));
            case ARRAY -> ((List<?>) value).stream().map(item -> writtenPart(item, writer.getElementType())).toList();
            case MAP -> {
                Map<String, Object> entries = new TreeMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> entries.put(k.toString(), writtenPart(v, writer.getValueType())));
                yield entries;
            }
            default -> String.valueOf(value);
        };
    }

    /** Decodes without logical-type conversions, so values compare with what RandomData wrote. */
    private static GenericRecord raw(byte[] bytes, Schema schema) throws Exception {
        return new BinaryMessageDecoder<GenericRecord>(GenericData.get(), schema).decode(bytes);
    }

    private static Schema schemaOf(AvroSerde<?> serde) {
        return org.apache.avro.specific.SpecificData.get().getSchema(serde.type());
    }

    private static List<Schema> enums(Schema schema, List<Schema> seen) {
        if (seen.contains(schema)) {
            return List.of();
        }
        seen.add(schema);
        List<Schema> found = new ArrayList<>();
        switch (schema.getType()) {
            case ENUM -> found.add(schema);
            case RECORD -> schema.getFields().forEach(f -> found.addAll(enums(f.schema(), seen)));
            case UNION -> schema.getTypes().forEach(t -> found.addAll(enums(t, seen)));
            case ARRAY -> found.addAll(enums(schema.getElementType(), seen));
            case MAP -> found.addAll(enums(schema.getValueType(), seen));
            default -> { }
        }
        return found;
    }
}
