package org.dynamocsms.projection.history;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.dynamocsms.projection.charger.ChargerLiveStateTopology;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Of the live states, only those the gateway check took offline (marked by their header), deserialised: every other
 * disconnect reaches the history as telemetry, and the states change with every meter value.
 */
class GatewayCheckedStates implements Processor<String, byte[], String, SpecificRecord> {

    private static final Topic<String, ChargerLiveState> STATES = Topics.CHARGER_STATE_PROJECTION;

    private final Deserializer<ChargerLiveState> deserializer = STATES.valueSerde().deserializer();
    private ProcessorContext<String, SpecificRecord> context;

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() != null && record.headers().lastHeader(ChargerLiveStateTopology.GATEWAY_CHECKED) != null) {
            context.forward(record.withValue(deserializer.deserialize(STATES.name(), record.value())));
        }
    }
}
