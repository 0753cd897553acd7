package org.dynamocsms.command;

import java.util.List;
import java.util.Map;

import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.maintenance.MaintenanceEvent;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.site.SiteAggregate;
import org.dynamocsms.schemas.site.SiteEvent;

/**
 * One decision on one command: the events it appends (possibly to several sites and a charger at once), the asset
 * readings it writes, the new states of what it changed (by id) and the answer to the caller. The registry
 * processor commits all of it in one transaction.
 *
 * @param maintenanceRecordings the event that recorded each maintenance event it recorded, by maintenance id
 * @param calls                 the calls to chargers it requested
 */
public record Decision(List<SiteEvent> siteEvents, List<ChargerEvent> chargerEvents,
                       List<EnergyAssetReading> readings, Map<String, SiteAggregate> sites,
                       Map<String, ChargerView> chargers, Map<String, SiteEvent> assetAdditions,
                       List<MaintenanceEvent> maintenanceEvents, Map<String, MaintenanceView> maintenances,
                       Map<String, MaintenanceEvent> maintenanceRecordings, List<ChargerCall> calls,
                       CommandResult result) {

    public static final String UNDECIDABLE = "The command could not be decided.";

    public Decision {
        siteEvents = List.copyOf(siteEvents);
        chargerEvents = List.copyOf(chargerEvents);
        readings = List.copyOf(readings);
        sites = Map.copyOf(sites);
        chargers = Map.copyOf(chargers);
        assetAdditions = Map.copyOf(assetAdditions);
        maintenanceEvents = List.copyOf(maintenanceEvents);
        maintenances = Map.copyOf(maintenances);
        maintenanceRecordings = Map.copyOf(maintenanceRecordings);
        calls = List.copyOf(calls);
    }
}
