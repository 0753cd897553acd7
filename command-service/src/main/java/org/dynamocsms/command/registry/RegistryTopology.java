package org.dynamocsms.command.registry;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.Organisation;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.maintenance.MaintenanceEvent;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.serde.AvroSerde;
import org.dynamocsms.schemas.site.SiteAggregate;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/**
 * The registry's write side, three sub-topologies:
 * <ul>
 * <li>the identity claim: registrations keyed by charge point id, so one task owns each identity; store
 * {@value #IDENTITIES} remembers which organisation holds it, and a registration it allows goes on to the charger
 * commands keyed by organisation id;</li>
 * <li>the registry: site, charger and maintenance commands, all keyed by organisation id (co-partitioned), decided
 * by one processor against stores {@value #SITES}, {@value #CHARGERS} and {@value #MAINTENANCES}, so a link, a move,
 * a site deletion or a decommissioning is one decision over every site and charger it touches, and a maintenance
 * event is decided against its charger as it is: a single writer per organisation;</li>
 * <li>access: operators' commands about organisations and API keys, keyed by organisation id, decided by
 * {@link AccessProcessor} against stores {@value #ORGANISATIONS} and {@value #API_KEYS} and the global store
 * {@value #KNOWN_API_KEYS} of csms.api-keys.</li>
 * </ul>
 */
public final class RegistryTopology {

    public static final String IDENTITIES = "charger-identities";
    public static final String SITES = "site-aggregates";
    public static final String CHARGERS = "charger-aggregates";
    /** Energy assets added with an Idempotency-Key: asset id → the event that added it. */
    public static final String ASSET_ADDITIONS = "energy-asset-additions";
    /** Chargers' maintenance events: maintenance id → its state. */
    public static final String MAINTENANCES = "maintenance-aggregates";
    /** Maintenance id → the event that recorded it, to answer a repeated request (Idempotency-Key) as first. */
    public static final String MAINTENANCE_RECORDINGS = "maintenance-recordings";

    /** Calls operators requested: call id → the call, to answer a repeated request (Idempotency-Key). */
    public static final String CALL_REQUESTS = "charger-call-requests";

    /** Organisations created: organisation id → the organisation. */
    public static final String ORGANISATIONS = "access-organisations";
    /** API keys issued: key id → its live secret's record (or its last). */
    public static final String API_KEYS = "access-api-keys";
    /** Every key on csms.api-keys, also those made elsewhere, by id, and an organisation → one of its keys. */
    public static final String KNOWN_API_KEYS = "access-known-api-keys";

    static final String ACCESS_COMMANDS_SOURCE = "access-commands";
    static final String ACCESS_PROCESSOR = "access-decider";
    static final String KNOWN_API_KEYS_SOURCE = "known-api-keys";
    static final String KNOWN_API_KEYS_PROCESSOR = "known-api-keys-update";
    static final String ORGANISATIONS_SINK = "organisations";
    static final String API_KEYS_SINK = "api-keys";
    static final String ACCESS_EVENTS_SINK = "access-events";
    static final String ACCESS_RESULTS_SINK = "access-results";

    static final String REGISTRATIONS_SOURCE = "charger-registrations";
    static final String CLAIM_PROCESSOR = "charger-identity-claim";
    static final String CLAIMED_SINK = "claimed-charger-commands";
    static final String CLAIM_RESULTS_SINK = "claim-results";

    static final String SITE_COMMANDS_SOURCE = "site-commands";
    static final String CHARGER_COMMANDS_SOURCE = "charger-commands";
    static final String MAINTENANCE_COMMANDS_SOURCE = "maintenance-commands";
    static final String REGISTRY_PROCESSOR = "registry-decider";
    static final String SITE_EVENTS_SINK = "site-events";
    static final String CHARGER_EVENTS_SINK = "charger-events";
    static final String READINGS_SINK = "energy-asset-readings";
    static final String MAINTENANCE_EVENTS_SINK = "maintenance-events";
    static final String CALLS_SINK = "charger-calls";
    static final String RESULTS_SINK = "command-results";

    private RegistryTopology() {
    }

    public static Topology build() {
        Topology topology = new Topology();
        addIdentityClaim(topology);
        addRegistry(topology);
        addAccess(topology);
        return topology;
    }

