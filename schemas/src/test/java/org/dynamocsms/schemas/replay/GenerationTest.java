package org.dynamocsms.schemas.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

class GenerationTest {

    @Test
    void theFirstGenerationKeepsThePlainNamesExceptForItsTables() {
        Generation first = Generation.first(Projection.LIVE_STATES);

        assertThat(first.applicationId()).isEqualTo("csms-site-summary");
        assertThat(first.topic(Topics.CHARGER_STATE_PROJECTION).name()).isEqualTo("csms.projection.charger-states");
        assertThat(first.group("csms-query-api-charger-states")).isEqualTo("csms-query-api-charger-states");
        assertThat(first.table("charger_state")).isEqualTo("charger_state_g1");
    }

    @Test
    void aLaterGenerationNamesEverythingItBuildsApart() {
        Generation third = Generation.first(Projection.CHARGER_HISTORY).next().next();

        assertThat(third.number()).isEqualTo(3);
        assertThat(third.applicationId()).isEqualTo("csms-charger-history-g3");
        assertThat(third.topic(Topics.CHARGER_INTERVAL_PROJECTION).name())
                .isEqualTo("csms.projection.charger-intervals.g3");
        assertThat(third.topic(Topics.CHARGER_INTERVAL_PROJECTION).valueSerde())
                .isSameAs(Topics.CHARGER_INTERVAL_PROJECTION.valueSerde());
        assertThat(third.group("csms-query-api-charger-intervals")).isEqualTo("csms-query-api-charger-intervals-g3");
        assertThat(third.table("charger_interval")).isEqualTo("charger_interval_g3");
    }

    @Test
    void thereIsNoGenerationBeforeTheFirst() {
        assertThatThrownBy(() -> new Generation(Projection.SITES, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("generation 0 of sites");
    }

    @Test
    void projectionsAreFoundByTheirOperatorName() {
        assertThat(Projection.byId("live-states")).contains(Projection.LIVE_STATES);
        assertThat(Projection.byId("charger-history")).contains(Projection.CHARGER_HISTORY);
        assertThat(Projection.byId("all")).isEmpty();
    }
}
