package org.dynamocsms.projection.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.load.SessionLimit;
import org.dynamocsms.schemas.load.SiteAllocation;
import org.dynamocsms.schemas.site.SiteChargerContribution;
import org.dynamocsms.schemas.site.SiteChargerSession;
import org.junit.jupiter.api.Test;

class SiteLoadsTest {

    static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

    @Test
    void aSessionIsReservedAtItsDrawWhileItsChargerDoesNotFollowItsLimit() {
        assertThat(reservation(charger(ChargerStatus.charging, session(9_000, null, null, null)))).isNull();
        assertThat(reservation(charger(ChargerStatus.offline, session(9_000, null, null, null))))
                .isEqualTo(new Reservation(Reservation.Reason.OFFLINE, 9_000));
        assertThat(reservation(charger(ChargerStatus.charging, session(9_000, "rejected", 5_000L, NOW))))
                .isEqualTo(new Reservation(Reservation.Reason.PROFILE_REJECTED, 9_000));
        // above its accepted limit: only once the grace is over, and only beyond the tolerance
        assertThat(reservation(charger(ChargerStatus.charging, session(9_000, "accepted", 5_000L, NOW)))).isNull();
        assertThat(reservation(charger(ChargerStatus.charging, session(5_400, "accepted", 5_000L,
                NOW.minus(SiteLoads.COMPLIANCE_GRACE))))).isNull();
        assertThat(reservation(charger(ChargerStatus.charging, session(5_600, "accepted", 5_000L,
                NOW.minus(SiteLoads.COMPLIANCE_GRACE)))))
                .isEqualTo(new Reservation(Reservation.Reason.ABOVE_LIMIT, 5_600));
    }

    @Test
    void aChargersNewDrawAloneCallsForNoNewAllocationButANewSessionOrReservationDoes() {
        SiteChargerContribution charging = charger(ChargerStatus.charging, session(9_000, null, null, null));
        SiteAllocation last = allocation(new SessionLimit("CP-1", 1, 7, 11_000L, 9_000L, null));

        assertThat(SiteLoads.changedFor(last, charging, NOW)).isFalse();
        charging.getSessions().get(0).setPowerW(10_000);
        assertThat(SiteLoads.changedFor(last, charging, NOW)).isFalse();
        assertThat(SiteLoads.changedFor(last, charger(ChargerStatus.offline, session(9_000, null, null, null)),
                NOW)).isTrue();
        assertThat(SiteLoads.changedFor(last, charger(ChargerStatus.available), NOW)).isTrue();
        assertThat(SiteLoads.changedFor(null, charger(ChargerStatus.available), NOW)).isFalse();
    }

    @Test
    void onlyChangedLimitsOfSessionsThatFollowTheirLimitsAreSent() {
        SiteAllocation last = allocation(new SessionLimit("CP-1", 1, 7, 11_000L, 9_000L, null),
                new SessionLimit("CP-2", 1, 8, 11_000L, 9_000L, null));
        SiteAllocation next = allocation(new SessionLimit("CP-1", 1, 7, 11_000L, 9_000L, null),
                new SessionLimit("CP-2", 1, 8, 9_000L, 9_000L, "offline"),
                new SessionLimit("CP-3", 1, 9, 2_000L, 0L, null));

        assertThat(SiteLoads.toSend(last, next)).extracting(SessionLimit::getChargePointId).containsExactly("CP-3");
    }

    @Test
    void theSafeShareDividesTheCeilingAmongEveryConnectorButNeverBelowASessionsMinimum() {
        assertThat(SiteLoads.safeShareW(150_000, 4)).isEqualTo(37_500);
        assertThat(SiteLoads.safeShareW(50_000, 3)).isEqualTo(16_666);
        assertThat(SiteLoads.safeShareW(10_000, 4)).isZero();
    }

    @Test
    void readsTheChargersAnswerToItsTxProfileAndNothingElse() {
        SessionLimit limit = new SessionLimit("CP-1", 2, 7, 11_000L, 9_000L, null);
        ChargerCall txProfile = SiteLoads.txProfile("evt_1", "call_1", "org_1", limit, NOW);
        ChargerCall txDefault = SiteLoads.txDefaultProfile("evt_2", "call_2", "org_1", "CP-1", 37_500, NOW);

        assertThat(SiteLoads.answer(result(txProfile, ChargerCallStatus.ANSWERED, "{\"status\":\"Accepted\"}")))
                .contains(new SiteLoads.ProfileAnswer(2, 7, 11_000, true, NOW));
        assertThat(SiteLoads.answer(result(txProfile, ChargerCallStatus.ANSWERED, "{\"status\":\"Rejected\"}")))
                .contains(new SiteLoads.ProfileAnswer(2, 7, 11_000, false, NOW));
        assertThat(SiteLoads.answer(result(txProfile, ChargerCallStatus.CALL_ERROR, null)))
                .contains(new SiteLoads.ProfileAnswer(2, 7, 11_000, false, NOW));
        assertThat(SiteLoads.answer(result(txProfile, ChargerCallStatus.TIMED_OUT, null))).isEmpty();
        assertThat(SiteLoads.answer(result(txDefault, ChargerCallStatus.ANSWERED, "{\"status\":\"Accepted\"}")))
                .isEmpty();
        ChargerCall operators = ChargerCall.newBuilder(txProfile).setRequestedBy("api").build();
        assertThat(SiteLoads.answer(result(operators, ChargerCallStatus.ANSWERED, "{\"status\":\"Accepted\"}")))
                .isEmpty();
    }

    private static Reservation reservation(SiteChargerContribution charger) {
        return SiteLoads.sessions(List.of(charger), NOW).get(0).reservation();
    }

    private static SiteChargerSession session(long powerW, String limitStatus, Long limitW, Instant limitAt) {
        return SiteChargerSession.newBuilder().setConnectorId(1).setTransactionId(7).setStartedAt(NOW)
                .setPowerW(powerW).setRatedPowerW(22_000L).setLimitStatus(limitStatus).setLimitW(limitW)
                .setLimitAt(limitAt).build();
    }

    private static SiteChargerContribution charger(ChargerStatus status, SiteChargerSession... sessions) {
        return SiteChargerContribution.newBuilder().setChargePointId("CP-1").setSiteId("site_A").setStatus(status)
                .setSessions(List.of(sessions)).build();
    }

    private static SiteAllocation allocation(SessionLimit... limits) {
        return SiteAllocation.newBuilder().setEventId("evt_a").setOrganisationId("org_1").setSiteId("site_A")
                .setMaxPowerW(50_000).setGenerationW(0).setAvailableW(50_000).setLimits(List.of(limits))
                .setHeadroomW(0).setReason("test").setOccurredAt(NOW).setRecordedAt(NOW).build();
    }

    private static ChargerCallResult result(ChargerCall call, ChargerCallStatus status, String answer) {
        return ChargerCallResult.newBuilder().setEventId("evt_r").setCall(call).setStatus(status).setAnswer(answer)
                .setGatewayId("gw-1").setOccurredAt(NOW).setRecordedAt(NOW).build();
    }
}
