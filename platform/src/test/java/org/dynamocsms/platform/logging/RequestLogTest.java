package org.dynamocsms.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.dynamocsms.schemas.Ids;
import org.junit.jupiter.api.Test;

class RequestLogTest {

    @Test
    void aSafeRequestIdIsKeptAnythingElseIsReplacedByANewOne() {
        assertThat(RequestLog.requestId("3f2c1a9e-7d41-4b8e-9a0c-1d2e3f405162"))
                .isEqualTo("3f2c1a9e-7d41-4b8e-9a0c-1d2e3f405162");
        assertThat(RequestLog.requestId("trace:abc_1.2")).isEqualTo("trace:abc_1.2");
        assertThat(RequestLog.requestId("x".repeat(128))).isEqualTo("x".repeat(128));
        for (String unsafe : new String[] {null, "", "x".repeat(129), "a b", "a\nb", "a\"b", "Bearer abc", "é",
                "%0d%0a", "a=b"}) {
            assertThat(Ids.REQUEST.matches(RequestLog.requestId(unsafe))).as(unsafe).isTrue();
        }
        assertThat(RequestLog.requestId(null)).isNotEqualTo(RequestLog.requestId(null));
    }

    @Test
    void theChargerIsTheOneThePathNamesIfItIsAValidIdentity() {
        assertThat(RequestLog.chargerId("/api/v1/cpo/chargers/CP-1")).isEqualTo("CP-1");
        assertThat(RequestLog.chargerId("/api/v1/cpo/chargers/CP-1/calls/call_01")).isEqualTo("CP-1");
        assertThat(RequestLog.chargerId("/api/v1/sites/site_01/chargers/CP-2/link")).isEqualTo("CP-2");
        assertThat(RequestLog.chargerId("/ocpp/CP-3")).isEqualTo("CP-3");
        assertThat(RequestLog.chargerId("/api/v1/cpo/chargers")).isNull();
        assertThat(RequestLog.chargerId("/api/v1/cpo/fleet/chargers")).isNull();
        assertThat(RequestLog.chargerId("/api/v1/sites/site_01")).isNull();
        assertThat(RequestLog.chargerId("/api/v1/cpo/chargers/CP%0A1")).isNull();
        assertThat(RequestLog.chargerId("/api/v1/cpo/chargers/" + "x".repeat(49))).isNull();
        assertThat(RequestLog.chargerId("/q/openapi")).isNull();
    }

    @Test
    void aLongPathIsCut() {
        assertThat(RequestLog.path("/api/v1/sites")).isEqualTo("/api/v1/sites");
        assertThat(RequestLog.path("/" + "a".repeat(1000))).hasSize(RequestLog.MAX_PATH + 3).endsWith("...");
    }

    @Test
    void theLineNamesTheRequestAndADashForWhatIsNotKnown() {
        assertThat(RequestLog.line("GET", "/api/v1/cpo/chargers/CP-1", "200", 3, "req_1", "org_1", "CP-1"))
                .isEqualTo("GET /api/v1/cpo/chargers/CP-1 200 3 ms request=req_1 organisation=org_1 charger=CP-1");
        assertThat(RequestLog.line("POST", "/a/{b}%s", "401", 0, "req_2", null, null))
                .isEqualTo("POST /a/{b}%s 401 0 ms request=req_2 organisation=- charger=-");
    }
}
