package org.dynamocsms.projection.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.projection.Records.connected;
import static org.dynamocsms.projection.Records.status;
import static org.dynamocsms.projection.history.Facts.CP;
import static org.dynamocsms.projection.history.Facts.t;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.dynamocsms.projection.Records;
import org.dynamocsms.schemas.analytics.ChargerTimelineHead;
import org.dynamocsms.schemas.analytics.TimelinePoint;
import org.dynamocsms.schemas.serde.AvroSerde;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.junit.jupiter.api.Test;

class ChargerTimelineHeadsTest {

    private static final AvroSerde<ChargerTimelineHead> HEADS = AvroSerde.of(ChargerTimelineHead.class);

    /**
     * Issue 13: a chatty charger, a status change every 10 s for 8 days (69,120 facts), costs its last facts what its
     * first cost, give or take the facts the base passes once it is a week old: the bytes written (its head, its
     * fact, the facts deleted) and the facts read stay bounded whatever the number held; those of the last 7 days
     * stay held.
     */
    @Test
    void aChattyChargersFactEachCostTheSameWhateverTheNumberHeld() {
        Duration every = Duration.ofSeconds(10);
        int window = 1_000;
        int facts = (int) Duration.ofDays(8).dividedBy(every);
        Instant start = t("06-01T00:00");
        MemoryFacts stored = new MemoryFacts();
        ChargerTimelineHead head = add(null, connected(CP, start), stored);
        long bytes = 0;
        List<Long> perWindow = new ArrayList<>();
        for (int i = 1; i <= facts; i++) {
            head = add(head, status(CP, start.plus(every.multipliedBy(i)), 1,
                    i % 2 == 0 ? ConnectorStatus.Available : ConnectorStatus.Charging), stored);
            bytes += HEADS.serialize("heads", head).length;
            if (i % window == 0) {
                long perFact = (bytes + stored.bytesWritten()) / window;
                long readsPerFact = stored.factsRead() / window;
                perWindow.add(perFact);
                assertThat(perFact).as("bytes written per fact, facts %d to %d", i - window, i).isLessThan(1_000);
                assertThat(readsPerFact).as("facts read per fact").isLessThanOrEqualTo(2);
                bytes = 0;
                stored.resetCounts();
            }
        }
        // flat once the base moves on (a fact a week old is deleted for each new one), as before it
        int weekOld = (int) (ChargerTimelines.HORIZON.dividedBy(every) / window) + 1;
        assertThat(perWindow.get(perWindow.size() - 1)).isLessThanOrEqualTo(perWindow.get(weekOld) * 6 / 5);
        assertThat(perWindow.get(weekOld - 2)).isLessThanOrEqualTo(perWindow.get(0) * 6 / 5);
        assertThat(stored.size()).isEqualTo(ChargerTimelines.HORIZON.dividedBy(every));
        assertThat(HEADS.serialize("heads", head).length).as("head bytes").isLessThan(1_000);
    }

    private static ChargerTimelineHead add(ChargerTimelineHead head, ChargerTelemetry telemetry, MemoryFacts facts) {
        TimelinePoint point = TimelinePoints.of(telemetry).orElseThrow();
        return ChargerTimelineHeads.add(head, point, CP, Records.ORG, facts).head();
    }
}
