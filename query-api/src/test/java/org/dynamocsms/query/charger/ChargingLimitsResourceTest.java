package org.dynamocsms.query.charger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.call.ChargingLimits.MAX;
import static org.dynamocsms.query.call.ChargingLimits.TX;
import static org.dynamocsms.query.call.ChargingLimits.TX_DEFAULT;
import static org.dynamocsms.query.call.ChargingProfiles.profile;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.query.Callers;
import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.query.call.ChargingProfiles;
import org.dynamocsms.query.call.ChargingProfilesStore;
import org.dynamocsms.query.fleet.ChargerStateStore;
import org.dynamocsms.query.fleet.LiveStates;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.charger.ConnectorState;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/cpo/chargers/{id}/charging-limits on the real database, without HTTP. */
class ChargingLimitsResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant NOW = Instant.parse("2024-06-01T10:05:00Z");

    private ChargerStore chargers;
    private ChargingProfilesStore profiles;
    private ChargerStateStore states;

    /** CP-001 (org_A) has connectors 1 and 2, transaction 42 running on 1; CP-old is decommissioned. */
    @BeforeEach
    void cleanDatabase() throws SQLException {
        DataSource dataSource = TestDatabase.clean();
        chargers = new ChargerStore(dataSource);
        profiles = new ChargingProfilesStore(dataSource);
        states = new ChargerStateStore(dataSource);
        chargers.upsert(List.of(Chargers.registered("CP-001"),
                Chargers.decommissioned(Chargers.registered("CP-old"), 2)));
        ChargerLiveState state = LiveStates.state("CP-001", ChargerStatus.charging,
                LiveStates.connector(0, ConnectorStatus.Available), LiveStates.connector(1, ConnectorStatus.Charging),
                LiveStates.connector(2, ConnectorStatus.Available));
        state.getConnectors().set(1, ConnectorState.newBuilder(state.getConnectors().get(1)).setTransactionId(42)
                .build());
        states.write(List.of(state), List.of());
    }

    @Test
    void theProfilesWithWhetherEachAppliesAndEachConnectorsLimit() throws Exception {
        profiles.write(List.of(ChargingProfiles.of("CP-001", 3,
                profile(0, 1, MAX, null, 20, "2024-06-01T09:00:00Z"),
                profile(0, 2, TX_DEFAULT, null, 16, "2024-06-01T09:00:00Z"),
                profile(1, 100, TX, 42, 32, "2024-06-01T10:00:00.420Z"),
                profile(2, 101, TX, 41, 10, "2024-06-01T09:30:00Z"))), List.of());

        Response response = resource("org_A").get("CP-001");

        assertThat(response.getStatus()).isEqualTo(200);
        // connector 1's TxProfile is capped by the charge point's 20 A; connector 2's is for a transaction long over
        assertThat(json(response)).isEqualTo("""
                {"charge_point_id":"CP-001","profiles":[\
                {"connector_id":0,"charging_profile_id":1,"purpose":"ChargePointMaxProfile","stack_level":0,\
                "transaction_id":null,"call_id":"call_1","installed_at":"2024-06-01T09:00:00Z","active":true,\
                "profile":%s},\
                {"connector_id":0,"charging_profile_id":2,"purpose":"TxDefaultProfile","stack_level":0,\
                "transaction_id":null,"call_id":"call_2","installed_at":"2024-06-01T09:00:00Z","active":true,\
                "profile":%s},\
                {"connector_id":1,"charging_profile_id":100,"purpose":"TxProfile","stack_level":0,\
                "transaction_id":42,"call_id":"call_100","installed_at":"2024-06-01T10:00:00.420Z","active":true,\
                "profile":%s},\
                {"connector_id":2,"charging_profile_id":101,"purpose":"TxProfile","stack_level":0,\
                "transaction_id":41,"call_id":"call_101","installed_at":"2024-06-01T09:30:00Z","active":false,\
                "profile":%s}],\
                "limits":[\
                {"connector_id":0,"limit":20.0,"unit":"A","purpose":"ChargePointMaxProfile","charging_profile_id":1},\
                {"connector_id":1,"limit":20.0,"unit":"A","purpose":"ChargePointMaxProfile","charging_profile_id":1},\
                {"connector_id":2,"limit":16.0,"unit":"A","purpose":"TxDefaultProfile","charging_profile_id":2}]}"""
                .formatted(profile(0, 1, MAX, null, 20, "2024-06-01T09:00:00Z").getProfile(),
                        profile(0, 2, TX_DEFAULT, null, 16, "2024-06-01T09:00:00Z").getProfile(),
                        profile(1, 100, TX, 42, 32, "2024-06-01T10:00:00.420Z").getProfile(),
                        profile(2, 101, TX, 41, 10, "2024-06-01T09:30:00Z").getProfile()));
    }

    @Test
    void aChargerThatNeverHeldAProfileHasNoneAndNoLimit() throws Exception {
        Response response = resource("org_A").get("CP-001");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(json(response)).isEqualTo("{\"charge_point_id\":\"CP-001\",\"profiles\":[],\"limits\":[]}");
    }

    @Test
    void anUnknownForeignOrDecommissionedChargerIsNotFound() throws SQLException {
        profiles.write(List.of(ChargingProfiles.of("CP-old", 1,
                profile(1, 100, TX_DEFAULT, null, 16, "2024-06-01T09:00:00Z"))), List.of());
        for (String[] caller : new String[][] {{"org_A", "CP-404"}, {"org_B", "CP-001"}, {"org_A", "CP-old"}}) {
            Response response = resource(caller[0]).get(caller[1]);

            assertThat(response.getStatus()).as(caller[1]).isEqualTo(404);
            assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
            assertThat(((Problem) response.getEntity()).detail())
                    .isEqualTo("Charger " + caller[1] + " does not exist.");
        }
    }

    private static String json(Response response) throws JsonProcessingException {
        return JSON.writeValueAsString(response.getEntity());
    }

    private ChargingLimitsResource resource(String organisationId) {
        ChargingLimitsResource resource = new ChargingLimitsResource();
        resource.caller = Callers.of(organisationId);
        resource.chargers = chargers;
        resource.profiles = profiles;
        resource.states = states;
        resource.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return resource;
    }
}
