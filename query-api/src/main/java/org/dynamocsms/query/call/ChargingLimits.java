package org.dynamocsms.query.call;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which of a charger's charging profiles apply now, and the limit in force on each connector: OCPP 1.6's composite
 * schedule (3.13, 5.16) at one instant. Per purpose, the profile in force with the highest stack level wins; a
 * connector's TxProfile overrides its TxDefaultProfile, which overrides the TxDefaultProfile of connector 0 (the
 * default for all connectors); the ChargePointMaxProfile (connector 0) caps the result when both are in the same
 * unit. Limits in A and in W are never compared: a connector's limit is then its own, and the cap stands apart as
 * connector 0's.
 */
public final class ChargingLimits {

    public static final String MAX = "ChargePointMaxProfile";
    public static final String TX_DEFAULT = "TxDefaultProfile";
    public static final String TX = "TxProfile";
    private static final long DAY = Duration.ofDays(1).toSeconds();
    private static final long WEEK = Duration.ofDays(7).toSeconds();

    private ChargingLimits() {
    }

    /** A profile a charger holds: {@code profile} is the csChargingProfiles object it accepted. */
    public record Profile(int connectorId, int chargingProfileId, int stackLevel, String purpose,
                          Integer transactionId, JsonNode profile, String callId, Instant installedAt) {
    }

    /** The limit in force on a connector (0: the charge point as a whole), and the profile it comes from. */
    public record Limit(int connectorId, double limit, String unit, String purpose, int chargingProfileId) {
    }

    /**
     * Whether {@code profile} applies now: within its validFrom and validTo, its schedule has a period in force
     * ({@link #limit}), and a TxProfile is for the transaction running on its connector (any, if it names none).
     *
     * @param connectors the charger's connectors (connector 0 left out), each with its running transaction if any
     */
    public static boolean active(Profile profile, Map<Integer, OptionalInt> connectors, Instant now) {
        Instant validFrom = instant(profile.profile().path("validFrom"));
        Instant validTo = instant(profile.profile().path("validTo"));
        if (validFrom != null && validFrom.isAfter(now) || validTo != null && !validTo.isAfter(now)) {
            return false;
        }
        if (profile.purpose().equals(TX)) {
            OptionalInt running = connectors.getOrDefault(profile.connectorId(), OptionalInt.empty());
            if (running.isEmpty()
                    || profile.transactionId() != null && profile.transactionId() != running.getAsInt()) {
                return false;
            }
        }
        return limit(profile, now).isPresent();
    }

    /**
     * The limit in force now on each connector that has one, in connector order: connector 0's is the
     * ChargePointMaxProfile's; each other connector's comes from its TxProfile, else its TxDefaultProfile, else
     * connector 0's TxDefaultProfile, capped by the ChargePointMaxProfile if that is lower and in the same unit.
     */
    public static List<Limit> limits(List<Profile> profiles, Map<Integer, OptionalInt> connectors, Instant now) {
        List<Profile> active = profiles.stream().filter(p -> active(p, connectors, now)).toList();
        Optional<Limit> cap = highest(active, 0, MAX, now);
        Set<Integer> connectorIds = new TreeSet<>(connectors.keySet());
        active.stream().map(Profile::connectorId).filter(id -> id > 0).forEach(connectorIds::add);
        List<Limit> limits = new ArrayList<>();
        cap.ifPresent(limits::add);
        for (int connectorId : connectorIds) {
            highest(active, connectorId, TX, now)
                    .or(() -> highest(active, connectorId, TX_DEFAULT, now))
                    .or(() -> highest(active, 0, TX_DEFAULT, now))
                    .map(own -> new Limit(connectorId, own.limit(), own.unit(), own.purpose(), own.chargingProfileId()))
                    .map(own -> cap.filter(c -> c.unit().equals(own.unit()) && c.limit() < own.limit())
                            .map(c -> new Limit(connectorId, c.limit(), c.unit(), c.purpose(), c.chargingProfileId()))
                            .orElse(own))
                    .ifPresent(limits::add);
        }
        return limits;
    }

    /**
     * The period of {@code profile}'s schedule in force now, as a limit on its connector: the last period starting
     * at or before the seconds since the schedule started, unless its duration is over. An Absolute schedule starts
     * at its startSchedule, a Recurring one at its startSchedule plus its whole days or weeks since (both at the
     * profile's installation if they give none); a Relative one when the transaction started, which the read store
     * does not know: it is taken to start now, so its first period is in force.
     */
    static Optional<Limit> limit(Profile profile, Instant now) {
        JsonNode schedule = profile.profile().path("chargingSchedule");
        String kind = profile.profile().path("chargingProfileKind").asText();
        Instant start = Optional.ofNullable(instant(schedule.path("startSchedule"))).orElse(profile.installedAt());
        boolean relative = kind.equals("Relative");
        if (!relative && start.isAfter(now)) {
            return Optional.empty();
        }
        long elapsed = relative ? 0 : Duration.between(start, now).getSeconds();
        if (kind.equals("Recurring")) {
            elapsed %= profile.profile().path("recurrencyKind").asText().equals("Weekly") ? WEEK : DAY;
        }
        if (schedule.hasNonNull("duration") && elapsed >= schedule.get("duration").asLong()) {
            return Optional.empty();
        }
        JsonNode current = null;
        for (JsonNode period : schedule.path("chargingSchedulePeriod")) {
            long startPeriod = period.path("startPeriod").asLong();
            if (startPeriod <= elapsed && (current == null || startPeriod >= current.path("startPeriod").asLong())) {
                current = period;
            }
        }
        return Optional.ofNullable(current).map(period -> new Limit(profile.connectorId(),
                period.path("limit").asDouble(), schedule.path("chargingRateUnit").asText(), profile.purpose(),
                profile.chargingProfileId()));
    }

    private static Optional<Limit> highest(List<Profile> active, int connectorId, String purpose, Instant now) {
        Predicate<Profile> matching = p -> p.connectorId() == connectorId && p.purpose().equals(purpose);
        return active.stream().filter(matching).max(Comparator.comparingInt(Profile::stackLevel))
                .flatMap(p -> limit(p, now));
    }

    /** An OCPP dateTime; one without an offset is UTC. Null if absent (or not a dateTime). */
    private static Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(node.asText()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
