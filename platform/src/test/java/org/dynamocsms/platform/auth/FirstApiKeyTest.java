package org.dynamocsms.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FirstApiKeyTest {

    private final KnownKeys keys = new KnownKeys();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeEach
    void captureConsole() {
        stdout = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreConsole() {
        System.setOut(stdout);
    }

    @Test
    void aFreshSystemGetsAnOperatorKeyForANewOrganisationPrintedOnce() {
        bootstrap(Optional.empty(), true);

        assertThat(keys.byHash).hasSize(1);
        ApiKey key = keys.byHash.values().iterator().next();
        assertThat(Ids.ORGANISATION.matches(key.getOrganisationId())).isTrue();
        assertThat(key.getScopes()).containsExactly(ApiKeys.OPERATOR_SCOPE);
        String printed = printedKey();
        assertThat(ApiKeys.hash(printed)).isEqualTo(key.getKeyHash());
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("it will not be shown again");

        console.reset();
        bootstrap(Optional.empty(), true);
        assertThat(keys.byHash).hasSize(1);
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aConfiguredKeyIsRegisteredOnceForTheConfiguredOrganisationAndNeverPrinted() {
        String configured = ApiKeys.generate();
        ApiKey other = ApiKeys.record(ApiKeys.generate(), "org_other", "other", List.of(), Instant.now());
        keys.byHash.put(other.getKeyHash(), other);

        bootstrap(Optional.of(configured), true);
        bootstrap(Optional.of(configured), true);

        assertThat(keys.find(configured)).hasValueSatisfying(key -> {
            assertThat(key.getOrganisationId()).isEqualTo("org_acme");
            assertThat(key.getScopes()).containsExactly(ApiKeys.OPERATOR_SCOPE);
        });
        assertThat(keys.registrations).isEqualTo(1);
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(configured);
    }

    @Test
    void disabledDoesNothing() {
        bootstrap(Optional.empty(), false);

        assertThat(keys.byHash).isEmpty();
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private void bootstrap(Optional<String> configuredKey, boolean enabled) {
        FirstApiKey firstApiKey = new FirstApiKey();
        firstApiKey.directory = keys;
        firstApiKey.enabled = enabled;
        firstApiKey.configuredKey = configuredKey;
        firstApiKey.configuredOrganisation = "org_acme";
        firstApiKey.ensureAKeyExists();
    }

    private String printedKey() {
        return console.toString(StandardCharsets.UTF_8).lines()
                .map(String::trim)
                .filter(line -> line.startsWith(ApiKeys.PREFIX))
                .findFirst()
                .orElseThrow();
    }

    /** The directory's contract without its Kafka topic. */
    private static final class KnownKeys extends ApiKeyDirectory {
        final Map<String, ApiKey> byHash = new HashMap<>();
        int registrations;

        @Override
        public Optional<ApiKey> find(String bearerKey) {
            return Optional.ofNullable(byHash.get(ApiKeys.hash(bearerKey)));
        }

        @Override
        public void register(ApiKey key) {
            registrations++;
            byHash.put(key.getKeyHash(), key);
        }

        @Override
        public boolean isEmpty() {
            return byHash.isEmpty();
        }
    }
}
