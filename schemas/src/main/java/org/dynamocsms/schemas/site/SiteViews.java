package org.dynamocsms.schemas.site;

/**
 * What site events mean: folds one event onto the site it applies to. The aggregate processor, the site
 * projection and the read-store replay all use this one fold, so they cannot disagree.
 */
public final class SiteViews {

    private SiteViews() {
    }

    /**
     * The site after {@code event}; {@code site} is null before the site's first event. An event at or below the
     * site's version was applied already (a redelivery, or a replay over existing state) and changes nothing.
     */
    public static SiteView apply(SiteView site, SiteEvent event) {
        if (site != null && event.getVersion() <= site.getVersion()) {
            return site;
        }
        Object payload = event.getPayload();
        if (payload instanceof SiteCreated created) {
            return SiteView.newBuilder()
                    .setSiteId(event.getSiteId())
                    .setOrganisationId(event.getOrganisationId())
                    .setDetails(SiteDetails.newBuilder(created.getDetails()).build())
                    .setCreatedAt(event.getOccurredAt())
                    .setUpdatedAt(event.getOccurredAt())
                    .setVersion(event.getVersion())
                    .build();
        }
        if (site == null) {
            throw new IllegalStateException("Event " + event.getEventId() + " applies to unknown site " + event.getSiteId());
        }
        SiteView.Builder next = SiteView.newBuilder(site).setVersion(event.getVersion()).setUpdatedAt(event.getOccurredAt());
        if (payload instanceof SiteUpdated updated) {
            next.setDetails(merge(site.getDetails(), updated.getChanges()));
        } else if (payload instanceof SiteDeleted) {
            next.setDeletedAt(event.getOccurredAt());
        } else {
            throw new IllegalArgumentException("Unknown site event payload " + payload);
        }
        return next.build();
    }

    public static SiteDetails merge(SiteDetails details, SiteChanges changes) {
        SiteDetails.Builder merged = SiteDetails.newBuilder(details);
        if (changes.getName() != null) merged.setName(changes.getName());
        if (changes.getAddress() != null) merged.setAddress(changes.getAddress());
        if (changes.getMaxPowerKw() != null) merged.setMaxPowerKw(changes.getMaxPowerKw());
        if (changes.getLat() != null) merged.setLat(changes.getLat());
        if (changes.getLng() != null) merged.setLng(changes.getLng());
        return merged.build();
    }

    public static boolean isLive(SiteView site) {
        return site != null && site.getDeletedAt() == null;
    }
}
