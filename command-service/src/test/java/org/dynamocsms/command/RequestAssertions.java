package org.dynamocsms.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import org.assertj.core.api.ListAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.groups.Tuple;
import org.dynamocsms.platform.problem.ProblemException;

/** Assertions on the 400 answers of request parsing. */
public final class RequestAssertions {

    private RequestAssertions() {
    }

    /** Asserts {@code call} fails with a 400 and returns the (field, detail) pairs it names. */
    public static ListAssert<Tuple> assertInvalid(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(ProblemException.class);
        ProblemException problem = (ProblemException) thrown;
        assertThat(problem.status()).isEqualTo(400);
        return assertThat(problem.problem().errors().stream().map(e -> tuple(e.field(), e.detail())).toList());
    }
}
