package org.dynamocsms.projection.charger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.projection.RecentValues;
import org.dynamocsms.projection.RegistryViews;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.GatewayLiveness;

/**
 * Folds a charger's telemetry and registry events into its live state and forwards every change, keyed by charge
 * point id. Registry events go through the charger's view first (the one fold, which skips events applied already),
 * so a redelivered link cannot undo a later unlink. The folds return what they were given when nothing changed.
 * Every {@link #GATEWAY_CHECK_INTERVAL} of wall-clock time the connected chargers are checked against their gateway's
 * liveness ({@link ChargerLiveStates#gatewayChecked}); the states it takes offline carry the header
 * {@link ChargerLiveStateTopology#GATEWAY_CHECKED}, while {@code checksGateways} says so.
 */
class ChargerLiveStateProcessor implements Processor<String, SpecificRecord, String, ChargerLiveState> {

    /** How often connected chargers are checked against their gateway's liveness (wall-clock time). */
    static final Duration GATEWAY_CHECK_INTERVAL = Duration.ofSeconds(5);
    /** How many chargers' states a task keeps as objects: most of a fleet sends a message within minutes. */
    static final int RECENT_STATES = 20_000;

    private final BooleanSupplier checksGateways;
    private ProcessorContext<String, ChargerLiveState> context;
    /** Every charger's state in the store; the recent ones also as objects. */
    private KeyValueStore<String, ChargerLiveState> stored;
    private RecentValues<ChargerLiveState> states;
    private KeyValueStore<String, ChargerView> chargers;
    private KeyValueStore<String, GatewayLiveness> gateways;

    ChargerLiveStateProcessor(BooleanSupplier checksGateways) {
        this.checksGateways = checksGateways;
    }

    @Override
    public void init(ProcessorContext<String, ChargerLiveState> context) {
        this.context = context;
        this.stored = context.getStateStore(ChargerLiveStateTopology.STATES);
        this.states = new RecentValues<>(stored, RECENT_STATES);
        this.chargers = context.getStateStore(ChargerLiveStateTopology.CHARGERS);
        this.gateways = context.getStateStore(ChargerLiveStateTopology.GATEWAYS);
        context.schedule(GATEWAY_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::checkGateways);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof ChargerTelemetry telemetry) {
            String id = telemetry.getChargePointId();
            ChargerLiveState held = states.get(id);
            publish(record, id, held, ChargerLiveStates.apply(held, telemetry));
        } else if (record.value() instanceof ChargerEvent event) {
            String id = event.getChargePointId();
            ChargerView heldCharger = chargers.get(id);
            ChargerView charger = RegistryViews.CHARGERS.fold(id, heldCharger, event);
            if (charger == null || charger == heldCharger) {
                return;
            }
            chargers.put(id, charger);
            ChargerLiveState held = states.get(id);
            publish(record, id, held, ChargerLiveStates.apply(held, charger));
        }
    }

    /** Takes offline the connected chargers whose gateway restarted or stopped reporting. */
    private void checkGateways(long now) {
        if (!checksGateways.getAsBoolean()) {
            return;
        }
        Instant at = Instant.ofEpochMilli(now);
        List<ChargerLiveState> offline = new ArrayList<>();
        try (KeyValueIterator<String, ChargerLiveState> all = stored.all()) {
            all.forEachRemaining(entry -> {
                ChargerLiveState held = entry.value;
                if (held.getConnected() && held.getGatewayId() != null) {
                    ChargerLiveState checked =
                            ChargerLiveStates.gatewayChecked(held, gateways.get(held.getGatewayId()), at);
                    if (checked != held) {
                        offline.add(checked);
                    }
                }
            });
        }
        Headers checked = new RecordHeaders().add(ChargerLiveStateTopology.GATEWAY_CHECKED, new byte[0]);
        offline.forEach(state -> {
            states.put(state.getChargePointId(), state);
            context.forward(new Record<>(state.getChargePointId(), state, now, checked));
        });
    }

    private void publish(Record<String, SpecificRecord> record, String id, ChargerLiveState held,
                         ChargerLiveState state) {
        if (state != held) {
            states.put(id, state);
            context.forward(record.withKey(id).withValue(state));
        }
    }
}
