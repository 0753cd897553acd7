package org.dynamocsms.projection.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.load.SessionLimit;
import org.dynamocsms.schemas.load.SiteAllocation;
import org.dynamocsms.schemas.site.SiteChargerContribution;
import org.dynamocsms.schemas.site.SiteChargerSession;

/**
 * Site load management's decisions around {@link PowerAllocation}: which sessions a site's linked chargers run, when
 * a change calls for a new allocation, and the TxProfile each changed limit is sent as. Plain Java: the processor
 * reads the stores and writes the topics.
 */
public final class SiteLoads {

    /** 6 A on each of 3 phases at 230 V: the least IEC 61851 lets a car charge with. */
    public static final double MIN_SESSION_W = 6 * 3 * 230;
    /** A change of on-site generation smaller than this keeps the allocation: readings jitter. */
    public static final long GENERATION_STEP_W = 1_000;
    /** The chargingProfileId of the TxProfile of connector n is this plus n: each new limit replaces the last. */
    public static final int TX_PROFILE_ID_BASE = 1_000;
    /** Above the stack level 0 that chargers' own or other defaults commonly use. */
    public static final int TX_PROFILE_STACK_LEVEL = 1;
    /** How long a limit may take to reach its charger before its call expires. */
    public static final long CALL_TIMEOUT_MS = 30_000;
    public static final String REQUESTED_BY = "site-allocator";

    private SiteLoads() {
    }

    /** The sessions of the site's linked chargers (their latest contributions; null for one never seen). */
    public static List<Session> sessions(Collection<SiteChargerContribution> chargers) {
        List<Session> sessions = new ArrayList<>();
        for (SiteChargerContribution charger : chargers) {
            if (charger == null) {
                continue;
            }
            boolean offline = charger.getStatus() == ChargerStatus.offline;
            for (SiteChargerSession session : charger.getSessions()) {
                double maxW = session.getRatedPowerW() == null ? Double.POSITIVE_INFINITY : session.getRatedPowerW();
                sessions.add(new Session(charger.getChargePointId(), session.getConnectorId(),
                        session.getTransactionId(), session.getStartedAt() == null ? Instant.EPOCH
                        : session.getStartedAt(), MIN_SESSION_W, maxW, offline
                        ? new Reservation(Reservation.Reason.OFFLINE, Math.max(0, session.getPowerW())) : null));
            }
        }
        return sessions;
    }

    /**
     * Whether {@code sessions} at {@code generationW} call for a new allocation after {@code last} (null: none
     * yet): a session started or ended, a reservation began or ended, or generation moved by a step or more.
     * {@code maxPowerW} and the linked chargers changing are told by the site's own events, which always do.
     */
    public static boolean changed(SiteAllocation last, List<Session> sessions, long generationW) {
        if (last == null) {
            return !sessions.isEmpty();
        }
        if (Math.abs(generationW - last.getGenerationW()) >= GENERATION_STEP_W) {
            return true;
        }
        Set<String> held = last.getLimits().stream()
                .map(limit -> key(limit.getChargePointId(), limit.getConnectorId(), limit.getTransactionId(),
                        limit.getReserved()))
                .collect(Collectors.toSet());
        Set<String> now = sessions.stream()
                .map(session -> key(session.chargePointId(), session.connectorId(), session.transactionId(),
                        reserved(session)))
                .collect(Collectors.toSet());
        return !held.equals(now);
    }

    /** What each session of the site's linked chargers draws now, in whole watts. */
    public static Map<SessionKey, Long> drawsW(Collection<SiteChargerContribution> chargers) {
        return chargers.stream().filter(Objects::nonNull)
                .flatMap(charger -> charger.getSessions().stream().map(session -> Map.entry(
                        new SessionKey(charger.getChargePointId(), session.getConnectorId()), session.getPowerW())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    /**
     * The allocation event of {@code allocation} of the site's power among {@code sessions}, which draw
     * {@code drawsW}.
     */
    public static SiteAllocation allocation(String eventId, String organisationId, String siteId, SitePower power,
                                            List<Session> sessions, Map<SessionKey, Long> drawsW,
                                            Allocation allocation, String reason, Instant now) {
        List<SessionLimit> limits = sessions.stream()
                .sorted(Comparator.comparing(Session::chargePointId).thenComparingInt(Session::connectorId))
                .map(session -> new SessionLimit(session.chargePointId(), session.connectorId(),
                        session.transactionId(), Math.round(allocation.limitsW().get(
                                new SessionKey(session.chargePointId(), session.connectorId()))),
                        drawsW.getOrDefault(new SessionKey(session.chargePointId(), session.connectorId()), 0L),
                        reserved(session)))
                .toList();
        return SiteAllocation.newBuilder()
                .setEventId(eventId)
                .setOrganisationId(organisationId)
                .setSiteId(siteId)
                .setMaxPowerW(Math.round(power.maxPowerW()))
                .setGenerationW(Math.round(power.generationW()))
                .setAvailableW(Math.round(allocation.availableW()))
                .setLimits(limits)
                .setHeadroomW(Math.round(allocation.headroomW()))
                .setReason(reason)
                .setOccurredAt(now)
                .setRecordedAt(now)
                .setSchemaVersion(1)
                .build();
    }

    /** The limits of {@code next} that {@code last} (null: none) did not give the same session at the same figure. */
    public static List<SessionLimit> toSend(SiteAllocation last, SiteAllocation next) {
        Map<String, Long> held = last == null ? Map.of() : last.getLimits().stream().collect(Collectors.toMap(
                limit -> key(limit.getChargePointId(), limit.getConnectorId(), limit.getTransactionId(), null),
                SessionLimit::getLimitW, (a, b) -> a));
        return next.getLimits().stream()
                .filter(limit -> !Objects.equals(held.get(key(limit.getChargePointId(), limit.getConnectorId(),
                        limit.getTransactionId(), null)), limit.getLimitW()))
                .toList();
    }

    /** The SetChargingProfile call that gives {@code limit}'s session its limit, as a TxProfile in watts. */
    public static ChargerCall call(String eventId, String callId, String organisationId, SessionLimit limit,
                                   Instant now) {
        String payload = "{\"connectorId\":" + limit.getConnectorId() + ",\"csChargingProfiles\":{"
                + "\"chargingProfileId\":" + (TX_PROFILE_ID_BASE + limit.getConnectorId())
                + ",\"transactionId\":" + limit.getTransactionId()
                + ",\"stackLevel\":" + TX_PROFILE_STACK_LEVEL
                + ",\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Relative\","
                + "\"chargingSchedule\":{\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":"
                + "[{\"startPeriod\":0,\"limit\":" + limit.getLimitW() + "}]}}}";
        return ChargerCall.newBuilder()
                .setEventId(eventId)
                .setCallId(callId)
                .setOrganisationId(organisationId)
                .setChargePointId(limit.getChargePointId())
                .setAction("SetChargingProfile")
                .setPayload(payload)
                .setRequestedBy(REQUESTED_BY)
                .setOccurredAt(now)
                .setRecordedAt(now)
                .setExpiresAt(now.plusMillis(CALL_TIMEOUT_MS))
                .setSchemaVersion(1)
                .build();
    }

    private static String reserved(Session session) {
        return session.reservation() == null ? null
                : session.reservation().reason().name().toLowerCase(Locale.ROOT);
    }

    private static String key(String chargePointId, int connectorId, int transactionId, String reserved) {
        return chargePointId + "|" + connectorId + "|" + transactionId + "|" + reserved;
    }
}
