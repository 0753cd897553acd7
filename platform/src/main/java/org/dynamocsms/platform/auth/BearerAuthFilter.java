package org.dynamocsms.platform.auth;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.auth.ApiKey;

/** Every {@code /api/} and {@code /admin/} request needs {@code Authorization: Bearer <key>} of a live key. */
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
        caller.authenticate(key.get().getOrganisationId(), key.get().getScopes());
    }
}
