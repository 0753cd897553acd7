package org.dynamocsms.projection.call;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerChargingProfiles;

/** Folds a charger's call results into its charging profiles ({@link ChargingProfiles}), publishing each change. */
final class ChargingProfilesProcessor
        implements Processor<String, ChargerCallResult, String, ChargerChargingProfiles> {

    private ProcessorContext<String, ChargerChargingProfiles> context;
    private KeyValueStore<String, ChargerChargingProfiles> profiles;

    @Override
    public void init(ProcessorContext<String, ChargerChargingProfiles> context) {
        this.context = context;
        this.profiles = context.getStateStore(ChargerCallTopology.CHARGING_PROFILES);
    }

    @Override
    public void process(Record<String, ChargerCallResult> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        ChargerChargingProfiles current = profiles.get(record.key());
        ChargerChargingProfiles next = ChargingProfiles.apply(current, record.value());
        if (next != current) {
            profiles.put(record.key(), next);
            context.forward(record.withValue(next));
        }
    }
}
