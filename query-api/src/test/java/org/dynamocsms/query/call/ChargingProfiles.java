package org.dynamocsms.query.call;

import java.time.Instant;
import java.util.List;

import org.dynamocsms.schemas.call.ChargerChargingProfiles;
import org.dynamocsms.schemas.call.InstalledChargingProfile;

/** Chargers' charging profiles for tests, as the charging profiles' projection sends them (of org_A). */
public final class ChargingProfiles {

    private ChargingProfiles() {
    }

    /** {@code chargePointId}'s profiles at {@code version}. */
    public static ChargerChargingProfiles of(String chargePointId, long version,
                                             InstalledChargingProfile... profiles) {
        return ChargerChargingProfiles.newBuilder().setChargePointId(chargePointId).setOrganisationId(Calls.ORG)
                .setProfiles(List.of(profiles)).setVersion(version).build();
    }

    /**
     * Profile {@code id} on {@code connectorId}, accepted at {@code installedAt}: {@code limit} A from
     * 2024-06-01T00:00:00Z, for transaction {@code transactionId} (null: none named).
     */
    public static InstalledChargingProfile profile(int connectorId, int id, String purpose, Integer transactionId,
                                                   double limit, String installedAt) {
        String transaction = transactionId == null ? "" : "\"transactionId\":" + transactionId + ",";
        return InstalledChargingProfile.newBuilder().setConnectorId(connectorId).setChargingProfileId(id)
                .setStackLevel(0).setPurpose(purpose).setKind("Absolute").setTransactionId(transactionId)
                .setProfile(("{\"chargingProfileId\":%d,%s\"stackLevel\":0,\"chargingProfilePurpose\":\"%s\","
                        + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":{\"startSchedule\":"
                        + "\"2024-06-01T00:00:00Z\",\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":["
                        + "{\"startPeriod\":0,\"limit\":%s}]}}").formatted(id, transaction, purpose, limit))
                .setCallId("call_" + id).setInstalledAt(Instant.parse(installedAt)).build();
    }
}
