package org.dynamocsms.query.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The dashboard's pages run only what they are served with, from here (ECharts sets inline styles), and no other
 * site may frame them. Not {@code quarkus.http.header}: its route matches a path pattern, which fails on a malformed
 * URI before {@code HttpProblems} can answer it as problem+json; this route has no pattern and runs after it.
 */
@ApplicationScoped
public class DashboardHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final String PAGES = "/dashboard/";

    void route(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(DashboardHeaders::secure);
    }

    private static void secure(RoutingContext context) {
        if (context.request().path().startsWith(PAGES)) {
            context.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        context.next();
    }
}
