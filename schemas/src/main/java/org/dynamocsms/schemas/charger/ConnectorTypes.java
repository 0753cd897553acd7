package org.dynamocsms.schemas.charger;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plug types a charger's connector may have, spelled exactly so: the API contract's "Type2", the "CCS"
 * (a combo plug whose variant is not given) and "CHAdeMO", and the other standards OCPP 2.0.1 and OCPI name: SAE
 * J1772 "Type1", "CCS1", "CCS2", "ChaoJi", China's "GB/T", and "NACS" (SAE J3400, Tesla's North American plug).
 */
public final class ConnectorTypes {

    /** Every type, as a constant that documentation can quote. */
    public static final String LISTED = "Type1, Type2, CCS, CCS1, CCS2, CHAdeMO, ChaoJi, GB/T, NACS";
    public static final List<String> ALL = List.of(LISTED.split(", "));
    /** OCPP 2.0.1's ConnectorEnumType values that name one of these; its others (sockets, wireless...) name none. */
    private static final Map<String, String> OCPP201 = Map.of("cCCS1", "CCS1", "cCCS2", "CCS2", "cG105", "CHAdeMO",
            "cTesla", "NACS", "cType1", "Type1", "cType2", "Type2", "sType2", "Type2");

    private ConnectorTypes() {
    }

    /** The type an OCPP 2.0.1 station's ConnectorType variable names (e.g. cType2: Type2), if one of these. */
    public static Optional<String> ofOcpp201(String connectorType) {
        return Optional.ofNullable(OCPP201.get(connectorType));
    }
}
