package org.dynamocsms.schemas.replay;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/**
 * The projections an operator can rebuild from the event history, each one Kafka Streams application folding its
 * source topics (kept forever) onto its output topics, which query-api ingests into its read tables.
 */
public enum Projection {

    SITES("sites", "csms-site-projection", List.of(Topics.SITE_EVENTS), List.of(Topics.SITE_PROJECTION)),
    CHARGERS("chargers", "csms-charger-projection", List.of(Topics.CHARGER_EVENTS),
            List.of(Topics.CHARGER_PROJECTION)),
    MAINTENANCE("maintenance", "csms-maintenance-projection", List.of(Topics.MAINTENANCE_EVENTS),
            List.of(Topics.MAINTENANCE_PROJECTION)),
    /**
     * The chargers' live states, and the site summaries and fleet summary parts built from them; its live generation
     * also shares each site's power among its sessions (site load management), writing csms.site.allocations, which
     * every generation's summaries read.
     */
    LIVE_STATES("live-states", "csms-site-summary",
            List.of(Topics.CHARGER_TELEMETRY, Topics.CHARGER_EVENTS, Topics.CHARGER_CALL_RESULTS, Topics.SITE_EVENTS,
                    Topics.ENERGY_ASSET_READINGS, Topics.SITE_ALLOCATIONS),
            List.of(Topics.CHARGER_STATE_PROJECTION, Topics.SITE_SUMMARY_PROJECTION,
                    Topics.FLEET_SUMMARY_PART_PROJECTION)),
    /** The chargers' status intervals and error episodes, behind uptime, utilisation and errors. */
    CHARGER_HISTORY("charger-history", "csms-charger-history",
            List.of(Topics.CHARGER_TELEMETRY, Topics.CHARGER_EVENTS),
            List.of(Topics.CHARGER_INTERVAL_PROJECTION, Topics.CHARGER_ERROR_PROJECTION)),
    /**
     * The calls sent to chargers, each as it stands: requested, then how it ended; and the charging profiles each
     * charger holds, as its accepted calls left them.
     */
    CHARGER_CALLS("charger-calls", "csms-charger-call-projection",
            List.of(Topics.CHARGER_CALLS, Topics.CHARGER_CALL_RESULTS),
            List.of(Topics.CHARGER_CALL_PROJECTION, Topics.CHARGING_PROFILE_PROJECTION));

    private final String id;
    private final String applicationId;
    private final List<Topic<String, ?>> sources;
    private final List<Topic<String, ?>> outputs;

    Projection(String id, String applicationId, List<Topic<String, ?>> sources, List<Topic<String, ?>> outputs) {
        this.id = id;
        this.applicationId = applicationId;
        this.sources = sources;
        this.outputs = outputs;
    }

    /** The name an operator uses, in {@code /admin/replays/{projection}} and as the key of its generations. */
    public String id() {
        return id;
    }

    /** The Kafka Streams application id of generation 1. */
    public String applicationId() {
        return applicationId;
    }

    /** The topics it folds from the beginning, every generation alike. */
    public List<Topic<String, ?>> sources() {
        return sources;
    }

    /** Its output topics as generation 1 names them. */
    public List<Topic<String, ?>> outputs() {
        return outputs;
    }

    public static Optional<Projection> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
