package org.dynamocsms.projection.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
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
    /** How long a charger has after accepting a limit to draw within it: the car follows within seconds to a minute. */
    public static final Duration COMPLIANCE_GRACE = Duration.ofSeconds(60);
    /** A change of on-site generation smaller than this keeps the allocation: readings jitter. */
    public static final long GENERATION_STEP_W = 1_000;
    /** The chargingProfileId of the TxProfile of connector n is this plus n: each new limit replaces the last. */
    public static final int TX_PROFILE_ID_BASE = 1_000;
    /** Above the stack level 0 that chargers' own or other defaults commonly use. */
    public static final int TX_PROFILE_STACK_LEVEL = 1;
    /** The chargingProfileId of a charger's TxDefaultProfile: each new one replaces the last. */
    public static final int TX_DEFAULT_PROFILE_ID = 999;
    public static final int TX_DEFAULT_STACK_LEVEL = 0;
    /** How long a limit may take to reach its charger before its call expires. */
    public static final long CALL_TIMEOUT_MS = 30_000;
    public static final String REQUESTED_BY = "site-allocator";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SiteLoads() {
    }

    /**
     * The sessions of the site's linked chargers (their latest contributions; null for one never seen) at
     * {@code now}. A session is reserved at its draw while its charger is offline, rejected its TxProfile, or has
     * drawn more than its accepted limit (by more than {@link #overdrawTolerance}) since {@link #COMPLIANCE_GRACE}
     * after accepting it.
     */
    public static List<Session> sessions(Collection<SiteChargerContribution> chargers, Instant now) {
        List<Session> sessions = new ArrayList<>();
        for (SiteChargerContribution charger : chargers) {
            if (charger == null) {
                continue;
            }
            for (SiteChargerSession session : charger.getSessions()) {
                double maxW = session.getRatedPowerW() == null ? Double.POSITIVE_INFINITY : session.getRatedPowerW();
                Reservation.Reason reserved = reserved(charger, session, now);
                sessions.add(new Session(charger.getChargePointId(), session.getConnectorId(),
                        session.getTransactionId(), session.getStartedAt() == null ? Instant.EPOCH
                        : session.getStartedAt(), MIN_SESSION_W, maxW,
                        reserved == null ? null : new Reservation(reserved, Math.max(0, session.getPowerW()))));
            }
        }
        return sessions;
    }

    /** A limit may be exceeded by this much before the session counts as not following it: meters and cars jitter. */
    public static long overdrawTolerance(long limitW) {
        return Math.max(500, limitW / 20);
    }

    private static Reservation.Reason reserved(SiteChargerContribution charger, SiteChargerSession session,
                                               Instant now) {
        if (charger.getStatus() == ChargerStatus.offline) {
            return Reservation.Reason.OFFLINE;
        }
        if ("rejected".equals(session.getLimitStatus())) {
            return Reservation.Reason.PROFILE_REJECTED;
        }
        boolean settled = session.getLimitAt() != null && !now.isBefore(session.getLimitAt().plus(COMPLIANCE_GRACE));
        if ("accepted".equals(session.getLimitStatus()) && settled
                && session.getPowerW() > session.getLimitW() + overdrawTolerance(session.getLimitW())) {
            return Reservation.Reason.ABOVE_LIMIT;
        }
        return null;
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
        return !held.equals(keys(sessions));
    }

    /**
     * Whether {@code charger}'s change at {@code now} may call for a new allocation after {@code last} (null: none
     * yet): its sessions or their reservations are not those {@code last} holds for it. Other chargers' changes are
     * told by their own contributions, so this needs none of theirs.
     */
    public static boolean changedFor(SiteAllocation last, SiteChargerContribution charger, Instant now) {
        Set<String> held = last == null ? Set.of() : last.getLimits().stream()
                .filter(limit -> limit.getChargePointId().equals(charger.getChargePointId()))
                .map(limit -> key(limit.getChargePointId(), limit.getConnectorId(), limit.getTransactionId(),
                        limit.getReserved()))
                .collect(Collectors.toSet());
        return !held.equals(keys(sessions(List.of(charger), now)));
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

    /**
     * The limits of {@code next} that {@code last} (null: none) did not give the same session at the same figure,
     * but those of reserved sessions: their chargers do not follow limits.
     */
    public static List<SessionLimit> toSend(SiteAllocation last, SiteAllocation next) {
        Map<String, Long> held = last == null ? Map.of() : last.getLimits().stream().collect(Collectors.toMap(
                limit -> key(limit.getChargePointId(), limit.getConnectorId(), limit.getTransactionId(), null),
                SessionLimit::getLimitW, (a, b) -> a));
        return next.getLimits().stream()
                .filter(limit -> limit.getReserved() == null)
                .filter(limit -> !Objects.equals(held.get(key(limit.getChargePointId(), limit.getConnectorId(),
                        limit.getTransactionId(), null)), limit.getLimitW()))
                .toList();
    }

    /** The SetChargingProfile call that gives {@code limit}'s session its limit, as a TxProfile in watts. */
    public static ChargerCall txProfile(String eventId, String callId, String organisationId, SessionLimit limit,
                                        Instant now) {
        return profileCall(eventId, callId, organisationId, limit.getChargePointId(), profile(limit.getConnectorId(),
                TX_PROFILE_ID_BASE + limit.getConnectorId(), limit.getTransactionId(), TX_PROFILE_STACK_LEVEL,
                "TxProfile", limit.getLimitW()), now);
    }

    /**
     * The SetChargingProfile call that gives every connector of a charger {@code limitW} for the sessions it starts,
     * as a TxDefaultProfile on connector 0 in watts: what it keeps to if it loses the central system.
     */
    public static ChargerCall txDefaultProfile(String eventId, String callId, String organisationId,
                                               String chargePointId, long limitW, Instant now) {
        return profileCall(eventId, callId, organisationId, chargePointId, profile(0, TX_DEFAULT_PROFILE_ID, null,
                TX_DEFAULT_STACK_LEVEL, "TxDefaultProfile", limitW), now);
    }

    /**
     * The safe share of each connector of a site's linked chargers, for one that loses the central system: the
     * ceiling divided among all their connectors, or 0 if that is less than a session's minimum (a charger that can
     * no longer be told its share starts no session rather than risk the ceiling).
     */
    public static long safeShareW(double maxPowerW, int connectors) {
        long share = (long) Math.floor(maxPowerW / Math.max(1, connectors));
        return share < MIN_SESSION_W ? 0 : share;
    }

    private static String profile(int connectorId, int profileId, Integer transactionId, int stackLevel,
                                  String purpose, long limitW) {
        return "{\"connectorId\":" + connectorId + ",\"csChargingProfiles\":{"
                + "\"chargingProfileId\":" + profileId
                + (transactionId == null ? "" : ",\"transactionId\":" + transactionId)
                + ",\"stackLevel\":" + stackLevel
                + ",\"chargingProfilePurpose\":\"" + purpose + "\",\"chargingProfileKind\":\"Relative\","
                + "\"chargingSchedule\":{\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":"
                + "[{\"startPeriod\":0,\"limit\":" + limitW + "}]}}}";
    }

    private static ChargerCall profileCall(String eventId, String callId, String organisationId,
                                           String chargePointId, String payload, Instant now) {
        return ChargerCall.newBuilder()
                .setEventId(eventId)
                .setCallId(callId)
                .setOrganisationId(organisationId)
                .setChargePointId(chargePointId)
                .setAction("SetChargingProfile")
                .setPayload(payload)
                .setRequestedBy(REQUESTED_BY)
                .setOccurredAt(now)
                .setRecordedAt(now)
                .setExpiresAt(now.plusMillis(CALL_TIMEOUT_MS))
                .setSchemaVersion(1)
                .build();
    }

    /**
     * How a charger answered one of this allocator's TxProfiles, if {@code result} is the end of one: accepted only
     * for a CALLRESULT saying Accepted; rejected for any other answer, a CALLERROR or an invalid answer. A call that
     * timed out, lost its connection or was not sent tells nothing of the charger.
     */
    public static Optional<ProfileAnswer> answer(ChargerCallResult result) {
        ChargerCall call = result.getCall();
        if (!REQUESTED_BY.equals(call.getRequestedBy()) || !"SetChargingProfile".equals(call.getAction())) {
            return Optional.empty();
        }
        boolean accepted;
        switch (result.getStatus()) {
            case ANSWERED -> accepted = "Accepted".equals(field(result.getAnswer(), "/status").asText(null));
            case CALL_ERROR, INVALID_ANSWER -> accepted = false;
            default -> {
                return Optional.empty();
            }
        }
        JsonNode payload = field(call.getPayload(), "");
        if (!"TxProfile".equals(payload.at("/csChargingProfiles/chargingProfilePurpose").asText())) {
            return Optional.empty();
        }
        return Optional.of(new ProfileAnswer(payload.path("connectorId").asInt(),
                payload.at("/csChargingProfiles/transactionId").asInt(),
                payload.at("/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit").asLong(),
                accepted, result.getOccurredAt()));
    }

    /** How a charger answered a TxProfile of ours: for which connector and transaction, what limit, and when. */
    public record ProfileAnswer(int connectorId, int transactionId, long limitW, boolean accepted, Instant at) {
    }

    private static JsonNode field(String json, String pointer) {
        try {
            return json == null ? MissingNode.getInstance() : JSON.readTree(json).at(pointer);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private static Set<String> keys(List<Session> sessions) {
        return sessions.stream()
                .map(session -> key(session.chargePointId(), session.connectorId(), session.transactionId(),
                        reserved(session)))
                .collect(Collectors.toSet());
    }

    private static String reserved(Session session) {
        return session.reservation() == null ? null
                : session.reservation().reason().name().toLowerCase(Locale.ROOT);
    }

    private static String key(String chargePointId, int connectorId, int transactionId, String reserved) {
        return chargePointId + "|" + connectorId + "|" + transactionId + "|" + reserved;
    }
}
