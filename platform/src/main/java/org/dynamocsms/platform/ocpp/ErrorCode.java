package org.dynamocsms.platform.ocpp;

/**
 * The CALLERROR error codes of OCPP-J 1.6 (section 4.2.3), spelled as the specification spells them; OCPP 2.0.1
 * (part 4, section 4.3) renamed two of them, which {@link #in} spells.
 */
public enum ErrorCode {
    NotImplemented, NotSupported, InternalError, ProtocolError, SecurityError, FormationViolation,
    PropertyConstraintViolation, OccurenceConstraintViolation, TypeConstraintViolation, GenericError;

    /** The code as {@code version} spells it in a CALLERROR. */
    public String in(OcppVersion version) {
        if (version != OcppVersion.OCPP201) {
            return name();
        }
        return switch (this) {
            case FormationViolation -> "FormatViolation";
            case OccurenceConstraintViolation -> "OccurrenceConstraintViolation";
            default -> name();
        };
    }
}
