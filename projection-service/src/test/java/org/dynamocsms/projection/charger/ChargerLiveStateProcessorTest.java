package org.dynamocsms.projection.charger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.projection.Records.at;
import static org.dynamocsms.projection.Records.connected;
import static org.dynamocsms.projection.Records.liveness;

import java.time.Instant;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.serde.AvroSerde;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.GatewayLiveness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway check's bookkeeping of the facts it wrote, which the topology tests cannot hold in flight. */
class ChargerLiveStateProcessorTest {

    private static final String CP = "CP-1";

    private final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
    private KeyValueStore<String, GatewayLiveness> gateways;
    private ChargerLiveStateProcessor processor;

    @BeforeEach
    void start() {
        store(ChargerLiveStateTopology.STATES, ChargerLiveState.class);
        store(ChargerLiveStateTopology.CHARGERS, ChargerView.class);
        gateways = store(ChargerLiveStateTopology.GATEWAYS, GatewayLiveness.class);
        processor = started();
    }

    @Test
    void theCheckWritesADecisionOnceWhileItTravelsAndNoMoreOnceFolded() {
        process(connected(CP, at(10), "gw-1", "con_1"));
        gateways.put("gw-1", liveness("gw-1", at(0), at(10)));

        List<ChargerTelemetry> first = check(at(100));
        assertThat(first).hasSize(1);
        assertThat(check(at(105))).as("not folded yet: written already").isEmpty();

        process(first.get(0));
        assertThat(check(at(110))).as("offline: nothing to decide").isEmpty();
    }

    @Test
    void aTaskSetUpAgainWritesADecisionStillTravellingAgainAsTheSameEnd() {
        process(connected(CP, at(10), "gw-1", "con_1"));
        gateways.put("gw-1", liveness("gw-1", at(0), at(10)));
        ChargerTelemetry first = check(at(100)).get(0);

        processor = started();
        ChargerTelemetry again = check(at(105)).get(0);

        // folded after the first, it changes nothing (ChargerLiveStatesTest, ChargerHistoryTopologyTest)
        assertThat(again.getPayload()).isEqualTo(first.getPayload());
        assertThat(again.getOccurredAt()).isEqualTo(first.getOccurredAt());
        assertThat(again.getRecordedAt()).isEqualTo(first.getRecordedAt());
    }

    @Test
    void aConnectionThatEndedMeanwhileIsDecidedAfresh() {
        process(connected(CP, at(10), "gw-1", "con_1"));
        gateways.put("gw-1", liveness("gw-1", at(0), at(10)));
        assertThat(check(at(100))).hasSize(1);

        // reconnected through the same gateway, lost again before the first decision came back
        process(connected(CP, at(101), "gw-1", "con_2"));
        assertThat(check(at(200))).extracting(end -> ((ChargerDisconnected) end.getPayload()).getConnectionId())
                .containsExactly("con_2");
    }

    private ChargerLiveStateProcessor started() {
        ChargerLiveStateProcessor started = new ChargerLiveStateProcessor(() -> true);
        started.init(context);
        return started;
    }

    private void process(ChargerTelemetry telemetry) {
        processor.process(new Record<>(telemetry.getChargePointId(), telemetry,
                telemetry.getRecordedAt().toEpochMilli()));
    }

    /** The facts the check of {@code now} wrote. */
    private List<ChargerTelemetry> check(Instant now) {
        context.resetForwards();
        List<MockProcessorContext.CapturedPunctuator> punctuators = context.scheduledPunctuators();
        punctuators.get(punctuators.size() - 1).getPunctuator().punctuate(now.toEpochMilli());
        return context.forwarded().stream().map(forward -> (ChargerTelemetry) forward.record().value()).toList();
    }

    private <V extends SpecificRecord> KeyValueStore<String, V> store(String name, Class<V> type) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), AvroSerde.of(type)).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
