package org.dynamocsms.projection.call;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.dynamocsms.schemas.call.ChargerCallView;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/**
 * The calls to chargers: requests and results in (keyed by charge point id), each call's view out, keyed by call id,
 * on the compacted projection topic. Stateless: each event maps to a view on its own ({@link ChargerCallViews}), so
 * nothing is re-keyed through a repartition topic.
 */
public final class ChargerCallTopology {

    private ChargerCallTopology() {
    }

    /** The calls' views as {@code generation} runs it, writing its topic. */
    public static Topology build(Generation generation) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, ChargerCallView> requested = builder.stream(Topics.CHARGER_CALLS.name(),
                        consumed(Topics.CHARGER_CALLS, "charger-calls-source"))
                .map((chargePointId, call) -> KeyValue.pair(call.getCallId(), ChargerCallViews.requested(call)),
                        Named.as("charger-call-requested-views"));
        KStream<String, ChargerCallView> ended = builder.stream(Topics.CHARGER_CALL_RESULTS.name(),
                        consumed(Topics.CHARGER_CALL_RESULTS, "charger-call-results-source"))
                .map((chargePointId, result) -> KeyValue.pair(result.getCall().getCallId(),
                        ChargerCallViews.ended(result)), Named.as("charger-call-ended-views"));
        Topic<String, ChargerCallView> output = generation.topic(Topics.CHARGER_CALL_PROJECTION);
        requested.merge(ended, Named.as("charger-call-views"))
                .to(output.name(), Produced.with(output.keySerde(), output.valueSerde())
                        .withName("charger-call-projection-sink"));
        return builder.build();
    }

    private static <V> Consumed<String, V> consumed(Topic<String, V> topic, String name) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }
}
