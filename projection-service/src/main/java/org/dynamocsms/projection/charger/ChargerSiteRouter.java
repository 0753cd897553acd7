package org.dynamocsms.projection.charger;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.projection.RecentValues;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.site.SiteChargerContribution;

/**
 * Re-keys what each changed live state adds to its site ({@link SiteContributions}) by the site it concerns: the
 * site the charger is linked to and, when the charger has just left a site, that site too, which learns from the
 * contribution's site_id that the charger is gone. Remembers the contribution last sent, and sends nothing when it
 * stays the same (a heartbeat, an energy reading, a status that rolls up as before).
 */
class ChargerSiteRouter implements Processor<String, ChargerLiveState, String, SiteChargerContribution> {

    private ProcessorContext<String, SiteChargerContribution> context;
    private RecentValues<SiteChargerContribution> sent;
    private KeyValueStore<String, ChargerView> chargers;

    @Override
    public void init(ProcessorContext<String, SiteChargerContribution> context) {
        this.context = context;
        this.sent = new RecentValues<>(context.getStateStore(ChargerLiveStateTopology.CONTRIBUTIONS),
                ChargerLiveStateProcessor.RECENT_STATES);
        this.chargers = context.getStateStore(ChargerLiveStateTopology.CHARGERS);
    }

    @Override
    public void process(Record<String, ChargerLiveState> record) {
        String chargePointId = record.key();
        SiteChargerContribution contribution = SiteContributions.of(record.value(), chargers.get(chargePointId));
        SiteChargerContribution held = sent.get(chargePointId);
        String site = contribution.getSiteId();
        String left = held != null ? held.getSiteId() : null;
        if (contribution.equals(held) || site == null && left == null) {
            return;
        }
        if (left != null && !left.equals(site)) {
            context.forward(record.withKey(left).withValue(contribution));
        }
        if (site != null) {
            context.forward(record.withKey(site).withValue(contribution));
            sent.put(chargePointId, contribution);
        } else {
            sent.delete(chargePointId);
        }
    }
}
