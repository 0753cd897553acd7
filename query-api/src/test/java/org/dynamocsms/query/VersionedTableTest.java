package org.dynamocsms.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.junit.jupiter.api.Test;

/** The description of a versioned table, without a database (the stores' tests write through it). */
class VersionedTableTest {

    private record Row(String id, long version) {
    }

    private static final TableRows<Row> CHARGERS = TableRows.<Row>of("charger", "charge_point_id")
            .text("charge_point_id", Row::id)
            .bigint("version", Row::version);

    @Test
    void aTableOfAProjectionThatDeletesNothingIgnoresTombstones() {
        VersionedTable<Row> table = VersionedTable.of(Projection.CHARGERS, CHARGERS, Row::id, Row::version);

        assertThat(table.tombstones()).isNull();
        assertThat(table.key().apply(new Row("CP-1", 3))).isEqualTo("CP-1");
        assertThat(table.version().applyAsLong(new Row("CP-1", 3))).isEqualTo(3);
    }

    @Test
    void aTombstoneDeletesTheRowWhoseOneKeyColumnIsItsKey() {
        VersionedTable<Row> table = VersionedTable.of(Projection.CHARGERS, CHARGERS, Row::id, Row::version)
                .deletedByKey();

        assertThat(table.tombstones().rows().table()).isEqualTo("charger");
        assertThat(table.tombstones().keys().apply(List.of("CP-1", "CP-2"))).isEqualTo(List.of("CP-1", "CP-2"));
    }

    @Test
    void aTableOfSeveralKeyColumnsSaysHowATombstoneNamesItsRow() {
        TableRows<Row> intervals = TableRows.<Row>of("charger_interval", "charge_point_id", "start_at")
                .text("charge_point_id", Row::id);
        VersionedTable<Row> table = VersionedTable.of(Projection.CHARGER_HISTORY, intervals, Row::id, Row::version);

        assertThatThrownBy(table::deletedByKey).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("charger_interval");
    }

    @Test
    void boundToAGenerationItWritesThatGenerationsTablesRowsAndTombstonesAlike() {
        Generation second = Generation.first(Projection.CHARGERS).next();

        VersionedTable<Row> table = VersionedTable.of(Projection.CHARGERS, CHARGERS, Row::id, Row::version)
                .deletedByKey().in(second);

        assertThat(table.rows().generation()).isEqualTo(second);
        assertThat(table.tombstones().rows().generation()).isEqualTo(second);
        assertThat(table.rows().table()).isEqualTo("charger");
    }
}
