package org.dynamocsms.platform.auth;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.auth.ApiKeys;

/** Who is calling: the organisation (and scopes) of the request's API key, set by {@link BearerAuthFilter}. */
@RequestScoped
public class Caller {

    private String organisationId;
    private List<String> scopes = List.of();

    void authenticate(String organisationId, List<String> scopes) {
        this.organisationId = organisationId;
        this.scopes = List.copyOf(scopes);
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

    /** Fails with 403 unless the key has the operator scope. */
    public void requireOperator() {
        organisationId();
        if (!scopes.contains(ApiKeys.OPERATOR_SCOPE)) {
            throw new ProblemException(403, "Forbidden", "This API key may not run operator endpoints.");
        }
    }
}
