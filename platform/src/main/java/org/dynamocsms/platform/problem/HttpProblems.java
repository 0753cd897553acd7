package org.dynamocsms.platform.problem;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the HTTP layer refuses before a resource is chosen is answered as problem+json too: a malformed or too long
 * URI (400, 414), too large header fields (431), a body over {@code quarkus.http.limits.max-body-size} (413, with
 * or without a Content-Length), and any other failure of a Vert.x route. Quarkus's own answers to these are bare.
 * <p>
 * Netty refuses a request line or header block over {@code quarkus.http.limits.max-initial-line-length} /
 * {@code max-header-size} before any hook of Quarkus or Vert.x sees the request (a bare 414 or 431, connection
 * closed). Those transport limits are therefore set well above the API's own, enforced here.
 */
@ApplicationScoped
public class HttpProblems {

    private static final Logger LOG = Logger.getLogger(HttpProblems.class);

    /** Ahead of Quarkus's own body size check, which answers a bare 413. */
    private static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2;

    @ConfigProperty(name = "csms.http.max-uri-length", defaultValue = "8192")
    int maxUriLength;

    @ConfigProperty(name = "csms.http.max-header-size", defaultValue = "20K")
    MemorySize maxHeaderSize;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Inject
    ObjectMapper json;

    void route(@Observes Router router) {
        router.route().order(ORDER).handler(this::admit).failureHandler(this::failed);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodySize.asLongValue())
                .setMergeFormAttributes(false);
        router.route().order(ORDER + 1).handler(context -> {
            // Read here only the HTTP/1.x bodies whose size is not known before (chunked) or known to be too large:
            // a WebSocket upgrade may announce an empty body, which must not be read before the handshake, and an
            // HTTP/2 stream (an h2c upgrade, as Java's HttpClient makes by default) or an empty body read here
            // could no longer be read by the resource.
            HttpServerRequest request = context.request();
            long declared = declaredLength(request);
            if (request.version() == HttpVersion.HTTP_2 || request.headers().contains(HttpHeaders.UPGRADE)
                    || (declared >= 0 && declared <= maxBodySize.asLongValue())) {
                context.next();
            } else {
                body.handle(context);
            }
        });
        // A body read above but empty is left null by Vert.x, and the resource would wait to read it again.
        router.route().order(ORDER + 2).handler(context -> {
            if (context.body().available() && context.body().buffer() == null) {
                ((RoutingContextInternal) context).setBody(Buffer.buffer());
            }
            context.next();
        });
    }

    private void admit(RoutingContext context) {
        String uri = context.request().uri();
        if (uri.length() > maxUriLength) {
            answer(context, 414, "The request URI must be at most " + maxUriLength + " characters.");
        } else if (headerBytes(context.request().headers()) > maxHeaderSize.asLongValue()) {
            answer(context, 431, "The request's header fields must be at most " + maxHeaderSize.asLongValue()
                    + " bytes in all.");
        } else if (malformed(uri)) {
            answer(context, 400, "The request URI is malformed (e.g. a '%' not followed by two hex digits).");
        } else {
            context.next();
        }
    }

    /** The request's Content-Length, or -1 without a valid one. */
    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Quarkus makes the same check before routing unless {@code -Dvertx.disableURIValidation=true} leaves it to us. */
    private static boolean malformed(String uri) {
        try {
            new URI(uri);
            return false;
        } catch (URISyntaxException e) {
            return true;
        }
    }

    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private void failed(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        int status = context.statusCode() == -1 ? 500 : context.statusCode();
        if (status >= 500) {
            LOG.error("Unexpected failure", context.failure());
        }
        String detail = status == 413
                ? "The request body must be at most " + maxBodySize.asLongValue() + " bytes."
                : status < 500 && context.failure() != null && context.failure().getMessage() != null
                        ? context.failure().getMessage()
                        : status < 500 ? "The request cannot be served." : "The request could not be completed.";
        answer(context, status, detail);
    }

    /** Closes the connection after answering a request whose body was not read, so it is not taken for the next. */
    private void answer(RoutingContext context, int status, String detail) {
        Problem problem = new ProblemException(status, HttpResponseStatus.valueOf(status).reasonPhrase(), detail)
                .problem();
        HttpServerResponse response = context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (!context.request().isEnded()) {
            // added, not set on the response: that would replace the other end handlers (the request's log line)
            response.putHeader(HttpHeaders.CONNECTION, "close");
            context.addEndHandler(ended -> context.request().connection().close());
        }
        try {
            response.end(Buffer.buffer(json.writeValueAsBytes(problem)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
