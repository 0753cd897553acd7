package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.dynamocsms.bench.StageCpu.ThreadCpu;
import org.dynamocsms.bench.StageCpu.Window;
import org.junit.jupiter.api.Test;

class StageCpuTest {

    /** Thread headers and stacks of a running standalone (G1), as {@code jcmd <pid> Thread.print} printed them. */
    private static String excerpt() throws IOException {
        try (InputStream in = StageCpuTest.class.getResourceAsStream("/thread-dump-excerpt.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsEveryThreadsNameNativeIdCpuAndAgeButNotTheStacks() throws IOException {
        List<ThreadCpu> threads = StageCpu.parse(excerpt());

        assertThat(threads).hasSize(28);
        assertThat(threads).contains(
                new ThreadCpu("0x1125", "main", 3972.55, 43.51),
                new ThreadCpu("0x1129", "G1 Conc#0", 357.55, 43.51),
                new ThreadCpu("0x1296", "kafka-producer-network-thread | producer-1", 38.02, 31.68),
                new ThreadCpu("0x12bf", "kafka-producer-network-thread | "
                        + "csms-site-projection-a8e546ad-6457-4d7f-b441-2569bb48c7f9-StreamThread-1-producer",
                        37.31, 28.18));
    }

    @Test
    void groupsTheStandalonesThreadsIntoStages() throws IOException {
        Map<String, String> stages = StageCpu.parse(excerpt()).stream()
                .collect(Collectors.toMap(ThreadCpu::name, t -> StageCpu.stage(t.name())));

        assertThat(stages).containsOnly(
                Map.entry("main", StageCpu.OTHER),
                Map.entry("api-key-directory", StageCpu.OTHER),
                Map.entry("VM Thread", StageCpu.OTHER),
                Map.entry("C2 CompilerThread0", StageCpu.JIT),
                Map.entry("G1 Conc#0", StageCpu.GC),
                Map.entry("GC Thread#0", StageCpu.GC),
                Map.entry("data-plane-kafka-request-handler-0", StageCpu.BROKER),
                Map.entry("kafka-1-raft-io-thread", StageCpu.BROKER),
                Map.entry("executor-Fetch", StageCpu.BROKER),
                Map.entry("quorum-controller-1-event-handler", StageCpu.BROKER),
                Map.entry("TxnMarkerSenderThread-1", StageCpu.BROKER),
                Map.entry("metrics-meter-tick-thread-1", StageCpu.BROKER),
                Map.entry("executor-thread-1", StageCpu.GATEWAY),
                Map.entry("vert.x-eventloop-thread-0", StageCpu.GATEWAY),
                Map.entry("ocpp-charger-registry", StageCpu.GATEWAY),
                Map.entry("kafka-producer-network-thread | producer-1", StageCpu.SERVICE_PRODUCERS),
                Map.entry("csms-registry-3fdf23fa-9c0e-4e49-8b78-e5b01847a024-StreamThread-1", "csms-registry"),
                Map.entry("kafka-producer-network-thread | "
                        + "csms-registry-3fdf23fa-9c0e-4e49-8b78-e5b01847a024-StreamThread-1-producer", "csms-registry"),
                Map.entry("kafka-coordinator-heartbeat-thread | csms-registry", "csms-registry"),
                Map.entry("csms-site-projection-a8e546ad-6457-4d7f-b441-2569bb48c7f9-StreamThread-1",
                        "csms-site-projection"),
                Map.entry("kafka-producer-network-thread | "
                                + "csms-site-projection-a8e546ad-6457-4d7f-b441-2569bb48c7f9-StreamThread-1-producer",
                        "csms-site-projection"),
                Map.entry("kafka-coordinator-heartbeat-thread | csms-site-projection", "csms-site-projection"),
                Map.entry("csms-site-summary-fde4f242-ac73-456e-ae7e-3e84f3a10fe5-GlobalStreamThread",
                        "csms-site-summary"),
                Map.entry("kafka-admin-client-thread | csms-site-summary-fde4f242-ac73-456e-ae7e-3e84f3a10fe5-admin",
                        "csms-site-summary"),
                Map.entry("csms-charger-history-7261b045-ab03-4978-90a6-0e7c1c266db7-StateUpdater-1",
                        "csms-charger-history"),
                Map.entry("csms.projection.charger-states-ingestor", "query-api ingestor charger-states"),
                Map.entry("kafka-coordinator-heartbeat-thread | csms-query-api-charger-states",
                        "query-api ingestor charger-states"),
                Map.entry("csms.projection.sites-ingestor", "query-api ingestor sites"));
    }

    @Test
    void everyGenerationOfAProjectionIsTheStageOfItsApplication() {
        assertThat(Map.of(
                "csms-charger-projection-0b1c-StreamThread-1", "csms-charger-projection",
                "csms-maintenance-projection-g2-0b1c-StreamThread-1", "csms-maintenance-projection",
                "kafka-producer-network-thread | csms-site-summary-g3-0b1c-StreamThread-1-producer",
                "csms-site-summary",
                "kafka-coordinator-heartbeat-thread | csms-charger-history-g12", "csms-charger-history",
                "csms-site-projection-g2-0b1c-StreamThread-2", "csms-site-projection",
                "csms-registry-0b1c-StreamThread-1", "csms-registry"))
                .allSatisfy((thread, stage) -> assertThat(StageCpu.stage(thread)).isEqualTo(stage));
    }

    @Test
    void zgcThreadsAreGc() {
        assertThat(List.of("ZWorker#0", "ZDriver", "ZDirector", "ZStat", "ZUnmapper", "RuntimeWorker#1"))
                .allMatch(name -> StageCpu.stage(name).equals(StageCpu.GC));
    }

    @Test
    void diffsEachThreadCountsThoseBornWithinWholeAndCountsThoseThatEnded() {
        // two broker threads of the same name (the broker's and the controller's handler), told apart by native id
        List<ThreadCpu> before = List.of(
                new ThreadCpu("0x1", "data-plane-kafka-request-handler-0", 100, 50),
                new ThreadCpu("0x2", "data-plane-kafka-request-handler-0", 40, 50),
                new ThreadCpu("0x3", "csms-site-summary-x-StreamThread-1", 1000, 50),
                new ThreadCpu("0x4", "kafka-producer-network-thread | csms-site-summary-x-StreamThread-1-producer",
                        30, 50),
                new ThreadCpu("0x5", "csms-site-summary-x-StreamThread-2", 500, 50),
                new ThreadCpu("0x6", "executor-thread-3", 70, 50));
        List<ThreadCpu> after = List.of(
                new ThreadCpu("0x1", "data-plane-kafka-request-handler-0", 160, 70),
                new ThreadCpu("0x2", "data-plane-kafka-request-handler-0", 45, 70),
                new ThreadCpu("0x3", "csms-site-summary-x-StreamThread-1", 1500, 70),
                new ThreadCpu("0x4", "kafka-producer-network-thread | csms-site-summary-x-StreamThread-1-producer",
                        50, 70),
                // born within the window: all of its CPU is the window's
                new ThreadCpu("0x7", "csms-site-summary-x-StreamThread-3", 80, 5),
                // the same native id and name again, but younger than the window: another thread, counted whole
                new ThreadCpu("0x6", "executor-thread-3", 9, 3));

        Window window = StageCpu.window(before, after, 20, 900, 123);

        assertThat(window.millisByStage()).containsOnly(
                Map.entry(StageCpu.BROKER, 65.0),
                Map.entry("csms-site-summary", 600.0),
                Map.entry(StageCpu.GATEWAY, 9.0));
        assertThat(window.threadsMillis()).isCloseTo(674, within(1e-9));
        assertThat(window.threadsEnded()).isEqualTo(2);
        assertThat(window.postgresMillis()).isEqualTo(123);
        assertThat(window.processMillis()).isEqualTo(900);
    }
}
