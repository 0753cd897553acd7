package org.dynamocsms.projection.call;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.dynamocsms.projection.Nodes;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallView;
import org.dynamocsms.schemas.call.ChargerChargingProfiles;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/**
 * The calls to chargers: requests and results in (keyed by charge point id). Each call's view out, keyed by call id,
 * on the compacted projection topic: each event maps to a view on its own ({@link ChargerCallViews}), so nothing is
 * re-keyed through a repartition topic. And each charger's charging profiles, folded from its results in a store by
 * charge point id ({@link ChargingProfiles}), out on their own compacted topic whenever they change.
 */
public final class ChargerCallTopology {

    /** Each charger's charging profiles, by charge point id. */
    static final String CHARGING_PROFILES = "charging-profiles";

    private ChargerCallTopology() {
    }

    /** The calls' views and the chargers' charging profiles as {@code generation} runs them, writing its topics. */
    public static Topology build(Generation generation) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, ChargerCallView> requested = builder.stream(Topics.CHARGER_CALLS.name(),
                        consumed(Topics.CHARGER_CALLS, "charger-calls-source"))
                .map((chargePointId, call) -> KeyValue.pair(call.getCallId(), ChargerCallViews.requested(call)),
                        Named.as("charger-call-requested-views"));
        KStream<String, ChargerCallResult> results = builder.stream(Topics.CHARGER_CALL_RESULTS.name(),
                consumed(Topics.CHARGER_CALL_RESULTS, "charger-call-results-source"));
        KStream<String, ChargerCallView> ended = results.map((chargePointId, result) -> KeyValue.pair(
                result.getCall().getCallId(), ChargerCallViews.ended(result)), Named.as("charger-call-ended-views"));
        Topic<String, ChargerCallView> views = generation.topic(Topics.CHARGER_CALL_PROJECTION);
        requested.merge(ended, Named.as("charger-call-views"))
                .to(views.name(), Produced.with(views.keySerde(), views.valueSerde())
                        .withName("charger-call-projection-sink"));

        builder.addStateStore(Nodes.store(CHARGING_PROFILES, ChargerChargingProfiles.class));
        Topic<String, ChargerChargingProfiles> profiles = generation.topic(Topics.CHARGING_PROFILE_PROJECTION);
        results.process(ChargingProfilesProcessor::new, Named.as("charging-profiles-fold"), CHARGING_PROFILES)
                .to(profiles.name(), Produced.with(profiles.keySerde(), profiles.valueSerde())
                        .withName("charging-profile-projection-sink"));
        return builder.build();
    }

    private static <V> Consumed<String, V> consumed(Topic<String, V> topic, String name) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }
}
