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

    void authenticate(String organisationId, String keyId) {
        this.organisationId = organisationId;
        this.keyId = keyId;
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

    /** The id of the caller's API key: who made a change. */
    public String keyId() {
        organisationId();
        return keyId;
    }
}
