package org.dynamocsms.query.generation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;

/**
 * The generations of one projection as {@code projection_generation} records them: {@code live} (readers' views),
 * {@code building} (null unless a rebuild fills its tables), {@code retiring} (null unless one is left to drop) and
 * the number the next rebuild gets.
 */
public record Generations(Projection projection, Generation live, Generation building, Generation retiring,
                          int nextGeneration, Instant changedAt) {

    /** A projection without a row: generation 1 live, nothing else. */
    public static Generations initial(Projection projection) {
        return new Generations(projection, Generation.first(projection), null, null, Generation.FIRST + 1, null);
    }

    /** The generations the read store ingests: the live one, then the building one if any. */
    public List<Generation> ingested() {
        List<Generation> ingested = new ArrayList<>(2);
        ingested.add(live);
        if (building != null) {
            ingested.add(building);
        }
        return ingested;
    }
}
