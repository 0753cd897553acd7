package org.dynamocsms.platform.auth;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.dynamocsms.schemas.auth.Scope;

/**
 * Every {@code /api/} and {@code /admin/} request needs {@code Authorization: Bearer <key>} of a live key whose
 * scope allows it: {@code read} for a GET or HEAD under {@code /api/}, {@code write} for any other method there,
 * {@code operator} for anything under {@code /admin/}. The one place where scopes are checked.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthFilter implements ContainerRequestFilter {

    private static final String SCHEME = "Bearer ";

    @Inject
    ApiKeyDirectory directory;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (!relative.startsWith("api/") && !relative.startsWith("admin/")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<ApiKey> key = header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                ? directory.find(header.substring(SCHEME.length()).trim())
                : Optional.empty();
        if (key.isEmpty()) {
            request.abortWith(ProblemException.unauthorized().toResponse());
            return;
        }
        Scope needed = relative.startsWith("admin/") ? Scope.OPERATOR
                : request.getMethod().equals(HttpMethod.GET) || request.getMethod().equals(HttpMethod.HEAD) ? Scope.READ
                : Scope.WRITE;
        if (!Scope.granted(key.get().getScopes()).map(granted -> granted.allows(needed)).orElse(false)) {
            request.abortWith(ProblemException.forbidden(needed.text()).toResponse());
            return;
        }
        caller.authenticate(key.get().getOrganisationId(), ApiKeys.keyId(key.get()), key.get().getKeyHash());
    }
}
