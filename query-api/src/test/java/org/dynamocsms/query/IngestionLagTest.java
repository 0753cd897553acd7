package org.dynamocsms.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

class IngestionLagTest {

    private static final Instant START = Instant.parse("2026-12-05T12:00:00Z");

    private Instant now = START;
    private final IngestionLag lag = new IngestionLag(new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    @Test
    void growsFromTheStartUntilAPollLeavesNothingToRead() {
        now = START.plusSeconds(3);
        assertThat(lag.lag()).isEqualTo(Duration.ofSeconds(3));

        lag.applied(null, true);
        assertThat(lag.lag()).isZero();
        now = now.plusMillis(500);
        assertThat(lag.lag()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aBacklogFoundAtTheStartCountsFromItsNewestRecordAppliedHoweverOld() {
        now = START.plusSeconds(2);
        lag.applied(START.minusSeconds(3_600), false); // an hour's backlog, found by the first poll
        assertThat(lag.lag()).isEqualTo(Duration.ofSeconds(3_602));
    }

    @Test
    void aPollThatCannotTellWhatIsLeftChangesNothing() {
        now = START.plusSeconds(2);
        lag.applied(null, false);
        assertThat(lag.lag()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void whileRecordsWaitItIsTheAgeOfTheNewestApplied() {
        now = START.plusSeconds(3_600);
        lag.applied(START.plusSeconds(600), false); // a backlog from an hour's absence
        assertThat(lag.lag()).isEqualTo(Duration.ofSeconds(3_000));

        lag.applied(START.plusSeconds(3_599), false);
        assertThat(lag.lag()).isEqualTo(Duration.ofSeconds(1));

        // a poll of older records (another partition) does not set it back
        lag.applied(START.plusSeconds(1_000), false);
        assertThat(lag.lag()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void keepsGrowingWhileNothingIsApplied() {
        lag.applied(null, true);
        now = START.plusSeconds(45); // the database away, or the loop stuck
        assertThat(lag.lag()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void aRecordTimeAheadOfTheClockIsNoLag() {
        lag.applied(START.plusSeconds(5), false);
        assertThat(lag.lag()).isZero();
    }

    @Test
    void theCheckIsDownNamingTheTopicsOverTheLimit() {
        HealthCheckResponse response = ReadStoreIngestionCheck.response(Map.of(
                "csms.projection.sites", Duration.ofMillis(200),
                "csms.projection.charger-states", Duration.ofSeconds(31)), Duration.ofSeconds(30));

        assertThat(response.getName()).isEqualTo("read-store-ingestion");
        assertThat(response.getStatus()).isEqualTo(Status.DOWN);
        assertThat(response.getData()).hasValue(Map.of("max-lag-ms", 30_000L,
                "csms.projection.sites", 200L, "csms.projection.charger-states", 31_000L));
        assertThat(ReadStoreIngestionCheck.response(Map.of("csms.projection.sites", Duration.ofSeconds(30)),
                Duration.ofSeconds(30)).getStatus()).isEqualTo(Status.UP);
    }
}
