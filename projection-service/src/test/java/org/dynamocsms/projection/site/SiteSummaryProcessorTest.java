package org.dynamocsms.projection.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.dynamocsms.projection.Records.chargerLinkedTo;
import static org.dynamocsms.projection.Records.siteCreated;

import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.dynamocsms.projection.load.SiteLoadTopology;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.charger.ChargerStatus;
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
 * What the topology tests cannot see, their driver committing after every record: the commits the site summaries ask
 * for (a changed summary need not wait a further commit interval behind the live states that changed it), and when a
 * change of power alone is published.
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

    @Test
    void aChangeOfPowerAloneIsPublishedAtMostOncePerIntervalAndAsksForNoCommit() {
        SiteSummaryProcessor processor = linkedSite(() -> true);
        process(processor, 1_000, drawing(7_400, ChargerStatus.charging));
        assertThat(power()).as("a session's start, at once").containsExactly(0.0, 0.0, 7.4);
        context.resetCommit();

        process(processor, 1_100, drawing(7_500, ChargerStatus.charging));
        process(processor, 1_200, drawing(7_600, ChargerStatus.charging));
        assertThat(power()).as("within the interval").containsExactly(0.0, 0.0, 7.4);
        assertThat(context.committed()).isFalse();

        publishWaiting(1_999);
        assertThat(power()).containsExactly(0.0, 0.0, 7.4);
        publishWaiting(2_000);
        assertThat(power()).as("the latest, once the interval has passed").containsExactly(0.0, 0.0, 7.4, 7.6);
        publishWaiting(3_500);
        assertThat(power()).as("nothing more waits").hasSize(4);
    }

    @Test
    void aStatusFlipIsPublishedAtOnceWithThePowerThatWaited() {
        SiteSummaryProcessor processor = linkedSite(() -> true);
        process(processor, 1_000, drawing(7_400, ChargerStatus.charging));
        process(processor, 1_100, drawing(7_500, ChargerStatus.charging));
        context.resetCommit();

        process(processor, 1_200, drawing(0, ChargerStatus.faulted));
        assertThat(summaries().get(summaries().size() - 1).getChargers().getFaulted()).isEqualTo(1);
        assertThat(power()).containsExactly(0.0, 0.0, 7.4, 0.0);
        assertThat(context.committed()).isTrue();
        publishWaiting(2_200);
        assertThat(power()).as("nothing waits").hasSize(4);
    }

    @Test
    void aRebuildPublishesAChangeOfPowerAloneAtOnce() {
        SiteSummaryProcessor processor = linkedSite(() -> false);
        process(processor, 1_000, drawing(7_400, ChargerStatus.charging));
        process(processor, 1_100, drawing(7_500, ChargerStatus.charging));
        assertThat(power()).containsExactly(0.0, 0.0, 7.4, 7.5);
    }

    @Test
    void aTaskStartedAgainPublishesEverySummaryItHoldsAtItsFirstPunctuation() {
        SiteSummaryProcessor processor = linkedSite(() -> true);
        process(processor, 1_000, drawing(7_400, ChargerStatus.charging));
        process(processor, 1_100, drawing(7_500, ChargerStatus.charging)); // waits when the task stops
        process(processor, 1_100, siteCreated("site_b", "B", 100));
        context.resetForwards();

        SiteSummaryProcessor restarted = started(() -> true);
        publishWaiting(1_400);
        assertThat(summaries()).extracting(SiteSummary::getSiteId, SiteSummary::getCurrentPowerKw)
                .containsExactlyInAnyOrder(tuple("site_a", 7.5),
                        tuple("site_b", 0.0));

        context.resetForwards();
        process(restarted, 1_500, drawing(7_600, ChargerStatus.charging));
        assertThat(summaries()).as("published at the first punctuation").isEmpty();
        publishWaiting(2_400);
        assertThat(power()).containsExactly(7.6);
    }

    /**
     * A started processor past its first punctuation (which publishes what the task holds, nothing yet) with site_a,
     * linked to CP-1, its summaries published.
     */
    private SiteSummaryProcessor linkedSite(BooleanSupplier serving) {
        SiteSummaryProcessor processor = started(serving);
        publishWaiting(1_000);
        process(processor, 1_000, siteCreated("site_a", "A", 100));
        process(processor, 1_000, chargerLinkedTo("site_a", 2, "CP-1"));
        return processor;
    }

    /** CP-1's contribution to site_a: one session drawing {@code powerW} if charging. */
    private static SiteChargerContribution drawing(long powerW, ChargerStatus status) {
        return SiteChargerContribution.newBuilder().setChargePointId("CP-1").setSiteId("site_a").setStatus(status)
                .setActiveSessions(status == ChargerStatus.charging ? 1 : 0).setPowerW(powerW).build();
    }

    /** Runs the last processor started's punctuation that publishes the summaries that waited. */
    private void publishWaiting(long now) {
        List<CapturedPunctuator> punctuators = context.scheduledPunctuators().stream()
                .filter(p -> p.getInterval().equals(SiteSummaryProcessor.POWER_INTERVAL.dividedBy(4))).toList();
        context.setCurrentSystemTimeMs(now);
        punctuators.get(punctuators.size() - 1).getPunctuator().punctuate(now);
    }

    /** The power of each summary published. */
    private List<Double> power() {
        return summaries().stream().map(SiteSummary::getCurrentPowerKw).toList();
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
        String siteId = input instanceof SiteEvent event ? event.getSiteId()
                : ((SiteChargerContribution) input).getSiteId();
        processor.process(new Record<>(siteId, input, now));
    }

    private <V extends SpecificRecord> void store(String name, Class<V> type) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), AvroSerde.of(type)).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }
}
