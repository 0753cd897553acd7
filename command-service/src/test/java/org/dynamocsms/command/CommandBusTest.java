package org.dynamocsms.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.site.DeleteSite;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandBusTest {

    static final String RESULTS = Topics.COMMAND_RESULTS.name();
    static final TopicPartition P0 = new TopicPartition(RESULTS, 0);
    static final TopicPartition P1 = new TopicPartition(RESULTS, 1);
    static final String SITE = "site_01J0000000000000000000000A";
    static final String ORG = "org_A";

    private final MockProducer<String, SiteCommand> producer = new MockProducer<>(false, null,
            Topics.SITE_COMMANDS.keySerde().serializer(), Topics.SITE_COMMANDS.valueSerde().serializer());
    private final MockConsumer<String, CommandResult> consumer = new MockConsumer<>("earliest");
    private final List<CommandResult> recorded = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private CommandBus bus;

    @BeforeEach
    void start() {
        consumer.updatePartitions(RESULTS, List.of(partition(0), partition(1)));
        // Results of commands sent before this instance started are already in the topic.
        consumer.updateEndOffsets(Map.of(P0, 5L, P1, 2L));
    }

    @AfterEach
    void stop() {
        if (bus != null && !consumer.closed()) {
            bus.stop();
        }
    }

    private void start(Duration timeout) {
        bus = new CommandBus(topic -> producer, consumer, recorded::add, timeout, meters);
    }

    @Test
    void readsEveryResultPartitionFromItsEndBeforeAnyCommandIsSent() {
        start(Duration.ofSeconds(5));
        assertThat(consumer.assignment()).containsExactlyInAnyOrder(P0, P1);
        assertThat(consumer.position(P0)).isEqualTo(5);
        assertThat(consumer.position(P1)).isEqualTo(2);
        assertThat(consumer.subscription()).isEmpty();
    }

    @Test
    void sendsTheCommandWithItsKeyAndReturnsItsResult() throws Exception {
        start(Duration.ofSeconds(5));
        SiteCommand command = command("cmd_1");

        CompletableFuture<CommandResult> sent = sendAsync(command);
        awaitSent(1);

        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topics.SITE_COMMANDS.name());
            // Site commands are keyed by organisation: one task decides all of an organisation's registry.
            assertThat(record.key()).isEqualTo(ORG);
            assertThat(record.value()).isEqualTo(command);
        });
        producer.completeNext();
        consumer.addRecord(new ConsumerRecord<>(RESULTS, 1, 2, "cmd_other", result("cmd_other")));
        CommandResult result = result("cmd_1");
        consumer.addRecord(new ConsumerRecord<>(RESULTS, 0, 5, "cmd_1", result));

        assertThat(sent.get(5, TimeUnit.SECONDS)).isEqualTo(result);
        assertThat(recorded).as("recorded as a recent write before it is returned").containsExactly(result);
        assertThat(latencies("accepted")).isEqualTo(1);
    }

    @Test
    void recordsNoRecentWriteForARefusal() throws Exception {
        start(Duration.ofSeconds(5));
        CompletableFuture<CommandResult> sent = sendAsync(command("cmd_1"));
        awaitSent(1);
        producer.completeNext();
        CommandResult refused = CommandResult.newBuilder(result("cmd_1")).setStatus(CommandStatus.NOT_FOUND).build();
        consumer.addRecord(new ConsumerRecord<>(RESULTS, 0, 5, "cmd_1", refused));

        assertThat(sent.get(5, TimeUnit.SECONDS)).isEqualTo(refused);
        assertThat(recorded).isEmpty();
        assertThat(latencies("not_found")).isEqualTo(1);
    }

    @Test
    void answers504WhenTheDecisionDoesNotArriveInTime() {
        start(Duration.ofMillis(200));

        assertThatThrownBy(() -> bus.send(Topics.SITE_COMMANDS, ORG, "cmd_1", command("cmd_1")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(504);
                    assertThat(e.getMessage()).isEqualTo("The command was sent but its decision did not arrive in "
                            + "time; repeat the request with the same Idempotency-Key");
                });
        assertThat(latencies(CommandBus.TIMED_OUT)).isEqualTo(1);
        assertThat(meters.get("csms.command.latency").timer().totalTime(TimeUnit.MILLISECONDS)).isGreaterThan(150);
    }

    @Test
    void answers503WhenTheCommandCannotBeSent() {
        start(Duration.ofSeconds(5));
        CompletableFuture<CommandResult> sent = sendAsync(command("cmd_1"));
        awaitSent(1);

        producer.errorNext(new KafkaException("broker gone"));

        assertThat(sent).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
                .havingCause().isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.status()).isEqualTo(503));
        assertThat(latencies(CommandBus.UNAVAILABLE)).isEqualTo(1);
    }

    /** How many site deletions took the time recorded with {@code outcome}. */
    private long latencies(String outcome) {
        return meters.get("csms.command.latency").tag("topic", Topics.SITE_COMMANDS.name())
                .tag("command", "DeleteSite").tag("outcome", outcome).timer().count();
    }

    @Test
    void skipsAResultItCannotDecode() throws Exception {
        start(Duration.ofSeconds(5));
        consumer.setPollException(new RecordDeserializationException(
                RecordDeserializationException.DeserializationExceptionOrigin.VALUE, P0, 5, 0L,
                TimestampType.CREATE_TIME, null, null, new RecordHeaders(), "bad bytes", null));
        await(() -> consumer.position(P0) == 6);

        CompletableFuture<CommandResult> sent = sendAsync(command("cmd_1"));
        awaitSent(1);
        producer.completeNext();
        consumer.addRecord(new ConsumerRecord<>(RESULTS, 0, 6, "cmd_1", result("cmd_1")));

        assertThat(sent.get(5, TimeUnit.SECONDS).getCommandId()).isEqualTo("cmd_1");
    }

    @Test
    void closesItsClientsOnStop() {
        start(Duration.ofSeconds(5));
        sendAsync(command("cmd_1"));
        awaitSent(1);

        bus.stop();

        assertThat(producer.closed()).isTrue();
        await(consumer::closed);
    }

    @Test
    void passesAnAcceptedResultThrough() {
        CommandResult accepted = result("cmd_1");

        assertThat(CommandBus.accepted(accepted)).isSameAs(accepted);
    }

    @ParameterizedTest
    @CsvSource({"NOT_FOUND, 404, Not found", "CONFLICT, 409, Conflict", "REJECTED, 422, Unprocessable Content"})
    void turnsARefusalIntoItsProblemWordedAsDecided(CommandStatus status, int httpStatus, String title) {
        CommandResult refused = CommandResult.newBuilder(result("cmd_1")).setStatus(status)
                .setMessage("Charger CP-001 is not linked to site " + SITE + ".").build();

        assertThatThrownBy(() -> CommandBus.accepted(refused))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(httpStatus);
                    assertThat(e.problem().title()).isEqualTo(title);
                    assertThat(e.getMessage()).isEqualTo("Charger CP-001 is not linked to site " + SITE + ".");
                });
    }

    @Test
    void answersAnIdThatCannotExistLikeTheDecidersAnswerAMissingOne() {
        ProblemException problem = CommandBus.notFound("Site site_x does not exist.");

        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.problem().title()).isEqualTo("Not found");
        assertThat(problem.getMessage()).isEqualTo("Site site_x does not exist.");
    }

    @Test
    void tokensTheAggregateAtItsDecidedVersion() {
        CommandResult charger = CommandResult.newBuilder(result("cmd_1")).setAggregateId("CP@01").setVersion(7)
                .build();

        assertThat(CommandBus.consistencyToken(result("cmd_1"))).isEqualTo(SITE + "@1");
        assertThat(CommandBus.consistencyToken(charger)).isEqualTo("CP@01@7");
    }

    @Test
    void failsOnADecisionItDoesNotKnow() {
        CommandResult unknown = CommandResult.newBuilder(result("cmd_1")).setStatus(CommandStatus.UNKNOWN).build();

        assertThatThrownBy(() -> CommandBus.accepted(unknown)).isInstanceOf(IllegalStateException.class);
    }

    private CompletableFuture<CommandResult> sendAsync(SiteCommand command) {
        return CompletableFuture.supplyAsync(
                () -> bus.send(Topics.SITE_COMMANDS, ORG, command.getCommandId(), command));
    }

    private void awaitSent(int count) {
        await(() -> producer.history().size() == count);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static SiteCommand command(String commandId) {
        return SiteCommand.newBuilder().setCommandId(commandId).setOrganisationId(ORG).setSiteId(SITE)
                .setIssuedAt(Instant.parse("2024-06-01T09:00:00Z")).setPayload(new DeleteSite()).build();
    }

    private static CommandResult result(String commandId) {
        return CommandResult.newBuilder().setCommandId(commandId).setOrganisationId(ORG).setAggregateId(SITE)
                .setStatus(CommandStatus.ACCEPTED).setVersion(1).setDecidedAt(Instant.parse("2024-06-01T09:00:01Z"))
                .build();
    }

    private static PartitionInfo partition(int partition) {
        return new PartitionInfo(RESULTS, partition, null, null, null);
    }
}
