package org.dynamocsms.command;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.jboss.logging.Logger;

/**
 * Sends commands to their aggregate processors and waits, bounded, for the decision ({@link Replies}: the instance
 * that sent a command sees its result wherever the processor ran).
 */
@Startup
@ApplicationScoped
public class CommandBus {

    private static final Logger LOG = Logger.getLogger(CommandBus.class);

    static final String TIMEOUT = "The command was sent but its decision did not arrive in time; "
            + "repeat the request with the same Idempotency-Key";
    /** The outcomes of {@code csms.command.latency} besides the decisions' own (accepted, not_found, ...). */
    static final String TIMED_OUT = "timeout";
    static final String UNAVAILABLE = "unavailable";
    private static final Duration[] LATENCY_SLOS = {Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private final Function<Topic<String, ?>, Producer<String, ?>> producerFactory;
    private final Map<String, Producer<String, ?>> producers = new ConcurrentHashMap<>();
    private final Replies<CommandResult> results;
    private final java.util.function.Consumer<CommandResult> onAccepted;
    private final Duration timeout;
    private final MeterRegistry meters;

    @Inject
    CommandBus(KafkaClients kafka, CommandSettings settings, RecentWrites recentWrites, MeterRegistry meters) {
        this(kafka::producer, kafka.consumer(Topics.COMMAND_RESULTS, null), recentWrites::record, settings.timeout(),
                meters);
    }

    /**
     * Positions {@code results} at the end of every partition before returning, so no result of a command sent
     * afterwards can be missed.
     *
     * @param onAccepted called with each accepted result before {@link #send} returns it
     */
    CommandBus(Function<Topic<String, ?>, Producer<String, ?>> producerFactory,
               Consumer<String, CommandResult> results, java.util.function.Consumer<CommandResult> onAccepted,
               Duration timeout, MeterRegistry meters) {
        this.producerFactory = producerFactory;
        this.results = new Replies<>("command-results", results, Topics.COMMAND_RESULTS.name(),
                CommandResult::getCommandId);
        this.onAccepted = onAccepted;
        this.timeout = timeout;
        this.meters = meters;
    }

    @PreDestroy
    void stop() {
        results.close();
        producers.values().forEach(p -> p.close(Duration.ofSeconds(5)));
    }

    /**
     * Sends {@code command} keyed by {@code key} (the organisation id on the site and charger command topics, the
     * charge point id on the registrations topic) and returns its decision; 504 if it does not arrive within
     * {@code csms.command.timeout}, 503 if the command cannot be sent. An accepted decision is recorded as a
     * {@link RecentWrite} first, so that reads of what it changed wait for it. Its latency is recorded by topic,
     * command and outcome ({@link #latency}).
     */
    public <C> CommandResult send(Topic<String, C> topic, String key, String commandId, C command) {
        long started = System.nanoTime();
        String outcome = UNAVAILABLE;
        CompletableFuture<CommandResult> result = results.expect(commandId);
        try {
            producer(topic).send(new ProducerRecord<>(topic.name(), key, command), (metadata, e) -> {
                if (e != null) {
                    LOG.warnf(e, "Cannot send command %s", commandId);
                    result.completeExceptionally(new ProblemException(503, "Service Unavailable",
                            "The command could not be sent; try again."));
                }
            });
            CommandResult decided = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            outcome = decided.getStatus().name().toLowerCase(Locale.ROOT);
            if (decided.getStatus() == CommandStatus.ACCEPTED) {
                onAccepted.accept(decided);
            }
            return decided;
        } catch (TimeoutException e) {
            outcome = TIMED_OUT;
            throw new ProblemException(504, "Gateway Timeout", TIMEOUT);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ProblemException problem ? problem : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service Unavailable", "The service is shutting down; try again.");
        } finally {
            results.forget(commandId);
            latency(topic, command, outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * {@code csms.command.latency}: from sending a command to its decision, by topic, command (the type of its payload,
     * e.g. RegisterCharger) and outcome: the decision's status (accepted, not_found, conflict, rejected), timeout, or
     * unavailable (not sent). Commands come at the pace of REST writes: the tags are looked up per command.
     */
    private Timer latency(Topic<String, ?> topic, Object command, String outcome) {
        return Timer.builder("csms.command.latency").description("From sending a command to its decision")
                .tag("topic", topic.name())
                .tag("command", commandType(command))
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .serviceLevelObjectives(LATENCY_SLOS)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
    }

    /** The type of a command's payload (each command topic carries one envelope with a union payload). */
    static String commandType(Object command) {
        if (command instanceof GenericRecord record && record.getSchema().getField("payload") != null
                && record.get("payload") != null) {
            return record.get("payload").getClass().getSimpleName();
        }
        return command.getClass().getSimpleName();
    }

    /** {@code result} if it was accepted; otherwise the problem the caller gets (404, 409 or 422), as decided. */
    public static CommandResult accepted(CommandResult result) {
        return switch (result.getStatus()) {
            case ACCEPTED -> result;
            case NOT_FOUND -> throw notFound(result.getMessage());
            case CONFLICT -> throw new ProblemException(409, "Conflict", result.getMessage());
            case REJECTED -> throw new ProblemException(422, "Unprocessable Content", result.getMessage());
            default -> throw new IllegalStateException("Unknown decision " + result.getStatus() + " on "
                    + result.getCommandId());
        };
    }

    /** A 404 worded like the deciders' (e.g. "Site x does not exist."), also for ids that cannot exist at all. */
    public static ProblemException notFound(String message) {
        return new ProblemException(404, "Not found", message);
    }

    /** The {@link ConsistencyToken} of a write: its aggregate at the version the decision left it. */
    public static String consistencyToken(CommandResult result) {
        return new ConsistencyToken(result.getAggregateId(), result.getVersion()).toString();
    }

    @SuppressWarnings("unchecked")
    private <C> Producer<String, C> producer(Topic<String, C> topic) {
        return (Producer<String, C>) producers.computeIfAbsent(topic.name(), name -> producerFactory.apply(topic));
    }
}
