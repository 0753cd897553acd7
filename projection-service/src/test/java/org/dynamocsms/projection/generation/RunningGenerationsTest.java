package org.dynamocsms.projection.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dynamocsms.projection.generation.RunningGenerations.Action.RESTART;
import static org.dynamocsms.projection.generation.RunningGenerations.Action.RETIRE;
import static org.dynamocsms.projection.generation.RunningGenerations.Action.START;
import static org.dynamocsms.projection.generation.RunningGenerations.Role.BUILDING;
import static org.dynamocsms.projection.generation.RunningGenerations.Role.LIVE;

import java.time.Instant;

import org.dynamocsms.projection.generation.RunningGenerations.Change;
import org.dynamocsms.schemas.replay.ProjectionGeneration;
import org.junit.jupiter.api.Test;

class RunningGenerationsTest {

    @Test
    void withoutARecordGenerationOneIsLiveAndNothingBuilds() {
        assertThat(RunningGenerations.of(null)).isEqualTo(new RunningGenerations(1, null));
        assertThat(RunningGenerations.of(record(3, 4))).isEqualTo(new RunningGenerations(3, 4));
    }

    @Test
    void atStartEveryNamedGenerationStarts() {
        assertThat(RunningGenerations.FIRST.changesFrom(null)).containsExactly(new Change(START, 1, LIVE));
        assertThat(running(1, 2).changesFrom(null))
                .containsExactly(new Change(START, 1, LIVE), new Change(START, 2, BUILDING));
    }

    @Test
    void aReplayStartsItsGenerationBesideTheLiveOne() {
        assertThat(running(1, 2).changesFrom(running(1, null))).containsExactly(new Change(START, 2, BUILDING));
    }

    @Test
    void aSwitchRetiresTheOldGenerationAndRestartsTheBuiltOneAsLive() {
        assertThat(running(2, null).changesFrom(running(1, 2)))
                .containsExactly(new Change(RETIRE, 1, LIVE), new Change(RESTART, 2, LIVE));
    }

    @Test
    void aCancelRetiresTheGenerationBeingBuilt() {
        assertThat(running(1, null).changesFrom(running(1, 2))).containsExactly(new Change(RETIRE, 2, BUILDING));
    }

    @Test
    void theSameGenerationsAgainChangeNothing() {
        assertThat(running(1, 2).changesFrom(running(1, 2))).isEmpty();
        assertThat(RunningGenerations.FIRST.changesFrom(RunningGenerations.FIRST)).isEmpty();
    }

    @Test
    void stepsMissedInBetweenAreWorkedOutFromWhatRunsAndWhatIsNamed() {
        // switched to 2, then a replay of 3 began, before this instance read either record
        assertThat(running(2, 3).changesFrom(running(1, 2))).containsExactly(new Change(RETIRE, 1, LIVE),
                new Change(RESTART, 2, LIVE), new Change(START, 3, BUILDING));
        // 2 cancelled and 3 begun
        assertThat(running(1, 3).changesFrom(running(1, 2)))
                .containsExactly(new Change(RETIRE, 2, BUILDING), new Change(START, 3, BUILDING));
        // switched to 2, then to 3
        assertThat(running(3, null).changesFrom(running(1, 2)))
                .containsExactly(new Change(RETIRE, 1, LIVE), new Change(RETIRE, 2, BUILDING),
                        new Change(START, 3, LIVE));
    }

    @Test
    void aRecordNamingNoValidGenerationsIsRefused() {
        assertThatThrownBy(() -> RunningGenerations.of(record(0, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("live generation 0 and building null");
        assertThatThrownBy(() -> RunningGenerations.of(record(2, 2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunningGenerations.of(record(1, -1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static RunningGenerations running(int live, Integer building) {
        return new RunningGenerations(live, building);
    }

    private static ProjectionGeneration record(int live, Integer building) {
        return new ProjectionGeneration("live-states", live, building, null, Instant.EPOCH);
    }
}
