package org.dynamocsms.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCalls;
import org.dynamocsms.schemas.call.RequestChargerCall;
import org.dynamocsms.schemas.charger.ChargerCommand;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.ChargerViews;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.maintenance.MaintenanceCommand;
import org.dynamocsms.schemas.maintenance.MaintenanceEvent;
import org.dynamocsms.schemas.maintenance.MaintenanceRecorded;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.maintenance.MaintenanceViews;
import org.dynamocsms.schemas.site.SiteAggregate;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;

/**
 * A decision being made: deciders append events to any site, charger or maintenance event of the registry, and
 * each append is folded at once (with {@link SiteViews#apply}, {@link ChargerViews#apply} and
 * {@link MaintenanceViews#apply}, the folds every reader uses), so a later append in the same decision sees the
 * earlier ones and gets the next version.
 */
public final class DecisionDraft {

    static final int SCHEMA_VERSION = 1;

    private final RegistryView registry;
    private final String commandId;
    private final String organisationId;
    private final String aggregateId;
    private final Instant issuedAt;
    private final String idempotencyKey;
    private final Instant now;
    private final Supplier<String> eventIds;
    private final List<SiteEvent> siteEvents = new ArrayList<>();
    private final List<ChargerEvent> chargerEvents = new ArrayList<>();
    private final List<EnergyAssetReading> readings = new ArrayList<>();
    private final Map<String, SiteAggregate> sites = new HashMap<>();
    private final Map<String, ChargerView> chargers = new HashMap<>();
    private final Map<String, SiteEvent> assetAdditions = new HashMap<>();
    private final List<MaintenanceEvent> maintenanceEvents = new ArrayList<>();
    private final Map<String, MaintenanceView> maintenances = new HashMap<>();
    private final Map<String, MaintenanceEvent> maintenanceRecordings = new HashMap<>();
    private final List<ChargerCall> calls = new ArrayList<>();

    private DecisionDraft(RegistryView registry, String commandId, String organisationId, String aggregateId,
                          Instant issuedAt, String idempotencyKey, Instant now, Supplier<String> eventIds) {
        this.registry = registry;
        this.commandId = commandId;
        this.organisationId = organisationId;
        this.aggregateId = aggregateId;
        this.issuedAt = issuedAt;
        this.idempotencyKey = idempotencyKey;
        this.now = now;
        this.eventIds = eventIds;
    }

    /**
     * A draft for a site command, whose result is about its site.
     *
     * @param now      when the decision is made (the events' recorded_at and the result's decided_at)
     * @param eventIds a new event id on every call
     */
    public static DecisionDraft of(RegistryView registry, SiteCommand command, Instant now,
                                   Supplier<String> eventIds) {
        return new DecisionDraft(registry, command.getCommandId(), command.getOrganisationId(), command.getSiteId(),
                command.getIssuedAt(), command.getIdempotencyKey(), now, eventIds);
    }

    /** A draft for a charger command, whose result is about its charger. */
    public static DecisionDraft of(RegistryView registry, ChargerCommand command, Instant now,
                                   Supplier<String> eventIds) {
        return new DecisionDraft(registry, command.getCommandId(), command.getOrganisationId(),
                command.getChargePointId(), command.getIssuedAt(), null, now, eventIds);
    }

    /** A draft for a maintenance command, whose result is about its maintenance event. */
    public static DecisionDraft of(RegistryView registry, MaintenanceCommand command, Instant now,
                                   Supplier<String> eventIds) {
        return new DecisionDraft(registry, command.getCommandId(), command.getOrganisationId(),
                command.getMaintenanceId(), command.getIssuedAt(), null, now, eventIds);
    }

    /** The result of an accepted command about {@code site}: its version and the site itself. */
    public static CommandResult.Builder about(SiteView site) {
        return CommandResult.newBuilder().setVersion(site.getVersion()).setSite(site);
    }

