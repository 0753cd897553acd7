package org.dynamocsms.command.site;

import static org.dynamocsms.command.RequestFields.Presence.OPTIONAL;
import static org.dynamocsms.command.RequestFields.Presence.OPTIONAL_NOT_NULL;
import static org.dynamocsms.command.RequestFields.Presence.REQUIRED;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.dynamocsms.command.RequestFields;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.site.SiteChanges;
import org.dynamocsms.schemas.site.SiteDetails;

/** The shape of the sites API's request bodies: what a create or an update may say, checked before any command. */
public final class SiteRequests {

    static final String NAME = "name";
    static final String ADDRESS = "address";
    static final String MAX_POWER_KW = "max_power_kw";
    static final String LAT = "lat";
    static final String LNG = "lng";
    static final List<String> FIELDS = List.of(NAME, ADDRESS, MAX_POWER_KW, LAT, LNG);

    static final int NAME_MAX_LENGTH = 200;
    static final int ADDRESS_MAX_LENGTH = 500;
    /** 1 GW: far above any grid connection a site has, low enough to catch a unit mistake (W instead of kW). */
    public static final int MAX_POWER_KW_LIMIT = 1_000_000;
    static final int LAT_LIMIT = 90;
    static final int LNG_LIMIT = 180;
    /** The limits above as the OpenAPI annotations take them (text, so constant expressions of the numbers). */
    public static final String MAX_POWER_KW_LIMIT_TEXT = "" + MAX_POWER_KW_LIMIT;
    static final String LAT_MIN_TEXT = "" + -LAT_LIMIT;
    static final String LAT_MAX_TEXT = "" + LAT_LIMIT;
    static final String LNG_MIN_TEXT = "" + -LNG_LIMIT;
    static final String LNG_MAX_TEXT = "" + LNG_LIMIT;

    private SiteRequests() {
    }

    /** The details of a {@code POST /api/v1/sites} body, or a 400 naming every invalid field. */
    public static SiteDetails create(JsonNode body) {
        RequestFields fields = RequestFields.of(body, FIELDS);
        String name = fields.text(NAME, REQUIRED, NAME_MAX_LENGTH, false);
        String address = fields.text(ADDRESS, OPTIONAL, ADDRESS_MAX_LENGTH, true);
        Double maxPowerKw = fields.positive(MAX_POWER_KW, REQUIRED, MAX_POWER_KW_LIMIT);
        Double lat = fields.number(LAT, OPTIONAL, -LAT_LIMIT, LAT_LIMIT);
        Double lng = fields.number(LNG, OPTIONAL, -LNG_LIMIT, LNG_LIMIT);
        if (fields.has(LAT) && !fields.has(LNG)) {
            fields.reject(LNG, "is required when lat is given");
        } else if (fields.has(LNG) && !fields.has(LAT)) {
            fields.reject(LAT, "is required when lng is given");
        }
        fields.throwIfInvalid();
        return SiteDetails.newBuilder()
                .setName(name).setAddress(address).setMaxPowerKw(maxPowerKw).setLat(lat).setLng(lng)
                .build();
    }

    /**
     * The changes of a {@code PATCH /api/v1/sites/{site_id}} body: every field optional, at least one given, none
     * null. Whether lat and lng still form a pair depends on the site, so the decider checks that.
     */
    public static SiteChanges changes(JsonNode body) {
        RequestFields fields = RequestFields.of(body, FIELDS);
        if (fields.isEmpty()) {
            throw new ProblemException(400, "Invalid request",
                    "Send at least one of the fields " + String.join(", ", FIELDS) + ".");
        }
        String name = fields.text(NAME, OPTIONAL_NOT_NULL, NAME_MAX_LENGTH, false);
        String address = fields.text(ADDRESS, OPTIONAL_NOT_NULL, ADDRESS_MAX_LENGTH, true);
        Double maxPowerKw = fields.positive(MAX_POWER_KW, OPTIONAL_NOT_NULL, MAX_POWER_KW_LIMIT);
        Double lat = fields.number(LAT, OPTIONAL_NOT_NULL, -LAT_LIMIT, LAT_LIMIT);
        Double lng = fields.number(LNG, OPTIONAL_NOT_NULL, -LNG_LIMIT, LNG_LIMIT);
        fields.throwIfInvalid();
        return SiteChanges.newBuilder()
                .setName(name).setAddress(address).setMaxPowerKw(maxPowerKw).setLat(lat).setLng(lng)
                .build();
    }
}
