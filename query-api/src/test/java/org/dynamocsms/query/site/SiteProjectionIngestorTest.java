package org.dynamocsms.query.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.site.Sites.ORG;
import static org.dynamocsms.query.site.Sites.created;
import static org.dynamocsms.query.site.Sites.renamed;
import static org.dynamocsms.query.site.Sites.view;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ingestion loop against a mock consumer and the real database. */
class SiteProjectionIngestorTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.SITE_PROJECTION.name(), 0);

    private final MockConsumer<String, SiteView> consumer =
            new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    private final SiteProjectionIngestor ingestor = new SiteProjectionIngestor();
    private DataSource dataSource;

    @BeforeEach
    void setUp() throws SQLException {
        dataSource = TestDatabase.clean();
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(PARTITION)));
    }

    @AfterEach
    void stop() {
        ingestor.stop();
    }

    @Test
    void upsertsEachBatchThenCommitsIt() throws SQLException {
        start(dataSource);
        consumer.schedulePollTask(() -> {
            add(0, view(created("site_1", "One")));
            add(1, view(created("site_1", "One"), renamed("site_1", 2, "One renamed")));
            add(2, view(created("site_1", "One")));
        });

        await(() -> committed() == 3);
        assertThat(version("site_1")).hasValue(2);
    }

    @Test
    void skipsARecordItCannotDecodeAndGoesOn() throws SQLException {
        start(dataSource);
        consumer.schedulePollTask(() -> add(0, view(created("site_1", "One"))));
        consumer.schedulePollTask(() -> consumer.setPollException(new RecordDeserializationException(
                RecordDeserializationException.DeserializationExceptionOrigin.VALUE, PARTITION, 1, 0,
                TimestampType.CREATE_TIME, null, null, new RecordHeaders(), "not Avro", null)));
        consumer.schedulePollTask(() -> add(2, view(created("site_2", "Two"))));

        await(() -> committed() == 3);
        assertThat(version("site_1")).hasValue(1);
        assertThat(version("site_2")).hasValue(1);
    }

    @Test
    void retriesWhileTheDatabaseIsAwayAndCommitsOnlyOnceWritten() throws SQLException {
        List<Long> committedAtEachAttempt = new CopyOnWriteArrayList<>();
        start(failingFirstAttempt(committedAtEachAttempt));
        consumer.schedulePollTask(() -> add(0, view(created("site_1", "One"))));

        await(() -> committed() == 1);
        assertThat(committedAtEachAttempt).containsExactly(0L, 0L);
        assertThat(version("site_1")).hasValue(1);
    }

    private void start(DataSource store) {
        ingestor.store = new SiteViewStore(store);
        ingestor.start(consumer);
    }

    private void add(long offset, SiteView view) {
        consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, view.getSiteId(),
                view));
    }

    private long committed() {
        OffsetAndMetadata offset = consumer.committed(Set.of(PARTITION)).get(PARTITION);
        return offset == null ? 0 : offset.offset();
    }

    private OptionalLong version(String siteId) throws SQLException {
        return new SiteViewStore(dataSource).version(ORG, siteId);
    }

    /** The test database, except that the first connection cannot be had; notes the committed offset each time. */
    private DataSource failingFirstAttempt(List<Long> committedAtEachAttempt) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        committedAtEachAttempt.add(committed());
                        if (committedAtEachAttempt.size() == 1) {
                            throw new SQLTransientConnectionException("database away");
                        }
                    }
                    try {
                        return method.invoke(dataSource, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
