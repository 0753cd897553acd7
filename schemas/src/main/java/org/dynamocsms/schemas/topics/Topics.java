package org.dynamocsms.schemas.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.avro.specific.SpecificRecord;
import org.dynamocsms.schemas.analytics.ChargerError;
import org.dynamocsms.schemas.analytics.ChargerStatusInterval;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.auth.AccessCommand;
import org.dynamocsms.schemas.auth.AccessEvent;
import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.Organisation;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallView;
import org.dynamocsms.schemas.call.ChargerChargingProfiles;
import org.dynamocsms.schemas.charger.ChargerCommand;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.fleet.FleetSummaryPart;
import org.dynamocsms.schemas.load.SiteAllocation;
import org.dynamocsms.schemas.maintenance.MaintenanceCommand;
import org.dynamocsms.schemas.maintenance.MaintenanceEvent;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.replay.ProjectionGeneration;
import org.dynamocsms.schemas.serde.AvroSerde;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteSummary;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.GatewayLiveness;

/** The registry of every topic the system writes or reads. The README's topic catalogue mirrors this class. */
public final class Topics {

    /**
     * Commands about sites, their linked chargers and energy assets, keyed by organisation id: the registry
     * processor decides all of an organisation's sites and chargers in one task, so a link is atomic.
     */
    public static final Topic<String, SiteCommand> SITE_COMMANDS =
            topic("csms.site.commands", SiteCommand.class, retention(Duration.ofDays(7)));

    /** Site events keyed by site id; the source of truth, kept forever. */
    public static final Topic<String, SiteEvent> SITE_EVENTS =
            topic("csms.site.events", SiteEvent.class, forever());

    /** Charger registrations keyed by charge point id: the step that claims the identity across organisations. */
    public static final Topic<String, ChargerCommand> CHARGER_REGISTRATIONS =
            topic("csms.charger.registrations", ChargerCommand.class, retention(Duration.ofDays(7)));

    /** Charger commands keyed by organisation id; co-partitioned with {@link #SITE_COMMANDS}. */
    public static final Topic<String, ChargerCommand> CHARGER_COMMANDS =
            topic("csms.charger.commands", ChargerCommand.class, retention(Duration.ofDays(7)));

    /** Charger registry events keyed by charge point id; kept forever. */
    public static final Topic<String, ChargerEvent> CHARGER_EVENTS =
            topic("csms.charger.events", ChargerEvent.class, forever());

    /** Maintenance commands keyed by organisation id; co-partitioned with {@link #SITE_COMMANDS}. */
    public static final Topic<String, MaintenanceCommand> MAINTENANCE_COMMANDS =
            topic("csms.maintenance.commands", MaintenanceCommand.class, retention(Duration.ofDays(7)));

    /** Maintenance events keyed by maintenance id; kept forever. */
    public static final Topic<String, MaintenanceEvent> MAINTENANCE_EVENTS =
            topic("csms.maintenance.events", MaintenanceEvent.class, forever());

    /**
     * What chargers report over OCPP, keyed by charge point id; kept forever. The live states' gateway check writes
     * the ends of the connections whose gateway restarted or was lost here too.
     */
    public static final Topic<String, ChargerTelemetry> CHARGER_TELEMETRY =
            topic("csms.charger.telemetry", ChargerTelemetry.class, forever());

    /**
     * Calls the central system sends to chargers (OCPP CSMS-initiated), keyed by charge point id; kept forever (the
     * audit trail). Every gateway instance reads all of it and sends the calls of the chargers connected to it.
     */
    public static final Topic<String, ChargerCall> CHARGER_CALLS =
            topic("csms.charger.calls", ChargerCall.class, forever());

    /** How each call to a charger ended, keyed by charge point id; kept forever. */
    public static final Topic<String, ChargerCallResult> CHARGER_CALL_RESULTS =
            topic("csms.charger.call-results", ChargerCallResult.class, forever());

    /** Each OCPP gateway instance's latest liveness report, keyed by gateway id. */
    public static final Topic<String, GatewayLiveness> GATEWAY_LIVENESS =
            topic("csms.gateway.liveness", GatewayLiveness.class, compacted());

    /** Energy asset output keyed by site id; written by the API or directly by an energy-management system. */
    public static final Topic<String, EnergyAssetReading> ENERGY_ASSET_READINGS =
            topic("csms.energy-asset.readings", EnergyAssetReading.class, forever());

    /**
     * How site load management shared each site's power among its running sessions, keyed by site id; kept forever
     * (written by the live generation of the live states, read by every generation's site summaries).
     */
    public static final Topic<String, SiteAllocation> SITE_ALLOCATIONS =
            topic("csms.site.allocations", SiteAllocation.class, forever());

    /** Decisions on commands keyed by command id, for the HTTP call that waits on them. */
    public static final Topic<String, CommandResult> COMMAND_RESULTS =
            topic("csms.command-results", CommandResult.class, retention(Duration.ofDays(1)));

    /** Latest state of every site keyed by site id (deleted sites included, with deleted_at). */
    public static final Topic<String, SiteView> SITE_PROJECTION =
            topic("csms.projection.sites", SiteView.class, compacted());

    /** Latest registry state of every charger keyed by charge point id (decommissioned ones included). */
    public static final Topic<String, ChargerView> CHARGER_PROJECTION =
            topic("csms.projection.chargers", ChargerView.class, compacted());

