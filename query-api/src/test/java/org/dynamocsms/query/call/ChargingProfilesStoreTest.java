package org.dynamocsms.query.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.call.Calls.ORG;
import static org.dynamocsms.query.call.ChargingProfiles.profile;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.schemas.call.ChargerChargingProfiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The charging profiles' read table on the real database: version-guarded writes, one charger's of one organisation. */
class ChargingProfilesStoreTest {

    private ChargingProfilesStore store;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        store = new ChargingProfilesStore(TestDatabase.clean());
    }

    @Test
    void aChargersProfilesReadBackAsInstalledEachProfileAsSent() throws SQLException {
        var installed = profile(1, 100, ChargingLimits.TX, 42, 16, "2024-06-01T10:00:00.420Z");
        store.write(List.of(ChargingProfiles.of("CP-001", 1, installed)), List.of());

        assertThat(store.profiles(ORG, "CP-001")).singleElement().satisfies(profile -> {
            assertThat(profile.connectorId()).isEqualTo(1);
            assertThat(profile.chargingProfileId()).isEqualTo(100);
            assertThat(profile.stackLevel()).isZero();
            assertThat(profile.purpose()).isEqualTo("TxProfile");
            assertThat(profile.transactionId()).isEqualTo(42);
            assertThat(profile.callId()).isEqualTo("call_100");
            assertThat(profile.installedAt()).isEqualTo(Instant.parse("2024-06-01T10:00:00.420Z"));
            assertThat(profile.profile()).hasToString(installed.getProfile());
        });
    }

    @Test
    void newerProfilesAreNeverReplacedByOlderOnes() throws SQLException {
        ChargerChargingProfiles first = ChargingProfiles.of("CP-001", 1,
                profile(1, 100, ChargingLimits.TX_DEFAULT, null, 16, "2024-06-01T10:00:00Z"));
        ChargerChargingProfiles cleared = ChargingProfiles.of("CP-001", 2);

        store.write(List.of(cleared), List.of());
        store.write(List.of(first), List.of());
        // both in one poll: the newest version wins there too
        store.write(List.of(cleared, first), List.of());

        assertThat(store.version(ORG, "CP-001")).isEqualTo(OptionalLong.of(2));
        assertThat(store.profiles(ORG, "CP-001")).isEmpty();
    }

    @Test
    void aChargerWithoutProfilesOrAnotherOrganisationsHasNone() throws SQLException {
        store.write(List.of(ChargingProfiles.of("CP-001", 1,
                profile(1, 100, ChargingLimits.TX_DEFAULT, null, 16, "2024-06-01T10:00:00Z"))), List.of());

        assertThat(store.profiles(ORG, "CP-002")).isEmpty();
        assertThat(store.profiles("org_B", "CP-001")).isEmpty();
    }
}
