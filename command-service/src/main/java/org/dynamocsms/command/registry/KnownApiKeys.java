package org.dynamocsms.command.registry;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.ApiKeys;

/**
 * Fills the global store {@value RegistryTopology#KNOWN_API_KEYS} from csms.api-keys, for keys the access processor
 * did not make: each key by its id (its live secret's record once it has one) and each organisation that has a key.
 */
class KnownApiKeys implements Processor<String, ApiKey, Void, Void> {

    private KeyValueStore<String, ApiKey> known;

    static String keyKey(String keyId) {
        return "key|" + keyId;
    }

    static String organisationKey(String organisationId) {
        return "org|" + organisationId;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        known = context.getStateStore(RegistryTopology.KNOWN_API_KEYS);
    }

    @Override
    public void process(Record<String, ApiKey> record) {
        ApiKey key = record.value();
        if (key == null) {
            return;
        }
        String id = keyKey(ApiKeys.keyId(key));
        ApiKey before = known.get(id);
        // a rotated key's old secret, revoked, never stands for the key in place of its live one
        if (before == null || before.getRevokedAt() != null || key.getRevokedAt() == null
                || before.getKeyHash().equals(key.getKeyHash())) {
            known.put(id, key);
        }
        known.putIfAbsent(organisationKey(key.getOrganisationId()), key);
    }
}
