package org.dynamocsms.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.dynamocsms.command.charger.ChargerDecider;
import org.dynamocsms.command.maintenance.MaintenanceDecider;
import org.dynamocsms.command.site.SiteDecider;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.charger.ChargerCommand;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.maintenance.MaintenanceCommand;
import org.dynamocsms.schemas.maintenance.MaintenanceEvent;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.site.SiteAggregate;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;

/**
 * A registry backed by maps, as the processor's stores back it, with commands issued one second apart: deciders
 * are tested by deciding commands against it and storing what each accepted decision changed.
 */
public final class RegistryFixture implements RegistryView {

    public static final String ORG = "org_A";
    public static final String OTHER_ORG = "org_B";
    public static final Instant T0 = Instant.parse("2024-06-01T09:00:00Z");
    /** How long after a command is issued the fixture decides it. */
    public static final long DECIDED_AFTER_MS = 250;
    public static final SiteDetails DEPOT = SiteDetails.newBuilder().setName("King Street Depot")
            .setAddress("14 King Street, Manchester, M2 6AQ").setMaxPowerKw(150).setLat(53.4808).setLng(-2.2426)
            .build();

    public final Map<String, SiteAggregate> sites = new HashMap<>();
    public final Map<String, ChargerView> chargers = new HashMap<>();
    public final Map<String, SiteEvent> assetAdditions = new HashMap<>();
    public final Map<String, MaintenanceView> maintenances = new HashMap<>();
    public final Map<String, MaintenanceEvent> maintenanceRecordings = new HashMap<>();
    public final Map<String, ChargerCall> callRequests = new HashMap<>();
    private final AtomicInteger commandIds = new AtomicInteger();
    private final AtomicInteger eventIdCounter = new AtomicInteger();
    public final Supplier<String> eventIds = () -> "evt_" + eventIdCounter.incrementAndGet();

    @Override
    public SiteAggregate site(String siteId) {
        return sites.get(siteId);
    }

    @Override
    public ChargerView charger(String chargePointId) {
        return chargers.get(chargePointId);
    }

    @Override
    public SiteEvent assetAddition(String assetId) {
        return assetAdditions.get(assetId);
    }

    @Override
    public MaintenanceView maintenance(String maintenanceId) {
        return maintenances.get(maintenanceId);
    }

    @Override
    public MaintenanceEvent maintenanceRecording(String maintenanceId) {
        return maintenanceRecordings.get(maintenanceId);
    }

    @Override
    public ChargerCall chargerCall(String callId) {
        return callRequests.get(callId);
    }

    /** The site's current state in the registry. */
    public SiteView siteView(String siteId) {
        return sites.get(siteId).getCurrent();
    }

    /** A site command of {@code org} about {@code siteId}, issued a second after the previous command. */
    public SiteCommand.Builder siteCommand(String org, String siteId, Object payload) {
        int n = commandIds.incrementAndGet();
        return SiteCommand.newBuilder().setCommandId("cmd_" + n).setOrganisationId(org).setSiteId(siteId)
                .setIssuedAt(T0.plusSeconds(n)).setPayload(payload);
    }

    public SiteCommand site(String org, String siteId, Object payload) {
        return siteCommand(org, siteId, payload).build();
    }

    /** A charger command of {@code org} about {@code chargePointId}, issued a second after the previous command. */
    public ChargerCommand charger(String org, String chargePointId, Object payload) {
        int n = commandIds.incrementAndGet();
        return ChargerCommand.newBuilder().setCommandId("cmd_" + n).setOrganisationId(org)
                .setChargePointId(chargePointId).setIssuedAt(T0.plusSeconds(n)).setPayload(payload).build();
    }

    /** A maintenance command of {@code org}, issued a second after the previous command. */
    public MaintenanceCommand maintenance(String org, String chargePointId, String maintenanceId, Object payload) {
        int n = commandIds.incrementAndGet();
        return MaintenanceCommand.newBuilder().setCommandId("cmd_" + n).setOrganisationId(org)
                .setChargePointId(chargePointId).setMaintenanceId(maintenanceId).setIssuedAt(T0.plusSeconds(n))
                .setPayload(payload).build();
    }

    /** Decides {@code command} without storing anything. */
    public Decision decide(SiteCommand command) {
        return SiteDecider.decide(this, command, decidedAt(command.getIssuedAt()), eventIds);
    }

    public Decision decide(ChargerCommand command) {
        return ChargerDecider.decide(this, command, decidedAt(command.getIssuedAt()), eventIds);
    }

    public Decision decide(MaintenanceCommand command) {
        return MaintenanceDecider.decide(this, command, decidedAt(command.getIssuedAt()), eventIds);
    }

    /** Decides {@code command}, which must be accepted, and stores what it changed. */
    public Decision given(SiteCommand command) {
        return store(decide(command));
    }

    public Decision given(ChargerCommand command) {
        return store(decide(command));
    }

    public Decision given(MaintenanceCommand command) {
        return store(decide(command));
    }

    public static Instant decidedAt(Instant issuedAt) {
        return issuedAt.plusMillis(DECIDED_AFTER_MS);
    }

    private Decision store(Decision decision) {
        assertThat(decision.result().getStatus()).as(decision.result().getMessage())
                .isEqualTo(CommandStatus.ACCEPTED);
        sites.putAll(decision.sites());
        chargers.putAll(decision.chargers());
        assetAdditions.putAll(decision.assetAdditions());
        maintenances.putAll(decision.maintenances());
        maintenanceRecordings.putAll(decision.maintenanceRecordings());
        decision.calls().forEach(call -> callRequests.put(call.getCallId(), call));
        return decision;
    }
}
