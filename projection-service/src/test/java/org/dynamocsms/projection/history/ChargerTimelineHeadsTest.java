package org.dynamocsms.projection.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.projection.Records.connected;
import static org.dynamocsms.projection.Records.disconnected;
import static org.dynamocsms.projection.Records.fault;
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
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
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
        int weekOld = (int) (ChargerTimelines.HORIZON.dividedBy(every) / window) + 1;
        stored.resetCounts();
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
                // none while no fact is a week old; then one to pass the week-old fact, one to delete it
                assertThat(stored.scans()).as("scans, facts %d to %d", i - window, i)
                        .isLessThanOrEqualTo(i <= weekOld * window - window ? 0 : 2L * window);
                bytes = 0;
                stored.resetCounts();
            }
        }
        // flat once the base moves on (a fact a week old is deleted for each new one), as before it
        assertThat(perWindow.get(perWindow.size() - 1)).isLessThanOrEqualTo(perWindow.get(weekOld) * 6 / 5);
        assertThat(perWindow.get(weekOld - 2)).isLessThanOrEqualTo(perWindow.get(0) * 6 / 5);
        assertThat(stored.size()).isEqualTo(ChargerTimelines.HORIZON.dividedBy(every));
        assertThat(HEADS.serialize("heads", head).length).as("head bytes").isLessThan(1_000);
    }

    /**
     * Issue 13: a fact newer than every one held opens no store iterator (in Kafka Streams 4.1 each registers and
     * removes its metrics: tens of µs) while no fact held is a week older than it: it can be the duplicate of none,
     * and the base has no fact to pass. A charger's connections, statuses and faults over 6 days.
     */
    @Test
    void aNewestFactOpensNoStoreIteratorWhileNoFactIsAWeekOlder() {
        Instant start = t("06-01T00:00");
        MemoryFacts stored = new MemoryFacts();
        ChargerTimelineHead head = add(null, connected(CP, start, "gw-1", "con_0"), stored);
        ConnectorStatus[] session = {ConnectorStatus.Preparing, ConnectorStatus.Charging, ConnectorStatus.Finishing,
                ConnectorStatus.Available};
        Duration every = Duration.ofMinutes(7);
        int connection = 0;
        for (int i = 1; start.plus(every.multipliedBy(i)).isBefore(start.plus(Duration.ofDays(6))); i++) {
            Instant at = start.plus(every.multipliedBy(i));
            ChargerTelemetry fact;
            if (i % 50 == 0) {
                fact = disconnected(CP, at, "con_" + connection);
            } else if (i % 50 == 1) {
                fact = connected(CP, at, "gw-1", "con_" + ++connection);
            } else if (i % 17 == 0) {
                fact = fault(CP, at, i % 3, ChargePointErrorCode.GroundFailure, "leak");
            } else {
                fact = status(CP, at, i % 3, session[i % session.length]);
            }
            stored.resetCounts();
            head = add(head, fact, stored);
            assertThat(stored.scans()).as("scans for fact %d, %s", i, fact.getPayload()).isZero();
        }
    }

    private static ChargerTimelineHead add(ChargerTimelineHead head, ChargerTelemetry telemetry, MemoryFacts facts) {
        TimelinePoint point = TimelinePoints.of(telemetry).orElseThrow();
        return ChargerTimelineHeads.add(head, point, CP, Records.ORG, facts).head();
    }
}
