package org.dynamocsms.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BearerAuthFilterTest {

    private final Map<String, ApiKey> keys = new HashMap<>();
    private final BearerAuthFilter filter = new BearerAuthFilter();
    private final Caller caller = new Caller();

    BearerAuthFilterTest() {
        filter.directory = new ApiKeyDirectory() {
            @Override
            public Optional<ApiKey> find(String bearerKey) {
                return Optional.ofNullable(keys.get(bearerKey)).filter(key -> key.getRevokedAt() == null);
            }
        };
        filter.caller = caller;
    }

    @ParameterizedTest(name = "{0} {1} with scopes [{2}] → {3}")
    @CsvSource(delimiter = '|', value = {
            "GET    | api/v1/sites              | read     | 200",
            "HEAD   | api/v1/sites              | read     | 200",
            "POST   | api/v1/sites              | read     | 403",
            "PATCH  | api/v1/sites/s            | read     | 403",
            "PUT    | api/v1/x                  | read     | 403",
            "DELETE | api/v1/sites/s            | read     | 403",
            "GET    | admin/replays/all         | read     | 403",
            "POST   | api/v1/sites              | write    | 200",
            "DELETE | api/v1/sites/s            | write    | 200",
            "GET    | admin/organisations       | write    | 403",
            "POST   | admin/organisations       | write    | 403",
            "GET    | admin/organisations       | operator | 200",
            "DELETE | admin/organisations/o/api-keys/k | operator | 200",
            "POST   | api/v1/sites              | operator | 200",
            "POST   | api/v1/sites              | ''       | 200",
            "GET    | admin/replays/all         | ''       | 403",
            "GET    | api/v1/sites              | bogus    | 403",
            "GET    | api/v1/sites              | read;write | 200",
            "GET    | admin/replays/all         | read;operator | 200"})
    void theKeysScopeDecidesAtTheDoor(String method, String path, String scopes, int status) {
        String key = key(scopes.isEmpty() ? List.of() : List.of(scopes.split(";")), null);

        Optional<Response> refused = filter(method, "/" + path, key);

        if (status == 200) {
            assertThat(refused).isEmpty();
            assertThat(caller.organisationId()).isEqualTo("org_acme");
            assertThat(caller.keyId()).isEqualTo(ApiKeys.keyId(keys.get(key)));
        } else {
            assertThat(refused).hasValueSatisfying(response -> {
                assertThat(response.getStatus()).isEqualTo(status);
                assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
                String needed = path.startsWith("admin/") ? "operator" : method.equals("GET") ? "read" : "write";
                assertThat(((Problem) response.getEntity()).detail()).contains("'" + needed + "'");
            });
        }
    }

    @Test
    void aMissingUnknownOrRevokedKeyIsUnauthorised() {
        String revoked = key(List.of("operator"), Instant.now());

        assertThat(filter("GET", "/api/v1/sites", null)).hasValueSatisfying(r -> assertThat(r.getStatus()).isEqualTo(401));
        assertThat(filter("GET", "/api/v1/sites", "csk_unknown"))
                .hasValueSatisfying(r -> assertThat(r.getStatus()).isEqualTo(401));
        assertThat(filter("GET", "/admin/organisations", revoked))
                .hasValueSatisfying(r -> assertThat(r.getStatus()).isEqualTo(401));
    }

    @Test
    void otherPathsNeedNoKey() {
        assertThat(filter("GET", "/q/openapi", null)).isEmpty();
        assertThat(filter("POST", "/ocpp/CP-1", null)).isEmpty();
    }

    private String key(List<String> scopes, Instant revokedAt) {
        String secret = ApiKeys.generate();
        ApiKey key = ApiKeys.record(secret, "org_acme", "test", scopes, Instant.now());
        key.setRevokedAt(revokedAt);
        keys.put(secret, key);
        return secret;
    }

    /** Runs the filter on a request; the answer it aborted with, if any. */
    private Optional<Response> filter(String method, String path, String key) {
        Response[] aborted = new Response[1];
        UriInfo uri = proxy(UriInfo.class, (name, args) -> name.equals("getPath") ? path : null);
        ContainerRequestContext request = proxy(ContainerRequestContext.class, (name, args) -> switch (name) {
            case "getUriInfo" -> uri;
            case "getMethod" -> method;
            case "getHeaderString" -> HttpHeaders.AUTHORIZATION.equals(args[0]) && key != null ? "Bearer " + key : null;
            case "abortWith" -> aborted[0] = (Response) args[0];
            default -> throw new UnsupportedOperationException(name);
        });
        filter.filter(request);
        return Optional.ofNullable(aborted[0]);
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args)));
    }
}
