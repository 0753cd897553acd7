package org.dynamocsms.platform.ocpp;

/** The CALLERROR error codes of OCPP-J 1.6 (section 4.2.3), spelled as the specification spells them. */
public enum ErrorCode {
    NotImplemented, NotSupported, InternalError, ProtocolError, SecurityError, FormationViolation,
    PropertyConstraintViolation, OccurenceConstraintViolation, TypeConstraintViolation, GenericError
}
