package org.dynamocsms.ocpp.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dynamocsms.bench.ChargingSessions;
import org.dynamocsms.bench.OcppCall;
import org.dynamocsms.ocpp.message.Frame;
import org.dynamocsms.ocpp.message.Frames;
import org.dynamocsms.ocpp.security.Charger;
import org.dynamocsms.ocpp.telemetry.FakeTelemetrySink;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.platform.ocpp.PayloadSchemas;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.telemetry.MeterValuesReported;
import org.dynamocsms.schemas.telemetry.TransactionStarted;
import org.dynamocsms.schemas.telemetry.TransactionStopped;
import org.junit.jupiter.api.Test;

/** The OCPP benchmark's realistic mix ({@link ChargingSessions}) is valid OCPP 1.6 and 2.0.1 by this gateway's rules. */
class BenchmarkMixTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeTelemetrySink sink = new FakeTelemetrySink();
    private final CallHandler handler = new CallHandler(new PayloadSchemas(),
            new ChargePointActions(Duration.ofSeconds(300), new TransactionIds()), sink);

    @Test
    void everyCallOfTheRealisticMixIsAnsweredWithACallResultAndRecorded() throws Exception {
        ChargingSessions charger = new ChargingSessions(new SplittableRandom(42));
        Instant now = Instant.parse("2026-03-01T08:00:00Z");
        int calls = 5_000;
        for (int n = 1; n <= calls; n++) {
            now = now.plusSeconds(2);
            OcppCall call = charger.next(now);
            String id = Integer.toString(n);
            Frame.Call frame = (Frame.Call) Frames.parse("[2,\"" + id + "\",\"" + call.action() + "\"," + call.payload()
                    + "]");
            JsonNode answer = JSON.readTree(handler.answer(frame, new Charger("CP-MIX", "org_1"), now)
                    .toCompletableFuture().join());

            assertThat(answer.get(0).asInt()).as("%s %s answered %s", call.action(), call.payload(), answer)
                    .isEqualTo(3);
            charger.answered(answer.get(2));
        }

        assertThat(sink.sent()).hasSize(calls);
        long started = sink.payloads().stream().filter(TransactionStarted.class::isInstance).count();
        assertThat(started).isGreaterThan(400);
        assertThat(sink.payloads().stream().filter(TransactionStopped.class::isInstance).count())
                .isBetween(started - 2, started);
        assertThat(sink.payloads()).filteredOn(MeterValuesReported.class::isInstance)
                .allSatisfy(m -> assertThat(((MeterValuesReported) m).getTransactionId()).isNotNull());
    }

    @Test
    void every201CallOfTheRealisticMixIsAnsweredAndRecordedAsTheSameTelemetry() throws Exception {
        CallHandler stationHandler = new CallHandler(new PayloadSchemas(OcppVersion.OCPP201),
                new ChargingStationActions(Duration.ofSeconds(300), new RunningTransactions()), sink);
        ChargingSessions station = new ChargingSessions(new SplittableRandom(42), true);
        Instant now = Instant.parse("2026-03-01T08:00:00Z");
        Map<String, Integer> actions = new TreeMap<>();
        int calls = 5_000;
        for (int n = 1; n <= calls; n++) {
            now = now.plusSeconds(2);
            OcppCall call = station.next(now);
            actions.merge(call.action(), 1, Integer::sum);
            Frame.Call frame = (Frame.Call) Frames.parse("[2,\"" + n + "\",\"" + call.action() + "\","
                    + call.payload() + "]");
            JsonNode answer = JSON.readTree(stationHandler.answer(frame, new Charger("CS-MIX", "org_1"), now)
                    .toCompletableFuture().join());

            assertThat(answer.get(0).asInt()).as("%s %s answered %s", call.action(), call.payload(), answer)
                    .isEqualTo(3);
            station.answered(answer.get(2));
        }

        // 1.6's mix, call for call: TransactionEvents where 1.6 has transactions, meter values and Charging
        assertThat(actions).containsOnlyKeys("Heartbeat", "StatusNotification", "TransactionEvent");
        assertThat(actions.get("TransactionEvent") * 100 / calls).isBetween(75, 85);
        long started = sink.payloads().stream().filter(TransactionStarted.class::isInstance).count();
        assertThat(started).isGreaterThan(400);
        assertThat(sink.payloads().stream().filter(TransactionStopped.class::isInstance).count())
                .isBetween(started - 2, started);
        assertThat(sink.payloads()).filteredOn(MeterValuesReported.class::isInstance)
                .allSatisfy(m -> assertThat(((MeterValuesReported) m).getOcppTransactionId()).startsWith("tx-"));
        assertThat(sink.payloads()).filteredOn(ConnectorStatusChanged.class::isInstance)
                .extracting(status -> ((ConnectorStatusChanged) status).getStatus())
                .containsOnly(ConnectorStatus.Available, ConnectorStatus.Charging);
    }
}
