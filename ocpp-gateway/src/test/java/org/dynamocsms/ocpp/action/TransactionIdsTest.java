package org.dynamocsms.ocpp.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class TransactionIdsTest {

    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

    @Test
    void anIdIsTheSecondsSince2020AndNeverRepeatsForOneCharger() {
        TransactionIds ids = new TransactionIds();

        int first = ids.next("CP-1", NOW);

        assertThat(first).isEqualTo(139_406_400); // 1,613 days and 12 hours after 2020-01-01
        assertThat(ids.next("CP-1", NOW)).isEqualTo(first + 1);
        assertThat(ids.next("CP-1", NOW.minusSeconds(60))).isEqualTo(first + 2);
        assertThat(ids.next("CP-1", NOW.plusSeconds(60))).isEqualTo(first + 60);
        assertThat(ids.next("CP-2", NOW)).isEqualTo(first);
    }
}
