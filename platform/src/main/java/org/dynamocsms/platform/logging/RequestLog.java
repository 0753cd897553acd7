package org.dynamocsms.platform.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.charger.ChargePointIds;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * One line per HTTP request, in category {@value #CATEGORY} at INFO (set it to WARN to silence them): method, path
 * (without its query), status and duration, with the request's correlation id, its organisation (once its API key
 * is known) and the charger its path names. The correlation id is the request's {@value #HEADER} if that is a
 * safe token ({@link #requestId}), else a new {@code req_} id; it is answered in the same header. The ids are in the
 * MDC of every line logged while the request is served (Quarkus keeps the MDC per request). Runs ahead of every
 * other route, so that requests the HTTP layer refuses (414, 431...) are logged too. Headers, bodies and query
 * strings are never logged: they may carry keys and passwords.
 */
@ApplicationScoped
public class RequestLog {

    public static final String CATEGORY = "csms.request";
    public static final String HEADER = "X-Request-Id";
    /** The longest path logged; longer ones are cut (the API answers them 414 above csms.http.max-uri-length). */
    static final int MAX_PATH = 512;
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** The charger of /api/v1/cpo/chargers/{id}/..., /api/v1/sites/{site}/chargers/{id}/... and /ocpp/{id}. */
    private static final Pattern CHARGER_PATH = Pattern.compile("^(?:/ocpp|.*/chargers)/([^/]+)");
    /** Where the organisation waits in the routing context for the request's line. */
    private static final String ORGANISATION = RequestLog.class.getName() + ".organisation";
    /** Ahead of HttpProblems's checks of the URI and headers. */
    private static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 3;

    @Inject
    Caller caller;

    void route(@Observes Router router) {
        router.route().order(ORDER).handler(RequestLog::begin);
    }

    private static void begin(RoutingContext context) {
        long start = System.nanoTime();
        HttpServerRequest request = context.request();
        String requestId = requestId(request.getHeader(HEADER));
        String chargerId = chargerId(request.path());
        context.response().putHeader(HEADER, requestId);
        MDC.put(LogContext.REQUEST_ID, requestId);
        if (chargerId != null) {
            MDC.put(LogContext.CHARGER_ID, chargerId);
        }
        context.addEndHandler(ended -> {
            if (LOG.isInfoEnabled()) {
                log(context, requestId, chargerId, (System.nanoTime() - start) / 1_000_000);
            }
        });
        context.next();
    }

    private static void log(RoutingContext context, String requestId, String chargerId, long millis) {
        String method = context.request().method().name();
        String path = path(context.request().path());
        String status = Integer.toString(context.response().getStatusCode());
        String organisationId = context.get(ORGANISATION);
        try (LogContext ignored = LogContext.with(LogContext.REQUEST_ID, requestId,
                LogContext.ORGANISATION_ID, organisationId, LogContext.CHARGER_ID, chargerId,
                LogContext.HTTP_METHOD, method, LogContext.HTTP_PATH, path, LogContext.HTTP_STATUS, status,
                LogContext.DURATION_MS, Long.toString(millis))) {
            LOG.info(line(method, path, status, millis, requestId, organisationId, chargerId));
        }
    }

    /**
     * The request's line, built as a plain string: a printf pattern would be parsed again for every request, which
     * was about 40 % of this log's CPU in a profile of the reads benchmark.
     */
    static String line(String method, String path, String status, long millis, String requestId,
                       String organisationId, String chargerId) {
        return method + ' ' + path + ' ' + status + ' ' + millis + " ms request=" + requestId + " organisation="
                + dash(organisationId) + " charger=" + dash(chargerId);
    }

    /** Once the API key is known (after BearerAuthFilter), its organisation joins the request's MDC and line. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 1)
    void authenticated(RoutingContext context) {
        caller.organisation().ifPresent(organisationId -> {
            MDC.put(LogContext.ORGANISATION_ID, organisationId);
            context.put(ORGANISATION, organisationId);
        });
    }

    /** {@code header} if it is 1 to 128 letters, digits and {@code . _ : -}; else a new {@code req_} id. */
    static String requestId(String header) {
        return header != null && SAFE_ID.matcher(header).matches() ? header : Ids.REQUEST.next();
    }

    /** The charge point id the (raw) path names, if it is a valid one; else null. */
    static String chargerId(String path) {
        Matcher matcher = CHARGER_PATH.matcher(path == null ? "" : path);
        return matcher.find() && ChargePointIds.isValid(matcher.group(1)) ? matcher.group(1) : null;
    }

    /** The raw path (never decoded, so it cannot break the line), cut at {@value #MAX_PATH} characters. */
    static String path(String path) {
        return path.length() <= MAX_PATH ? path : path.substring(0, MAX_PATH) + "...";
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
