package org.dynamocsms.platform.auth;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.dynamocsms.schemas.auth.Organisation;

/**
 * What {@link ApiKeyDirectory} knows: every key record (by hash) and every created organisation (by id), and how an
 * operator sees them. A rotated key has a record per secret under one key id: the live one stands for it. An
 * organisation that only has keys (made at start or before organisations existed) exists too, without a name.
 */
final class AccessState {

    private static final Comparator<ApiKey> NEWEST_REVOCATION_LAST =
            Comparator.comparing(ApiKey::getRevokedAt, Comparator.nullsLast(Comparator.naturalOrder()));

    private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();
    private final Map<String, Organisation> organisations = new ConcurrentHashMap<>();

    /** Applies a record of csms.api-keys; null deletes. */
    void applyKey(String hash, ApiKey key) {
        if (key == null) {
            byHash.remove(hash);
        } else {
            byHash.put(hash, key);
        }
    }

    /** Applies a record of csms.organisations; null deletes. */
    void applyOrganisation(String organisationId, Organisation organisation) {
        if (organisation == null) {
            organisations.remove(organisationId);
        } else {
            organisations.put(organisationId, organisation);
        }
    }

    /** The record of the secret with {@code hash}, revoked or not. */
    Optional<ApiKey> byHash(String hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    boolean hasNoKeys() {
        return byHash.isEmpty();
    }

    /** Every organisation, oldest first. */
    List<Organisation> organisations() {
        Map<String, Organisation> all = byHash.values().stream().collect(Collectors.toMap(ApiKey::getOrganisationId,
                AccessState::keyOnly, BinaryOperator.minBy(Comparator.comparing(Organisation::getCreatedAt))));
        all.putAll(organisations);
        return all.values().stream()
                .sorted(Comparator.comparing(Organisation::getCreatedAt).thenComparing(Organisation::getOrganisationId))
                .toList();
    }

    Optional<Organisation> organisation(String organisationId) {
        Organisation created = organisations.get(organisationId);
        return created != null ? Optional.of(created)
                : keyRecords(organisationId).map(AccessState::keyOnly).min(Comparator.comparing(Organisation::getCreatedAt));
    }

    /** The organisation's keys, each as its live secret's record (or its last revoked one), oldest first. */
    List<ApiKey> keys(String organisationId) {
        return keyRecords(organisationId)
                .collect(Collectors.toMap(ApiKeys::keyId, key -> key, BinaryOperator.maxBy(NEWEST_REVOCATION_LAST)))
                .values().stream()
                .sorted(Comparator.comparing(ApiKey::getCreatedAt).thenComparing(ApiKeys::keyId))
                .toList();
    }

    /** The organisation's key {@code keyId}, as {@link #keys} shows it. */
    Optional<ApiKey> key(String organisationId, String keyId) {
        return keys(organisationId).stream().filter(key -> ApiKeys.keyId(key).equals(keyId)).findFirst();
    }

    private Stream<ApiKey> keyRecords(String organisationId) {
        return byHash.values().stream().filter(key -> key.getOrganisationId().equals(organisationId));
    }

    /** An organisation known only by its keys: no name, created with its first key. */
    private static Organisation keyOnly(ApiKey key) {
        return Organisation.newBuilder().setOrganisationId(key.getOrganisationId()).setName("")
                .setCreatedAt(key.getCreatedAt()).setCreatedBy(null).build();
    }
}
