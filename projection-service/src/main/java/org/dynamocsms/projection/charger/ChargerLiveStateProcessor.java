package org.dynamocsms.projection.charger;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.projection.RegistryProjectionTopology;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;

/**
 * Folds a charger's telemetry and registry events into its live state and forwards every change, keyed by charge
 * point id. Registry events go through the charger's view first (the one fold, which skips events applied already),
 * so a redelivered link cannot undo a later unlink. The folds return what they were given when nothing changed.
 */
class ChargerLiveStateProcessor implements Processor<String, SpecificRecord, String, ChargerLiveState> {

    private ProcessorContext<String, ChargerLiveState> context;
    private KeyValueStore<String, ChargerLiveState> states;
    private KeyValueStore<String, ChargerView> chargers;

    @Override
    public void init(ProcessorContext<String, ChargerLiveState> context) {
        this.context = context;
        this.states = context.getStateStore(ChargerLiveStateTopology.STATES);
        this.chargers = context.getStateStore(ChargerLiveStateTopology.CHARGERS);
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
            ChargerView charger = RegistryProjectionTopology.CHARGERS.fold(id, heldCharger, event);
            if (charger == null || charger == heldCharger) {
                return;
            }
            chargers.put(id, charger);
            ChargerLiveState held = states.get(id);
            publish(record, id, held, ChargerLiveStates.apply(held, charger));
        }
    }

    private void publish(Record<String, SpecificRecord> record, String id, ChargerLiveState held,
                         ChargerLiveState state) {
        if (state != held) {
            states.put(id, state);
            context.forward(record.withKey(id).withValue(state));
        }
    }
}
