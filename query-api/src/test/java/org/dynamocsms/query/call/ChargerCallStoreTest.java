package org.dynamocsms.query.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.call.Calls.ORG;
import static org.dynamocsms.query.call.Calls.answered;
import static org.dynamocsms.query.call.Calls.callError;
import static org.dynamocsms.query.call.Calls.requested;
import static org.dynamocsms.query.call.Calls.with;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.dynamocsms.platform.call.ChargerCallJson;
import org.dynamocsms.query.PageRequest;
import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.schemas.call.ChargerCallView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The calls' read table on the real database: version-guarded writes, and one charger's calls of one organisation. */
class ChargerCallStoreTest {

    /** Long after every test call expired: a call still pending then reads as expired. */
    private static final Instant LATER = Instant.parse("2024-07-01T00:00:00Z");
    private static final PageRequest FIRST_PAGE = new PageRequest(50, 0);

    private ChargerCallStore store;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        store = new ChargerCallStore(TestDatabase.clean());
    }

    @Test
    void anEndedCallIsNeverReplacedByItsRequestWhicheverArrivesLast() throws SQLException {
        ChargerCallView first = requested("call_1", "CP-001", "2024-06-01T10:00:00Z");
        ChargerCallView second = requested("call_2", "CP-001", "2024-06-01T10:05:00Z");

        store.write(List.of(first), List.of());
        store.write(List.of(answered(first)), List.of());
        store.write(List.of(answered(second)), List.of());
        store.write(List.of(second), List.of());
        // both in one poll: the newest version of each key wins there too
        store.write(List.of(answered(first), first), List.of());

        assertThat(store.version(ORG, "call_1")).isEqualTo(OptionalLong.of(2));
        assertThat(store.version(ORG, "call_2")).isEqualTo(OptionalLong.of(2));
        assertThat(store.calls(ORG, "CP-001", CallFilter.ANY, LATER, FIRST_PAGE).calls())
                .extracting(ChargerCallJson::status).containsExactly("answered", "answered");
    }

    @Test
    void aCallReadsBackAsTheApiShowsIt() throws SQLException {
        ChargerCallView call = requested("call_1", "CP-001", "2024-06-01T10:00:00Z");
        store.write(List.of(callError(call, "NotSupported", "Reset type Hard is not supported")), List.of());

        assertThat(store.find(ORG, "CP-001", "call_1", LATER)).contains(new ChargerCallJson("call_1", "CP-001",
                "Reset", "{\"type\":\"Soft\"}", "call_error", null,
                new ChargerCallJson.Error("NotSupported", "Reset type Hard is not supported"), "api",
                Instant.parse("2024-06-01T10:00:00Z"), Instant.parse("2024-06-01T10:00:30Z"),
                Instant.parse("2024-06-01T10:00:00.050Z"), Instant.parse("2024-06-01T10:00:00.300Z")));
    }

    @Test
    void aPendingCallIsExpiredOnlyOnceItsGraceHasPassed() throws SQLException {
        store.write(List.of(requested("call_1", "CP-001", "2024-06-01T10:00:00Z")), List.of());
        Instant graceOver = Instant.parse("2024-06-01T10:00:40Z");

        assertThat(store.find(ORG, "CP-001", "call_1", graceOver).orElseThrow().status()).isEqualTo("pending");
        assertThat(store.find(ORG, "CP-001", "call_1", graceOver.plusMillis(1)).orElseThrow())
                .satisfies(call -> {
                    assertThat(call.status()).isEqualTo(ChargerCallJson.EXPIRED);
                    assertThat(call.error().code()).isEqualTo("NotConnected");
                });
        assertThat(statuses("pending", graceOver)).containsExactly("pending");
        assertThat(statuses("expired", graceOver)).isEmpty();
        assertThat(statuses("pending", graceOver.plusMillis(1))).isEmpty();
        assertThat(statuses("expired", graceOver.plusMillis(1))).containsExactly(ChargerCallJson.EXPIRED);
    }

    @Test
    void aChargersCallsAreListedNewestFirstWithTheTotalAndPaged() throws SQLException {
        store.write(List.of(requested("call_1", "CP-001", "2024-06-01T10:00:00Z"),
                requested("call_3", "CP-001", "2024-06-01T10:05:00Z"),
                requested("call_2", "CP-001", "2024-06-01T10:05:00Z"),
                requested("call_4", "CP-002", "2024-06-01T10:10:00Z")), List.of());

        ChargerCallPage all = store.calls(ORG, "CP-001", CallFilter.ANY, LATER, FIRST_PAGE);
        assertThat(all.calls()).extracting(ChargerCallJson::callId).containsExactly("call_3", "call_2", "call_1");
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.chargePointId()).isEqualTo("CP-001");

        ChargerCallPage second = store.calls(ORG, "CP-001", CallFilter.ANY, LATER, new PageRequest(2, 2));
        assertThat(second.calls()).extracting(ChargerCallJson::callId).containsExactly("call_1");
        assertThat(List.of(second.total(), second.limit(), second.offset())).containsExactly(3, 2, 2);
        ChargerCallPage beyond = store.calls(ORG, "CP-001", CallFilter.ANY, LATER, new PageRequest(2, 10));
        assertThat(beyond.calls()).isEmpty();
        assertThat(beyond.total()).isEqualTo(3);
    }

    @Test
    void anotherOrganisationsCallsAreNeverListedNorFound() throws SQLException {
        ChargerCallView theirs = with(requested("call_9", "CP-001", "2024-06-01T10:00:00Z"), "org_B", "Reset",
                "{\"type\":\"Soft\"}");
        store.write(List.of(theirs, requested("call_1", "CP-001", "2024-06-01T09:00:00Z")), List.of());

        assertThat(store.calls(ORG, "CP-001", CallFilter.ANY, LATER, FIRST_PAGE).calls())
                .extracting(ChargerCallJson::callId).containsExactly("call_1");
        assertThat(store.find(ORG, "CP-001", "call_9", LATER)).isEmpty();
        assertThat(store.version(ORG, "call_9")).isEmpty();
        // nor another charger's call under this charger
        assertThat(store.find("org_B", "CP-002", "call_9", LATER)).isEmpty();
        assertThat(store.find("org_B", "CP-001", "call_9", LATER)).isPresent();
    }

    @Test
    void aListTakesAnActionAndAStatus() throws SQLException {
        ChargerCallView reset = requested("call_1", "CP-001", "2024-06-01T10:00:00Z");
        ChargerCallView profile = with(requested("call_2", "CP-001", "2024-06-01T10:01:00Z"), ORG,
                "SetChargingProfile", "{\"connectorId\":1}");
        store.write(List.of(answered(reset), callError(profile, "NotSupported", null),
                requested("call_3", "CP-001", "2024-06-01T10:02:00Z")), List.of());

        assertThat(ids(CallFilter.parse("Reset", null, new ArrayList<>()))).containsExactly("call_3", "call_1");
        assertThat(ids(CallFilter.parse("SetChargingProfile", null, new ArrayList<>()))).containsExactly("call_2");
        assertThat(ids(CallFilter.parse(null, "answered", new ArrayList<>()))).containsExactly("call_1");
        assertThat(ids(CallFilter.parse(null, "call_error", new ArrayList<>()))).containsExactly("call_2");
        assertThat(ids(CallFilter.parse(null, "expired", new ArrayList<>()))).containsExactly("call_3");
        assertThat(ids(CallFilter.parse("Reset", "call_error", new ArrayList<>()))).isEmpty();
        assertThat(ids(CallFilter.parse("GetConfiguration", null, new ArrayList<>()))).isEmpty();
    }

    @Test
    void aCallTheDatabaseRefusesIsReportedNotWritten() throws SQLException {
        ChargerCallView nul = with(requested("call_1", "CP-001", "2024-06-01T10:00:00Z"), ORG, "Reset",
                "{\"type\":\"So\u0000ft\"}");

        assertThat(store.write(List.of(nul, requested("call_2", "CP-001", "2024-06-01T10:00:00Z")), List.of()))
                .singleElement().satisfies(refused -> assertThat(refused.value()).isEqualTo(nul));
        assertThat(ids(CallFilter.ANY)).containsExactly("call_2");
    }

    private List<String> ids(CallFilter filter) throws SQLException {
        return store.calls(ORG, "CP-001", filter, LATER, FIRST_PAGE).calls().stream().map(ChargerCallJson::callId)
                .toList();
    }

    private List<String> statuses(String status, Instant now) throws SQLException {
        CallFilter filter = CallFilter.parse(null, status, new ArrayList<>());
        return store.calls(ORG, "CP-001", filter, now, FIRST_PAGE).calls().stream().map(ChargerCallJson::status)
                .toList();
    }
}
