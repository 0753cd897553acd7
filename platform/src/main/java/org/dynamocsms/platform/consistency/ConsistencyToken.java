package org.dynamocsms.platform.consistency;

import org.dynamocsms.platform.problem.ProblemException;

/**
 * Lets a client read its own write: a write answers with header {@value #HEADER} = {@code <aggregate id>@<version>},
 * and a read that sends it back waits (bounded) until the read store holds that aggregate at that version or later.
 */
public record ConsistencyToken(String aggregateId, long version) {

    public static final String HEADER = "Consistency-Token";
    /**
     * Response header of a read that waited for a write (its token's, or without one the organisation's recent
     * writes of the resource): whether the answer reflects it (query-api's ReadYourWrites sets it).
     */
    public static final String STATUS_HEADER = "Consistency-Token-Status";
    /** The OpenAPI description of {@link #STATUS_HEADER}. */
    public static final String STATUS_DESCRIPTION = "Sent when the read waited for a write (the Consistency-Token's, "
            + "or without one your organisation's recent writes of this resource): 'reached', or 'timed-out' if the "
            + "answer may not reflect that write yet.";

    public static ConsistencyToken parse(String token) {
        int at = token == null ? -1 : token.lastIndexOf('@');
        if (at <= 0 || at == token.length() - 1) {
            throw ProblemException.invalid(HEADER, "must look like <id>@<version>");
        }
        try {
            return new ConsistencyToken(token.substring(0, at), Long.parseLong(token.substring(at + 1)));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(HEADER, "must look like <id>@<version>");
        }
    }

    @Override
    public String toString() {
        return aggregateId + "@" + version;
    }
}
