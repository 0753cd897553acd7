package org.dynamocsms.platform.problem;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** A request that cannot be served, answered as problem+json with its status. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** 400 naming every invalid field. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.detail()).reduce((a, b) -> a + "; " + b)
                .orElse("The request is invalid.");
        return new ProblemException(400, "Invalid request", detail, errors);
    }

    public static ProblemException invalid(String field, String detail) {
        return invalid(List.of(new Problem.FieldError(field, detail)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not found", what + " does not exist.");
    }

    public static ProblemException unauthorized() {
        return new ProblemException(401, "Unauthorized",
                "Send a valid API key as 'Authorization: Bearer <key>'.");
    }

    /** 403: the caller's API key lacks {@code scope} (or a scope implying it). */
    public static ProblemException forbidden(String scope) {
        return new ProblemException(403, "Forbidden", "This request needs an API key with the scope '" + scope
                + "' (or one implying it).");
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return new Problem("about:blank", title, status, getMessage(), errors);
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem());
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }
}
