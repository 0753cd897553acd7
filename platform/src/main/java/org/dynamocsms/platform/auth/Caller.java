package org.dynamocsms.platform.auth;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.dynamocsms.platform.problem.ProblemException;

/**
 * Who is calling: the organisation and id of the request's API key, set by {@link BearerAuthFilter} once the key's
 * scope allows the request.
 */
@RequestScoped
public class Caller {

    private String organisationId;
    private String keyId;
    private String keyHash;

    void authenticate(String organisationId, String keyId, String keyHash) {
        this.organisationId = organisationId;
        this.keyId = keyId;
        this.keyHash = keyHash;
    }

    public String organisationId() {
        if (organisationId == null) {
            throw ProblemException.unauthorized();
        }
        return organisationId;
    }

    /** The organisation, if the request was authenticated (e.g. for its log line); empty otherwise. */
    public Optional<String> organisation() {
        return Optional.ofNullable(organisationId);
    }

    /**
     * The hash of the caller's secret, by which an answer that outlives its request (a stream) asks
     * {@link ApiKeyDirectory#live} whether the key still holds.
     */
    public String keyHash() {
        organisationId();
        return keyHash;
    }

    /** The id of the caller's API key: who made a change. */
    public String keyId() {
        organisationId();
        return keyId;
    }
}