    /** The result of an accepted command about {@code charger}: its version and the charger itself. */
    public static CommandResult.Builder about(ChargerView charger) {
        return CommandResult.newBuilder().setVersion(charger.getVersion()).setCharger(charger);
    }

    /** The result of an accepted call request: the call, at the version a requested call has. */
    public static CommandResult.Builder about(ChargerCall call) {
        return CommandResult.newBuilder().setVersion(ChargerCalls.REQUESTED).setChargerCall(call);
    }

    /** The site as decided so far, null if it never existed. */
    public SiteAggregate site(String siteId) {
        return sites.containsKey(siteId) ? sites.get(siteId) : registry.site(siteId);
    }

    /** The result of an accepted command about {@code maintenance}: its version and the maintenance event itself. */
    public static CommandResult.Builder about(MaintenanceView maintenance) {
        return CommandResult.newBuilder().setVersion(maintenance.getVersion()).setMaintenance(maintenance);
    }

    /** The charger as decided so far, null if it was never registered. */
    public ChargerView charger(String chargePointId) {
        return chargers.containsKey(chargePointId) ? chargers.get(chargePointId) : registry.charger(chargePointId);
    }

    /** The event that added energy asset {@code assetId} under an Idempotency-Key, null if none did. */
    public SiteEvent assetAddition(String assetId) {
        return assetAdditions.containsKey(assetId) ? assetAdditions.get(assetId) : registry.assetAddition(assetId);
    }

    /** The maintenance event as decided so far, null if it was never recorded. */
    public MaintenanceView maintenance(String maintenanceId) {
        return maintenances.containsKey(maintenanceId) ? maintenances.get(maintenanceId)
                : registry.maintenance(maintenanceId);
    }

    /** The event that recorded the maintenance event, null if none did. */
    public MaintenanceEvent maintenanceRecording(String maintenanceId) {
        return maintenanceRecordings.containsKey(maintenanceId) ? maintenanceRecordings.get(maintenanceId)
                : registry.maintenanceRecording(maintenanceId);
    }

    /** The call an operator requested with id {@code callId}, null if none was. */
    public ChargerCall chargerCall(String callId) {
        return calls.stream().filter(call -> call.getCallId().equals(callId)).findFirst()
                .orElseGet(() -> registry.chargerCall(callId));
    }

    /** When the command was issued: the occurred_at of its events. */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** Appends {@code payload} as the site's next event and returns the site after it. */
    public SiteView appendSite(String siteId, Object payload) {
        SiteAggregate state = site(siteId);
        SiteView before = state == null ? null : state.getCurrent();
        SiteEvent event = SiteEvent.newBuilder()
                .setEventId(eventIds.get())
                .setOrganisationId(organisationId)
                .setSiteId(siteId)
                .setVersion(before == null ? 1 : before.getVersion() + 1)
                .setOccurredAt(issuedAt)
                .setRecordedAt(now)
                .setSchemaVersion(SCHEMA_VERSION)
                .setCommandId(commandId)
                .setPayload(payload)
                .build();
        SiteView after = SiteViews.apply(before, event);
        siteEvents.add(event);
        sites.put(siteId, state == null
                ? SiteAggregate.newBuilder().setCurrent(after).setIdempotencyKey(idempotencyKey).setAsCreated(after)
                        .build()
                : SiteAggregate.newBuilder(state).setCurrent(after).build());
        return after;
    }

    /** Keeps the site event just appended as the one that added {@code assetId}, to answer a repeated request. */
    public void rememberAssetAddition(String assetId) {
        assetAdditions.put(assetId, siteEvents.get(siteEvents.size() - 1));
    }

    /** Appends {@code payload} as the charger's next event and returns the charger after it. */
    public ChargerView appendCharger(String chargePointId, Object payload) {
        ChargerView before = charger(chargePointId);
        ChargerEvent event = ChargerEvent.newBuilder()
                .setEventId(eventIds.get())
                .setOrganisationId(organisationId)
                .setChargePointId(chargePointId)
                .setVersion(before == null ? 1 : before.getVersion() + 1)
                .setOccurredAt(issuedAt)
                .setRecordedAt(now)
                .setSchemaVersion(SCHEMA_VERSION)
                .setCommandId(commandId)
                .setPayload(payload)
                .build();
        ChargerView after = ChargerViews.apply(before, event);
        chargerEvents.add(event);
        chargers.put(chargePointId, after);
        return after;
    }

