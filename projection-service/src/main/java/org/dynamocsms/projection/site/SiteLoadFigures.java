package org.dynamocsms.projection.site;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.dynamocsms.projection.Kilowatts;
import org.dynamocsms.schemas.load.SessionLimit;
import org.dynamocsms.schemas.load.SiteAllocation;
import org.dynamocsms.schemas.site.SiteChargerAllocation;
import org.dynamocsms.schemas.site.SiteChargerContribution;
import org.dynamocsms.schemas.site.SiteSummary;

/**
 * What a site summary shows of site load management: the headroom of the latest allocation, and per charger with a
 * session in it, the power allocated to it then and the power it draws now.
 */
public record SiteLoadFigures(Double headroomKw, List<SiteChargerAllocation> chargers) {

    public static final SiteLoadFigures NONE = new SiteLoadFigures(null, List.of());

    /** The figures {@code summary} shows (none if null). */
    public static SiteLoadFigures of(SiteSummary summary) {
        return summary == null ? NONE : new SiteLoadFigures(summary.getHeadroomKw(), summary.getAllocations());
    }

    /** The figures of {@code allocation}, each charger drawing what its contribution says (null: nothing). */
    public static SiteLoadFigures of(SiteAllocation allocation,
                                     Function<String, SiteChargerContribution> contributions) {
        Map<String, Long> allocatedW = new LinkedHashMap<>();
        Map<String, String> reserved = new HashMap<>();
        for (SessionLimit limit : allocation.getLimits()) {
            allocatedW.merge(limit.getChargePointId(), limit.getLimitW(), Long::sum);
            if (limit.getReserved() != null) {
                reserved.putIfAbsent(limit.getChargePointId(), limit.getReserved());
            }
        }
        List<SiteChargerAllocation> shown = allocatedW.entrySet().stream().map(charger -> {
            SiteChargerContribution contribution = contributions.apply(charger.getKey());
            return new SiteChargerAllocation(charger.getKey(), Kilowatts.of(charger.getValue()),
                    contribution == null ? 0 : Kilowatts.of(contribution.getPowerW()), reserved.get(charger.getKey()));
        }).toList();
        return new SiteLoadFigures(Kilowatts.of(allocation.getHeadroomW()), shown);
    }

    /** These figures with what {@code contribution}'s charger draws now. */
    public SiteLoadFigures drawing(SiteChargerContribution contribution) {
        if (chargers.stream().noneMatch(c -> c.getChargePointId().equals(contribution.getChargePointId()))) {
            return this;
        }
        return new SiteLoadFigures(headroomKw, chargers.stream()
                .map(c -> !c.getChargePointId().equals(contribution.getChargePointId()) ? c
                        : new SiteChargerAllocation(c.getChargePointId(), c.getAllocatedKw(),
                        Kilowatts.of(contribution.getPowerW()), c.getReserved()))
                .toList());
    }
}
