package org.dynamocsms.ocpp.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.dynamocsms.schemas.charger.ChargerPasswords;
import org.dynamocsms.schemas.charger.ChargerView;
import org.junit.jupiter.api.Test;

class ChargerAuthenticatorTest {

    private static final String PASSWORD = "a-16-to-40-char-secret";
    private static final String HASH = ChargerPasswords.hash(PASSWORD);

    private final Map<String, ChargerView> registry = new HashMap<>();
    private final AtomicInteger pbkdf2 = new AtomicInteger();
    private final ChargerAuthenticator authenticator = authenticator(false);

    @Test
    void aRegisteredChargerWithItsPasswordIsAccepted() {
        registry.put("CP-1", charger("CP-1", HASH));

        assertThat(authenticator.authenticate("CP-1", basic("CP-1", PASSWORD)))
                .isEqualTo(new Authentication.Accepted(new Charger("CP-1", "org_1")));
    }

    @Test
    void anUnknownDecommissionedOrInvalidIdentityIsNotFound() {
        registry.put("CP-OLD", ChargerView.newBuilder(charger("CP-OLD", HASH)).setDecommissionedAt(Instant.now())
                .build());

        assertThat(status(authenticator.authenticate("CP-NONE", basic("CP-NONE", PASSWORD)))).isEqualTo(404);
        assertThat(status(authenticator.authenticate("CP-OLD", basic("CP-OLD", PASSWORD)))).isEqualTo(404);
        assertThat(status(authenticator.authenticate("CP:1", basic("CP:1", PASSWORD)))).isEqualTo(404);
        assertThat(status(authenticator.authenticate("..", null))).isEqualTo(404);
    }

    @Test
    void wrongOrMissingCredentialsAreUnauthorized() {
        registry.put("CP-1", charger("CP-1", HASH));

        assertThat(status(authenticator.authenticate("CP-1", basic("CP-1", "another-long-password")))).isEqualTo(401);
        assertThat(status(authenticator.authenticate("CP-1", basic("CP-2", PASSWORD)))).isEqualTo(401);
        assertThat(status(authenticator.authenticate("CP-1", null))).isEqualTo(401);
        assertThat(status(authenticator.authenticate("CP-1", "Bearer " + PASSWORD))).isEqualTo(401);
        assertThat(status(authenticator.authenticate("CP-1", "Basic not-base64!"))).isEqualTo(401);
    }

    @Test
    void aChargerWithoutPasswordIsRefusedUnlessAllowed() {
        registry.put("CP-1", charger("CP-1", null));

        assertThat(status(authenticator.authenticate("CP-1", null))).isEqualTo(401);
        assertThat(authenticator(true).authenticate("CP-1", null)).isInstanceOf(Authentication.Accepted.class);
    }

    @Test
    void aVerifiedPasswordIsNotHashedAgainButAWrongOneAlwaysIs() {
        registry.put("CP-1", charger("CP-1", HASH));

        for (int i = 0; i < 5; i++) {
            assertThat(authenticator.authenticate("CP-1", basic("CP-1", PASSWORD)))
                    .isInstanceOf(Authentication.Accepted.class);
            authenticator.authenticate("CP-1", basic("CP-1", "another-long-password"));
        }

        assertThat(pbkdf2).hasValue(1 + 5);
    }

    @Test
    void aNewPasswordReplacesTheVerifiedOne() {
        registry.put("CP-1", charger("CP-1", HASH));
        authenticator.authenticate("CP-1", basic("CP-1", PASSWORD));
        registry.put("CP-1", charger("CP-1", ChargerPasswords.hash("the-new-password-16")));

        assertThat(status(authenticator.authenticate("CP-1", basic("CP-1", PASSWORD)))).isEqualTo(401);
        assertThat(authenticator.authenticate("CP-1", basic("CP-1", "the-new-password-16")))
                .isInstanceOf(Authentication.Accepted.class);
    }

    @Test
    void withAutoRegistrationAnUnknownIdentityWithAValidPasswordIsAcceptedToRegister() {
        ChargerAuthenticator autoRegistering = authenticator(false, Optional.of("org_auto"));

        Authentication authentication = autoRegistering.authenticate("CP-NEW", basic("CP-NEW", PASSWORD));

        assertThat(authentication).isInstanceOfSatisfying(Authentication.Unregistered.class, unregistered -> {
            assertThat(unregistered.charger()).isEqualTo(new Charger("CP-NEW", "org_auto"));
            assertThat(ChargerPasswords.matches(PASSWORD, unregistered.passwordHash())).isTrue();
        });
    }

    @Test
    void withAutoRegistrationAnUnknownIdentityNeedsAValidPasswordAndKnownOnesAreCheckedAsAlways() {
        ChargerAuthenticator autoRegistering = authenticator(false, Optional.of("org_auto"));
        registry.put("CP-1", charger("CP-1", HASH));
        registry.put("CP-OLD", ChargerView.newBuilder(charger("CP-OLD", HASH)).setDecommissionedAt(Instant.now())
                .build());

        assertThat(status(autoRegistering.authenticate("CP-NEW", null))).isEqualTo(401);
        assertThat(status(autoRegistering.authenticate("CP-NEW", basic("CP-NEW", "too-short")))).isEqualTo(401);
        assertThat(status(autoRegistering.authenticate("CP-NEW", basic("CP-OTHER", PASSWORD)))).isEqualTo(401);
        assertThat(status(autoRegistering.authenticate("CP:1", basic("CP:1", PASSWORD)))).isEqualTo(404);
        assertThat(status(autoRegistering.authenticate("CP-OLD", basic("CP-OLD", PASSWORD)))).isEqualTo(404);
        assertThat(status(autoRegistering.authenticate("CP-1", basic("CP-1", "wrong-but-long-enough")))).isEqualTo(401);
        assertThat(autoRegistering.authenticate("CP-1", basic("CP-1", PASSWORD)))
                .isInstanceOf(Authentication.Accepted.class);
    }

    private ChargerAuthenticator authenticator(boolean allowWithoutPassword) {
        return authenticator(allowWithoutPassword, Optional.empty());
    }

    private ChargerAuthenticator authenticator(boolean allowWithoutPassword, Optional<String> autoRegistration) {
        return new ChargerAuthenticator(id -> Optional.ofNullable(registry.get(id)), allowWithoutPassword,
                autoRegistration, (password, hash) -> {
                    pbkdf2.incrementAndGet();
                    return ChargerPasswords.matches(password, hash);
                });
    }

    private static int status(Authentication authentication) {
        return authentication instanceof Authentication.Refused refused ? refused.status() : 101;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static ChargerView charger(String id, String passwordHash) {
        Instant at = Instant.parse("2024-06-01T12:00:00Z");
        return ChargerView.newBuilder().setChargePointId(id).setOrganisationId("org_1").setPasswordHash(passwordHash)
                .setRegisteredAt(at).setUpdatedAt(at).setVersion(1).build();
    }
}
