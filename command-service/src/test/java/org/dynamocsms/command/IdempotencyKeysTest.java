package org.dynamocsms.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import jakarta.ws.rs.core.Response;

import org.dynamocsms.platform.problem.Problem.FieldError;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.Ids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeysTest {

    @Test
    void noKeyIsNoKey() {
        assertThat(IdempotencyKeys.validate(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "3f1c9a6e-4d0b-4c55-9a51-0e1f2a3b4c5d", "key with spaces ~!@#$%^&*()"})
    void acceptsPrintableAscii(String key) {
        assertThat(IdempotencyKeys.validate(key)).isEqualTo(key);
    }

    @Test
    void acceptsUpTo255Characters() {
        assertThat(IdempotencyKeys.validate("k".repeat(255))).hasSize(255);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "caf\u00e9", "tab\there", "new\nline", "\u007f"})
    void rejectsEmptyOrNonPrintableKeys(String key) {
        assertRejected(key);
    }

    @Test
    void rejectsKeysLongerThan255Characters() {
        assertRejected("k".repeat(256));
    }

    @Test
    void derivesTheSameWellFormedIdForTheSameOrganisationAndKey() {
        String id = IdempotencyKeys.aggregateId(Ids.SITE, "org_1", "key-1");

        assertThat(Ids.SITE.matches(id)).isTrue();
        assertThat(IdempotencyKeys.aggregateId(Ids.SITE, "org_1", "key-1")).isEqualTo(id);
    }

    @Test
    void derivesDifferentIdsForOtherKeysOrOrganisations() {
        String id = IdempotencyKeys.aggregateId(Ids.SITE, "org_1", "key-1");

        assertThat(IdempotencyKeys.aggregateId(Ids.SITE, "org_1", "key-2")).isNotEqualTo(id);
        assertThat(IdempotencyKeys.aggregateId(Ids.SITE, "org_2", "key-1")).isNotEqualTo(id);
        // The separator tells "org_1" + "key-1" from "org_1k" + "ey-1".
        assertThat(IdempotencyKeys.aggregateId(Ids.SITE, "org_1k", "ey-1")).isNotEqualTo(id);
    }

    @Test
    void isTheUlidOfTheFirst16BytesOfTheSha256() {
        // Pinned: changing the derivation would let a repeated request after an upgrade create a second site.
        // Computed independently: Crockford base32 of SHA-256("org_1\nkey-1")[0..16).
        assertThat(IdempotencyKeys.aggregateId(Ids.SITE, "org_1", "key-1"))
                .isEqualTo("site_783JSEKS6XPSN9MS85XPQ7XR7A");
    }

    @Test
    void marksAnAnswerReplayedWhenAnEarlierRequestCreatedTheResource() {
        Instant issuedAt = Instant.parse("2024-06-01T09:00:00.123Z");
        Response.ResponseBuilder first = Response.status(201);
        Response.ResponseBuilder repeat = Response.status(201);

        IdempotencyKeys.markReplayed(first, issuedAt, issuedAt);
        IdempotencyKeys.markReplayed(repeat, issuedAt.minusSeconds(5), issuedAt);

        assertThat(first.build().getHeaderString("Idempotent-Replayed")).isNull();
        assertThat(repeat.build().getHeaderString("Idempotent-Replayed")).isEqualTo("true");
    }

    private static void assertRejected(String key) {
        assertThatThrownBy(() -> IdempotencyKeys.validate(key))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().errors()).extracting(FieldError::field).containsExactly("Idempotency-Key");
                });
    }
}
