package org.dynamocsms.command.asset;

import static org.dynamocsms.command.RequestFields.Presence.OPTIONAL;
import static org.dynamocsms.command.RequestFields.Presence.OPTIONAL_NOT_NULL;
import static org.dynamocsms.command.RequestFields.Presence.REQUIRED;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.dynamocsms.command.RequestFields;
import org.dynamocsms.command.RequestFields.Presence;
import org.dynamocsms.command.site.SiteRequests;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAssetChanges;
import org.dynamocsms.schemas.asset.EnergyAssetType;
import org.dynamocsms.schemas.asset.RecordEnergyAssetReading;

/** The shape of the energy asset request bodies, checked before any command. */
public final class EnergyAssetRequests {

    static final String TYPE = "type";
    static final String NAME = "name";
    static final String CAPACITY_KW = "capacity_kw";
    static final String METADATA = "metadata";
    static final List<String> FIELDS = List.of(TYPE, NAME, CAPACITY_KW, METADATA);
    static final String OUTPUT_KW = "output_kw";
    static final String MEASURED_AT = "measured_at";
    static final List<String> READING_FIELDS = List.of(OUTPUT_KW, MEASURED_AT);

    /** The types the API accepts: every type but the schema's fallback for symbols it does not know. */
    static final List<String> TYPES = Arrays.stream(EnergyAssetType.values())
            .filter(type -> type != EnergyAssetType.unknown).map(Enum::name).toList();
    static final int NAME_MAX_LENGTH = 200;
    static final int METADATA_MAX_ENTRIES = 50;
    static final int METADATA_KEY_MAX_LENGTH = 64;
    static final int METADATA_VALUE_MAX_LENGTH = 512;
    /** Same bound as a site's max_power_kw: far above any asset, low enough to catch W sent as kW. */
    static final double CAPACITY_KW_LIMIT = SiteRequests.MAX_POWER_KW_LIMIT;
    static final String CAPACITY_KW_LIMIT_TEXT = SiteRequests.MAX_POWER_KW_LIMIT_TEXT;
    /** Clocks drift; a reading from further ahead than this is a clock or unit mistake, not a measurement. */
    static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    private EnergyAssetRequests() {
    }

    /**
     * The asset of a {@code POST .../energy-assets} body, or a 400 naming every invalid field. Its created_at and
     * updated_at are placeholders: the decision sets them.
     */
    public static EnergyAsset create(JsonNode body, String assetId) {
        RequestFields fields = RequestFields.of(body, FIELDS);
        String type = fields.oneOf(TYPE, REQUIRED, TYPES);
        String name = fields.text(NAME, REQUIRED, NAME_MAX_LENGTH, false);
        Double capacityKw = fields.positive(CAPACITY_KW, REQUIRED, CAPACITY_KW_LIMIT);
        Map<String, String> metadata = metadata(fields, OPTIONAL);
        fields.throwIfInvalid();
        return EnergyAsset.newBuilder()
                .setAssetId(assetId)
                .setType(EnergyAssetType.valueOf(type))
                .setName(name)
                .setCapacityKw(capacityKw)
                .setMetadata(metadata == null ? Map.of() : metadata)
                .setCreatedAt(Instant.EPOCH)
                .setUpdatedAt(Instant.EPOCH)
                .build();
    }

    /**
     * The changes of a {@code PUT .../energy-assets/{asset_id}} body: only the fields present change, none may be
     * null, and at least one must be given. {@code metadata}, when given, replaces the whole map.
     */
    public static EnergyAssetChanges changes(JsonNode body) {
        RequestFields fields = RequestFields.of(body, FIELDS);
        if (fields.isEmpty()) {
            throw new ProblemException(400, "Invalid request",
                    "Send at least one of the fields " + String.join(", ", FIELDS) + ".");
        }
        String type = fields.oneOf(TYPE, OPTIONAL_NOT_NULL, TYPES);
        String name = fields.text(NAME, OPTIONAL_NOT_NULL, NAME_MAX_LENGTH, false);
        Double capacityKw = fields.positive(CAPACITY_KW, OPTIONAL_NOT_NULL, CAPACITY_KW_LIMIT);
        Map<String, String> metadata = metadata(fields, OPTIONAL_NOT_NULL);
        fields.throwIfInvalid();
        return EnergyAssetChanges.newBuilder()
                .setType(type == null ? null : EnergyAssetType.valueOf(type))
                .setName(name)
                .setCapacityKw(capacityKw)
                .setMetadata(metadata)
                .build();
    }

    /**
     * The reading of a {@code POST .../energy-assets/{asset_id}/readings} body: output_kw (negative while a battery
     * charges) and measured_at, an ISO 8601 date-time with offset, at most {@link #MAX_CLOCK_AHEAD} after
     * {@code now}.
     */
    public static RecordEnergyAssetReading reading(JsonNode body, String assetId, Instant now) {
        RequestFields fields = RequestFields.of(body, READING_FIELDS);
        Double outputKw = fields.number(OUTPUT_KW, REQUIRED, -CAPACITY_KW_LIMIT, CAPACITY_KW_LIMIT);
        Instant measuredAt = fields.instant(MEASURED_AT, REQUIRED);
        if (measuredAt != null && measuredAt.isAfter(now.plus(MAX_CLOCK_AHEAD))) {
            fields.reject(MEASURED_AT, "must not be more than " + MAX_CLOCK_AHEAD.toMinutes()
                    + " minutes in the future");
        }
        fields.throwIfInvalid();
        return new RecordEnergyAssetReading(assetId, outputKw, measuredAt);
    }

    private static Map<String, String> metadata(RequestFields fields, Presence presence) {
        return fields.stringMap(METADATA, presence, METADATA_MAX_ENTRIES, METADATA_KEY_MAX_LENGTH,
                METADATA_VALUE_MAX_LENGTH);
    }
}
