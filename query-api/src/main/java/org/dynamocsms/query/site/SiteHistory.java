package org.dynamocsms.query.site;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;

/** Every site as the event history read so far makes it, folded with the one site fold. */
final class SiteHistory {

    private final Map<String, SiteView> sites = new HashMap<>();
    private long events;

    /** Applies the next event of its site; events of one site must come in order (one partition per site). */
    void apply(SiteEvent event) {
        sites.put(event.getSiteId(), SiteViews.apply(sites.get(event.getSiteId()), event));
        events++;
    }

    long events() {
        return events;
    }

    /** Every site, deleted ones included (with deleted_at), as the read store keeps them. */
    Collection<SiteView> sites() {
        return sites.values();
    }
}
