package org.dynamocsms.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.maintenance.MaintenanceType;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.site.SiteView;
import org.junit.jupiter.api.Test;

class RecentWriteTest {

    private static final Instant AT = Instant.parse("2026-12-05T09:00:00Z");

    @Test
    void aSiteWriteChangesItsSite() {
        assertThat(RecentWrite.of(result("site_1", 3).setSite(site("site_1", 3)).build()))
                .containsExactly(new RecentWrite("org_A", "sites/site_1", "site_1", 3));
    }

    @Test
    void aLinkChangesTheSiteAndTheCharger() {
        CommandResult link = result("site_1", 4).setSite(site("site_1", 4)).setCharger(charger("CP-1", 7)).build();

        assertThat(RecentWrite.of(link)).containsExactly(new RecentWrite("org_A", "sites/site_1", "site_1", 4),
                new RecentWrite("org_A", "chargers/CP-1", "CP-1", 7));
    }

    @Test
    void aChargerWriteChangesItsCharger() {
        CommandResult registration = result("CP-1", 1).setCharger(charger("CP-1", 1)).build();

        assertThat(RecentWrite.of(registration)).containsExactly(new RecentWrite("org_A", "chargers/CP-1", "CP-1", 1));
    }

    @Test
    void aMaintenanceEventIsReadInItsChargersMaintenanceList() {
        MaintenanceView maintenance = MaintenanceView.newBuilder().setMaintenanceId("mnt_1").setOrganisationId("org_A")
                .setChargePointId("CP-1").setType(MaintenanceType.values()[0]).setScheduledAt(AT).setVersion(2)
                .setCreatedAt(AT).setUpdatedAt(AT).build();

        assertThat(RecentWrite.of(result("mnt_1", 2).setMaintenance(maintenance).build()))
                .containsExactly(new RecentWrite("org_A", "chargers/CP-1/maintenance", "mnt_1", 2));
    }

    @Test
    void aCallIsReadInItsChargersCallsAsRequested() {
        ChargerCall call = new ChargerCall("evt_1", "call_1", "org_A", "CP-1", "Reset", "{}", "api", AT, AT,
                AT.plusSeconds(30), 1, "cmd_1");

        assertThat(RecentWrite.of(result("CP-1", 1).setChargerCall(call).build()))
                .containsExactly(new RecentWrite("org_A", "chargers/CP-1/calls", "call_1", 1));
    }

    private static CommandResult.Builder result(String aggregateId, long version) {
        return CommandResult.newBuilder().setCommandId("cmd_1").setOrganisationId("org_A").setAggregateId(aggregateId)
                .setStatus(CommandStatus.ACCEPTED).setVersion(version).setDecidedAt(AT);
    }

    private static SiteView site(String siteId, long version) {
        return SiteView.newBuilder().setSiteId(siteId).setOrganisationId("org_A").setDetails(RegistryFixture.DEPOT)
                .setCreatedAt(AT).setUpdatedAt(AT).setVersion(version).build();
    }

    private static ChargerView charger(String chargePointId, long version) {
        return ChargerView.newBuilder().setChargePointId(chargePointId).setOrganisationId("org_A")
                .setRegisteredAt(AT).setUpdatedAt(AT).setVersion(version).build();
    }
}
