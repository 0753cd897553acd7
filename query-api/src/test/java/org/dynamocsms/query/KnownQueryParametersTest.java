package org.dynamocsms.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.charger.ChargerHistoryResource;
import org.dynamocsms.query.fleet.FleetErrorsResource;
import org.dynamocsms.query.fleet.FleetResource;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexReader;
import org.jboss.jandex.MethodInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The parameters every GET of the module accepts, read from its resource methods as the filter reads them. */
class KnownQueryParametersTest {

    /** Each GET of the module (from the build's Jandex index, so none is missed) by "Class.method". */
    private static final Map<String, Method> GETS = new TreeMap<>();

    @BeforeAll
    static void readTheIndex() throws Exception {
        Index index;
        try (InputStream in = KnownQueryParameters.class.getResourceAsStream("/META-INF/jandex.idx")) {
            index = new IndexReader(in).read();
        }
        for (AnnotationInstance get : index.getAnnotations(DotName.createSimple(GET.class))) {
            MethodInfo info = get.target().asMethod();
            Class<?> type = Class.forName(info.declaringClass().name().toString());
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(info.name()) && method.isAnnotationPresent(GET.class)) {
                    GETS.put(type.getSimpleName() + "." + method.getName(), method);
                }
            }
        }
    }

    @Test
    void everyGetAcceptsWhatItDeclaresAndRefusesAnythingElseNamingIt() {
        Map<String, Set<String>> accepted = new TreeMap<>();
        GETS.forEach((name, method) -> {
            Set<String> names = KnownQueryParameters.accepted(method, method.getDeclaringClass());
            accepted.put(name, names);
            assertThat(KnownQueryParameters.check(names, names)).as(name).isEmpty();
            ProblemException refused = KnownQueryParameters.check(names, List.of("bogus")).orElseThrow();
            assertThat(refused.status()).as(name).isEqualTo(400);
            assertThat(refused.problem().errors()).as(name).extracting(Problem.FieldError::field)
                    .containsExactly("bogus");
            assertThat(refused.problem().errors().get(0).detail()).as(name)
                    .isEqualTo("not a query parameter here; " + (names.isEmpty() ? "none is accepted"
                            : "accepted: " + String.join(", ", names)));
        });
        // the contract's GETs and ours, with what each reads
        assertThat(accepted).containsOnly(
                Map.entry("ChargerCallsResource.get", Set.of()),
                Map.entry("ChargerCallsResource.list", Set.of("action", "status", "limit", "offset")),
                Map.entry("ChargingLimitsResource.get", Set.of()),
                Map.entry("ChargerHistoryResource.connectivity", Set.of("from", "to")),
                Map.entry("ChargerHistoryResource.errorHistory", Set.of("from", "to", "limit", "offset")),
                Map.entry("ChargerHistoryResource.maintenance", Set.of("from", "to")),
                Map.entry("ChargersResource.diagnostics", Set.of()),
                Map.entry("ChargersResource.get", Set.of()),
                Map.entry("DashboardResource.dashboard", Set.of()),
                Map.entry("DashboardResource.root", Set.of()),
                Map.entry("EnergyAssetsResource.list", Set.of()),
                Map.entry("FleetAnalyticsResource.uptime", Set.of("from", "to", "charge_point_id", "site_id")),
                Map.entry("FleetAnalyticsResource.utilisation",
                        Set.of("from", "to", "charge_point_id", "site_id", "granularity")),
                Map.entry("FleetErrorsResource.errors",
                        Set.of("from", "to", "charge_point_id", "error_code", "limit", "offset")),
                Map.entry("FleetResource.chargers", Set.of("status", "site_id", "limit", "offset")),
                Map.entry("FleetResource.live", Set.of()),
                Map.entry("FleetResource.summary", Set.of()),
                Map.entry("OrganisationsResource.get", Set.of()),
                Map.entry("OrganisationsResource.key", Set.of()),
                Map.entry("OrganisationsResource.keys", Set.of()),
                Map.entry("OrganisationsResource.list", Set.of()),
                Map.entry("ReplaysResource.all", Set.of()),
                Map.entry("ReplaysResource.latest", Set.of()),
                Map.entry("SiteSummaryResource.get", Set.of()),
                Map.entry("SitesResource.get", Set.of()),
                Map.entry("SitesResource.list", Set.of("limit", "offset")));
    }

    @Test
    void eachUnknownParameterIsNamedInNameOrderWithTheAcceptedOnesInTheirOrder() {
        Set<String> chargers = KnownQueryParameters.accepted(GETS.get("FleetResource.chargers"),
                FleetResource.class);

        ProblemException refused = KnownQueryParameters.check(chargers, List.of("status", "stauts", "charger_id"))
                .orElseThrow();

        String detail = "not a query parameter here; accepted: status, site_id, limit, offset";
        assertThat(refused.problem().errors()).containsExactly(new Problem.FieldError("charger_id", detail),
                new Problem.FieldError("stauts", detail));
        assertThat(refused.problem().detail()).isEqualTo("charger_id: " + detail + "; stauts: " + detail);
        // names are case-sensitive, as JAX-RS reads them
        assertThat(KnownQueryParameters.check(chargers, List.of("Limit"))).isPresent();
        assertThat(KnownQueryParameters.check(chargers, List.of())).isEmpty();
    }

    @Test
    void offsetIsAcceptedWhereItIsReadOnly() {
        Set<String> errors = KnownQueryParameters.accepted(GETS.get("FleetErrorsResource.errors"),
                FleetErrorsResource.class);
        Set<String> history = KnownQueryParameters.accepted(GETS.get("ChargerHistoryResource.errorHistory"),
                ChargerHistoryResource.class);
        Set<String> chargers = KnownQueryParameters.accepted(GETS.get("FleetResource.chargers"),
                FleetResource.class);
        Set<String> connectivity = KnownQueryParameters.accepted(GETS.get("ChargerHistoryResource.connectivity"),
                ChargerHistoryResource.class);

        assertThat(KnownQueryParameters.check(errors, List.of("offset"))).isEmpty();
        assertThat(KnownQueryParameters.check(history, List.of("offset"))).isEmpty();
        assertThat(KnownQueryParameters.check(chargers, List.of("offset"))).isEmpty();
        assertThat(KnownQueryParameters.check(connectivity, List.of("offset"))).isPresent();
    }

    @Test
    void beanParamsAndFieldsDeclareParametersToo() throws Exception {
        Method get = WithBeans.class.getMethod("get", String.class, Paging.class);

        assertThat(KnownQueryParameters.accepted(get, WithBeans.class))
                .containsExactlyInAnyOrder("q", "limit", "offset", "sort", "verbose");
    }

    /** A resource declaring parameters every way JAX-RS allows for query parameters but a setter. */
    @Path("/beans")
    static class WithBeans {

        @QueryParam("verbose")
        String verbose;

        @GET
        public String get(@QueryParam("q") String q, @BeanParam Paging paging) {
            return q;
        }
    }

    static class Paging extends Limit {

        @QueryParam("offset")
        String offset;

        @BeanParam
        Sort sort;
    }

    static class Limit {

        @QueryParam("limit")
        String limit;
    }

    static class Sort {

        @QueryParam("sort")
        String sort;
    }
}
