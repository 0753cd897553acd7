package org.dynamocsms.command.registry;

import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.command.charger.ChargerDecider;
import org.dynamocsms.schemas.charger.ChargerCommand;

/**
 * Charger identities are global: the first organisation to register a charge point id holds it for good (also
 * after decommissioning, so only it may register the identity again). A registration of an identity another
 * organisation holds is answered CONFLICT here; any other goes on, keyed by organisation id, to be decided with the
 * rest of that organisation's registry.
 */
class ChargerIdentityProcessor implements Processor<String, ChargerCommand, String, SpecificRecord> {

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, String> holders;

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.holders = context.getStateStore(RegistryTopology.IDENTITIES);
    }

    @Override
    public void process(Record<String, ChargerCommand> record) {
        ChargerCommand command = record.value();
        if (command == null) {
            return;
        }
        String organisationId = command.getOrganisationId();
        String holder = holders.get(command.getChargePointId());
        if (holder != null && !holder.equals(organisationId)) {
            Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
            context.forward(record.withKey(command.getCommandId())
                    .withValue(ChargerDecider.identityTaken(command, now)), RegistryTopology.CLAIM_RESULTS_SINK);
            return;
        }
        if (holder == null) {
            holders.put(command.getChargePointId(), organisationId);
        }
        context.forward(record.withKey(organisationId).withValue(command), RegistryTopology.CLAIMED_SINK);
    }
}
