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

    @Test
    void anOcpp201StationsTransactionIdIsTheFirst31BitsOfItsSha256() {
        // expected values from Python: int.from_bytes(hashlib.sha256(id.encode()).digest()[:4], 'big') >> 1
        assertThat(TransactionIds.of("tx-0001")).isEqualTo(2_117_475_809);
        assertThat(TransactionIds.of("0b8a5c6e-1f7e-4c1a-9d3e-2a4b6c8d0e1f")).isEqualTo(1_908_309_757);
        assertThat(TransactionIds.of("tx-0002")).isNotEqualTo(TransactionIds.of("tx-0001")).isNotNegative();
    }
}
