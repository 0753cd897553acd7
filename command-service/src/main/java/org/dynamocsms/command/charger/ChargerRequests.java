package org.dynamocsms.command.charger;

import static org.dynamocsms.command.RequestFields.Presence.OPTIONAL;
import static org.dynamocsms.command.RequestFields.Presence.REQUIRED;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.dynamocsms.command.RequestFields;
import org.dynamocsms.command.RequestFields.Presence;
import org.dynamocsms.command.site.SiteRequests;
import org.dynamocsms.schemas.charger.ChangeChargerConnectors;
import org.dynamocsms.schemas.charger.ChargePointIds;
import org.dynamocsms.schemas.charger.ChargerConnector;
import org.dynamocsms.schemas.charger.ChargerPasswords;
import org.dynamocsms.schemas.charger.ConnectorTypes;
import org.dynamocsms.schemas.charger.RegisterCharger;

/** The shape of a charger registration and of a change of its connectors, checked before any command. */
public final class ChargerRequests {

    static final String CHARGE_POINT_ID = "charge_point_id";
    static final String VENDOR = "vendor";
    static final String MODEL = "model";
    static final String PASSWORD = "password";
    static final String CONNECTORS = "connectors";
    static final List<String> FIELDS = List.of(CHARGE_POINT_ID, VENDOR, MODEL, PASSWORD, CONNECTORS);
    static final List<String> CHANGE_FIELDS = List.of(CONNECTORS);
    static final String CONNECTOR_ID = "connector_id";
    static final String TYPE = "type";
    static final String MAX_POWER_KW = "max_power_kw";
    static final List<String> CONNECTOR_FIELDS = List.of(CONNECTOR_ID, TYPE, MAX_POWER_KW);

    /**
     * As the charger itself reports vendor and model in its BootNotification: OCPP 2.0.1's vendorName is a CiString50
     * (1.6's a CiString20), the model a CiString20 in both.
     */
    static final int VENDOR_MAX_LENGTH = 50;
    static final int MODEL_MAX_LENGTH = 20;
    /** Far more than any charge point has; it keeps a list from growing without bound. */
    static final int MAX_CONNECTORS = 64;

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
        String vendor = fields.text(VENDOR, OPTIONAL, VENDOR_MAX_LENGTH, false);
        String model = fields.text(MODEL, OPTIONAL, MODEL_MAX_LENGTH, false);
        String password = fields.text(PASSWORD, OPTIONAL, Integer.MAX_VALUE, true);
        if (password != null && !ChargerPasswords.isValid(password)) {
            password = fields.reject(PASSWORD, "must be " + ChargerPasswords.RULE);
        }
        List<ChargerConnector> connectors = connectors(fields, OPTIONAL);
        fields.throwIfInvalid();
        String passwordHash = password == null ? null : ChargerPasswords.hash(password);
        return new Registration(chargePointId,
                new RegisterCharger(vendor, model, passwordHash, connectors == null ? List.of() : connectors));
    }

    /**
     * The change in a {@code PATCH /api/v1/cpo/chargers/{charge_point_id}} body: {@code connectors}, required, which
     * replaces the charger's list ({@code []} clears it); or a 400 naming every invalid field.
     */
    public static ChangeChargerConnectors change(JsonNode body) {
        RequestFields fields = RequestFields.of(body, CHANGE_FIELDS);
        List<ChargerConnector> connectors = connectors(fields, REQUIRED);
        fields.throwIfInvalid();
        return new ChangeChargerConnectors(connectors);
    }

    /**
     * The connectors in the body, ordered by connector_id, or null if absent or invalid: each with a
     * {@code connector_id} (a charger's n connectors are numbered 1 to n, each once, as OCPP numbers them), a
     * {@code type} of {@link ConnectorTypes#ALL} and optionally a {@code max_power_kw}, bounded as every kW field is.
     */
    private static List<ChargerConnector> connectors(RequestFields fields, Presence presence) {
        List<RequestFields> items = fields.objects(CONNECTORS, presence, MAX_CONNECTORS, CONNECTOR_FIELDS);
        if (items == null) {
            return null;
        }
        Map<Integer, ChargerConnector> byId = new TreeMap<>();
        for (RequestFields item : items) {
            Integer id = item.integer(CONNECTOR_ID, REQUIRED, 1, MAX_CONNECTORS);
            String type = item.oneOf(TYPE, REQUIRED, ConnectorTypes.ALL);
            Double maxPowerKw = item.positive(MAX_POWER_KW, OPTIONAL, SiteRequests.MAX_POWER_KW_LIMIT);
            if (id == null) {
                continue;
            }
            if (id > items.size()) {
                item.reject(CONNECTOR_ID, "must be between 1 and " + items.size()
                        + ": a charger's connectors are numbered 1 to their number");
            } else if (byId.containsKey(id)) {
                item.reject(CONNECTOR_ID, "must be unique: connector " + id + " is given twice");
            } else {
                byId.put(id, new ChargerConnector(id, type, maxPowerKw));
            }
        }
        return List.copyOf(byId.values());
    }
}
