package org.dynamocsms.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.dynamocsms.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class ReadYourWritesTest {

    private final List<String> asked = new ArrayList<>();
    private final Map<String, Map<String, Long>> recentWrites = Map.of(
            "org_A|sites/site_1", Map.of("site_1", 2L),
            "org_A|chargers/CP-1/maintenance", Map.of("mnt_1", 1L, "mnt_2", 3L));
    private final ReadYourWrites readYourWrites = new ReadYourWrites(Duration.ofMillis(300),
            (organisationId, resource) -> recentWrites.getOrDefault(organisationId + "|" + resource, Map.of()));

    @Test
    void withoutATokenOrARecentWriteItNeitherWaitsNorLooks() {
        assertThat(readYourWrites.await(null, "org_A", "sites/site_2", this::neverThere)).isNull();
        assertThat(readYourWrites.await(null, "org_B", "sites/site_1", this::neverThere)).isNull();
        assertThat(asked).isEmpty();
    }

    @Test
    void aListWithoutATokenDoesNotWait() {
        assertThat(readYourWrites.await(null, "org_A", null, this::neverThere)).isNull();
        assertThat(asked).isEmpty();
    }

    @Test
    void withoutATokenItWaitsForTheOrganisationsRecentWriteOfTheResource() {
        // absent, version 1, version 2
        String status = readYourWrites.await(null, "org_A", "sites/site_1", id -> {
            asked.add(id);
            return asked.size() == 1 ? OptionalLong.empty() : OptionalLong.of(asked.size() - 1);
        });

        assertThat(status).isEqualTo(ReadYourWrites.REACHED);
        assertThat(asked).containsExactly("site_1", "site_1", "site_1");
    }

    @Test
    void waitsForEveryRecentWriteOfTheResource() {
        Map<String, Long> store = new HashMap<>(Map.of("mnt_1", 1L));

        String status = readYourWrites.await(null, "org_A", "chargers/CP-1/maintenance", id -> {
            asked.add(id);
            if (asked.size() == 3) {
                store.put("mnt_2", 3L); // the second write reaches the store while the read waits
            }
            return store.containsKey(id) ? OptionalLong.of(store.get(id)) : OptionalLong.empty();
        });

        assertThat(status).isEqualTo(ReadYourWrites.REACHED);
        assertThat(asked).containsOnly("mnt_1", "mnt_2").endsWith("mnt_2");
        assertThat(asked.stream().filter("mnt_1"::equals)).as("mnt_1 is not asked again once reached").hasSize(1);
    }

    @Test
    void aTokenTakesThePlaceOfTheRecentWrites() {
        assertThat(readYourWrites.await("site_1@1", "org_A", "sites/site_1", id -> OptionalLong.of(1)))
                .isEqualTo(ReadYourWrites.REACHED);
    }

    @Test
    void answersAtOnceWhenTheStoreIsAtOrPastTheVersion() {
        assertThat(readYourWrites.await("site_1@3", "org_A", "sites/site_1", id -> OptionalLong.of(3)))
                .isEqualTo(ReadYourWrites.REACHED);
        assertThat(readYourWrites.await("site_1@3", "org_A", "sites/site_1", id -> OptionalLong.of(4)))
                .isEqualTo(ReadYourWrites.REACHED);
    }

    @Test
    void waitsUntilTheStoreCatchesUp() {
        // absent, absent, version 1, version 2
        String status = readYourWrites.await("site_1@2", "org_A", "sites/site_1", id -> {
            asked.add(id);
            return asked.size() <= 2 ? OptionalLong.empty() : OptionalLong.of(asked.size() - 2);
        });

        assertThat(status).isEqualTo(ReadYourWrites.REACHED);
        assertThat(asked).hasSize(4);
    }

    @Test
    void givesUpAfterTheConfiguredWait() {
        long start = System.nanoTime();

        assertThat(readYourWrites.await("site_1@2", "org_A", null, this::neverThere))
                .isEqualTo(ReadYourWrites.TIMED_OUT);

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(300), Duration.ofSeconds(2));
        assertThat(asked).hasSizeGreaterThan(5).containsOnly("site_1");
    }

    @Test
    void aMalformedTokenIsA400NamingTheHeader() {
        assertThatThrownBy(() -> readYourWrites.await("site_1", "org_A", "sites/site_1", this::neverThere))
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
