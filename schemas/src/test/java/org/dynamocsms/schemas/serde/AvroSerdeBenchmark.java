package org.dynamocsms.schemas.serde;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;

import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.dynamocsms.schemas.asset.EnergyAssetType;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.site.SiteChargerCounts;
import org.dynamocsms.schemas.site.SiteEnergyAssetOutput;
import org.dynamocsms.schemas.site.SiteSummary;
import org.junit.jupiter.api.Test;

/**
 * Nanoseconds per serialize of a charger's live state (two connectors) and of a site summary: Avro's message encoder
 * as the serde used it before, the serde now, and its deserialize for scale. Not part of the test suite (its name is
 * not a test's): run it with
 * <pre>
 * ./mvnw -B -o -q -pl schemas test -Dtest=AvroSerdeBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dbench.iterations=200000]
 * </pre>
 * Each figure is the best of five rounds on one thread. It asserts nothing.
 */
class AvroSerdeBenchmark {

    private static final int ROUNDS = 5;

    private final int iterations = Integer.getInteger("bench.iterations", 200_000);

    @Test
    void measure() throws Exception {
        measure(AvroSerde.of(ChargerLiveState.class), AvroSerdeEncodingTest.liveState());
        measure(AvroSerde.of(SiteSummary.class), siteSummary());
    }

    private <T extends SpecificRecord> void measure(AvroSerde<T> serde, T record) throws Exception {
        // as serialize() was: Avro's encoder into its thread's buffer, copied out
        var avro = new BinaryMessageEncoder<T>(SpecificData.getForClass(serde.type()), record.getSchema(), false);
        Function<T, byte[]> before = value -> {
            try {
                ByteBuffer buffer = avro.encode(value);
                return Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        byte[] bytes = serde.serialize("t", record);
        if (!Arrays.equals(bytes, before.apply(record))) {
            throw new IllegalStateException("the serde's bytes differ from Avro's");
        }
        System.out.printf("%s (%d bytes): serialize before %.0f ns, after %.0f ns; deserialize %.0f ns%n",
                serde.type().getSimpleName(), bytes.length,
                nanosPer(() -> before.apply(record).length),
                nanosPer(() -> serde.serialize("t", record).length),
                nanosPer(() -> serde.deserialize("t", bytes).hashCode()));
    }

    /** Best of the rounds, after one round of warm-up. */
    private double nanosPer(IntSupplier call) {
        double best = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round <= ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                sink += call.getAsInt();
            }
            double nanos = (double) (System.nanoTime() - start) / iterations;
            if (round > 0) {
                best = Math.min(best, nanos);
            }
        }
        if (sink == 42) {
            System.out.print(""); // keeps the calls' results alive
        }
        return best;
    }

    private static SiteSummary siteSummary() {
        Instant at = Instant.parse("2024-06-15T14:00:00.123Z");
        return SiteSummary.newBuilder()
                .setSiteId("site_01J000000000000000000000").setOrganisationId("org_01J000000000000000000000")
                .setName("King Street Depot").setMaxPowerKw(150.0).setCurrentPowerKw(88.32)
                .setChargers(new SiteChargerCounts(12, 11, 8, 3, 0)).setActiveSessions(8)
                .setEnergyAssets(List.of(
                        new SiteEnergyAssetOutput("ast_1", EnergyAssetType.solar, "Roof PV", 40.0, 21.5, at),
                        new SiteEnergyAssetOutput("ast_2", EnergyAssetType.battery, "Battery", 60.0, null, null)))
                .setUpdatedAt(at).setVersion(123_456)
                .build();
    }
}
