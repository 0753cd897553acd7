package org.dynamocsms.schemas.charger;

/**
 * What charger registry events mean: folds one event onto the charger it applies to. The registry processor, the
 * charger projection and the live-state fold all use this one fold.
 */
public final class ChargerViews {

    private ChargerViews() {
    }

    /**
     * The charger after {@code event}; {@code charger} is null before its first event. An event at or below the
     * charger's version was applied already and changes nothing. A registration after a decommissioning starts the
     * charger afresh (same identity, same organisation, version continuing).
     */
    public static ChargerView apply(ChargerView charger, ChargerEvent event) {
        if (charger != null && event.getVersion() <= charger.getVersion()) {
            return charger;
        }
        Object payload = event.getPayload();
        if (payload instanceof ChargerRegistered registered) {
            return ChargerView.newBuilder()
                    .setChargePointId(event.getChargePointId())
                    .setOrganisationId(event.getOrganisationId())
                    .setVendor(registered.getVendor())
                    .setModel(registered.getModel())
                    .setPasswordHash(registered.getPasswordHash())
                    .setConnectors(registered.getConnectors())
                    .setRegisteredAt(event.getOccurredAt())
                    .setUpdatedAt(event.getOccurredAt())
                    .setVersion(event.getVersion())
                    .build();
        }
        if (charger == null) {
            throw new IllegalStateException("Event " + event.getEventId() + " applies to unknown charger "
                    + event.getChargePointId());
        }
        ChargerView.Builder next = ChargerView.newBuilder(charger)
                .setVersion(event.getVersion()).setUpdatedAt(event.getOccurredAt());
        if (payload instanceof ChargerLinked linked) {
            next.setSiteId(linked.getSiteId()).setLinkedAt(event.getOccurredAt());
        } else if (payload instanceof ChargerUnlinked) {
            next.setSiteId(null).setLinkedAt(null);
        } else if (payload instanceof ChargerConnectorsChanged changed) {
            next.setConnectors(changed.getConnectors());
        } else if (payload instanceof ChargerDecommissioned) {
            next.setSiteId(null).setLinkedAt(null).setDecommissionedAt(event.getOccurredAt());
        } else {
            throw new IllegalArgumentException("Unknown charger event payload " + payload);
        }
        return next.build();
    }

    /** True if the charger is in the fleet: registered and not decommissioned since. */
    public static boolean isRegistered(ChargerView charger) {
        return charger != null && charger.getDecommissionedAt() == null;
    }
}
