package org.dynamocsms.command.charger;

import static org.dynamocsms.command.RequestFields.Presence.OPTIONAL;
import static org.dynamocsms.command.RequestFields.Presence.REQUIRED;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.dynamocsms.command.RequestFields;
import org.dynamocsms.schemas.charger.ChargePointIds;
import org.dynamocsms.schemas.charger.ChargerPasswords;
import org.dynamocsms.schemas.charger.RegisterCharger;

/** The shape of a charger registration, checked before any command. */
public final class ChargerRequests {

    static final String CHARGE_POINT_ID = "charge_point_id";
    static final String VENDOR = "vendor";
    static final String MODEL = "model";
    static final String PASSWORD = "password";
    static final List<String> FIELDS = List.of(CHARGE_POINT_ID, VENDOR, MODEL, PASSWORD);

    /** OCPP's CiString20, as the charger itself reports vendor and model in its BootNotification. */
    static final int VENDOR_MODEL_MAX_LENGTH = 20;

    /** A registration: the identity to claim and what to register under it. */
    public record Registration(String chargePointId, RegisterCharger register) {
    }

    private ChargerRequests() {
    }

    /**
     * The registration in a {@code POST /api/v1/cpo/chargers} body, or a 400 naming every invalid field. The
     * password is hashed here, so it never reaches a command, a log or a topic.
     */
    public static Registration registration(JsonNode body) {
        RequestFields fields = RequestFields.of(body, FIELDS);
        String chargePointId = fields.text(CHARGE_POINT_ID, REQUIRED, Integer.MAX_VALUE, true);
        if (chargePointId != null && !ChargePointIds.isValid(chargePointId)) {
            chargePointId = fields.reject(CHARGE_POINT_ID, "must be " + ChargePointIds.RULE);
        }
        String vendor = fields.text(VENDOR, OPTIONAL, VENDOR_MODEL_MAX_LENGTH, false);
        String model = fields.text(MODEL, OPTIONAL, VENDOR_MODEL_MAX_LENGTH, false);
        String password = fields.text(PASSWORD, OPTIONAL, Integer.MAX_VALUE, true);
        if (password != null && !ChargerPasswords.isValid(password)) {
            password = fields.reject(PASSWORD, "must be " + ChargerPasswords.RULE);
        }
        fields.throwIfInvalid();
        return new Registration(chargePointId,
                new RegisterCharger(vendor, model, password == null ? null : ChargerPasswords.hash(password)));
    }
}
