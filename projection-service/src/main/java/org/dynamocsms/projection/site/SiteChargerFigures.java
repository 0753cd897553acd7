package org.dynamocsms.projection.site;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.dynamocsms.projection.Kilowatts;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.site.SiteChargerContribution;
import org.dynamocsms.schemas.site.SiteChargerCounts;
import org.dynamocsms.schemas.site.SiteSummary;

/**
 * What a site's linked chargers add up to in its summary: their number, how many are online, charging, available and
 * faulted, their running transactions and their power in whole watts. A linked charger without a contribution (never
 * seen at the site) is offline and adds nothing else. Counted once from every linked charger's contribution when
 * the site changes; when one charger's contribution changes, adjusted by the difference, which gives the same
 * figures, the power being a sum of whole numbers.
 */
public record SiteChargerFigures(int total, int online, int charging, int available, int faulted,
                                 int activeSessions, long powerW) {

    /** The figures of the chargers {@code linked}, from each one's contribution (null if it has none). */
    public static SiteChargerFigures counted(List<String> linked,
                                             Function<String, SiteChargerContribution> contributions) {
        SiteChargerFigures figures = new SiteChargerFigures(linked.size(), 0, 0, 0, 0, 0, 0);
        for (String chargePointId : linked) {
            figures = figures.replaced(null, contributions.apply(chargePointId));
        }
        return figures;
    }

    /** The figures {@code summary} shows. */
    public static SiteChargerFigures of(SiteSummary summary) {
        SiteChargerCounts counts = summary.getChargers();
        return new SiteChargerFigures(counts.getTotal(), counts.getOnline(), counts.getCharging(),
                counts.getAvailable(), counts.getFaulted(), summary.getActiveSessions(),
                Kilowatts.watts(summary.getCurrentPowerKw()));
    }

    /** These figures once a linked charger contributes {@code next} instead of {@code held} (either may be null). */
    public SiteChargerFigures replaced(SiteChargerContribution held, SiteChargerContribution next) {
        return new SiteChargerFigures(total,
                online + change(held, next, status -> status != ChargerStatus.offline),
                charging + change(held, next, status -> status == ChargerStatus.charging),
                available + change(held, next, status -> status == ChargerStatus.available),
                faulted + change(held, next, status -> status == ChargerStatus.faulted),
                activeSessions + (next != null ? next.getActiveSessions() : 0)
                        - (held != null ? held.getActiveSessions() : 0),
                powerW + (next != null ? next.getPowerW() : 0) - (held != null ? held.getPowerW() : 0));
    }

    /** Whether these figures are {@code other}'s but for the power. */
    public boolean equalsApartFromPower(SiteChargerFigures other) {
        return equals(new SiteChargerFigures(other.total, other.online, other.charging, other.available,
                other.faulted, other.activeSessions, powerW));
    }

    public SiteChargerCounts counts() {
        return new SiteChargerCounts(total, online, charging, available, faulted);
    }

    /** How the number of chargers whose status {@code counts} changes from {@code held} to {@code next}. */
    private static int change(SiteChargerContribution held, SiteChargerContribution next,
                              Predicate<ChargerStatus> counts) {
        return counted(next, counts) - counted(held, counts);
    }

    private static int counted(SiteChargerContribution contribution, Predicate<ChargerStatus> counts) {
        return contribution != null && counts.test(contribution.getStatus()) ? 1 : 0;
    }
}
