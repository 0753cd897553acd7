package org.dynamocsms.query.charger;

import java.time.Instant;

import org.dynamocsms.schemas.charger.ChargerView;

/** Charger views for tests. */
public final class Chargers {

    public static final String ORG = "org_A";
    public static final Instant T0 = Instant.parse("2024-06-01T10:00:00Z");

    private Chargers() {
    }

    /** Registered at T0 with a password, not linked. */
    public static ChargerView registered(String chargePointId) {
        return ChargerView.newBuilder().setChargePointId(chargePointId).setOrganisationId(ORG).setVendor("Alfen")
                .setModel("Eve Single Pro-line").setPasswordHash("salt$hash").setRegisteredAt(T0).setUpdatedAt(T0)
                .setVersion(1).build();
    }

    public static ChargerView linked(ChargerView charger, String siteId, long version) {
        Instant at = T0.plusSeconds(version);
        return ChargerView.newBuilder(charger).setSiteId(siteId).setLinkedAt(at).setUpdatedAt(at)
                .setVersion(version).build();
    }

    public static ChargerView decommissioned(ChargerView charger, long version) {
        Instant at = T0.plusSeconds(version);
        return ChargerView.newBuilder(charger).setSiteId(null).setLinkedAt(null).setDecommissionedAt(at)
                .setUpdatedAt(at).setVersion(version).build();
    }
}
