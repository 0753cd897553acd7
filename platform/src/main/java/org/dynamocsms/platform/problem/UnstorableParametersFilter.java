package org.dynamocsms.platform.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * Path ids and query parameters that no record can hold (a NUL, a lone surrogate: PostgreSQL and Avro refuse them)
 * never reach a resource. Such an id names nothing: 404 like an unknown id. Such a query parameter is a client
 * error: 400 naming it. Runs after authentication, so a caller without a key learns nothing from the path.
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
        request.getUriInfo().getQueryParameters().forEach((name, values) -> {
            if (!values.stream().allMatch(UnstorableParametersFilter::storable)) {
                errors.add(new Problem.FieldError(name, "must not contain NUL or lone surrogates"));
            }
        });
        if (!errors.isEmpty()) {
            request.abortWith(ProblemException.invalid(errors).toResponse());
        }
    }

    /** Text without NUL or lone surrogates. */
    private static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
