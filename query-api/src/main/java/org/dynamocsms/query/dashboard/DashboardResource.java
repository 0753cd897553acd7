package org.dynamocsms.query.dashboard;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The operator dashboard is static (META-INF/resources/dashboard, served by Quarkus) and calls the API from the
 * browser; this only sends the service's root and {@code /dashboard} to its page, whose relative links need the
 * trailing slash.
 */
@Path("/")
public class DashboardResource {

    static final URI PAGE = URI.create("/dashboard/");

    @GET
    @Operation(hidden = true)
    public Response root() {
        return Response.seeOther(PAGE).build();
    }

    @GET
    @Path("/dashboard")
    @Operation(hidden = true)
    public Response dashboard() {
        return Response.seeOther(PAGE).build();
    }
}
