package org.dynamocsms.projection.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SummaryPublicationsTest {

    private static final long INTERVAL_MS = 1_000;

    private final SummaryPublications publications = new SummaryPublications(INTERVAL_MS);

    @Test
    void aSitesFirstChangeIsPublishedAtOnceEvenIfOnlyItsPowerChanged() {
        publications.changed("site_a", true);
        assertThat(publications.publishesNow("site_a", 10_000)).isTrue();
    }

    @Test
    void aChangeOfPowerAloneWaitsUntilAnIntervalAfterTheSitesLastPublication() {
        publications.changed("site_a", false);
        assertThat(publications.publishesNow("site_a", 10_000)).isTrue();

        publications.changed("site_a", true);
        assertThat(publications.publishesNow("site_a", 10_100)).as("100 ms later").isFalse();
        publications.changed("site_a", true);
        assertThat(publications.publishesNow("site_a", 10_400)).as("a further change, 400 ms later").isFalse();

        assertThat(publications.due(10_999)).as("1 ms before the interval has passed").isEmpty();
        assertThat(publications.due(11_000)).containsExactly("site_a");
        assertThat(publications.due(11_400)).as("published, so no longer waiting").isEmpty();

        publications.changed("site_a", true);
        assertThat(publications.publishesNow("site_a", 11_500)).as("within the interval after that").isFalse();
        publications.changed("site_a", true);
        assertThat(publications.publishesNow("site_a", 12_000)).as("an interval after it").isTrue();
        assertThat(publications.due(13_000)).as("the waiting change went with it").isEmpty();
    }

    @Test
    void aChangeOfMoreThanPowerIsPublishedAtOnceAndTakesAWaitingOneWithIt() {
        publications.changed("site_a", false);
        publications.publishesNow("site_a", 10_000);
        publications.changed("site_a", true);
        assertThat(publications.publishesNow("site_a", 10_100)).isFalse();

        // a status flip within the same commit as another power change
        publications.changed("site_a", true);
        publications.changed("site_a", false);
        assertThat(publications.publishesNow("site_a", 10_200)).isTrue();
        assertThat(publications.due(10_250)).as("nothing waits").isEmpty();

        publications.changed("site_a", true);
        assertThat(publications.publishesNow("site_a", 10_300)).as("the interval counts from that publication")
                .isFalse();
        assertThat(publications.due(11_199)).isEmpty();
        assertThat(publications.due(11_200)).containsExactly("site_a");
    }

    @Test
    void eachSiteHasItsOwnInterval() {
        publications.changed("site_a", false);
        publications.publishesNow("site_a", 10_000);
        publications.changed("site_b", false);
        publications.publishesNow("site_b", 10_500);
        publications.changed("site_a", true);
        publications.publishesNow("site_a", 10_600);
        publications.changed("site_b", true);
        publications.publishesNow("site_b", 10_700);
        publications.changed("site_c", true);
        assertThat(publications.publishesNow("site_c", 10_800)).as("never published").isTrue();

        assertThat(publications.due(11_000)).containsExactly("site_a");
        assertThat(publications.due(11_499)).isEmpty();
        assertThat(publications.due(11_500)).containsExactly("site_b");
    }

    @Test
    void aSitePublishedOtherwiseNoLongerWaits() {
        publications.changed("site_a", false);
        publications.publishesNow("site_a", 10_000);
        publications.changed("site_a", true);
        publications.publishesNow("site_a", 10_100);

        publications.published("site_a", 10_200); // as a task's first punctuation publishes everything it holds
        assertThat(publications.due(11_100)).isEmpty();
        assertThat(publications.due(11_200)).isEmpty();
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThatThrownBy(() -> new SummaryPublications(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1 ms");
    }
}
