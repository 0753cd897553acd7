package org.dynamocsms.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReplayViewTest {

    static Replay building(Long read, Long total, Double perSecond, Long eta) {
        return new Replay("rpl_01", "sites", 2, 1, Replay.BUILDING, false, read, total, perSecond, eta,
                List.of(new Replay.Stage("csms-site-projection-g2", read, total, total == null ? null : total - read),
                        new Replay.Stage("site", 120L, 130L, 10L)),
                0L, null, "2025-01-01T00:00:00Z", null, null, null);
    }

    @Test
    void rendersTheBarTheCountsTheRateAndTheEta() {
        assertThat(ReplayView.progress(building(4_521_000L, 10_000_000L, 12_300.4, 445L)))
                .isEqualTo("[#####.....] 45.2%  4,521,000 / 10,000,000 events  12,300 events/s  ETA 7m 25s");
    }

    @Test
    void rendersTheStatusGenerationsAndOneLinePerStage() {
        assertThat(ReplayView.lines(building(4_521_000L, 10_000_000L, 12_300.0, 445L))).containsExactly(
                "sites  generation 2 (live 1)  building  refused 0",
                "[#####.....] 45.2%  4,521,000 / 10,000,000 events  12,300 events/s  ETA 7m 25s",
                "  csms-site-projection-g2  4,521,000 / 10,000,000  lag 5,479,000",
                "  site                     120 / 130  lag 10");
    }

    @Test
    void unknownFiguresShowAsQuestionMarks() {
        // while the source records are counted the total is unknown; the eta is null unless moving
        Replay counting = new Replay("rpl_01", "sites", 2, 1, Replay.BUILDING, false, 1_500L, null, null, null,
                List.of(new Replay.Stage("csms-site-projection-g2", null, null, null)), null, null, null, null,
                null, null);
        assertThat(ReplayView.lines(counting)).containsExactly(
                "sites  generation 2 (live 1)  building  refused ?",
                "[..........] ?%  1,500 / ? events  ? events/s  ETA ?",
                "  csms-site-projection-g2  ? / ?  lag ?");
    }

    @Test
    void barIsFullOnlyWhenEverythingIsRead() {
        assertThat(ReplayView.progress(building(9_999L, 10_000L, 1.0, 1L)))
                .startsWith("[#########.] 99.9%  9,999 / 10,000 events");
        assertThat(ReplayView.progress(building(10_000L, 10_000L, 0.0, 0L))).startsWith("[##########] 100.0%");
        // the total is sampled apart from the count read
        assertThat(ReplayView.progress(building(10_050L, 10_000L, 0.0, 0L))).startsWith("[##########] 100.0%");
        assertThat(ReplayView.progress(building(0L, 0L, 0.0, null))).startsWith("[##########] 100.0%");
        assertThat(ReplayView.progress(building(0L, 10_000L, 0.0, null))).startsWith("[..........] 0.0%");
    }

    @Test
    void etaOnlyWhileBuilding() {
        Replay completed = new Replay("rpl_01", "chargers", 3, 3, Replay.COMPLETED, false, 4_373L, 4_373L, 0.0,
                null, List.of(), 0L, null, null, null, null, null);
        assertThat(ReplayView.progress(completed)).isEqualTo("[##########] 100.0%  4,373 / 4,373 events  0 events/s");
    }

    @Test
    void formatsEtasBySize() {
        assertThat(ReplayView.eta(0L)).isEqualTo("0s");
        assertThat(ReplayView.eta(45L)).isEqualTo("45s");
        assertThat(ReplayView.eta(60L)).isEqualTo("1m 00s");
        assertThat(ReplayView.eta(445L)).isEqualTo("7m 25s");
        assertThat(ReplayView.eta(3_600L + 5 * 60 + 59)).isEqualTo("1h 05m");
        assertThat(ReplayView.eta(3 * 86_400L + 4 * 3_600L + 1)).isEqualTo("3d 04h");
        assertThat(ReplayView.eta(null)).isEqualTo("?");
        assertThat(ReplayView.eta(-1L)).isEqualTo("?");
    }

    @Test
    void anEqualComparisonIsOneLine() {
        Replay caughtUp = caughtUp(new Replay.Comparison(true, List.of(
                new Replay.TableComparison("site", 100L, 100L, 0L, 0L, 0L, List.of()))), 0L);
        assertThat(ReplayView.lines(caughtUp)).containsExactly(
                "sites  generation 2 (live 1)  caught_up (compare)  refused 0",
                "[##########] 100.0%  100 / 100 events  0 events/s",
                "  comparison: equal to the live generation");
    }

    @Test
    void aDifferingComparisonNamesEachTableThatDiffersWithExamples() {
        Replay caughtUp = caughtUp(new Replay.Comparison(false, List.of(
                new Replay.TableComparison("site", 100L, 99L, 1L, 0L, 2L, List.of("site_01", "site_02")),
                new Replay.TableComparison("energy_asset", 20L, 20L, 0L, 0L, 0L, List.of()),
                new Replay.TableComparison("charger", 5L, 6L, 0L, 1L, 0L, null))), 3L);
        assertThat(ReplayView.lines(caughtUp)).containsExactly(
                "sites  generation 2 (live 1)  caught_up (compare)  refused 3",
                "[##########] 100.0%  100 / 100 events  0 events/s",
                "  comparison: differs from the live generation",
                "    site: live 100 rows, rebuilt 99; only live 1, only rebuilt 0, different 2; e.g. site_01, site_02",
                "    charger: live 5 rows, rebuilt 6; only live 0, only rebuilt 1, different 0");
    }

    @Test
    void aFailedReplayShowsItsError() {
        Replay failed = new Replay("rpl_01", "sites", 2, 1, Replay.FAILED, false, 10L, 100L, 0.0, null, List.of(),
                0L, null, null, null, "2025-01-01T00:01:00Z", "topic csms.site.summary.g2 could not be created");
        assertThat(ReplayView.lines(failed)).containsExactly(
                "sites  generation 2 (live 1)  failed  refused 0",
                "[#.........] 10.0%  10 / 100 events  0 events/s",
                "  error: topic csms.site.summary.g2 could not be created");
    }

    static Replay caughtUp(Replay.Comparison comparison, long refused) {
        return new Replay("rpl_01", "sites", 2, 1, Replay.CAUGHT_UP, true, 100L, 100L, 0.0, null, List.of(),
                refused, comparison, null, null, null, null);
    }
}
