package org.dynamocsms.projection.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.dynamocsms.projection.Kilowatts;
import org.dynamocsms.projection.Records;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.site.SiteChargerContribution;
import org.dynamocsms.schemas.site.SiteChargerCounts;
import org.dynamocsms.schemas.site.SiteSummary;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;
import org.junit.jupiter.api.Test;

class SiteChargerFiguresTest {

    private static final String SITE = "site_A";
    private static final List<String> LINKED = IntStream.rangeClosed(1, 100).mapToObj(i -> "CP-" + i).toList();

    @Test
    void figuresAdjustedByEachChangeAreThoseCountedAfreshWhateverTheOrder() {
        Random random = new Random(42);
        Map<String, SiteChargerContribution> contributions = new HashMap<>();
        SiteChargerFigures figures = SiteChargerFigures.counted(LINKED, contributions::get);
        for (int change = 0; change < 20_000; change++) {
            String chargePointId = LINKED.get(random.nextInt(LINKED.size()));
            // a charger without a contribution, now and then, as one never seen
            SiteChargerContribution next = random.nextInt(10) == 0 ? null : contribution(chargePointId, random);
            figures = figures.replaced(contributions.get(chargePointId), next);
            contributions.put(chargePointId, next);

            assertThat(figures).isEqualTo(SiteChargerFigures.counted(LINKED, contributions::get));
        }
    }

    @Test
    void powerAddedUpInWattsIsTheRoundedSumOfTheChargersKilowatts() {
        Random random = new Random(7);
        for (int site = 0; site < 1_000; site++) {
            Map<String, SiteChargerContribution> contributions = new HashMap<>();
            double kw = 0;
            for (String chargePointId : LINKED) {
                SiteChargerContribution contribution = contribution(chargePointId, random);
                contributions.put(chargePointId, contribution);
                // a live state's power_kw: its connectors' watts, rounded to the watt
                kw += Kilowatts.round(contribution.getPowerW() / 1000.0);
            }
            long watts = SiteChargerFigures.counted(LINKED, contributions::get).powerW();

            assertThat(Kilowatts.of(watts)).isEqualTo(Kilowatts.round(kw));
        }
    }

    @Test
    void theFiguresOfASummaryAreThoseItWasMadeOf() {
        SiteView site = SiteViews.apply(null, Records.siteCreated(SITE, "Depot", 150));
        SiteChargerFigures figures = new SiteChargerFigures(7, 5, 3, 1, 1, 4, 87_400);

        SiteSummary summary = SiteSummaries.next(null, site, figures, List.of(), SiteLoadFigures.NONE, Instant.EPOCH);

        assertThat(summary.getChargers()).isEqualTo(new SiteChargerCounts(7, 5, 3, 1, 1));
        assertThat(summary.getCurrentPowerKw()).isEqualTo(87.4);
        assertThat(SiteChargerFigures.of(summary)).isEqualTo(figures);
    }

    @Test
    void aLinkedChargerWithoutAContributionCountsAsOfflineOnly() {
        SiteChargerFigures figures = SiteChargerFigures.counted(List.of("CP-1", "CP-2"),
                id -> id.equals("CP-1") ? SiteChargerContribution.newBuilder().setChargePointId(id).setSiteId(SITE)
                        .setStatus(ChargerStatus.charging).setActiveSessions(2).setPowerW(22_000).build() : null);

        assertThat(figures).isEqualTo(new SiteChargerFigures(2, 1, 1, 0, 0, 2, 22_000));
    }

    /** A charger's contribution with any status, up to 2 sessions and up to 2 × 22 kW, to the watt. */
    private static SiteChargerContribution contribution(String chargePointId, Random random) {
        ChargerStatus[] statuses = {ChargerStatus.offline, ChargerStatus.faulted, ChargerStatus.charging,
                ChargerStatus.available, ChargerStatus.online};
        return SiteChargerContribution.newBuilder().setChargePointId(chargePointId).setSiteId(SITE)
                .setStatus(statuses[random.nextInt(statuses.length)]).setActiveSessions(random.nextInt(3))
                .setPowerW(random.nextInt(44_001)).build();
    }
}
