package org.dynamocsms.platform.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes sure a fresh system can be used: registers the operator key given in {@code csms.bootstrap.api-key}, or,
 * when no key exists at all, creates one for a new organisation and prints it once. Off unless
 * {@code csms.bootstrap.enabled=true}; one deployable per system switches it on (the standalone does).
 */
@Startup
@ApplicationScoped
public class FirstApiKey {

    private static final Logger LOG = Logger.getLogger(FirstApiKey.class);
    private static final String NAME = "bootstrap";

    @Inject
    ApiKeyDirectory directory;

    @ConfigProperty(name = "csms.bootstrap.enabled", defaultValue = "false")
    boolean enabled;

    @ConfigProperty(name = "csms.bootstrap.api-key")
    Optional<String> configuredKey;

    @ConfigProperty(name = "csms.bootstrap.organisation-id", defaultValue = "org_default")
    String configuredOrganisation;

    @PostConstruct
    void ensureAKeyExists() {
        if (!enabled) {
            return;
        }
        if (configuredKey.isPresent()) {
            if (directory.find(configuredKey.get()).isEmpty()) {
                register(configuredKey.get(), configuredOrganisation);
                LOG.infof("Registered the configured API key for organisation %s", configuredOrganisation);
            }
        } else if (directory.isEmpty()) {
            String key = ApiKeys.generate();
            String organisation = Ids.ORGANISATION.next();
            register(key, organisation);
            LOG.infof("Created the first API key, for organisation %s", organisation);
            System.out.println(banner(key, organisation));
        }
    }

    private void register(String key, String organisation) {
        directory.register(ApiKeys.record(key, organisation, NAME, List.of(ApiKeys.OPERATOR_SCOPE), Instant.now()));
    }

    // the key goes to stdout only, not through the logger into log files
    private static String banner(String key, String organisation) {
        String rule = "=".repeat(78);
        return String.join(System.lineSeparator(),
                "", rule,
                "  First API key (operator) for organisation " + organisation + ":",
                "",
                "    " + key,
                "",
                "  Store it now: it will not be shown again. Use it as",
                "    Authorization: Bearer " + key,
                rule, "");
    }
}
