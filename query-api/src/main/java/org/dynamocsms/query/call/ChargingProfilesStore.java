package org.dynamocsms.query.call;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import org.dynamocsms.query.TableRows;
import org.dynamocsms.query.VersionedStore;
import org.dynamocsms.query.VersionedTable;
import org.dynamocsms.schemas.call.ChargerChargingProfiles;
import org.dynamocsms.schemas.call.InstalledChargingProfile;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;

/**
 * The charging profiles each charger holds, in plain JDBC: version-guarded upserts from the charging profiles'
 * projection (one row per charger, its profiles as one JSON array), and the read of one charger's within an
 * organisation.
 */
@Singleton
public class ChargingProfilesStore extends VersionedStore<ChargerChargingProfiles> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableRows<ChargerChargingProfiles> ROWS =
            TableRows.<ChargerChargingProfiles>of("charging_profiles", "charge_point_id")
                    .text("charge_point_id", ChargerChargingProfiles::getChargePointId)
                    .text("organisation_id", ChargerChargingProfiles::getOrganisationId)
                    .text("profiles", ChargingProfilesStore::json)
                    .bigint("version", ChargerChargingProfiles::getVersion);
    /** A charger's profiles are never deleted (the projection sends no tombstones): stray ones are ignored. */
    private static final VersionedTable<ChargerChargingProfiles> TABLE = VersionedTable.of(Projection.CHARGER_CALLS,
            ROWS, ChargerChargingProfiles::getChargePointId, ChargerChargingProfiles::getVersion);
    private static final String SELECT = "SELECT profiles FROM charging_profiles "
            + "WHERE organisation_id = ? AND charge_point_id = ?";

    @Inject
    public ChargingProfilesStore(DataSource dataSource) {
        super(dataSource, TABLE);
    }

    private ChargingProfilesStore(ChargingProfilesStore first, Generation generation) {
        super(first, generation);
    }

    @Override
    public ChargingProfilesStore forGeneration(Generation generation) {
        return new ChargingProfilesStore(this, generation);
    }

    /** The profiles {@code chargePointId} holds as the organisation's calls left them; none if it never had any. */
    public List<ChargingLimits.Profile> profiles(String organisationId, String chargePointId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, organisationId);
            select.setString(2, chargePointId);
            try (ResultSet row = select.executeQuery()) {
                List<ChargingLimits.Profile> profiles = new ArrayList<>();
                if (row.next()) {
                    for (JsonNode profile : JSON.readTree(row.getString("profiles"))) {
                        profiles.add(new ChargingLimits.Profile(profile.path("connector_id").asInt(),
                                profile.path("charging_profile_id").asInt(), profile.path("stack_level").asInt(),
                                profile.path("purpose").asText(), profile.hasNonNull("transaction_id")
                                ? profile.get("transaction_id").asInt() : null, profile.path("profile"),
                                profile.path("call_id").asText(),
                                Instant.parse(profile.path("installed_at").asText())));
                    }
                }
                return profiles;
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The profiles as one JSON array, each csChargingProfiles as the object it is. */
    private static String json(ChargerChargingProfiles profiles) {
        ArrayNode array = JSON.createArrayNode();
        try {
            for (InstalledChargingProfile profile : profiles.getProfiles()) {
                array.addObject()
                        .put("connector_id", profile.getConnectorId())
                        .put("charging_profile_id", profile.getChargingProfileId())
                        .put("stack_level", profile.getStackLevel())
                        .put("purpose", profile.getPurpose())
                        .put("kind", profile.getKind())
                        .put("transaction_id", profile.getTransactionId())
                        .put("call_id", profile.getCallId())
                        .put("installed_at", profile.getInstalledAt().toString())
                        .set("profile", JSON.readTree(profile.getProfile()));
            }
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            // the projection only installs profiles it parsed
            throw new IllegalStateException("Cannot write the charging profiles of " + profiles.getChargePointId(), e);
        }
    }
}
