package org.dynamocsms.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.dynamocsms.schemas.telemetry.ConnectorStatus;

/**
 * A charger's made-up history of {@code days} days from {@code start}: connected with its connectors Available,
 * then every day two charging sessions, and on some days a connector fault or a lost connection. The same
 * charger number always gives the same history. {@link #totals} works out the up, online and charging time of a
 * period from the facts alone, so the benchmark can check the figures the API answers.
 */
final class SyntheticHistory {

    /** One fact: a connection change ({@code connector} null) or a connector status. */
    record Fact(Instant at, Integer connector, ConnectorStatus status, boolean connected) {

        static Fact connection(Instant at, boolean connected) {
            return new Fact(at, null, null, connected);
        }

        static Fact status(Instant at, int connector, ConnectorStatus status) {
            return new Fact(at, connector, status, true);
        }
    }

    /** Milliseconds of a period since the charger's first fact: counted, up, online and charging. */
    record Totals(long counted, long up, long online, long charging) {
    }

    private SyntheticHistory() {
    }

    /** Charger {@code n}'s facts in time order; even-numbered chargers have two connectors. */
    static List<Fact> of(int n, Instant start, int days) {
        SplittableRandom random = new SplittableRandom(n);
        int connectors = n % 2 == 0 ? 2 : 1;
        List<Fact> facts = new ArrayList<>();
        Instant first = start.plusSeconds(n % 600);
        facts.add(Fact.connection(first, true));
        for (int c = 0; c <= connectors; c++) {
            facts.add(Fact.status(first.plusSeconds(1), c, ConnectorStatus.Available));
        }
        for (int d = 0; d < days; d++) {
            Instant day = start.plus(Duration.ofDays(d));
            session(facts, random, 1, day.plus(Duration.ofMinutes(8 * 60 + random.nextInt(60))), 30, 180);
            session(facts, random, connectors, day.plus(Duration.ofMinutes(17 * 60 + random.nextInt(60))), 30, 120);
            if (random.nextInt(5) == 0) {
                Instant fault = day.plus(Duration.ofMinutes(12 * 60 + random.nextInt(60)));
                facts.add(Fact.status(fault, 1, ConnectorStatus.Faulted));
                facts.add(Fact.status(fault.plus(Duration.ofMinutes(10 + random.nextInt(80))), 1,
                        ConnectorStatus.Available));
            }
            if (random.nextInt(7) == 0) {
                Instant lost = day.plus(Duration.ofMinutes(3 * 60 + random.nextInt(60)));
                facts.add(Fact.connection(lost, false));
                facts.add(Fact.connection(lost.plus(Duration.ofMinutes(5 + random.nextInt(55))), true));
            }
        }
        facts.sort(Comparator.comparing(Fact::at));
        return facts;
    }

    private static void session(List<Fact> facts, SplittableRandom random, int connector, Instant at, int minMinutes,
                                int maxMinutes) {
        facts.add(Fact.status(at, connector, ConnectorStatus.Charging));
        facts.add(Fact.status(at.plus(Duration.ofMinutes(minMinutes + random.nextInt(maxMinutes - minMinutes))),
                connector, ConnectorStatus.Available));
    }

    /**
     * The totals of [from, to) by walking the facts: up while connected with connector 0 and at least one other
     * connector neither Faulted nor Unavailable, charging while connected with a connector Charging.
     */
    static Totals totals(List<Fact> facts, Instant from, Instant to) {
        Map<Integer, ConnectorStatus> statuses = new HashMap<>();
        boolean connected = false;
        long counted = 0;
        long up = 0;
        long online = 0;
        long charging = 0;
        for (int i = 0; i < facts.size(); i++) {
            Fact fact = facts.get(i);
            if (fact.connector() == null) {
                connected = fact.connected();
            } else {
                statuses.put(fact.connector(), fact.status());
            }
            Instant end = i + 1 < facts.size() ? facts.get(i + 1).at() : to;
            long millis = overlap(fact.at(), end, from, to);
            counted += millis;
            if (connected) {
                online += millis;
                if (usable(statuses)) {
                    up += millis;
                }
                if (statuses.containsValue(ConnectorStatus.Charging)) {
                    charging += millis;
                }
            }
        }
        return new Totals(counted, up, online, charging);
    }

    private static boolean usable(Map<Integer, ConnectorStatus> statuses) {
        boolean chargePoint = !unusable(statuses.get(0));
        boolean anyConnector = statuses.entrySet().stream()
                .anyMatch(e -> e.getKey() > 0 && !unusable(e.getValue()));
        return chargePoint && anyConnector;
    }

    private static boolean unusable(ConnectorStatus status) {
        return status == ConnectorStatus.Faulted || status == ConnectorStatus.Unavailable;
    }

    private static long overlap(Instant start, Instant end, Instant from, Instant to) {
        Instant a = start.isAfter(from) ? start : from;
        Instant b = end.isBefore(to) ? end : to;
        return Math.max(0, Duration.between(a, b).toMillis());
    }
}
