package org.dynamocsms.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;

import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {

    @Test
    void absentValuesTakeTheDefaults() {
        assertThat(PageRequest.parse(null, null)).isEqualTo(new PageRequest(50, 0));
    }

    @Test
    void acceptsTheBounds() {
        assertThat(PageRequest.parse("1", "0")).isEqualTo(new PageRequest(1, 0));
        assertThat(PageRequest.parse("200", "2147483647")).isEqualTo(new PageRequest(200, Integer.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "201", "-1", "ten", "1.5", "", "99999999999"})
    void aBadLimitIsA400NamingIt(String limit) {
        assertThat(fieldsOf(() -> PageRequest.parse(limit, "0"))).containsExactly("limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "zero", "0.5", "", "99999999999"})
    void aBadOffsetIsA400NamingIt(String offset) {
        assertThat(fieldsOf(() -> PageRequest.parse("10", offset))).containsExactly("offset");
    }

    @Test
    void namesEveryBadValueAtOnce() {
        assertThat(fieldsOf(() -> PageRequest.parse("500", "x"))).containsExactly("limit", "offset");
    }

    @Test
    void parsedAmongOtherParametersEachBadValueIsAddedToTheOthers() {
        List<Problem.FieldError> errors = new ArrayList<>(List.of(new Problem.FieldError("from", "bad")));

        assertThat(PageRequest.parse(null, "7", errors)).isEqualTo(new PageRequest(50, 7));
        assertThat(errors).hasSize(1);
        PageRequest.parse("0", "-1", errors);
        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("from", "limit", "offset");
    }

    @Test
    void aLimitAloneAddsItsErrorToTheOthers() {
        List<Problem.FieldError> errors = new ArrayList<>();

        assertThat(PageRequest.limit(null, errors)).isEqualTo(50);
        assertThat(PageRequest.limit(" 200 ", errors)).isEqualTo(200);
        assertThat(errors).isEmpty();
        PageRequest.limit("201", errors);
        assertThat(errors).containsExactly(new Problem.FieldError("limit", "must be an integer from 1 to 200"));
    }

    private static List<String> fieldsOf(Runnable parse) {
        ProblemException e = (ProblemException) catchThrowable(parse::run);
        assertThat(e.status()).isEqualTo(400);
        return e.problem().errors().stream().map(Problem.FieldError::field).toList();
    }
}
