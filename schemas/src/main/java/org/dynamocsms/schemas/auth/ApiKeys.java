package org.dynamocsms.schemas.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * API keys are 256 random bits; only their SHA-256 is stored (a slow password hash adds nothing for keys of
 * that entropy, and lookups stay O(1)).
 */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String PREFIX = "csk_";
    /** Scope of keys that may run operator endpoints (replays). */
    public static final String OPERATOR_SCOPE = "operator";

    private ApiKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The record that registers {@code key} for {@code organisationId}; publish it keyed by its key_hash. */
    public static ApiKey record(String key, String organisationId, String name, List<String> scopes, Instant now) {
        return ApiKey.newBuilder()
                .setKeyHash(hash(key))
                .setOrganisationId(organisationId)
                .setName(name)
                .setScopes(scopes)
                .setCreatedAt(now)
                .build();
    }
}
