package org.dynamocsms.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.apache.kafka.common.errors.SerializationException;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.charger.ConnectorState;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The serde writes exactly the bytes of Avro's own single-object encoder ({@link BinaryMessageEncoder}) for every
 * record the system stores: random records of each schema cover its nested unions, arrays, maps, null-able fields
 * and logical types. Decoded records are compared field by field: the generated equals() of a decoded record fails
 * on a list of records with a null-able timestamp (Avro compares the decoded list's items without the conversions).
 */
class AvroSerdeEncodingTest {

    private static final int RECORDS = 300;

    @ParameterizedTest
    @MethodSource("org.dynamocsms.schemas.serde.SchemaHistoryTest#storedRecords")
    <T extends SpecificRecord> void writesTheBytesOfAvrosMessageEncoder(AvroSerde<T> serde) throws Exception {
        BinaryMessageEncoder<T> avro = avroEncoder(serde);
        for (T record : randomRecords(serde, RECORDS, 7L)) {
            byte[] bytes = serde.serialize("t", record);
            assertThat(bytes).as("%s", record).isEqualTo(array(avro.encode(record)));
            assertThat(serde.deserialize("t", bytes)).usingRecursiveComparison().isEqualTo(record);
        }
    }

    @Test
    void recordsLargerThanTheKeptBufferAndSmallOnesAfterThem() throws Exception {
        AvroSerde<ChargerLiveState> serde = AvroSerde.of(ChargerLiveState.class);
        BinaryMessageEncoder<ChargerLiveState> avro = avroEncoder(serde);
        ChargerLiveState small = liveState();
        ChargerLiveState large = ChargerLiveState.newBuilder(small).setVendor("v".repeat(300_000)).build();
        for (ChargerLiveState record : List.of(small, large, small, large)) {
            byte[] bytes = serde.serialize("t", record);
            assertThat(bytes).isEqualTo(array(avro.encode(record)));
            assertThat(serde.deserialize("t", bytes)).usingRecursiveComparison().isEqualTo(record);
        }
    }

    @Test
    void aRecordThatFailsHalfWrittenLeavesNothingForTheNext() throws Exception {
        AvroSerde<ChargerLiveState> serde = AvroSerde.of(ChargerLiveState.class);
        ChargerLiveState broken = liveState();
        broken.setStatus(null); // written after the strings and connectors, so the encoder holds them when it fails
        assertThatThrownBy(() -> serde.serialize("t", broken))
                .isInstanceOf(SerializationException.class).hasMessageContaining("ChargerLiveState");
        ChargerLiveState next = liveState();
        assertThat(serde.serialize("t", next)).isEqualTo(array(avroEncoder(serde).encode(next)));
    }

    @Test
    void theSameRecordEncodedAgainAtOnceByAnySerdeOfItsTypeIsNotEncodedTwice() throws Exception {
        AvroSerde<ChargerLiveState> store = AvroSerde.of(ChargerLiveState.class);
        AvroSerde<ChargerLiveState> topic = AvroSerde.of(ChargerLiveState.class);
        ChargerLiveState state = liveState();
        ChargerLiveState other = liveState();

        byte[] stored = store.serialize("t", state);

        assertThat(topic.serialize("t", state)).isSameAs(stored);
        byte[] otherBytes = topic.serialize("t", other);
        assertThat(otherBytes).isNotSameAs(stored).isEqualTo(stored);
        assertThat(store.serialize("t", state)).as("encoded again after another record")
                .isNotSameAs(stored).isEqualTo(array(avroEncoder(store).encode(state)));
    }

    @Test
    void threadsSharingASerdeEachWriteTheirOwnRecords() throws Exception {
        List<AvroSerde<?>> serdes = SchemaHistoryTest.storedRecords().toList();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                done.add(threads.submit(() -> {
                    for (AvroSerde<?> serde : serdes) {
                        writesTheBytesOfAvros(serde, seed);
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static <T extends SpecificRecord> void writesTheBytesOfAvros(AvroSerde<T> serde, long seed) throws Exception {
        BinaryMessageEncoder<T> avro = avroEncoder(serde);
        for (T record : randomRecords(serde, 50, seed)) {
            assertThat(serde.serialize("t", record)).isEqualTo(array(avro.encode(record)));
        }
    }

    /** Avro's own encoder of the type, with the generated class's model (its logical-type conversions). */
    static <T extends SpecificRecord> BinaryMessageEncoder<T> avroEncoder(AvroSerde<T> serde) {
        return new BinaryMessageEncoder<>(SpecificData.getForClass(serde.type()), schemaOf(serde));
    }

    /** Random records of the type: generic ones from {@link RandomData}, read as the generated class. */
    static <T extends SpecificRecord> List<T> randomRecords(AvroSerde<T> serde, int count, long seed) throws Exception {
        Schema schema = schemaOf(serde);
        var generic = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema);
        List<T> records = new ArrayList<>();
        for (Object datum : new RandomData(schema, count, seed)) {
            records.add(serde.deserialize("t", array(generic.encode((GenericRecord) datum))));
        }
        return records;
    }

    static ChargerLiveState liveState() {
        Instant at = Instant.parse("2024-06-15T14:00:00.123Z");
        return ChargerLiveState.newBuilder()
                .setChargePointId("CP-000123").setOrganisationId("org_01J000000000000000000000")
                .setSiteId("site_01J000000000000000000000").setRegistered(true).setConnected(true)
                .setLastSeenAt(at).setVendor("Dynamo").setModel("DC-150").setFirmwareVersion("1.4.2")
                .setConnectors(List.of(connector(1, at, 42), connector(2, at, null)))
                .setStatus(ChargerStatus.charging).setPowerKw(11.04).setActiveSessions(1).setVersion(4711)
                .setOcppVersion("1.6").setLastHeartbeatAt(at).setEnergyTodayWh(23_456.5)
                .setEnergyDay(LocalDate.parse("2024-06-15")).setGatewayId("gw-1").setConnectedAt(at)
                .setConnectionId("conn-01J000000000000000000000")
                .build();
    }

    private static ConnectorState connector(int id, Instant at, Integer transaction) {
        return ConnectorState.newBuilder()
                .setConnectorId(id).setStatus(transaction == null ? ConnectorStatus.Available : ConnectorStatus.Charging)
                .setErrorCode(ChargePointErrorCode.NoError).setStatusAt(at).setTransactionId(transaction)
                .setPowerW(transaction == null ? null : 11_040.0).setPowerAt(at).setEnergyWh(1_234_567.0)
                .setTotalSessions(17).setTotalEnergyWh(345_678.9)
                .setCountedTransactionIds(List.of(30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42))
                .setRegisterTransactionId(transaction).setRegisterWh(transaction == null ? null : 1_234_567.0)
                .setRegisterAt(at)
                .build();
    }

    private static Schema schemaOf(AvroSerde<?> serde) {
        return SpecificData.get().getSchema(serde.type());
    }

    private static byte[] array(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
