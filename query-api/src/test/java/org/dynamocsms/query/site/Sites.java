package org.dynamocsms.query.site;

import java.time.Instant;

import org.dynamocsms.schemas.site.SiteChanges;
import org.dynamocsms.schemas.site.SiteCreated;
import org.dynamocsms.schemas.site.SiteDeleted;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteUpdated;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;

/** Site events and views for tests. */
final class Sites {

    static final String ORG = "org_A";
    static final Instant T0 = Instant.parse("2024-06-01T09:00:00Z");

    private Sites() {
    }

    static SiteDetails details(String name) {
        return SiteDetails.newBuilder().setName(name).setAddress("14 King Street, Manchester, M2 6AQ")
                .setMaxPowerKw(150).setLat(53.4808).setLng(-2.2426).build();
    }

    static SiteEvent created(String siteId, String name) {
        return event(siteId, 1, SiteCreated.newBuilder().setDetails(details(name)).build());
    }

    static SiteEvent renamed(String siteId, long version, String name) {
        return event(siteId, version, SiteUpdated.newBuilder()
                .setChanges(SiteChanges.newBuilder().setName(name).build()).build());
    }

    static SiteEvent deleted(String siteId, long version) {
        return event(siteId, version, SiteDeleted.newBuilder().build());
    }

    /** The view after {@code events}, folded as everywhere else. */
    static SiteView view(SiteEvent... events) {
        SiteView view = null;
        for (SiteEvent event : events) {
            view = SiteViews.apply(view, event);
        }
        return view;
    }

    private static SiteEvent event(String siteId, long version, Object payload) {
        Instant at = T0.plusSeconds(version);
        return SiteEvent.newBuilder().setEventId("evt_" + siteId + "_" + version).setOrganisationId(ORG)
                .setSiteId(siteId).setVersion(version).setOccurredAt(at).setRecordedAt(at).setPayload(payload)
                .build();
    }
}
