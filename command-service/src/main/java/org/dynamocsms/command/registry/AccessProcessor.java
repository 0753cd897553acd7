package org.dynamocsms.command.registry;

import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.command.access.AccessDecider;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.auth.AccessCommand;
import org.dynamocsms.schemas.auth.AccessEvent;
import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.Organisation;

/**
 * The single writer of organisations and API keys: decides each access command against the organisations and keys
 * it made (stores {@value RegistryTopology#ORGANISATIONS}, {@value RegistryTopology#API_KEYS}) and the keys made
 * elsewhere (global store {@value RegistryTopology#KNOWN_API_KEYS}: the first key, keys from before), then forwards
 * the organisations, the key records (keyed by hash), the access events and the result in one transaction.
 */
class AccessProcessor implements Processor<String, AccessCommand, String, SpecificRecord> {

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Organisation> organisations;
    private KeyValueStore<String, ApiKey> keys;
    private AccessDecider.Known known;

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.organisations = context.getStateStore(RegistryTopology.ORGANISATIONS);
        this.keys = context.getStateStore(RegistryTopology.API_KEYS);
        KeyValueStore<String, ApiKey> knownKeys = context.getStateStore(RegistryTopology.KNOWN_API_KEYS);
        this.known = new AccessDecider.Known() {
            @Override
            public Organisation organisation(String organisationId) {
                return organisations.get(organisationId);
            }

            @Override
            public boolean hasKeys(String organisationId) {
                return knownKeys.get(KnownApiKeys.organisationKey(organisationId)) != null;
            }

            @Override
            public ApiKey key(String keyId) {
                ApiKey made = keys.get(keyId);
                return made != null ? made : knownKeys.get(KnownApiKeys.keyKey(keyId));
            }
        };
    }

    @Override
    public void process(Record<String, AccessCommand> record) {
        if (record.value() == null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        AccessDecider.Decision decision = AccessDecider.decide(known, record.value(), now, Ids.EVENT::next);
        for (Organisation organisation : decision.organisations()) {
            organisations.put(organisation.getOrganisationId(), organisation);
            context.forward(record.withKey(organisation.getOrganisationId()).withValue(organisation),
                    RegistryTopology.ORGANISATIONS_SINK);
        }
        for (ApiKey key : decision.keys()) {
            keys.put(key.getKeyId(), key); // a rotation's new secret comes last: the key's live record
            context.forward(record.withKey(key.getKeyHash()).withValue(key), RegistryTopology.API_KEYS_SINK);
        }
        for (AccessEvent event : decision.events()) {
            context.forward(record.withKey(event.getOrganisationId()).withValue(event),
                    RegistryTopology.ACCESS_EVENTS_SINK);
        }
        context.forward(record.withKey(decision.result().getCommandId()).withValue(decision.result()),
                RegistryTopology.ACCESS_RESULTS_SINK);
    }
}
