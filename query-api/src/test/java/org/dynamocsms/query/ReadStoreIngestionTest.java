package org.dynamocsms.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dynamocsms.query.ReadStoreIngestion.Feed;
import org.dynamocsms.query.ReadStoreIngestion.Reconciliation;
import org.dynamocsms.query.generation.Generations;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.junit.jupiter.api.Test;

/** Which ingestors the read store runs for the generations {@code projection_generation} records. */
class ReadStoreIngestionTest {

    private static final Generation SITES_1 = Generation.first(Projection.SITES);
    private static final Generation SITES_2 = SITES_1.next();

    @Test
    void atStartItIngestsEveryProjectionsLiveGenerationAndTheOneBuilding() {
        List<Generations> recorded = initial();
        recorded.set(0, new Generations(Projection.SITES, SITES_1, SITES_2, null, 3, null));

        Reconciliation reconciliation = Reconciliation.of(Set.of(), recorded);

        assertThat(reconciliation.start()).containsExactly(SITES_1, SITES_2, Generation.first(Projection.CHARGERS),
                Generation.first(Projection.MAINTENANCE), Generation.first(Projection.LIVE_STATES),
                Generation.first(Projection.CHARGER_HISTORY), Generation.first(Projection.CHARGER_CALLS));
        assertThat(reconciliation.close()).isEmpty();
    }

    @Test
    void startsTheIngestorsOfAGenerationNewlyBuildingAndLeavesTheRunningOnesAlone() {
        List<Generations> recorded = initial();
        recorded.set(0, new Generations(Projection.SITES, SITES_1, SITES_2, null, 3, null));

        Reconciliation reconciliation = Reconciliation.of(everyFirst(), recorded);

        assertThat(reconciliation.start()).containsExactly(SITES_2);
        assertThat(reconciliation.close()).isEmpty();
    }

    @Test
    void closesTheIngestorsOfAGenerationRetiredBySwitchOrCancel() {
        Set<Generation> running = new HashSet<>(everyFirst());
        running.add(SITES_2);
        List<Generations> switched = initial();
        switched.set(0, new Generations(Projection.SITES, SITES_2, null, SITES_1, 3, null));
        List<Generations> cancelled = initial();
        cancelled.set(0, new Generations(Projection.SITES, SITES_1, null, SITES_2, 3, null));

        assertThat(Reconciliation.of(running, switched)).isEqualTo(new Reconciliation(Set.of(), Set.of(SITES_1)));
        assertThat(Reconciliation.of(running, cancelled)).isEqualTo(new Reconciliation(Set.of(), Set.of(SITES_2)));
        assertThat(Reconciliation.of(everyFirst(), initial())).isEqualTo(new Reconciliation(Set.of(), Set.of()));
    }

    @Test
    void aGenerationIsIngestedFromItsOwnTopicsInItsOwnGroups() {
        assertThat(ReadStoreIngestion.feeds(SITES_1)).containsExactly(
                new Feed(SITES_1, "csms.projection.sites", "csms-query-api-sites"));
        Generation liveStates3 = new Generation(Projection.LIVE_STATES, 3);
        assertThat(ReadStoreIngestion.feeds(liveStates3)).containsExactly(
                new Feed(liveStates3, "csms.projection.charger-states.g3", "csms-query-api-charger-states-g3"),
                new Feed(liveStates3, "csms.projection.site-summaries.g3", "csms-query-api-site-summaries-g3"),
                new Feed(liveStates3, "csms.projection.fleet-summary-parts.g3",
                        "csms-query-api-fleet-summary-parts-g3"));
        Generation history2 = Generation.first(Projection.CHARGER_HISTORY).next();
        assertThat(ReadStoreIngestion.feeds(history2)).extracting(Feed::group).containsExactly(
                "csms-query-api-charger-intervals-g2", "csms-query-api-charger-errors-g2");
        assertThat(ReadStoreIngestion.feeds(Generation.first(Projection.CHARGERS).next()))
                .extracting(Feed::group).containsExactly("csms-query-api-chargers-g2");
        assertThat(ReadStoreIngestion.feeds(Generation.first(Projection.MAINTENANCE)))
                .extracting(Feed::group).containsExactly("csms-query-api-maintenance");
        assertThat(ReadStoreIngestion.feeds(Generation.first(Projection.CHARGER_CALLS).next())).containsExactly(
                new Feed(new Generation(Projection.CHARGER_CALLS, 2), "csms.projection.charger-calls.g2",
                        "csms-query-api-charger-calls-g2"),
                new Feed(new Generation(Projection.CHARGER_CALLS, 2), "csms.projection.charging-profiles.g2",
                        "csms-query-api-charging-profiles-g2"));
    }

    private static List<Generations> initial() {
        List<Generations> recorded = new ArrayList<>();
        for (Projection projection : Projection.values()) {
            recorded.add(Generations.initial(projection));
        }
        return recorded;
    }

    private static Set<Generation> everyFirst() {
        Set<Generation> first = new HashSet<>();
        for (Projection projection : Projection.values()) {
            first.add(Generation.first(projection));
        }
        return first;
    }
}
