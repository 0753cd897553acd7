package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.dynamocsms.bench.SyntheticTelemetry.Profile;
import org.dynamocsms.bench.SyntheticTelemetry.TransactionIds;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.telemetry.MeterValuesReported;
import org.dynamocsms.schemas.telemetry.TransactionStarted;
import org.junit.jupiter.api.Test;

class SyntheticTelemetryTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    private static List<ChargerTelemetry> records(Profile profile, int count, Duration step, boolean jitter) {
        List<ChargerTelemetry> records = new ArrayList<>();
        new SyntheticTelemetry(profile, 7, "CP-7", count, START, step, jitter, new TransactionIds())
                .forEachRemaining(records::add);
        return records;
    }

    @Test
    void aMixedChargerSendsTheMixOfARealFleetInTimeOrderWithinItsPeriod() {
        Duration step = Duration.ofDays(7).dividedBy(10_000);
        List<ChargerTelemetry> records = records(Profile.MIXED, 10_000, step, true);

        assertThat(records).hasSize(10_000);
        assertThat(records.get(0).getPayload().getClass().getSimpleName()).isEqualTo("ChargerConnected");
        assertThat(records.get(1).getPayload().getClass().getSimpleName()).isEqualTo("ChargerBooted");
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).getOccurredAt()).isAfter(records.get(i - 1).getOccurredAt());
        }
        assertThat(records.get(records.size() - 1).getOccurredAt()).isBefore(START.plus(Duration.ofDays(7)));
        Map<String, Long> kinds = records.stream().collect(Collectors.groupingBy(
                r -> r.getPayload().getClass().getSimpleName(), Collectors.counting()));
        assertThat(share(kinds, "HeartbeatReceived")).isCloseTo(0.10, within(0.01));
        assertThat(share(kinds, "ConnectorStatusChanged")).isCloseTo(0.20, within(0.01));
        assertThat(share(kinds, "MeterValuesReported")).isCloseTo(0.50, within(0.02));
        assertThat(share(kinds, "TransactionStarted") + share(kinds, "TransactionStopped"))
                .isCloseTo(0.20, within(0.01));
        assertThat(kinds.get("ChargerDisconnected")).isPositive();
        assertThat(records.stream().map(ChargerTelemetry::getPayload)
                .filter(p -> p instanceof MeterValuesReported).map(p -> (MeterValuesReported) p))
                .allMatch(m -> m.getTransactionId() != null && m.getSamples().get(0).getPowerW() != null
                        && m.getSamples().get(0).getEnergyWh() != null);
        assertThat(records.stream().map(ChargerTelemetry::getPayload).filter(p -> p instanceof TransactionStarted)
                .map(p -> ((TransactionStarted) p).getConnectorId()).distinct()).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void aChattyChargerChangesAStatusEveryStep() {
        List<ChargerTelemetry> records = records(Profile.STATUS_CHANGES, 1_000, Duration.ofSeconds(10), false);

        assertThat(records).hasSize(1_000);
        assertThat(records.subList(5, 1_000)).allMatch(r -> r.getPayload() instanceof ConnectorStatusChanged);
        for (int i = 1; i < records.size(); i++) {
            assertThat(Duration.between(records.get(i - 1).getOccurredAt(), records.get(i).getOccurredAt()))
                    .isEqualTo(Duration.ofSeconds(10));
        }
        // each connector's statuses follow one another without repeating: each is a change
        for (int connector = 1; connector <= 2; connector++) {
            int c = connector;
            List<Object> statuses = records.subList(5, 1_000).stream()
                    .map(r -> (ConnectorStatusChanged) r.getPayload()).filter(s -> s.getConnectorId() == c)
                    .map(ConnectorStatusChanged::getStatus).collect(Collectors.toList());
            for (int i = 1; i < statuses.size(); i++) {
                assertThat(statuses.get(i)).isNotEqualTo(statuses.get(i - 1));
            }
        }
    }

    private static double share(Map<String, Long> kinds, String kind) {
        return kinds.getOrDefault(kind, 0L) / (double) kinds.values().stream().mapToLong(Long::longValue).sum();
    }
}
