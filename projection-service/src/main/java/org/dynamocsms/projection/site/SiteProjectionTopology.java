package org.dynamocsms.projection.site;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.schemas.site.SiteCreated;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;
import org.dynamocsms.schemas.topics.Topics;
import org.jboss.logging.Logger;

/**
 * Folds the site events into the latest view of each site and publishes it, keyed by site id, on the compacted
 * site projection topic. Replaying the events (or receiving one twice) yields the same views.
 */
public final class SiteProjectionTopology {

    public static final String STORE = "site-views";

    private static final Logger LOG = Logger.getLogger(SiteProjectionTopology.class);

    private SiteProjectionTopology() {
    }

    public static Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.SITE_EVENTS.name(),
                        Consumed.with(Topics.SITE_EVENTS.keySerde(), Topics.SITE_EVENTS.valueSerde())
                                .withName("site-events-source"))
                .groupByKey(Grouped.with("site-events-by-site", Topics.SITE_EVENTS.keySerde(),
                        Topics.SITE_EVENTS.valueSerde()))
                .aggregate(() -> null, (siteId, event, view) -> fold(view, event), Named.as("site-views-fold"),
                        Materialized.<String, SiteView, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Topics.SITE_PROJECTION.valueSerde()))
                .toStream(Named.as("site-views-changes"))
                // an orphan event leaves no view; never publish a tombstone for it
                .filter((siteId, view) -> view != null, Named.as("site-views-present"))
                .to(Topics.SITE_PROJECTION.name(),
                        Produced.with(Topics.SITE_PROJECTION.keySerde(), Topics.SITE_PROJECTION.valueSerde())
                                .withName("site-projection-sink"));
        return builder.build();
    }

    /** {@link SiteViews#apply}, except that an event of a site that was never created is skipped, not fatal. */
    static SiteView fold(SiteView view, SiteEvent event) {
        if (view == null && !(event.getPayload() instanceof SiteCreated)) {
            // only the aggregate processor writes site events, so this means a damaged topic: skip, don't crash
            LOG.warnf("Skipping event %s: site %s has no created event", event.getEventId(), event.getSiteId());
            return null;
        }
        return SiteViews.apply(view, event);
    }
}
