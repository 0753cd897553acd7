package org.dynamocsms.schemas.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an API key may do. Each scope implies the ones before it: {@code read} runs reads (GET, HEAD), {@code write}
 * also every other method of the API, {@code operator} also every {@code /admin/} endpoint, across organisations.
 */
public enum Scope {
    READ, WRITE, OPERATOR;

    /** The names the API and the key records use. */
    public static final List<String> NAMES = Arrays.stream(values()).map(Scope::text).toList();

    /** Its name in the API and on key records, e.g. {@code read}. */
    public String text() {
        return name().toLowerCase();
    }

    /** True if a key of this scope may do what {@code needed} allows. */
    public boolean allows(Scope needed) {
        return compareTo(needed) >= 0;
    }

    /** The scope named {@code text}, if any. */
    public static Optional<Scope> of(String text) {
        return Arrays.stream(values()).filter(scope -> scope.text().equals(text)).findFirst();
    }

    /**
     * What a key with {@code scopes} may do: the widest scope it names. A key without scopes was made before scopes
     * and keeps what it could do then, {@link #WRITE}; a key that names none of the scopes may do nothing.
     */
    public static Optional<Scope> granted(List<String> scopes) {
        if (scopes.isEmpty()) {
            return Optional.of(WRITE);
        }
        return scopes.stream().map(Scope::of).flatMap(Optional::stream).max(Scope::compareTo);
    }
}