    private static void addAccess(Topology topology) {
        source(topology, ACCESS_COMMANDS_SOURCE, Topics.ACCESS_COMMANDS);
        topology.addProcessor(ACCESS_PROCESSOR, AccessProcessor::new, ACCESS_COMMANDS_SOURCE);
        store(topology, ORGANISATIONS, AvroSerde.of(Organisation.class), ACCESS_PROCESSOR);
        store(topology, API_KEYS, AvroSerde.of(ApiKey.class), ACCESS_PROCESSOR);
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KNOWN_API_KEYS),
                        Serdes.String(), AvroSerde.of(ApiKey.class)).withLoggingDisabled(),
                KNOWN_API_KEYS_SOURCE, Topics.API_KEYS.keySerde().deserializer(),
                Topics.API_KEYS.valueSerde().deserializer(), Topics.API_KEYS.name(), KNOWN_API_KEYS_PROCESSOR,
                KnownApiKeys::new);
        sink(topology, ORGANISATIONS_SINK, Topics.ORGANISATIONS, ACCESS_PROCESSOR);
        sink(topology, API_KEYS_SINK, Topics.API_KEYS, ACCESS_PROCESSOR);
        sink(topology, ACCESS_EVENTS_SINK, Topics.ACCESS_EVENTS, ACCESS_PROCESSOR);
        sink(topology, ACCESS_RESULTS_SINK, Topics.COMMAND_RESULTS, ACCESS_PROCESSOR);
    }

    private static void addIdentityClaim(Topology topology) {
        source(topology, REGISTRATIONS_SOURCE, Topics.CHARGER_REGISTRATIONS);
        topology.addProcessor(CLAIM_PROCESSOR, ChargerIdentityProcessor::new, REGISTRATIONS_SOURCE);
        store(topology, IDENTITIES, Serdes.String(), CLAIM_PROCESSOR);
        sink(topology, CLAIMED_SINK, Topics.CHARGER_COMMANDS, CLAIM_PROCESSOR);
        sink(topology, CLAIM_RESULTS_SINK, Topics.COMMAND_RESULTS, CLAIM_PROCESSOR);
    }

    private static void addRegistry(Topology topology) {
        source(topology, SITE_COMMANDS_SOURCE, Topics.SITE_COMMANDS);
        source(topology, CHARGER_COMMANDS_SOURCE, Topics.CHARGER_COMMANDS);
        source(topology, MAINTENANCE_COMMANDS_SOURCE, Topics.MAINTENANCE_COMMANDS);
        topology.addProcessor(REGISTRY_PROCESSOR, RegistryProcessor::new, SITE_COMMANDS_SOURCE,
                CHARGER_COMMANDS_SOURCE, MAINTENANCE_COMMANDS_SOURCE);
        store(topology, SITES, AvroSerde.of(SiteAggregate.class), REGISTRY_PROCESSOR);
        store(topology, CHARGERS, AvroSerde.of(ChargerView.class), REGISTRY_PROCESSOR);
        store(topology, ASSET_ADDITIONS, AvroSerde.of(SiteEvent.class), REGISTRY_PROCESSOR);
        store(topology, MAINTENANCES, AvroSerde.of(MaintenanceView.class), REGISTRY_PROCESSOR);
        store(topology, MAINTENANCE_RECORDINGS, AvroSerde.of(MaintenanceEvent.class), REGISTRY_PROCESSOR);
        store(topology, CALL_REQUESTS, AvroSerde.of(ChargerCall.class), REGISTRY_PROCESSOR);
        sink(topology, SITE_EVENTS_SINK, Topics.SITE_EVENTS, REGISTRY_PROCESSOR);
        sink(topology, CHARGER_EVENTS_SINK, Topics.CHARGER_EVENTS, REGISTRY_PROCESSOR);
        sink(topology, READINGS_SINK, Topics.ENERGY_ASSET_READINGS, REGISTRY_PROCESSOR);
        sink(topology, MAINTENANCE_EVENTS_SINK, Topics.MAINTENANCE_EVENTS, REGISTRY_PROCESSOR);
        sink(topology, CALLS_SINK, Topics.CHARGER_CALLS, REGISTRY_PROCESSOR);
        sink(topology, RESULTS_SINK, Topics.COMMAND_RESULTS, REGISTRY_PROCESSOR);
    }

    private static void store(Topology topology, String name, Serde<?> values, String processor) {
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
                values), processor);
    }

    private static void source(Topology topology, String name, Topic<String, ?> topic) {
        topology.addSource(name, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
    }

    private static void sink(Topology topology, String name, Topic<String, ?> topic, String parent) {
        topology.addSink(name, topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), parent);
    }
}
