package org.dynamocsms.projection.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.projection.Records.siteCreated;

import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.dynamocsms.projection.load.SiteLoadTopology;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.load.DefaultProfileSent;
import org.dynamocsms.schemas.load.SiteAllocation;
import org.dynamocsms.schemas.serde.AvroSerde;
import org.dynamocsms.schemas.site.SiteChargerContribution;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteSummary;
import org.dynamocsms.schemas.site.SiteView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commits the site summaries ask for, which the topology tests cannot see (their driver commits after every
 * record): a changed summary need not wait a further commit interval behind the live states that changed it.
 */
class SiteSummaryProcessorTest {

    private static final long COMMIT_INTERVAL_MS = 100;

    private MockProcessorContext<String, SpecificRecord> context;

    @BeforeEach
    void stores() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "site-summary-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        context = new MockProcessorContext<>(config);
        store(SiteSummaryTopology.SITES, SiteView.class);
        store(SiteSummaryTopology.CHARGERS, SiteChargerContribution.class);
        store(SiteSummaryTopology.READINGS, EnergyAssetReading.class);
        store(SiteSummaryTopology.ALLOCATIONS, SiteAllocation.class);
        store(SiteSummaryTopology.SUMMARIES, SiteSummary.class);
        store(SiteLoadTopology.ALLOCATIONS, SiteAllocation.class);
        store(SiteLoadTopology.DEFAULTS, DefaultProfileSent.class);
    }

    @Test
    void aChangedSummaryAsksForACommitAtMostOncePerHalfCommitInterval() {
        SiteSummaryProcessor processor = started(() -> true);

        process(processor, 1_000, siteCreated("site_a", "A", 100));
        assertThat(context.committed()).as("the first change").isTrue();

        context.resetCommit();
        process(processor, 1_000 + COMMIT_INTERVAL_MS / 2 - 1, siteCreated("site_b", "B", 100));
        assertThat(context.committed()).as("within half an interval of the last ask").isFalse();

        process(processor, 1_000 + COMMIT_INTERVAL_MS / 2, siteCreated("site_c", "C", 100));
        assertThat(context.committed()).as("half an interval after it").isTrue();
    }

    @Test
    void anUnchangedSummaryAsksForNoCommit() {
        SiteSummaryProcessor processor = started(() -> true);
        SiteEvent created = siteCreated("site_a", "A", 100);
        process(processor, 1_000, created);
        context.resetCommit();

        process(processor, 2_000, created); // applied already
        assertThat(summaries()).hasSize(1);
        assertThat(context.committed()).isFalse();
    }

    @Test
    void aRebuildAsksForNoCommit() {
        SiteSummaryProcessor processor = started(() -> false);

        process(processor, 1_000, siteCreated("site_a", "A", 100));
        assertThat(summaries()).as("the summary is published all the same").hasSize(1);
        assertThat(context.committed()).isFalse();
    }

    /** The summaries published (the processor also forwards site load management's allocations and calls). */
    private List<SiteSummary> summaries() {
        return context.forwarded().stream().map(forward -> forward.record().value())
                .filter(SiteSummary.class::isInstance).map(SiteSummary.class::cast).toList();
    }

    private SiteSummaryProcessor started(BooleanSupplier serving) {
        SiteSummaryProcessor processor = new SiteSummaryProcessor(serving);
        processor.init(context);
        return processor;
    }

    private void process(SiteSummaryProcessor processor, long now, SpecificRecord input) {
        context.setCurrentSystemTimeMs(now);
        String siteId = ((SiteEvent) input).getSiteId();
        processor.process(new Record<>(siteId, input, now));
    }

    private <V extends SpecificRecord> void store(String name, Class<V> type) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), AvroSerde.of(type)).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }
}
