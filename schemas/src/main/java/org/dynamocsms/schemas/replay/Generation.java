package org.dynamocsms.schemas.replay;

import org.dynamocsms.schemas.topics.Topic;

/**
 * One generation of a projection: the names of everything it builds. Generation 1 keeps the plain names, so a
 * deployment from before replays carries on as generation 1; a later one adds {@code -g<n>} to names of Kafka
 * Streams applications and consumer groups and {@code .g<n>} to topics. Read tables are {@code <table>_g<n>} in
 * every generation, behind a view of the plain name.
 */
public record Generation(Projection projection, int number) {

    public static final int FIRST = 1;

    public Generation {
        if (number < FIRST) {
            throw new IllegalArgumentException("generation " + number + " of " + projection.id());
        }
    }

    public static Generation first(Projection projection) {
        return new Generation(projection, FIRST);
    }

    public Generation next() {
        return new Generation(projection, number + 1);
    }

    /** Its Kafka Streams application id (and so its state stores, changelogs and internal topics). */
    public String applicationId() {
        return group(projection.applicationId());
    }

    /** Its copy of {@code output}, one of the projection's output topics as generation 1 names it. */
    public <V> Topic<String, V> topic(Topic<String, V> output) {
        return number == FIRST ? output : output.named(output.name() + ".g" + number);
    }

    /** Its consumer group of a reader named {@code group} in generation 1. */
    public String group(String group) {
        return number == FIRST ? group : group + "-g" + number;
    }

    /**
     * Its read table of the table readers know as {@code table}: {@code <table>_g<n>}, generation 1 included, since
     * readers read a view of the plain name over the live generation's table.
     */
    public String table(String table) {
        return table + "_g" + number;
    }

    @Override
    public String toString() {
        return projection.id() + " generation " + number;
    }
}
