package org.dynamocsms.schemas.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorableTest {

    @Nested
    class Text {

        @ParameterizedTest
        @ValueSource(strings = {"", "King Street Depot", "Zürich – 東京", "\uD83D\uDD0C plug", "\uD83D\uDD0C",
                "\uFFFF\uFFFE", "tab\tand\nnewline", "\u0001"})
        void acceptsWhatEveryReaderCanHold(String text) {
            assertThat(Storable.text(text)).isEmpty();
        }

        @Test
        void refusesNul() {
            assertThat(Storable.text("a\u0000b")).contains("must not contain U+0000 (NUL)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\uD800", "\uD800b", "a\uDC00", "\uDBFF", "\uDC00\uD800", "\uD83D\uDD0C\uDD0C"})
        void refusesALoneSurrogate(String text) {
            assertThat(Storable.text(text)).hasValueSatisfying(
                    reason -> assertThat(reason).startsWith("must not contain the unpaired surrogate U+D"));
        }

        @Test
        void namesTheSurrogate() {
            assertThat(Storable.text("a\uD800")).contains("must not contain the unpaired surrogate U+D800");
            assertThat(Storable.text("a\uDFFFb")).contains("must not contain the unpaired surrogate U+DFFF");
        }
    }

    @Nested
    class Instants {

        @ParameterizedTest
        @ValueSource(strings = {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z", "2024-06-01T10:15:00Z"})
        void acceptsTheYears0001To9999(String instant) {
            assertThat(Storable.instant(Instant.parse(instant))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0000-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z", "-5000-01-01T00:00:00Z",
                "+300000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z"})
        void refusesOtherYears(String instant) {
            assertThat(Storable.instant(Instant.parse(instant))).contains("must be in the years 0001 to 9999");
        }

        @Test
        void refusesTheExtremesOfInstant() {
            assertThat(Storable.instant(Instant.MIN)).contains(Storable.YEARS);
            assertThat(Storable.instant(Instant.MAX)).contains(Storable.YEARS);
        }
    }

    @Nested
    class Numbers {

        @Test
        void acceptsFiniteNumbersWithinTheBounds() {
            assertThat(Storable.number(0, -1, 1)).isEmpty();
            assertThat(Storable.number(-1, -1, 1)).isEmpty();
            assertThat(Storable.number(1, -1, 1)).isEmpty();
            assertThat(Storable.number(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE)).isEmpty();
        }

        @Test
        void refusesNonFiniteNumbers() {
            for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                assertThat(Storable.number(value, -Double.MAX_VALUE, Double.MAX_VALUE)).contains(Storable.FINITE);
            }
        }

        @Test
        void refusesNumbersOutsideTheBounds() {
            assertThat(Storable.number(1e308, -1e7, 1e7)).contains("must be between -10000000 and 10000000");
            assertThat(Storable.number(-0.5, 0, 2.5)).contains("must be between 0 and 2.5");
        }
    }
}
