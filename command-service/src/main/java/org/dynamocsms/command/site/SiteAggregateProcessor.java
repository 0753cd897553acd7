package org.dynamocsms.command.site;

import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.command.site.SiteDecider.Decision;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.site.SiteAggregate;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.site.SiteEvent;
import org.jboss.logging.Logger;

/**
 * The single writer of site events: for each command, loads the site's state from the store, decides, and forwards
 * the events (keyed by site id) and the result (keyed by command id). With exactly_once_v2 the events, the result
 * and the new state are committed together or not at all.
 */
class SiteAggregateProcessor implements Processor<String, SiteCommand, String, SpecificRecord> {

    private static final Logger LOG = Logger.getLogger(SiteAggregateProcessor.class);

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, SiteAggregate> store;

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(SiteAggregateTopology.STORE);
    }

    @Override
    public void process(Record<String, SiteCommand> record) {
        SiteCommand command = record.value();
        if (command == null) {
            return;
        }
        String siteId = command.getSiteId();
        SiteAggregate state = store.get(siteId);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Decision decision;
        try {
            decision = SiteDecider.decide(state, command, now, Ids.EVENT::next);
        } catch (RuntimeException e) {
            // A command the decider cannot handle would otherwise fail the stream thread on every retry.
            LOG.errorf(e, "Cannot decide command %s on site %s", command.getCommandId(), siteId);
            decision = SiteDecider.undecidable(state, command, now);
        }
        for (SiteEvent event : decision.events()) {
            context.forward(record.withKey(siteId).withValue(event), SiteAggregateTopology.EVENTS_SINK);
        }
        if (!decision.events().isEmpty()) {
            store.put(siteId, decision.state());
        }
        context.forward(record.withKey(command.getCommandId()).withValue(decision.result()),
                SiteAggregateTopology.RESULTS_SINK);
    }
}
