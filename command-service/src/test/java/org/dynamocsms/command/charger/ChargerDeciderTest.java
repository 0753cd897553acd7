package org.dynamocsms.command.charger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.dynamocsms.command.RegistryFixture.DEPOT;
import static org.dynamocsms.command.RegistryFixture.ORG;
import static org.dynamocsms.command.RegistryFixture.OTHER_ORG;
import static org.dynamocsms.command.RegistryFixture.T0;

import java.util.List;

import org.dynamocsms.command.Decision;
import org.dynamocsms.command.RegistryFixture;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCalls;
import org.dynamocsms.schemas.call.RequestChargerCall;
import org.dynamocsms.schemas.charger.ChangeChargerConnectors;
import org.dynamocsms.schemas.charger.ChargerCommand;
import org.dynamocsms.schemas.charger.ChargerConnector;
import org.dynamocsms.schemas.charger.ChargerConnectorsChanged;
import org.dynamocsms.schemas.charger.ChargerDecommissioned;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerRegistered;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.DecommissionCharger;
import org.dynamocsms.schemas.charger.RegisterCharger;
import org.dynamocsms.schemas.charger.UnlinkReason;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.site.CreateSite;
import org.dynamocsms.schemas.site.LinkCharger;
import org.dynamocsms.schemas.site.SiteChargerUnlinked;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChargerDeciderTest {

    static final String CP = "CP-001";
    static final String SITE = "site_01J0000000000000000000000A";
    static final RegisterCharger ALFEN = new RegisterCharger("Alfen", "Eve Single Pro", "pbkdf2-sha256$1$salt$hash",
            List.of());

    private final RegistryFixture registry = new RegistryFixture();

    @Nested
    class Register {

        @Test
        void registersANewChargerAtVersionOne() {
            ChargerCommand command = register(ORG);

            Decision decision = registry.decide(command);

            assertThat(decision.chargerEvents()).singleElement().satisfies(event -> {
                assertThat(event.getEventId()).isEqualTo("evt_1");
                assertThat(event.getOrganisationId()).isEqualTo(ORG);
                assertThat(event.getChargePointId()).isEqualTo(CP);
                assertThat(event.getVersion()).isEqualTo(1);
                assertThat(event.getOccurredAt()).isEqualTo(command.getIssuedAt());
                assertThat(event.getRecordedAt()).isEqualTo(RegistryFixture.decidedAt(command.getIssuedAt()));
                assertThat(event.getSchemaVersion()).isEqualTo(1);
                assertThat(event.getCommandId()).isEqualTo(command.getCommandId());
                assertThat(event.getPayload()).isEqualTo(new ChargerRegistered("Alfen", "Eve Single Pro",
                        "pbkdf2-sha256$1$salt$hash", List.of()));
            });
            assertThat(decision.siteEvents()).isEmpty();
            ChargerView charger = decision.chargers().get(CP);
            assertThat(charger.getOrganisationId()).isEqualTo(ORG);
            assertThat(charger.getVendor()).isEqualTo("Alfen");
            assertThat(charger.getPasswordHash()).isEqualTo("pbkdf2-sha256$1$salt$hash");
            assertThat(charger.getRegisteredAt()).isEqualTo(command.getIssuedAt());
            assertThat(charger.getSiteId()).isNull();
            assertAccepted(decision.result(), command, 1);
            assertThat(decision.result().getCharger()).isEqualTo(charger);
            assertThat(decision.result().getSite()).isNull();
        }

        @Test
        void refusesAnIdentityThatIsRegistered() {
            registry.given(register(ORG));

            assertRefused(registry.decide(register(ORG)), CommandStatus.CONFLICT,
                    "Charge point id CP-001 is already registered.");
            // The claim step keeps other organisations out; should one get here, it is refused the same way.
            assertRefused(registry.decide(register(OTHER_ORG)), CommandStatus.CONFLICT,
                    "Charge point id CP-001 is already registered.");
        }

        @Test
        void registersAgainAfterDecommissioningWithTheVersionContinuing() {
            registry.given(register(ORG));
            registry.given(decommission(ORG));
            ChargerCommand again = registry.charger(ORG, CP, new RegisterCharger("ABB", "Terra AC", null, List.of()));

            Decision decision = registry.decide(again);

            assertThat(decision.chargerEvents()).extracting(ChargerEvent::getVersion, ChargerEvent::getPayload)
                    .containsExactly(tuple(3L, new ChargerRegistered("ABB", "Terra AC", null, List.of())));
            ChargerView charger = decision.chargers().get(CP);
            assertThat(charger.getDecommissionedAt()).isNull();
            assertThat(charger.getRegisteredAt()).isEqualTo(again.getIssuedAt());
            assertThat(charger.getVendor()).isEqualTo("ABB");
            assertThat(charger.getPasswordHash()).isNull();
            assertAccepted(decision.result(), again, 3);
        }

        @Test
        void neverTakesOverAnotherOrganisationsDecommissionedCharger() {
            registry.given(register(ORG));
            registry.given(decommission(ORG));

            assertRefused(registry.decide(register(OTHER_ORG)), CommandStatus.CONFLICT,
                    "Charge point id CP-001 is already registered.");
        }

        @Test
        void answersAnIdentityHeldByAnotherOrganisationWithAConflict() {
            ChargerCommand command = register(OTHER_ORG);

            CommandResult result = ChargerDecider.identityTaken(command, T0);

            assertThat(result.getStatus()).isEqualTo(CommandStatus.CONFLICT);
            assertThat(result.getMessage()).isEqualTo("Charge point id CP-001 is already registered.");
            assertThat(result.getCommandId()).isEqualTo(command.getCommandId());
            assertThat(result.getOrganisationId()).isEqualTo(OTHER_ORG);
            assertThat(result.getAggregateId()).isEqualTo(CP);
            assertThat(result.getVersion()).isZero();
            assertThat(result.getCharger()).isNull();
        }
    }

    @Nested
    class Decommission {

        @Test
        void decommissionsAnUnlinkedCharger() {
            registry.given(register(ORG));
            ChargerCommand command = decommission(ORG);

            Decision decision = registry.decide(command);

            assertThat(decision.chargerEvents()).extracting(ChargerEvent::getVersion, ChargerEvent::getPayload)
                    .containsExactly(tuple(2L, new ChargerDecommissioned()));
            assertThat(decision.siteEvents()).isEmpty();
            assertThat(decision.chargers().get(CP).getDecommissionedAt()).isEqualTo(command.getIssuedAt());
            assertAccepted(decision.result(), command, 2);
        }

        @Test
        void unlinksALinkedChargerFromItsSiteInTheSameDecision() {
            registry.given(registry.site(ORG, SITE, new CreateSite(DEPOT)));
            registry.given(register(ORG));
            registry.given(registry.site(ORG, SITE, new LinkCharger(CP)));
            ChargerCommand command = decommission(ORG);

            Decision decision = registry.decide(command);

            assertThat(decision.siteEvents())
                    .extracting(SiteEvent::getSiteId, SiteEvent::getVersion, SiteEvent::getPayload)
                    .containsExactly(tuple(SITE, 3L, new SiteChargerUnlinked(CP, UnlinkReason.DECOMMISSIONED)));
            assertThat(decision.chargerEvents()).extracting(ChargerEvent::getVersion, ChargerEvent::getPayload)
                    .containsExactly(tuple(3L, new ChargerDecommissioned()));
            SiteView site = decision.sites().get(SITE).getCurrent();
            assertThat(site.getChargePointIds()).isEmpty();
            assertThat(site.getChargerCount()).isZero();
            ChargerView charger = decision.chargers().get(CP);
            assertThat(charger.getSiteId()).isNull();
            assertThat(charger.getDecommissionedAt()).isEqualTo(command.getIssuedAt());
            // The result is about the charger: its version, not the site's.
            assertAccepted(decision.result(), command, 3);
            assertThat(decision.result().getCharger()).isEqualTo(charger);
        }

        @Test
        void doesNotFindAMissingForeignOrDecommissionedCharger() {
            ChargerCommand foreign = decommission(OTHER_ORG);
            CommandResult missing = registry.decide(foreign).result();
            assertNotFound(registry.decide(decommission(ORG)));

            registry.given(register(ORG));
            assertNotFound(registry.decide(foreign));
            assertThat(registry.decide(foreign).result()).isEqualTo(missing);

            registry.given(decommission(ORG));
            assertNotFound(registry.decide(decommission(ORG)));
        }
    }

    @Nested
    class ChangeConnectors {

        static final List<ChargerConnector> TWO = List.of(new ChargerConnector(1, "Type2", 22.0),
                new ChargerConnector(2, "CCS2", null));

        @Test
        void aRegistrationKeepsItsConnectors() {
            Decision decision = registry.decide(registry.charger(ORG, CP,
                    RegisterCharger.newBuilder(ALFEN).setConnectors(TWO).build()));

            assertThat(decision.chargerEvents()).singleElement().extracting(ChargerEvent::getPayload)
                    .isEqualTo(new ChargerRegistered("Alfen", "Eve Single Pro", "pbkdf2-sha256$1$salt$hash", TWO));
            assertThat(decision.result().getCharger().getConnectors()).isEqualTo(TWO);
        }

        @Test
        void replacesTheConnectorsOfARegisteredCharger() {
            registry.given(register(ORG));
            ChargerCommand command = change(ORG, TWO);

            Decision decision = registry.decide(command);

            assertThat(decision.chargerEvents()).extracting(ChargerEvent::getVersion, ChargerEvent::getPayload)
                    .containsExactly(tuple(2L, new ChargerConnectorsChanged(TWO)));
            assertThat(decision.siteEvents()).isEmpty();
            ChargerView charger = decision.chargers().get(CP);
            assertThat(charger.getConnectors()).isEqualTo(TWO);
            assertThat(charger.getVendor()).isEqualTo("Alfen");
            assertThat(charger.getUpdatedAt()).isEqualTo(command.getIssuedAt());
            assertAccepted(decision.result(), command, 2);
            assertThat(decision.result().getCharger()).isEqualTo(charger);

            registry.given(command);
            Decision cleared = registry.decide(change(ORG, List.of()));
            assertThat(cleared.chargerEvents()).extracting(ChargerEvent::getVersion, ChargerEvent::getPayload)
                    .containsExactly(tuple(3L, new ChargerConnectorsChanged(List.of())));
            assertThat(cleared.result().getCharger().getConnectors()).isEmpty();
        }

        @Test
        void theSameConnectorsAgainAreAcceptedWithoutAnEvent() {
            registry.given(register(ORG));
            registry.given(change(ORG, TWO));
            ChargerCommand again = change(ORG, List.of(new ChargerConnector(1, "Type2", 22.0),
                    new ChargerConnector(2, "CCS2", null)));

            Decision decision = registry.decide(again);

            assertThat(decision.chargerEvents()).isEmpty();
            assertThat(decision.chargers()).isEmpty();
            assertAccepted(decision.result(), again, 2);
            assertThat(decision.result().getCharger().getConnectors()).isEqualTo(TWO);
        }

        @Test
        void doesNotFindAMissingForeignOrDecommissionedCharger() {
            assertNotFound(registry.decide(change(ORG, TWO)));

            registry.given(register(ORG));
            assertNotFound(registry.decide(change(OTHER_ORG, TWO)));

            registry.given(decommission(ORG));
            assertNotFound(registry.decide(change(ORG, TWO)));
        }

        private ChargerCommand change(String org, List<ChargerConnector> connectors) {
            return registry.charger(org, CP, new ChangeChargerConnectors(connectors));
        }
    }

    @Test
    void refusesAnUndecidableCommandWithoutChangingAnything() {
        ChargerCommand command = register(ORG);

        Decision decision = ChargerDecider.undecidable(command, T0);

        assertRefused(decision, CommandStatus.REJECTED, Decision.UNDECIDABLE);
        assertThat(decision.result().getAggregateId()).isEqualTo(CP);
    }

    @Nested
    class RequestCall {

        static final String CALL = "call_01J0000000000000000000000C";
        static final RequestChargerCall RESET = new RequestChargerCall(CALL, "Reset", "{\"type\":\"Soft\"}",
                T0.plusSeconds(60));

        @Test
        void requestsTheCallAndChangesNothingElse() {
            registry.given(register(ORG));
            ChargerCommand command = registry.charger(ORG, CP, RESET);

            Decision decision = registry.decide(command);

            ChargerCall call = new ChargerCall("evt_2", CALL, ORG, CP, "Reset", "{\"type\":\"Soft\"}", "api",
                    command.getIssuedAt(), RegistryFixture.decidedAt(command.getIssuedAt()), T0.plusSeconds(60), 1,
                    command.getCommandId());
            assertThat(decision.calls()).containsExactly(call);
            assertThat(decision.chargerEvents()).isEmpty();
            assertThat(decision.chargers()).isEmpty();
            assertThat(decision.result().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            assertThat(decision.result().getChargerCall()).isEqualTo(call);
            assertThat(decision.result().getVersion()).isEqualTo(ChargerCalls.REQUESTED);
        }

        @Test
        void answersARepeatedRequestWithTheFirstCallAndRequestsNothing() {
            registry.given(register(ORG));
            ChargerCall first = registry.given(registry.charger(ORG, CP, RESET)).calls().get(0);

            Decision repeated = registry.decide(registry.charger(ORG, CP, RESET));

            assertThat(repeated.calls()).isEmpty();
            assertThat(repeated.result().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            assertThat(repeated.result().getChargerCall()).isEqualTo(first);
        }

        @Test
        void refusesAChargerOfAnotherOrganisationOrNoneOrDecommissioned() {
            assertNotFound(registry.decide(registry.charger(ORG, CP, RESET)));
            registry.given(register(OTHER_ORG));
            assertNotFound(registry.decide(registry.charger(ORG, CP, RESET)));
            registry.given(decommission(OTHER_ORG));
            assertNotFound(registry.decide(registry.charger(OTHER_ORG, CP, RESET)));
        }
    }

    @Test
    void failsOnAPayloadItDoesNotKnow() {
        ChargerCommand command = ChargerCommand.newBuilder(register(ORG)).setPayload(DEPOT).build();

        assertThatThrownBy(() -> registry.decide(command)).isInstanceOf(IllegalArgumentException.class);
    }

    private ChargerCommand register(String org) {
        return registry.charger(org, CP, ALFEN);
    }

    private ChargerCommand decommission(String org) {
        return registry.charger(org, CP, new DecommissionCharger());
    }

    private static void assertAccepted(CommandResult result, ChargerCommand command, long version) {
        assertThat(result.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(result.getCommandId()).isEqualTo(command.getCommandId());
        assertThat(result.getOrganisationId()).isEqualTo(command.getOrganisationId());
        assertThat(result.getAggregateId()).isEqualTo(CP);
        assertThat(result.getVersion()).isEqualTo(version);
        assertThat(result.getMessage()).isNull();
    }

    private static void assertRefused(Decision decision, CommandStatus status, String message) {
        assertThat(decision.siteEvents()).isEmpty();
        assertThat(decision.chargerEvents()).isEmpty();
        assertThat(decision.sites()).isEmpty();
        assertThat(decision.chargers()).isEmpty();
        assertThat(decision.result().getStatus()).isEqualTo(status);
        assertThat(decision.result().getMessage()).isEqualTo(message);
        assertThat(decision.result().getVersion()).isZero();
        assertThat(decision.result().getCharger()).isNull();
        assertThat(decision.calls()).isEmpty();
    }

    private static void assertNotFound(Decision decision) {
        assertRefused(decision, CommandStatus.NOT_FOUND, "Charger CP-001 does not exist.");
    }
}
