package org.dynamocsms.query;

/** A record the read store refused as data, and the database's reason (say, a NUL character in a name). */
public record Refused<T>(T value, String reason) {
}
