package org.dynamocsms.platform.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.platform.kafka.TopicMirror;
import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.dynamocsms.schemas.auth.Organisation;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Every API key and organisation, read from the compacted {@code csms.api-keys} and {@code csms.organisations}
 * topics into memory and kept current by background consumers (a revoked key is refused as soon as its record
 * arrives). Lookups wait (bounded) until both topics have been read once to their end, so a service that just
 * started never rejects a valid key.
 */
@ApplicationScoped
public class ApiKeyDirectory {

    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    @Inject
    KafkaClients kafka;

    private final AccessState state = new AccessState();
    private TopicMirror<ApiKey> keys;
    private TopicMirror<Organisation> organisations;

    @PostConstruct
    void start() {
        keys = TopicMirror.start(kafka, Topics.API_KEYS, state::applyKey);
        organisations = TopicMirror.start(kafka, Topics.ORGANISATIONS, state::applyOrganisation);
    }

    @PreDestroy
    void stop() {
        keys.close();
        organisations.close();
    }

    /** The live (not revoked) key record for {@code bearerKey}, if any. */
    public Optional<ApiKey> find(String bearerKey) {
        return live(ApiKeys.hash(bearerKey));
    }

    /** The live (not revoked) key record of the secret whose hash is {@code hash}, if any. */
    public Optional<ApiKey> live(String hash) {
        return caughtUp().byHash(hash).filter(key -> key.getRevokedAt() == null);
    }

    /** Publishes {@code key} and returns once this directory knows it. */
    public void register(ApiKey key) {
        try (KafkaProducer<String, ApiKey> producer = kafka.producer(Topics.API_KEYS)) {
            producer.send(new ProducerRecord<>(Topics.API_KEYS.name(), key.getKeyHash(), key)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register API key " + key.getName(), e);
        }
        awaitUntil(() -> state.byHash(key.getKeyHash()).isPresent());
    }

    /** The record of the secret whose hash is {@code hash}, revoked or not. */
    public Optional<ApiKey> byHash(String hash) {
        return caughtUp().byHash(hash);
    }

    /** True once any key exists; the standalone creates a first key when there is none. */
    public boolean isEmpty() {
        return caughtUp().hasNoKeys();
    }

    /** Every organisation: created ones and those that only have keys, oldest first. */
    public List<Organisation> organisations() {
        return caughtUp().organisations();
    }

    public Optional<Organisation> organisation(String organisationId) {
        return caughtUp().organisation(organisationId);
    }

    /** The organisation's keys, each by its live secret's record (the last revoked one if none is live). */
    public List<ApiKey> keys(String organisationId) {
        return caughtUp().keys(organisationId);
    }

    /** The organisation's key {@code keyId}, as {@link #keys} shows it. */
    public Optional<ApiKey> key(String organisationId, String keyId) {
        return caughtUp().key(organisationId, keyId);
    }

    /**
     * Waits until {@code known} holds (a change this process wrote has arrived here), at most as long as a start's
     * catch-up; false if it still does not.
     */
    public boolean awaitUntil(BooleanSupplier known) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (!known.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private AccessState caughtUp() {
        keys.awaitCatchUp(CATCH_UP);
        organisations.awaitCatchUp(CATCH_UP);
        return state;
    }
}