    /** Live state of every charger keyed by charge point id. */
    public static final Topic<String, ChargerLiveState> CHARGER_STATE_PROJECTION =
            topic("csms.projection.charger-states", ChargerLiveState.class, compacted());

    /** Live summary of every site keyed by site id; a tombstone when the site is deleted. */
    public static final Topic<String, SiteSummary> SITE_SUMMARY_PROJECTION =
            topic("csms.projection.site-summaries", SiteSummary.class, compacted());

    /**
     * The parts of every organisation's fleet summary keyed by {@code <organisation_id>|<part>}: the summary is the sum
     * of an organisation's parts.
     */
    public static final Topic<String, FleetSummaryPart> FLEET_SUMMARY_PART_PROJECTION =
            topic("csms.projection.fleet-summary-parts", FleetSummaryPart.class, compacted());

    /** Every call to a charger as it stands (pending, then how it ended), keyed by call id. */
    public static final Topic<String, ChargerCallView> CHARGER_CALL_PROJECTION =
            topic("csms.projection.charger-calls", ChargerCallView.class, compacted());

    /**
     * The charging profiles each charger holds, as its accepted SetChargingProfile and ClearChargingProfile calls
     * left them, keyed by charge point id.
     */
    public static final Topic<String, ChargerChargingProfiles> CHARGING_PROFILE_PROJECTION =
            topic("csms.projection.charging-profiles", ChargerChargingProfiles.class, compacted());

    /** Latest state of every maintenance event keyed by maintenance id. */
    public static final Topic<String, MaintenanceView> MAINTENANCE_PROJECTION =
            topic("csms.projection.maintenance", MaintenanceView.class, compacted());

    /**
     * Chargers' status intervals keyed by {@code <charge_point_id>@<start_at epoch millis>}; a tombstone when a late
     * event removes one.
     */
    public static final Topic<String, ChargerStatusInterval> CHARGER_INTERVAL_PROJECTION =
            topic("csms.projection.charger-intervals", ChargerStatusInterval.class, compacted());

    /** Chargers' error episodes keyed by the event id that began them; a tombstone when a late event undoes one. */
    public static final Topic<String, ChargerError> CHARGER_ERROR_PROJECTION =
            topic("csms.projection.charger-errors", ChargerError.class, compacted());

    /**
     * Which generations of each projection run (the live one and the one a replay is building), keyed by projection
     * name: the services follow it to run, ingest and drop generations.
     */
    public static final Topic<String, ProjectionGeneration> PROJECTION_GENERATIONS =
            topic("csms.projection.generations", ProjectionGeneration.class, compacted());

    /** API keys keyed by the SHA-256 of the key; written by the access processor (and the first key at start). */
    public static final Topic<String, ApiKey> API_KEYS =
            topic("csms.api-keys", ApiKey.class, compacted());

    /** Operators' commands about organisations and their API keys, keyed by organisation id. */
    public static final Topic<String, AccessCommand> ACCESS_COMMANDS =
            topic("csms.access.commands", AccessCommand.class, retention(Duration.ofDays(7)));

    /** Organisations keyed by organisation id. */
    public static final Topic<String, Organisation> ORGANISATIONS =
            topic("csms.organisations", Organisation.class, compacted());

    /** Who created which organisation and issued, rotated or revoked which key, keyed by organisation id; kept forever. */
    public static final Topic<String, AccessEvent> ACCESS_EVENTS =
            topic("csms.access.events", AccessEvent.class, forever());

    public static final List<Topic<?, ?>> ALL =
            List.of(SITE_COMMANDS, SITE_EVENTS, CHARGER_REGISTRATIONS, CHARGER_COMMANDS, CHARGER_EVENTS,
                    MAINTENANCE_COMMANDS, MAINTENANCE_EVENTS, CHARGER_TELEMETRY, CHARGER_CALLS, CHARGER_CALL_RESULTS,
                    GATEWAY_LIVENESS,
                    ENERGY_ASSET_READINGS, SITE_ALLOCATIONS, COMMAND_RESULTS, SITE_PROJECTION, CHARGER_PROJECTION,
                    CHARGER_STATE_PROJECTION, SITE_SUMMARY_PROJECTION, FLEET_SUMMARY_PART_PROJECTION,
                    MAINTENANCE_PROJECTION, CHARGER_INTERVAL_PROJECTION, CHARGER_ERROR_PROJECTION,
                    CHARGER_CALL_PROJECTION, CHARGING_PROFILE_PROJECTION, PROJECTION_GENERATIONS, API_KEYS,
                    ACCESS_COMMANDS, ORGANISATIONS, ACCESS_EVENTS);

    /**
     * The services' own requests and decisions, and the API keys' hashes (credentials are no one else's business):
     * the README's topic catalogue marks them internal.
     */
    public static final List<Topic<?, ?>> INTERNAL =
            List.of(SITE_COMMANDS, CHARGER_REGISTRATIONS, CHARGER_COMMANDS, MAINTENANCE_COMMANDS, COMMAND_RESULTS,
                    ACCESS_COMMANDS, API_KEYS);

    /** The topics downstream consumers may read, whose value schemas are published (see PublishedSchemas). */
    public static final List<Topic<?, ?>> PUBLIC = ALL.stream().filter(topic -> !INTERNAL.contains(topic)).toList();

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