    /**
     * Appends {@code payload} as the maintenance event's next event and returns the maintenance event after it. A
     * recording is kept as well, so that a repeated request can be answered with it.
     */
    public MaintenanceView appendMaintenance(String maintenanceId, String chargePointId, Object payload) {
        MaintenanceView before = maintenance(maintenanceId);
        MaintenanceEvent event = MaintenanceEvent.newBuilder()
                .setEventId(eventIds.get())
                .setOrganisationId(organisationId)
                .setChargePointId(chargePointId)
                .setMaintenanceId(maintenanceId)
                .setVersion(before == null ? 1 : before.getVersion() + 1)
                .setOccurredAt(issuedAt)
                .setRecordedAt(now)
                .setSchemaVersion(SCHEMA_VERSION)
                .setCommandId(commandId)
                .setPayload(payload)
                .build();
        MaintenanceView after = MaintenanceViews.apply(before, event);
        maintenanceEvents.add(event);
        maintenances.put(maintenanceId, after);
        if (payload instanceof MaintenanceRecorded) {
            maintenanceRecordings.put(maintenanceId, event);
        }
        return after;
    }

    /** Requests a call to the charger, as an operator asked, and returns it. */
    public ChargerCall requestCall(String chargePointId, RequestChargerCall request) {
        ChargerCall call = ChargerCall.newBuilder()
                .setEventId(eventIds.get())
                .setCallId(request.getCallId())
                .setOrganisationId(organisationId)
                .setChargePointId(chargePointId)
                .setAction(request.getAction())
                .setPayload(request.getPayload())
                .setRequestedBy(ChargerCalls.BY_API)
                .setOccurredAt(issuedAt)
                .setRecordedAt(now)
                .setExpiresAt(request.getExpiresAt())
                .setSchemaVersion(SCHEMA_VERSION)
                .setCommandId(commandId)
                .build();
        calls.add(call);
        return call;
    }

    /** Writes a reading of one of the site's energy assets and returns it. */
    public EnergyAssetReading recordReading(String siteId, String assetId, double outputKw, Instant measuredAt) {
        EnergyAssetReading reading = EnergyAssetReading.newBuilder()
                .setReadingId(eventIds.get())
                .setOrganisationId(organisationId)
                .setSiteId(siteId)
                .setAssetId(assetId)
                .setOutputKw(outputKw)
                .setMeasuredAt(measuredAt)
                .setRecordedAt(now)
                .setSchemaVersion(SCHEMA_VERSION)
                .build();
        readings.add(reading);
        return reading;
    }

    /** Accepts the command with everything appended so far; {@code result} says what it is about. */
    public Decision accept(CommandResult.Builder result) {
        return new Decision(siteEvents, chargerEvents, readings, sites, chargers, assetAdditions,
                maintenanceEvents, maintenances, maintenanceRecordings, calls,
                result.setStatus(CommandStatus.ACCEPTED).setMessage(null).setCommandId(commandId)
                        .setOrganisationId(organisationId).setAggregateId(aggregateId).setDecidedAt(now).build());
    }

    /** Refuses the command: nothing appended, nothing changed. */
    public Decision refuse(CommandStatus status, String message, long version) {
        return new Decision(List.of(), List.of(), List.of(), Map.of(), Map.of(), Map.of(), List.of(), Map.of(),
                Map.of(), List.of(),
                CommandResult.newBuilder().setStatus(status).setMessage(message).setVersion(version)
                        .setCommandId(commandId).setOrganisationId(organisationId).setAggregateId(aggregateId)
                        .setDecidedAt(now).build());
    }
}
