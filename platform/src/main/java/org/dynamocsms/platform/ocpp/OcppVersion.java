package org.dynamocsms.platform.ocpp;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The OCPP-J versions a charger may speak to the gateway, by the WebSocket subprotocol that names each. */
public enum OcppVersion {

    OCPP16("ocpp1.6", "1.6"),
    OCPP201("ocpp2.0.1", "2.0.1");

    private final String subprotocol;
    private final String label;

    OcppVersion(String subprotocol, String label) {
        this.subprotocol = subprotocol;
        this.label = label;
    }

    /** The WebSocket subprotocol, e.g. {@code ocpp2.0.1}. */
    public String subprotocol() {
        return subprotocol;
    }

    /** The version as diagnostics show it, e.g. {@code 2.0.1}. */
    public String label() {
        return label;
    }

    /** The newest version a {@code Sec-WebSocket-Protocol} header offers (a comma-separated list), if any. */
    public static Optional<OcppVersion> newestOffered(String header) {
        return offered(header).stream().max(Comparator.naturalOrder());
    }

    /** The versions a {@code Sec-WebSocket-Protocol} header offers, in no order. */
    public static Set<OcppVersion> offered(String header) {
        if (header == null) {
            return Set.of();
        }
        Set<String> names = Arrays.stream(header.split(",")).map(String::trim).collect(Collectors.toSet());
        return Arrays.stream(values()).filter(version -> names.contains(version.subprotocol))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The version of a negotiated subprotocol. */
    public static OcppVersion ofSubprotocol(String subprotocol) {
        return Arrays.stream(values()).filter(version -> version.subprotocol.equals(subprotocol)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not an OCPP subprotocol: " + subprotocol));
    }
}
