package org.dynamocsms.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;

import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.common.errors.SerializationException;
import org.dynamocsms.schemas.site.SiteCreated;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteEvent;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private final AvroSerde<SiteEvent> serde = AvroSerde.of(SiteEvent.class);

    private final SiteEvent event = SiteEvent.newBuilder()
            .setEventId("evt_01J000000000000000000000")
            .setOrganisationId("org_1")
            .setSiteId("site_1")
            .setVersion(1)
            .setOccurredAt(Instant.parse("2024-06-01T09:00:00Z"))
            .setRecordedAt(Instant.parse("2024-06-01T09:00:00.015Z"))
            .setPayload(new SiteCreated(new SiteDetails("King Street Depot", "14 King Street", 150.0, 53.4808, -2.2426)))
            .build();

    @Test
    void roundTrips() {
        byte[] bytes = serde.serialize("t", event);
        assertThat(serde.deserialize("t", bytes)).isEqualTo(event);
    }

    @Test
    void writesAvroSingleObjectEncoding() {
        byte[] bytes = serde.serialize("t", event);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(SiteEvent.getClassSchema()));
    }

    @Test
    void anyAvroLibraryWithTheSchemaCanDecode() throws Exception {
        byte[] bytes = serde.serialize("t", event);
        var generic = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), SiteEvent.getClassSchema());
        GenericRecord record = generic.decode(bytes);
        assertThat(record.get("site_id").toString()).isEqualTo("site_1");
        assertThat(((GenericRecord) record.get("payload")).getSchema().getName()).isEqualTo("SiteCreated");
    }

    @Test
    void nullIsATombstone() {
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }

    @Test
    void rejectsBytesOfAnotherFormat() {
        byte[] bytes = serde.serialize("t", event);
        assertThatThrownBy(() -> serde.deserialize("t", "{\"site_id\":1}".getBytes()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("SiteEvent");
        byte[] unknownFingerprint = Arrays.copyOf(bytes, bytes.length);
        unknownFingerprint[5] ^= 0x5A;
        assertThatThrownBy(() -> serde.deserialize("t", unknownFingerprint))
                .isInstanceOf(SerializationException.class);
    }
}
