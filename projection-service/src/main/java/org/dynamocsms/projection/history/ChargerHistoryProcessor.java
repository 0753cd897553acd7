package org.dynamocsms.projection.history;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.projection.BufferedValues;
import org.dynamocsms.schemas.analytics.ChargerTimelineHead;
import org.dynamocsms.schemas.analytics.TimelinePoint;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;

/**
 * Adds each timeline fact of a charger to its timeline (its head and its facts, {@link ChargerTimelineHeads}) and
 * publishes what that changed: the intervals and errors worked out anew, and tombstones for those gone. A fact that changes nothing (a duplicate, or one before the
 * timeline's base) publishes nothing.
 */
class ChargerHistoryProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    /** How many chargers' timeline heads a task keeps as objects. */
    static final int RECENT_HEADS = 20_000;

    private ProcessorContext<String, SpecificRecord> context;
    private BufferedValues<ChargerTimelineHead> heads;
    private KeyValueStore<String, TimelinePoint> facts;

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.heads = BufferedValues.kept(context, ChargerHistoryTopology.HEADS, RECENT_HEADS);
        this.facts = context.getStateStore(ChargerHistoryTopology.FACTS);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof ChargerTelemetry telemetry) {
            TimelinePoints.of(telemetry).ifPresent(point ->
                    add(record, telemetry.getChargePointId(), telemetry.getOrganisationId(), point));
        } else if (record.value() instanceof ChargerEvent event) {
            TimelinePoints.of(event).ifPresent(point ->
                    add(record, event.getChargePointId(), event.getOrganisationId(), point));
        }
    }

    private void add(Record<String, SpecificRecord> record, String chargePointId, String organisationId,
                     TimelinePoint point) {
        ChargerTimelineHead held = heads.get(chargePointId);
        ChargerTimelineHeads.Added added = ChargerTimelineHeads.add(held, point, chargePointId, organisationId,
                new StoredFacts(facts, chargePointId));
        if (added.head() == held) {
            return;
        }
        heads.put(record, chargePointId, added.head());
        HistoryChanges changes = added.changes();
        changes.intervals().forEach((key, interval) ->
                context.forward(record.withKey(key).withValue(interval), ChargerHistoryTopology.INTERVAL_SINK));
        changes.errors().forEach((key, error) ->
                context.forward(record.withKey(key).withValue(error), ChargerHistoryTopology.ERROR_SINK));
    }
}
