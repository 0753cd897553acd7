package org.dynamocsms.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro class, in Avro single-object encoding (marker {@code C3 01}, the writer
 * schema's CRC-64-AVRO fingerprint, then the binary datum), so any Avro library holding the schema can decode a
 * record without a registry. The decoder also knows every released earlier version of the schema (see
 * {@link SchemaHistory}), so records written by older producers stay readable.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /** Single-object encoding's marker, before the fingerprint. */
    private static final byte[] MARKER = {(byte) 0xC3, 0x01};

    /**
     * Each thread's output, shared by all serdes (serialize() never nests). Avro's own message encoder writes the datum
     * byte by byte into a synchronized stream; here a buffered encoder writes it in blocks into a plain array.
     */
    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

    private final Class<T> type;
    /** The marker and the writer schema's fingerprint, which begin every record. */
    private final byte[] header;
    private final DatumWriter<T> writer;
    private final BinaryMessageDecoder<T> decoder;

    private AvroSerde(Class<T> type) {
        this.type = type;
        // Resolve record classes through the loader of the generated class, not Avro's own: where the two differ
        // (Quarkus tests) Avro's would find other copies of the classes, which the decoder cannot cast.
        SpecificData model = new SpecificData(type.getClassLoader());
        SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
        Schema schema = model.getSchema(type);
        this.header = header(schema);
        this.writer = new SpecificDatumWriter<>(schema, model);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        for (Schema earlier : SchemaHistory.versions(schema.getFullName())) {
            decoder.addSchema(earlier);
        }
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        try {
            return OUTPUT.get().encode(header, writer, value);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + " for topic " + topic, e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return decoder.decode(data);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode " + type.getSimpleName() + " from topic " + topic, e);
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public void close() {
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    private static byte[] header(Schema schema) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        byte[] header = Arrays.copyOf(MARKER, MARKER.length + Long.BYTES);
        for (int i = 0; i < Long.BYTES; i++) {
            header[MARKER.length + i] = (byte) (fingerprint >>> (8 * i)); // little-endian, as Avro writes it
        }
        return header;
    }

    /** A growable byte buffer, not synchronized (one per thread), with a buffered binary encoder writing into it. */
    private static final class Output extends OutputStream {

        private static final int INITIAL = 1024;
        /** A thread keeps at most this much between records; a larger record's buffer goes after use. */
        private static final int KEPT = 64 * 1024;

        private byte[] bytes = new byte[INITIAL];
        private int count;
        private final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(this, null);

        /**
         * The record encoded last and its bytes: the same record encoded again at once (a state written to its store,
         * then published) gives the same bytes, which nobody changes. A record is never changed once encoded.
         */
        private Object lastValue;
        private byte[] lastRecord;

        <T> byte[] encode(byte[] header, DatumWriter<T> writer, T value) throws IOException {
            if (value == lastValue && Arrays.equals(header, 0, header.length, lastRecord, 0, header.length)) {
                return lastRecord;
            }
            lastValue = null;
            encoder.flush(); // a failed record may have left bytes in the encoder: flush them, then drop them
            count = 0;
            write(header, 0, header.length);
            writer.write(value, encoder);
            encoder.flush();
            byte[] record = Arrays.copyOf(bytes, count);
            if (bytes.length > KEPT) {
                bytes = new byte[INITIAL];
            }
            lastValue = value;
            lastRecord = record;
            return record;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (count + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
            }
        }
    }

    /** Reads one schema file from the classpath; used for the released schema history. */
    static Schema parse(InputStream in) {
        try (in) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
