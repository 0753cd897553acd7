package org.dynamocsms.schemas.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.avro.specific.SpecificRecord;
import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.serde.AvroSerde;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;

/** The registry of every topic the system writes or reads. The README's topic catalogue mirrors this class. */
public final class Topics {

    /** Site commands keyed by site id; read only by the site aggregate processor. */
    public static final Topic<String, SiteCommand> SITE_COMMANDS =
            topic("csms.site.commands", SiteCommand.class, retention(Duration.ofDays(7)));

    /** Site events keyed by site id; the source of truth, kept forever. */
    public static final Topic<String, SiteEvent> SITE_EVENTS =
            topic("csms.site.events", SiteEvent.class, forever());

    /** Decisions on commands keyed by command id, for the HTTP call that waits on them. */
    public static final Topic<String, CommandResult> COMMAND_RESULTS =
            topic("csms.command-results", CommandResult.class, retention(Duration.ofDays(1)));

    /** Latest state of every site keyed by site id (deleted sites included, with deleted_at). */
    public static final Topic<String, SiteView> SITE_PROJECTION =
            topic("csms.projection.sites", SiteView.class, compacted());

    /** API keys keyed by the SHA-256 of the key. */
    public static final Topic<String, ApiKey> API_KEYS =
            topic("csms.api-keys", ApiKey.class, compacted());

    public static final List<Topic<?, ?>> ALL =
            List.of(SITE_COMMANDS, SITE_EVENTS, COMMAND_RESULTS, SITE_PROJECTION, API_KEYS);

    private Topics() {
    }

    private static <V extends SpecificRecord> Topic<String, V> topic(String name, Class<V> type,
                                                                     Map<String, String> config) {
        Serde<String> keys = Serdes.String();
        return new Topic<>(name, keys, AvroSerde.of(type), config);
    }

    private static Map<String, String> forever() {
        return Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1");
    }

    private static Map<String, String> retention(Duration duration) {
        return Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(duration.toMillis()));
    }

    private static Map<String, String> compacted() {
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }
}
