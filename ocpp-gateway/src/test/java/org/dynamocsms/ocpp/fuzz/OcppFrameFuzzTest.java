package org.dynamocsms.ocpp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.dynamocsms.ocpp.action.CallHandler;
import org.dynamocsms.ocpp.action.ChargePointActions;
import org.dynamocsms.ocpp.action.TransactionIds;
import org.dynamocsms.ocpp.connection.ChargePointSession;
import org.dynamocsms.ocpp.connection.OcppMetrics;
import org.dynamocsms.ocpp.connection.Outbound;
import org.dynamocsms.ocpp.security.Charger;
import org.dynamocsms.ocpp.telemetry.FakeTelemetrySink;
import org.dynamocsms.platform.ocpp.PayloadSchemas;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.junit.jupiter.api.Test;

/**
 * Generated bad input, OCPP side: 12,000 frames from the OCPP 1.6 schemas (valid CALLs and their mutations)
 * through one charger's session, as the endpoint hands them over, with a telemetry sink that keeps what is sent.
 * {@link org.dynamocsms.ocpp.connection.OcppEndpointTest} sends a sample of the same frames over a real WebSocket.
 */
class OcppFrameFuzzTest {

    static final long SEED = 20261204L;
    private static final int FRAMES = 12_000;

    @Test
    void everyFrameGetsTheAnswerTheContractDemandsAndARefusedCallWritesNothing() {
        FakeTelemetrySink sink = new FakeTelemetrySink();
        List<String> sent = new ArrayList<>();
        List<Integer> closedWith = new ArrayList<>();
        ChargePointSession session = new ChargePointSession(new Charger("CP-FUZZ", "org_1"), "gw-1",
                new CallHandler(new PayloadSchemas(), new ChargePointActions(Duration.ofSeconds(300),
                        new TransactionIds()), sink),
                sink, new Outbound() {
                    @Override
                    public void send(String frame) {
                        sent.add(frame);
                    }

                    @Override
                    public void close(int code, String reason) {
                        closedWith.add(code);
                    }
                }, Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC),
                new OcppMetrics(new SimpleMeterRegistry()));
        session.opened("10.0.0.7:51234", "ocpp1.6");
        long generating = System.nanoTime();
        List<OcppFrames.Fuzzed> generated = OcppFrames.generate(SEED, FRAMES);
        OcppFuzzReport report = new OcppFuzzReport("OCPP frame fuzz (session, seed " + SEED + ")");

        long started = System.nanoTime();
        for (OcppFrames.Fuzzed fuzzed : generated) {
            int answered = sent.size();
            int recorded = sink.sent().size();
            Throwable thrown = null;
            try {
                session.receive(fuzzed.frame());
            } catch (Throwable e) {
                thrown = e;
            }
            List<ChargerTelemetry> written = sink.sent();
            report.judge(fuzzed, List.copyOf(sent.subList(answered, sent.size())),
                    written.subList(recorded, written.size()), thrown, !closedWith.isEmpty());
            closedWith.clear();
        }
        System.out.println(report.summary() + "time: generating " + Duration.ofNanos(started - generating).toMillis()
                + " ms, sending " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");

        assertThat(report.frames()).isGreaterThanOrEqualTo(10_000);
        assertThat(report.failures()).as(report.summary()).isEmpty();
    }
}
