package org.dynamocsms.projection.charger;

import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.dynamocsms.projection.BufferedValues;
import org.dynamocsms.projection.LatestByKey;
import org.dynamocsms.projection.Nodes;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.fleet.FleetSummaryPart;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.serde.AvroSerde;
import org.dynamocsms.schemas.site.SiteChargerContribution;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.GatewayLiveness;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Chargers' telemetry, registry events and the results of calls to them in (all keyed by charge point id), with the gateways' liveness reports
 * in a global store; each charger's live state out: every change on the charger state projection, the changed parts
 * of the fleet summaries on their projection ({@link org.dynamocsms.projection.fleet.FleetFigures}), and what it
 * adds to its site's summary (a small {@link SiteChargerContribution}, only when that changes) re-keyed by site on
 * the internal topic {@value #BY_SITE}-repartition for the site summary. The gateway check writes the connection ends it decides onto
 * the telemetry topic, which folds them like any other disconnect.
 */
public final class ChargerLiveStateTopology {

    /** Live state by charge point id. */
    public static final String STATES = "charger-live-states";
    /** Fleet summary part of this task's partition by organisation id and partition (FleetSummaryParts.key). */
    public static final String FLEET_SUMMARY_PARTS = "fleet-summary-parts";
    /** Registry view by charge point id. */
    public static final String CHARGERS = "charger-views";
    /** What each charger last sent to its site's summary, by charge point id (none while at no site). */
    public static final String CONTRIBUTIONS = "charger-site-contributions";
    /** Each OCPP gateway's latest liveness report, by gateway id: a global store, every task checks its chargers. */
    public static final String GATEWAYS = "gateway-liveness";
    /** Name of the repartition step (and topic) keying the chargers' contributions by site. */
    public static final String BY_SITE = "charger-contributions-by-site";

    private static final Topic<String, ChargerTelemetry> TELEMETRY = Topics.CHARGER_TELEMETRY;
    /** The fold's outputs: {@value #OUTPUTS}gateway-checks and {@value #OUTPUTS}changes. */
    private static final String OUTPUTS = "charger-live-state-";

    private ChargerLiveStateTopology() {
    }

    /**
     * Adds the live-state nodes of {@code generation} to {@code builder}; answers the chargers' changed contributions
     * keyed by site.
     *
     * @param checksGateways whether to take chargers offline when their gateway is lost, asked at each check: only
     *                       the live generation decides that, not a rebuild reading the history
     */
    public static KStream<String, SiteChargerContribution> addTo(StreamsBuilder builder, Generation generation,
                                                                 BooleanSupplier checksGateways) {
        Topic<String, ChargerLiveState> states = generation.topic(Topics.CHARGER_STATE_PROJECTION);
        Topic<String, FleetSummaryPart> parts = generation.topic(Topics.FLEET_SUMMARY_PART_PROJECTION);
        BufferedValues.stores(STATES, ChargerLiveState.class).forEach(builder::addStateStore);
        BufferedValues.stores(FLEET_SUMMARY_PARTS, FleetSummaryPart.class).forEach(builder::addStateStore);
        builder.addStateStore(Nodes.store(CHARGERS, ChargerView.class));
        // written while the live states are published, before each commit (see BufferedValues): uncached
        builder.addStateStore(Nodes.store(CONTRIBUTIONS, SiteChargerContribution.class).withCachingDisabled());
        Topic<String, GatewayLiveness> liveness = Topics.GATEWAY_LIVENESS;
        // uncached: the global thread writes it, the stream threads read it
        builder.addGlobalStore(Nodes.store(GATEWAYS, GatewayLiveness.class).withLoggingDisabled()
                        .withCachingDisabled(), liveness.name(),
                Consumed.with(liveness.keySerde(), liveness.valueSerde()).withName("gateway-liveness-source"),
                () -> new LatestByKey<>(GATEWAYS));
        Map<String, KStream<String, SpecificRecord>> outputs =
                Nodes.source(builder, TELEMETRY, "charger-telemetry-source")
                        .merge(Nodes.source(builder, Topics.CHARGER_EVENTS, "charger-events-source"),
                                Named.as("charger-telemetry-and-events"))
                        .merge(Nodes.source(builder, Topics.CHARGER_CALL_RESULTS, "charger-call-results-source"),
                                Named.as("charger-inputs"))
                        .process(() -> new ChargerLiveStateProcessor(checksGateways),
                                Named.as("charger-live-state-fold"), STATES, BufferedValues.marker(STATES),
                                FLEET_SUMMARY_PARTS, BufferedValues.marker(FLEET_SUMMARY_PARTS),
                                CHARGERS) // and the global GATEWAYS
                        .split(Named.as(OUTPUTS))
                        .branch((id, value) -> value instanceof ChargerTelemetry, Branched.as("gateway-checks"))
                        .branch((id, value) -> value instanceof FleetSummaryPart, Branched.as("fleet-summary-parts"))
                        .defaultBranch(Branched.as("changes"));
        ChargerLiveStateTopology.<ChargerTelemetry>output(outputs, "gateway-checks").to(TELEMETRY.name(),
                Produced.with(TELEMETRY.keySerde(), TELEMETRY.valueSerde()).withName("gateway-check-telemetry-sink"));
        ChargerLiveStateTopology.<FleetSummaryPart>output(outputs, "fleet-summary-parts").to(parts.name(),
                Produced.with(parts.keySerde(), parts.valueSerde()).withName("fleet-summary-part-projection-sink"));
        KStream<String, ChargerLiveState> changes = output(outputs, "changes");
        changes.to(states.name(), Produced.with(states.keySerde(), states.valueSerde())
                .withName("charger-state-projection-sink"));
        return changes.process(ChargerSiteRouter::new, Named.as("charger-site-router"), CONTRIBUTIONS, CHARGERS)
                .repartition(Repartitioned.<String, SiteChargerContribution>as(BY_SITE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(AvroSerde.of(SiteChargerContribution.class)));
    }

    /** The fold's output {@code name}, typed as what its branch holds. */
    @SuppressWarnings("unchecked")
    private static <V> KStream<String, V> output(Map<String, KStream<String, SpecificRecord>> outputs, String name) {
        return (KStream<String, V>) (KStream<String, ?>) outputs.get(OUTPUTS + name);
    }
}
