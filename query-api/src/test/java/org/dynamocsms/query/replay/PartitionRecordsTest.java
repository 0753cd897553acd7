package org.dynamocsms.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartitionRecordsTest {

    @Test
    void countsRecordsBelowAnOffsetAcrossSkippedOffsets() {
        PartitionRecords records = new PartitionRecords();
        // 0..2 committed, 3 a marker, 4..5 aborted, 6 their marker, 7 a record, 8 a marker
        for (long offset : new long[] {0, 1, 2, 7}) {
            records.add(offset);
        }
        assertThat(records.records()).isEqualTo(4);
        long[] expected = {0, 1, 2, 3, 3, 3, 3, 3, 4, 4, 4};
        for (int offset = 0; offset < expected.length; offset++) {
            assertThat(records.below(offset)).as("below %d", offset).isEqualTo(expected[offset]);
        }
    }

    @Test
    void nothingReadCountsNothing() {
        PartitionRecords records = new PartitionRecords();
        assertThat(records.below(0)).isZero();
        assertThat(records.below(100)).isZero();
        records.add(5);
        assertThat(records.below(5)).isZero();
        assertThat(records.below(6)).isEqualTo(1);
    }

    @Test
    void manyRunsGrowTheirArrays() {
        PartitionRecords records = new PartitionRecords();
        for (long offset = 0; offset < 1_000; offset += 2) {
            records.add(offset);
        }
        assertThat(records.records()).isEqualTo(500);
        assertThat(records.below(999)).isEqualTo(500);
        assertThat(records.below(500)).isEqualTo(250);
        assertThat(records.below(501)).isEqualTo(251);
    }

    @Test
    void knowsARangeHoldsNoRecordOnlyOnceReadPastIt() {
        PartitionRecords records = new PartitionRecords();
        records.add(0);
        records.add(1);
        // 2 a marker, then a record at 3
        records.readTo(3);
        assertThat(records.noRecordsBetween(2, 3)).isTrue();
        assertThat(records.noRecordsBetween(1, 3)).isFalse();
        assertThat(records.noRecordsBetween(2, 4)).as("not read up to 4 yet").isFalse();
        records.add(3);
        records.readTo(5);
        assertThat(records.noRecordsBetween(4, 5)).isTrue();
        assertThat(records.noRecordsBetween(2, 4)).isFalse();
        assertThat(records.noRecordsBetween(7, 7)).isTrue();
    }

    @Test
    void refusesARecordOutOfOrder() {
        PartitionRecords records = new PartitionRecords();
        records.add(3);
        assertThatThrownBy(() -> records.add(3)).isInstanceOf(IllegalArgumentException.class);
    }
}
