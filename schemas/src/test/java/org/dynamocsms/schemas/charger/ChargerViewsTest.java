package org.dynamocsms.schemas.charger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChargerViewsTest {

    private static final Instant T0 = Instant.parse("2024-06-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2024-06-01T10:15:00Z");
    private static final Instant T2 = Instant.parse("2024-06-02T08:00:00Z");
    private static final Instant T3 = Instant.parse("2024-06-03T08:00:00Z");

    private static final ChargerConnector TYPE2 = new ChargerConnector(1, "Type2", 22.0);
    private static final ChargerConnector CCS = new ChargerConnector(2, "CCS", null);

    private static ChargerEvent event(long version, Instant at, Object payload) {
        return ChargerEvent.newBuilder().setEventId("evt_" + version).setOrganisationId("org_a")
                .setChargePointId("CP-001").setVersion(version).setOccurredAt(at).setRecordedAt(at)
                .setPayload(payload).build();
    }

    private final ChargerEvent registered = event(1, T0, new ChargerRegistered("Alfen", "Eve", "pbkdf2-sha256$1$a$b",
            List.of(TYPE2)));

    @Test
    void registrationStartsTheChargerUnlinked() {
        ChargerView charger = ChargerViews.apply(null, registered);
        assertThat(charger.getChargePointId()).isEqualTo("CP-001");
        assertThat(charger.getOrganisationId()).isEqualTo("org_a");
        assertThat(charger.getVendor()).isEqualTo("Alfen");
        assertThat(charger.getModel()).isEqualTo("Eve");
        assertThat(charger.getPasswordHash()).isEqualTo("pbkdf2-sha256$1$a$b");
        assertThat(charger.getSiteId()).isNull();
        assertThat(charger.getRegisteredAt()).isEqualTo(T0);
        assertThat(charger.getVersion()).isEqualTo(1);
        assertThat(charger.getConnectors()).containsExactly(TYPE2);
        assertThat(ChargerViews.isRegistered(charger)).isTrue();
    }

    @Test
    void aConnectorsChangeReplacesTheListAndKeepsTheRest() {
        ChargerView charger = ChargerViews.apply(null, registered);
        charger = ChargerViews.apply(charger, event(2, T1, new ChargerLinked("site_a", null)));
        charger = ChargerViews.apply(charger, event(3, T2, new ChargerConnectorsChanged(List.of(
                new ChargerConnector(1, "Type2", 11.0), CCS))));
        assertThat(charger.getConnectors()).containsExactly(new ChargerConnector(1, "Type2", 11.0), CCS);
        assertThat(charger.getSiteId()).isEqualTo("site_a");
        assertThat(charger.getUpdatedAt()).isEqualTo(T2);
        assertThat(charger.getVersion()).isEqualTo(3);

        charger = ChargerViews.apply(charger, event(4, T3, new ChargerConnectorsChanged(List.of())));
        assertThat(charger.getConnectors()).isEmpty();
    }

    @Test
    void aLinkSetsTheSiteAndItsTimeAndAMoveReplacesBoth() {
        ChargerView charger = ChargerViews.apply(null, registered);
        charger = ChargerViews.apply(charger, event(2, T1, new ChargerLinked("site_a", null)));
        assertThat(charger.getSiteId()).isEqualTo("site_a");
        assertThat(charger.getLinkedAt()).isEqualTo(T1);

        charger = ChargerViews.apply(charger, event(3, T2, new ChargerLinked("site_b", "site_a")));
        assertThat(charger.getSiteId()).isEqualTo("site_b");
        assertThat(charger.getLinkedAt()).isEqualTo(T2);
        assertThat(charger.getVersion()).isEqualTo(3);
    }

    @Test
    void unlinkingClearsTheSite() {
        ChargerView charger = ChargerViews.apply(null, registered);
        charger = ChargerViews.apply(charger, event(2, T1, new ChargerLinked("site_a", null)));
        charger = ChargerViews.apply(charger, event(3, T2, new ChargerUnlinked("site_a", UnlinkReason.SITE_DELETED)));
        assertThat(charger.getSiteId()).isNull();
        assertThat(charger.getLinkedAt()).isNull();
        assertThat(ChargerViews.isRegistered(charger)).isTrue();
    }

    @Test
    void decommissioningUnlinksAndARegistrationAfterwardsStartsAfreshWithTheVersionContinuing() {
        ChargerView charger = ChargerViews.apply(null, registered);
        charger = ChargerViews.apply(charger, event(2, T1, new ChargerLinked("site_a", null)));
        charger = ChargerViews.apply(charger, event(3, T2, new ChargerDecommissioned()));
        assertThat(charger.getSiteId()).isNull();
        assertThat(charger.getDecommissionedAt()).isEqualTo(T2);
        assertThat(ChargerViews.isRegistered(charger)).isFalse();

        charger = ChargerViews.apply(charger, event(4, T3, new ChargerRegistered("ABB", "Terra", null, List.of())));
        assertThat(ChargerViews.isRegistered(charger)).isTrue();
        assertThat(charger.getVendor()).isEqualTo("ABB");
        assertThat(charger.getPasswordHash()).isNull();
        assertThat(charger.getConnectors()).isEmpty();
        assertThat(charger.getRegisteredAt()).isEqualTo(T3);
        assertThat(charger.getVersion()).isEqualTo(4);
    }

    @Test
    void anEventAlreadyAppliedChangesNothing() {
        ChargerView linked = ChargerViews.apply(ChargerViews.apply(null, registered),
                event(2, T1, new ChargerLinked("site_a", null)));
        assertThat(ChargerViews.apply(linked, registered)).isSameAs(linked);
        assertThat(ChargerViews.apply(linked, event(2, T2, new ChargerLinked("site_b", "site_a"))).getSiteId())
                .isEqualTo("site_a");
    }

    @Test
    void anEventBeforeRegistrationIsRejected() {
        assertThatThrownBy(() -> ChargerViews.apply(null, event(1, T1, new ChargerDecommissioned())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CP-001");
        assertThat(ChargerViews.isRegistered(null)).isFalse();
    }
}
