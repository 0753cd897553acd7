package org.dynamocsms.query;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A read takes the query parameters its resource method declares ({@code @QueryParam} on its parameters, and on
 * the fields of its class and of any {@code @BeanParam}), and no other: an unknown one is most likely a misspelt
 * filter, and ignoring it would answer the unfiltered list. 400 naming each, saying which are accepted. Only GETs:
 * writes take their input in the body. After authentication, and before the values are checked (priority USER),
 * as an unknown parameter's value does not matter.
 */
public class KnownQueryParameters {

    private static final Map<Method, Set<String>> ACCEPTED = new ConcurrentHashMap<>();

    @ServerRequestFilter(priority = Priorities.USER - 1)
    public Optional<Response> refuseUnknown(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !method.isAnnotationPresent(GET.class)) {
            return Optional.empty();
        }
        Set<String> accepted = ACCEPTED.computeIfAbsent(method,
                key -> accepted(key, resource.getResourceClass()));
        return check(accepted, request.getUriInfo().getQueryParameters().keySet())
                .map(ProblemException::toResponse);
    }

    /** The query parameters a resource method of {@code resourceClass} reads, in the order they are declared. */
    static Set<String> accepted(Method method, Class<?> resourceClass) {
        Set<String> names = new LinkedHashSet<>();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            for (var annotation : method.getParameterAnnotations()[i]) {
                if (annotation instanceof QueryParam query) {
                    names.add(query.value());
                } else if (annotation instanceof BeanParam) {
                    fields(types[i], names);
                }
            }
        }
        fields(resourceClass, names);
        return names;
    }

    /** 400 naming each of {@code given} that is not {@code accepted}, in name order; empty if there is none. */
    static Optional<ProblemException> check(Set<String> accepted, Collection<String> given) {
        if (accepted.containsAll(given)) {
            return Optional.empty();
        }
        String detail = "not a query parameter here; " + (accepted.isEmpty() ? "none is accepted"
                : "accepted: " + String.join(", ", accepted));
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String name : new TreeSet<>(given)) {
            if (!accepted.contains(name)) {
                errors.add(new Problem.FieldError(name, detail));
            }
        }
        return Optional.of(ProblemException.invalid(errors));
    }

    private static void fields(Class<?> type, Set<String> names) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                QueryParam query = field.getAnnotation(QueryParam.class);
                if (query != null) {
                    names.add(query.value());
                } else if (field.isAnnotationPresent(BeanParam.class)) {
                    fields(field.getType(), names);
                }
            }
        }
    }
}
