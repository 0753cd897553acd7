package org.dynamocsms.projection.charger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.projection.BufferedValues;
import org.dynamocsms.projection.RegistryViews;
import org.dynamocsms.projection.fleet.FleetFigures;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.projection.load.SiteLoads;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.fleet.FleetSummaryPart;
import org.dynamocsms.schemas.fleet.FleetSummaryParts;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.GatewayLiveness;

/**
 * Folds a charger's telemetry and registry events into its live state and publishes every change, keyed by charge
 * point id ({@link BufferedValues}: a charger's changes within one commit as one record), and with it the change of
 * its organisation's fleet summary part on this task's partition ({@link FleetFigures}), keyed by
 * {@code organisation_id|partition}. Registry events go through the charger's view first (the one fold, which skips
 * events applied already), so a redelivered link cannot undo a later unlink. The folds return what they were given when nothing changed.
 * Every {@link #GATEWAY_CHECK_INTERVAL} of wall-clock time, while {@code checksGateways} says so, the connected
 * chargers are checked against their gateway's liveness ({@link ChargerLiveStates#gatewayCheck}), and the end of
 * each connection the check decides is forwarded as telemetry (for the telemetry topic, written in the same
 * transaction): the state changes only when that fact comes back, folded like any disconnect, so a rebuild from the
 * topics folds the same decisions.
 */
class ChargerLiveStateProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    /** How often connected chargers are checked against their gateway's liveness (wall-clock time). */
    static final Duration GATEWAY_CHECK_INTERVAL = Duration.ofSeconds(5);
    /** How many chargers' states a task keeps as objects: most of a fleet sends a message within minutes. */
    static final int RECENT_STATES = 20_000;
    /** How many organisations' fleet summary parts a task keeps as objects. */
    static final int RECENT_PARTS = 1_000;

    private final BooleanSupplier checksGateways;
    private ProcessorContext<String, SpecificRecord> context;
    private BufferedValues<ChargerLiveState> states;
    /** The fleet summary parts of the organisations whose chargers the task holds, published. */
    private BufferedValues<FleetSummaryPart> parts;
    private KeyValueStore<String, ChargerView> chargers;
    private KeyValueStore<String, GatewayLiveness> gateways;
    /**
     * The connection ends the check wrote that were not folded yet when it last ran, by charge point id, so that it
     * does not write them again while they travel. Lost with the task (a duplicate then is harmless: the same end).
     */
    private Map<String, Ended> written;
    /** The chargers of this task connected now, whichever their gateway: the ones the gateway check looks at. */
    private Set<String> connected;

    ChargerLiveStateProcessor(BooleanSupplier checksGateways) {
        this.checksGateways = checksGateways;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.states = BufferedValues.published(context, ChargerLiveStateTopology.STATES, RECENT_STATES);
        this.parts = BufferedValues.published(context, ChargerLiveStateTopology.FLEET_SUMMARY_PARTS, RECENT_PARTS);
        this.chargers = context.getStateStore(ChargerLiveStateTopology.CHARGERS);
        this.gateways = context.getStateStore(ChargerLiveStateTopology.GATEWAYS);
        this.written = new HashMap<>();
        this.connected = new HashSet<>();
        KeyValueStore<String, ChargerLiveState> stored = context.getStateStore(ChargerLiveStateTopology.STATES);
        try (KeyValueIterator<String, ChargerLiveState> all = stored.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.getConnected()) {
                    connected.add(entry.key);
                }
            });
        }
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
        } else if (record.value() instanceof ChargerCallResult result) {
            String id = result.getCall().getChargePointId();
            ChargerLiveState held = states.get(id);
            SiteLoads.answer(result).ifPresent(answer -> publish(record, id, held,
                    ChargerLiveStates.apply(held, answer, id, result.getCall().getOrganisationId())));
        }
    }

    /** Writes the end of each connection whose gateway restarted or stopped reporting, unless written already. */
    private void checkGateways(long now) {
        if (!checksGateways.getAsBoolean()) {
            return;
        }
        Instant at = Instant.ofEpochMilli(now);
        Map<String, ChargerTelemetry> decided = new HashMap<>();
        for (String id : connected) { // their states are mostly held as objects: nothing to decode
            ChargerLiveState held = states.get(id);
            if (held.getGatewayId() != null) {
                ChargerLiveStates.gatewayCheck(held, gateways.get(held.getGatewayId()), at)
                        .ifPresent(end -> decided.put(id, end));
            }
        }
        Map<String, Ended> stillTravelling = new HashMap<>();
        decided.forEach((id, end) -> {
            Ended ended = Ended.of(end);
            if (!ended.equals(written.get(id))) {
                context.forward(new Record<>(id, end, now));
            }
            stillTravelling.put(id, ended);
        });
        written = stillTravelling;
    }

    /** Which connection a ChargerDisconnected ends, and when: what makes two of the check's decisions the same. */
    private record Ended(String connectionId, Instant at) {

        static Ended of(ChargerTelemetry end) {
            return new Ended(((ChargerDisconnected) end.getPayload()).getConnectionId(), end.getOccurredAt());
        }
    }

    private void publish(Record<String, SpecificRecord> record, String id, ChargerLiveState held,
                         ChargerLiveState state) {
        if (state == held) {
            return;
        }
        states.put(record, id, state);
        if (state != null && state.getConnected()) {
            connected.add(id);
        } else {
            connected.remove(id);
        }
        String before = FleetFigures.organisationOf(held);
        String after = FleetFigures.organisationOf(state);
        if (before != null) {
            count(record, before, held, state);
        }
        if (after != null && !after.equals(before)) {
            count(record, after, held, state);
        }
    }

    /** Moves the charger's figures in {@code organisationId}'s fleet summary part from {@code held} to {@code next}. */
    private void count(Record<?, ?> record, String organisationId, ChargerLiveState held, ChargerLiveState next) {
        int partition = context.taskId().partition();
        String key = FleetSummaryParts.key(organisationId, partition);
        FleetSummaryPart part = parts.get(key);
        FleetSummaryPart counted = FleetFigures.replaced(part, organisationId, partition, held, next);
        if (counted != part) {
            parts.put(record, key, counted);
        }
    }
}
