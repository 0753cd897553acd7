package org.dynamocsms.schemas.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.dynamocsms.schemas.Ids;

/**
 * API keys are 256 random bits; only their SHA-256 is stored (a slow password hash adds nothing for keys of
 * that entropy, and lookups stay O(1)).
 */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String PREFIX = "csk_";
    /** Scope of keys that may run operator endpoints (replays, organisations and keys). */
    public static final String OPERATOR_SCOPE = Scope.OPERATOR.text();
    /** How many hex digits of its hash a key made before ids gets as its id: 64 bits, unique among any keys. */
    private static final int DERIVED_ID_DIGITS = 16;

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

    /** The id of {@code key}: its own, or for a key made before ids, one derived from its hash (stable). */
    public static String keyId(ApiKey key) {
        return key.getKeyId().isEmpty() ? Ids.API_KEY.prefix() + key.getKeyHash().substring(0, DERIVED_ID_DIGITS)
                : key.getKeyId();
    }

    /** The record that registers {@code key} for {@code organisationId}; publish it keyed by its key_hash. */
    public static ApiKey record(String key, String organisationId, String name, List<String> scopes, Instant now) {
        return ApiKey.newBuilder()
                .setKeyHash(hash(key))
                .setOrganisationId(organisationId)
                .setName(name)
                .setScopes(scopes)
                .setCreatedAt(now)
                .setKeyId(Ids.API_KEY.next())
                .build();
    }
}
