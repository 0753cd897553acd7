package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Drives the realistic mix against a model of a charger's two connectors (no server): every call must be the
 * one its connector's session allows next, with the transaction id the CSMS answered and a rising energy register.
 */
class ChargingSessionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

    /** What the model expects a connector to send next. */
    private enum Expect { START, CHARGING, METER_OR_STOP, AVAILABLE }

    private static final class Connector {
        Expect expect = Expect.START;
        int transactionId;
        long energyWh = -1;
        int meterValues;
    }

    private final Map<Integer, Connector> connectors = new HashMap<>();
    private final Map<String, Integer> answeredByAction = new HashMap<>();
    private int lastTransactionId = 1_000;
    private int sessions;

    @Test
    void everyConnectorGoesThroughWholeSessionsInTheIssuesMix() throws Exception {
        drive(new ChargingSessions(new SplittableRandom(7)), 100_000, 0);

        int calls = answeredByAction.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(share("Heartbeat", calls)).isCloseTo(10, within(1.0));
        assertThat(share("StatusNotification", calls)).isCloseTo(20, within(1.0));
        assertThat(share("MeterValues", calls)).isCloseTo(50, within(1.0));
        assertThat(share("StartTransaction", calls)).isCloseTo(10, within(1.0));
        assertThat(share("StopTransaction", calls)).isCloseTo(10, within(1.0));
        assertThat(connectors).containsOnlyKeys(1, 2);
        assertThat(sessions).isGreaterThan(9_000);
    }

    @Test
    void aNewFleetStartsSessionsAtTheSteadyRateFromItsFirstCalls() throws Exception {
        // 2,000 new chargers, 5 calls each: had every connector started a session at its first pick, about 40 % of
        // them would be StartTransactions, four times the rate of the mix once under way
        for (int seed = 0; seed < 2_000; seed++) {
            connectors.clear();
            drive(new ChargingSessions(new SplittableRandom(seed)), 5, 0);
        }

        assertThat(share("StartTransaction", 10_000)).isCloseTo(10, within(1.5));
    }

    @Test
    void aCallWithoutAnswerIsSentAgainAndTheSessionStaysValid() throws Exception {
        drive(new ChargingSessions(new SplittableRandom(11)), 50_000, 5); // every fifth call unanswered

        assertThat(answeredByAction.get("StartTransaction")).isGreaterThan(3_000);
        assertThat(sessions).isGreaterThan(3_000);
    }

    @Test
    void aStartTransactionAnsweredWithoutATransactionIdIsRefused() {
        ChargingSessions charger = new ChargingSessions(new SplittableRandom(3));
        OcppCall call;
        do {
            call = charger.next(START);
        } while (!call.action().equals("StartTransaction"));
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("idTagInfo").put("status", "Accepted");

        assertThatThrownBy(() -> charger.answered(answer)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without a transactionId");
    }

    /** Sends {@code calls} calls a second apart, leaving every {@code unansweredEvery}-th unanswered (0: none). */
    private void drive(ChargingSessions charger, int calls, int unansweredEvery) throws Exception {
        Instant now = START;
        for (int n = 1; n <= calls; n++) {
            now = now.plusSeconds(1);
            OcppCall call = charger.next(now);
            JsonNode payload = JSON.readTree(call.payload());
            JsonNode answer = check(call.action(), payload, now);
            if (unansweredEvery > 0 && n % unansweredEvery == 0) {
                continue;
            }
            apply(call.action(), payload, answer);
            answeredByAction.merge(call.action(), 1, Integer::sum);
            charger.answered(answer);
        }
    }

    /** Checks a call against the model without changing it; answers what the CSMS would. */
    private JsonNode check(String action, JsonNode payload, Instant now) {
        ObjectNode answer = JSON.createObjectNode();
        switch (action) {
            case "Heartbeat" -> assertThat(payload.size()).isZero();
            case "StartTransaction" -> {
                Connector c = connector(payload);
                assertThat(c.expect).isEqualTo(Expect.START);
                assertThat(payload.get("idTag").asText()).hasSizeLessThanOrEqualTo(20);
                assertThat(payload.get("meterStart").isInt()).isTrue();
                if (c.energyWh >= 0) {
                    assertThat(payload.get("meterStart").asLong()).isEqualTo(c.energyWh);
                }
                assertThat(Instant.parse(payload.get("timestamp").asText())).isEqualTo(now);
                answer.put("transactionId", lastTransactionId + 1);
                answer.putObject("idTagInfo").put("status", "Accepted");
            }
            case "StatusNotification" -> {
                Connector c = connector(payload);
                String status = payload.get("status").asText();
                assertThat(c.expect).isIn(Expect.CHARGING, Expect.AVAILABLE);
                assertThat(status).isEqualTo(c.expect == Expect.CHARGING ? "Charging" : "Available");
                assertThat(payload.get("errorCode").asText()).isEqualTo("NoError");
                assertThat(Instant.parse(payload.get("timestamp").asText())).isEqualTo(now);
            }
            case "MeterValues" -> {
                Connector c = connector(payload);
                assertThat(c.expect).isEqualTo(Expect.METER_OR_STOP);
                assertThat(c.meterValues).isLessThan(7);
                assertThat(payload.get("transactionId").asInt()).isEqualTo(c.transactionId);
                JsonNode value = payload.get("meterValue").get(0);
                assertThat(Instant.parse(value.get("timestamp").asText())).isEqualTo(now);
                Map<String, JsonNode> samples = new HashMap<>();
                value.get("sampledValue").forEach(s -> samples.put(s.get("measurand").asText(), s));
                assertThat(samples).containsOnlyKeys("Power.Active.Import", "Energy.Active.Import.Register");
                assertThat(samples.get("Power.Active.Import").get("unit").asText()).isEqualTo("W");
                assertThat(Double.parseDouble(samples.get("Power.Active.Import").get("value").asText()))
                        .isBetween(3_000.0, 22_000.0);
                assertThat(samples.get("Energy.Active.Import.Register").get("unit").asText()).isEqualTo("Wh");
                assertThat(Long.parseLong(samples.get("Energy.Active.Import.Register").get("value").asText()))
                        .isGreaterThan(c.energyWh);
            }
            case "StopTransaction" -> {
                Connector c = byTransaction(payload.get("transactionId").asInt());
                assertThat(c.expect).isEqualTo(Expect.METER_OR_STOP);
                assertThat(c.meterValues).isBetween(3, 7);
                assertThat(payload.get("meterStop").isInt()).isTrue();
                assertThat(payload.get("meterStop").asLong()).isGreaterThan(c.energyWh);
                assertThat(Instant.parse(payload.get("timestamp").asText())).isEqualTo(now);
            }
            default -> throw new AssertionError("unexpected action " + action);
        }
        return answer;
    }

    /** Moves the model on by an answered call. */
    private void apply(String action, JsonNode payload, JsonNode answer) {
        switch (action) {
            case "StartTransaction" -> {
                Connector c = connector(payload);
                c.transactionId = answer.get("transactionId").asInt();
                lastTransactionId = c.transactionId;
                c.energyWh = payload.get("meterStart").asLong();
                c.meterValues = 0;
                c.expect = Expect.CHARGING;
            }
            case "StatusNotification" -> {
                Connector c = connector(payload);
                c.expect = c.expect == Expect.CHARGING ? Expect.METER_OR_STOP : Expect.START;
            }
            case "MeterValues" -> {
                Connector c = connector(payload);
                c.meterValues++;
                c.energyWh = payload.get("meterValue").get(0).get("sampledValue").get(1).get("value").asLong();
            }
            case "StopTransaction" -> {
                Connector c = byTransaction(payload.get("transactionId").asInt());
                c.energyWh = payload.get("meterStop").asLong();
                c.transactionId = 0;
                c.expect = Expect.AVAILABLE;
                sessions++;
            }
            default -> {
            }
        }
    }

    private Connector connector(JsonNode payload) {
        int id = payload.get("connectorId").asInt();
        assertThat(id).isBetween(1, ChargingSessions.CONNECTORS);
        return connectors.computeIfAbsent(id, i -> new Connector());
    }

    private Connector byTransaction(int transactionId) {
        return connectors.values().stream().filter(c -> c.transactionId == transactionId).findFirst()
                .orElseThrow(() -> new AssertionError("no open transaction " + transactionId));
    }

    private double share(String action, int calls) {
        return 100.0 * answeredByAction.getOrDefault(action, 0) / calls;
    }
}
