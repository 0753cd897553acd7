package org.dynamocsms.command;

import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.maintenance.MaintenanceEvent;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.site.SiteAggregate;
import org.dynamocsms.schemas.site.SiteEvent;

/**
 * What a decision may read of the registry: sites, chargers, the energy assets added with an Idempotency-Key, the
 * chargers' maintenance events and the calls operators requested.
 * Lookups are by id and not scoped to an organisation; the deciders check the organisation of what they find, so
 * another organisation's site or charger answers exactly like a missing one.
 */
public interface RegistryView {

    /** The site's state, null if it never existed. */
    SiteAggregate site(String siteId);

    /** The charger, null if it was never registered. */
    ChargerView charger(String chargePointId);

    /** The event that added energy asset {@code assetId} under an Idempotency-Key, null if none did. */
    SiteEvent assetAddition(String assetId);

    /** The maintenance event's state, null if it was never recorded. */
    MaintenanceView maintenance(String maintenanceId);

    /** The event that recorded the maintenance event, to answer a repeated request; null if none did. */
    MaintenanceEvent maintenanceRecording(String maintenanceId);

    /** The call an operator requested with id {@code callId}, to answer a repeated request; null if none was. */
    ChargerCall chargerCall(String callId);
}
