package org.dynamocsms.platform.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.dynamocsms.schemas.values.Storable;

/**
 * Path ids and query parameters that no record can hold ({@link Storable#text}) never reach a resource. Such an
 * id names nothing: 404 like an unknown id. Such a query parameter is a client error: 400 naming it. Runs after authentication, so a caller without a key learns nothing from the path.
 */
@Provider
@Priority(Priorities.USER)
public class UnstorableParametersFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        for (Map.Entry<String, List<String>> parameter : path.entrySet()) {
            if (!parameter.getValue().stream().allMatch(UnstorableParametersFilter::storable)) {
                request.abortWith(ProblemException.notFound("The " + parameter.getKey() + " in the path")
                        .toResponse());
                return;
            }
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        request.getUriInfo().getQueryParameters().forEach((name, values) -> values.stream()
                .map(Storable::text).flatMap(Optional::stream).findFirst()
                .ifPresent(reason -> errors.add(new Problem.FieldError(name, reason))));
        if (!errors.isEmpty()) {
            request.abortWith(ProblemException.invalid(errors).toResponse());
        }
    }

    private static boolean storable(String text) {
        return Storable.text(text).isEmpty();
    }
}
