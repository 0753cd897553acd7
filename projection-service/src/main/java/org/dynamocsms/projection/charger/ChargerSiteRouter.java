package org.dynamocsms.projection.charger;

import java.util.Objects;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.schemas.charger.ChargerLiveState;

/**
 * Re-keys each changed live state by the site it concerns: the site the charger is linked to and, when the charger
 * has just left a site, that site too, which learns from the state's site_id that the charger is gone. Remembers
 * the site each charger was last sent to.
 */
class ChargerSiteRouter implements Processor<String, ChargerLiveState, String, ChargerLiveState> {

    private ProcessorContext<String, ChargerLiveState> context;
    private KeyValueStore<String, String> sites;

    @Override
    public void init(ProcessorContext<String, ChargerLiveState> context) {
        this.context = context;
        this.sites = context.getStateStore(ChargerLiveStateTopology.SITES);
    }

    @Override
    public void process(Record<String, ChargerLiveState> record) {
        String chargePointId = record.key();
        String site = record.value().getSiteId();
        String left = sites.get(chargePointId);
        if (left != null && !left.equals(site)) {
            context.forward(record.withKey(left));
        }
        if (site != null) {
            context.forward(record.withKey(site));
        }
        if (!Objects.equals(left, site)) {
            if (site == null) {
                sites.delete(chargePointId);
            } else {
                sites.put(chargePointId, site);
            }
        }
    }
}
