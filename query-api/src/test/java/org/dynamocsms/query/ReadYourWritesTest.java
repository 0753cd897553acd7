package org.dynamocsms.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.dynamocsms.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class ReadYourWritesTest {

    private final ReadYourWrites readYourWrites = new ReadYourWrites(Duration.ofMillis(300));
    private final List<String> asked = new ArrayList<>();

    @Test
    void withoutATokenItNeitherWaitsNorLooks() {
        assertThat(readYourWrites.await(null, this::neverThere)).isNull();
        assertThat(asked).isEmpty();
    }

    @Test
    void answersAtOnceWhenTheStoreIsAtOrPastTheVersion() {
        assertThat(readYourWrites.await("site_1@3", id -> OptionalLong.of(3))).isEqualTo(ReadYourWrites.REACHED);
        assertThat(readYourWrites.await("site_1@3", id -> OptionalLong.of(4))).isEqualTo(ReadYourWrites.REACHED);
    }

    @Test
    void waitsUntilTheStoreCatchesUp() {
        // absent, absent, version 1, version 2
        String status = readYourWrites.await("site_1@2", id -> {
            asked.add(id);
            return asked.size() <= 2 ? OptionalLong.empty() : OptionalLong.of(asked.size() - 2);
        });

        assertThat(status).isEqualTo(ReadYourWrites.REACHED);
        assertThat(asked).hasSize(4);
    }

    @Test
    void givesUpAfterTheConfiguredWait() {
        long start = System.nanoTime();

        assertThat(readYourWrites.await("site_1@2", this::neverThere)).isEqualTo(ReadYourWrites.TIMED_OUT);

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(300), Duration.ofSeconds(2));
        assertThat(asked).hasSizeGreaterThan(5).containsOnly("site_1");
    }

    @Test
    void aMalformedTokenIsA400NamingTheHeader() {
        assertThatThrownBy(() -> readYourWrites.await("site_1", this::neverThere))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("Consistency-Token");
                });
        assertThat(asked).isEmpty();
    }

    private OptionalLong neverThere(String aggregateId) {
        asked.add(aggregateId);
        return OptionalLong.empty();
    }
}
