package org.dynamocsms.query;

import java.util.List;

import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;

/** The query parameters of a read are all checked before the answer: one 400 names every bad one. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** 400 naming every field of {@code errors}, if there is any. */
    public static void check(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
