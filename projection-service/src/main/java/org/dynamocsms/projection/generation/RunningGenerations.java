package org.dynamocsms.projection.generation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.ProjectionGeneration;

/**
 * The generations of one projection that run: the live one and the one being built, if any; and what changes
 * between two such states.
 */
public record RunningGenerations(int live, Integer building) {

    /** A projection nobody has rebuilt: generation 1, live. */
    public static final RunningGenerations FIRST = new RunningGenerations(Generation.FIRST, null);

    /** How a generation runs. */
    public enum Role { LIVE, BUILDING }

    /** What to do to one generation. */
    public enum Action {
        /** Start it in its role. */
        START,
        /** Close it and delete its local state: it is no longer named. */
        RETIRE,
        /** Close it and start it again (same application, state and offsets) in its new role. */
        RESTART
    }

    public record Change(Action action, int generation, Role role) {
    }

    public RunningGenerations {
        if (live < Generation.FIRST || building != null && (building < Generation.FIRST || building == live)) {
            throw new IllegalArgumentException("live generation " + live + " and building " + building);
        }
    }

    /** The generations {@code record} names; {@link #FIRST} where there is none. */
    public static RunningGenerations of(ProjectionGeneration record) {
        return record == null ? FIRST : new RunningGenerations(record.getLive(), record.getBuilding());
    }

    /**
     * What turns the generations running as {@code before} (null: none) into these: first the retirements, then
     * the restarts in a new role, then the starts.
     */
    public List<Change> changesFrom(RunningGenerations before) {
        Map<Integer, Role> was = before == null ? Map.of() : before.roles();
        Map<Integer, Role> is = roles();
        List<Change> changes = new ArrayList<>();
        was.forEach((generation, role) -> {
            if (!is.containsKey(generation)) {
                changes.add(new Change(Action.RETIRE, generation, role));
            }
        });
        is.forEach((generation, role) -> {
            if (was.containsKey(generation) && was.get(generation) != role) {
                changes.add(new Change(Action.RESTART, generation, role));
            }
        });
        is.forEach((generation, role) -> {
            if (!was.containsKey(generation)) {
                changes.add(new Change(Action.START, generation, role));
            }
        });
        return changes;
    }

    private Map<Integer, Role> roles() {
        Map<Integer, Role> roles = new LinkedHashMap<>();
        roles.put(live, Role.LIVE);
        if (building != null) {
            roles.put(building, Role.BUILDING);
        }
        return roles;
    }

    @Override
    public String toString() {
        return "live " + live + (building == null ? "" : ", building " + building);
    }
}
