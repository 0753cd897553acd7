package org.dynamocsms.projection.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.dynamocsms.projection.Records.at;
import static org.dynamocsms.projection.Records.connected;
import static org.dynamocsms.projection.Records.disconnected;
import static org.dynamocsms.projection.Records.meter;
import static org.dynamocsms.projection.Records.receivedAt;
import static org.dynamocsms.projection.Records.started;
import static org.dynamocsms.projection.Records.status;
import static org.dynamocsms.projection.Records.stopped;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.projection.Records;
import org.dynamocsms.projection.RegistryViews;
import org.dynamocsms.projection.StoreReads;
import org.dynamocsms.projection.charger.ChargerStatuses;
import org.dynamocsms.projection.charger.ChargerLiveStateTopology;
import org.dynamocsms.projection.fleet.FleetFigures;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.asset.EnergyAssetType;
import org.dynamocsms.projection.load.SiteLoads;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.dynamocsms.schemas.load.SessionLimit;
import org.dynamocsms.schemas.load.SiteAllocation;
import org.dynamocsms.schemas.site.SiteChargerAllocation;
import org.dynamocsms.schemas.charger.ChargerConnector;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.charger.UnlinkReason;
import org.dynamocsms.schemas.fleet.FleetEnergyDay;
import org.dynamocsms.schemas.fleet.FleetSummaryPart;
import org.dynamocsms.schemas.fleet.FleetSummaryParts;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.site.SiteChanges;
import org.dynamocsms.schemas.site.SiteChargerCounts;
import org.dynamocsms.schemas.site.SiteEnergyAssetOutput;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteSummary;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ChargerConnected;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.GatewayLiveness;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiteSummaryTopologyTest {

    private static final Instant WALL_CLOCK = Instant.parse("2024-06-01T12:00:00.250Z");
    private static final String A = "site_A";
    private static final String B = "site_B";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, ChargerTelemetry> telemetry;
    private TestInputTopic<String, ChargerEvent> chargerEvents;
    private TestInputTopic<String, SiteEvent> siteEvents;
    private TestInputTopic<String, EnergyAssetReading> readings;
    private TestInputTopic<String, GatewayLiveness> gateways;
    private TestOutputTopic<String, SiteSummary> summaryTopic;
    private TestOutputTopic<String, ChargerLiveState> stateTopic;
    private TestOutputTopic<String, ChargerTelemetry> telemetryTopic;
    private TestOutputTopic<String, FleetSummaryPart> partTopic;
    private final Map<String, FleetSummaryPart> parts = new HashMap<>();
    /** Whether the gateway check runs: as in the live generation, unless a test says otherwise. */
    private final AtomicBoolean checksGateways = new AtomicBoolean(true);
    private final List<KeyValue<String, SiteSummary>> drainedSummaries = new ArrayList<>();
    private final Map<String, SiteSummary> summaries = new HashMap<>();
    private final Map<String, ChargerLiveState> states = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, String> chargerSites = new HashMap<>();
    /** Each site as of the events sent, and the latest reading sent of each asset. */
    private final Map<String, SiteView> views = new HashMap<>();
    private final Map<String, EnergyAssetReading> latestReadings = new HashMap<>();

    @BeforeEach
    void start() {
        start(Generation.first(Projection.LIVE_STATES), checksGateways::get);
    }

    private void start(Generation generation, BooleanSupplier checksGateways) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "site-summary-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, StoreReads.class);
        driver = new TopologyTestDriver(SiteSummaryTopology.build(generation, checksGateways), props,
                WALL_CLOCK.minus(SiteSummaryProcessor.POWER_INTERVAL));
        // past the tasks' first punctuation, which publishes every summary they hold (none yet)
        driver.advanceWallClockTime(SiteSummaryProcessor.POWER_INTERVAL);
        telemetry = input(Topics.CHARGER_TELEMETRY);
        chargerEvents = input(Topics.CHARGER_EVENTS);
        siteEvents = input(Topics.SITE_EVENTS);
        readings = input(Topics.ENERGY_ASSET_READINGS);
        gateways = input(Topics.GATEWAY_LIVENESS);
        summaryTopic = output(generation.topic(Topics.SITE_SUMMARY_PROJECTION));
        stateTopic = output(generation.topic(Topics.CHARGER_STATE_PROJECTION));
        telemetryTopic = output(Topics.CHARGER_TELEMETRY);
        partTopic = output(generation.topic(Topics.FLEET_SUMMARY_PART_PROJECTION));
    }

    @Test
    void generationTwoWritesItsOwnTopicsAndLeavesTheGatewayCheckToTheLiveGeneration() {
        stop();
        start(new Generation(Projection.LIVE_STATES, 2), () -> false);
        createSite(A, "CP-1");
        tell(connected("CP-1", at(100)), status("CP-1", at(101), 1, ConnectorStatus.Available));
        report(Records.liveness("gw-1", at(0), WALL_CLOCK));

        assertThat(state("CP-1").getConnected()).isTrue();
        assertThat(summary(A).getChargers().getOnline()).isEqualTo(1);
        assertThat(driver.producedTopicNames()).filteredOn(topic -> topic.startsWith("csms."))
                .containsExactlyInAnyOrder("csms.projection.charger-states.g2", "csms.projection.site-summaries.g2",
                        "csms.projection.fleet-summary-parts.g2");
        // gw-1 stops reporting; the live generation decides about its chargers, the rebuild only reads the history
        driver.advanceWallClockTime(Duration.ofSeconds(60));
        assertThat(stateTopic.isEmpty()).isTrue();
        assertThat(summaryTopic.isEmpty()).isTrue();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** Site load management: the allocator after the summary, its allocations read back by the summary. */
    @Nested
    class LoadManagement {

        private TestOutputTopic<String, SiteAllocation> allocations;
        private TestOutputTopic<String, ChargerCall> calls;

        @BeforeEach
        void outputs() {
            allocations = output(Topics.SITE_ALLOCATIONS);
            calls = output(Topics.CHARGER_CALLS);
        }

        @Test
        void tenSessionsOnAFiftyKilowattSiteShareItEquallyAndEachChargerGetsItsLimit() {
            String[] chargers = IntStream.rangeClosed(1, 10).mapToObj(i -> "CP-" + i).toArray(String[]::new);
            createSite(A, chargers);
            send(Records.siteUpdated(A, nextVersion(A), SiteChanges.newBuilder().setMaxPowerKw(50.0).build()));
            for (int i = 0; i < chargers.length; i++) {
                charging(chargers[i], 1, 100 + i, 3_000);
            }

            SiteAllocation last = lastAllocation();
            assertThat(last.getAvailableW()).isEqualTo(50_000);
            assertThat(last.getLimits()).hasSize(10).allSatisfy(limit -> assertThat(limit.getLimitW())
                    .isEqualTo(5_000));
            assertThat(last.getHeadroomW()).isZero();
            Map<String, ChargerCall> latest = latestCalls();
            assertThat(latest).hasSize(10);
            assertThat(latest.get("CP-3").getPayload()).isEqualTo("{\"connectorId\":1,\"csChargingProfiles\":{"
                    + "\"chargingProfileId\":1001,\"transactionId\":102,\"stackLevel\":1,"
                    + "\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Relative\","
                    + "\"chargingSchedule\":{\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":"
                    + "[{\"startPeriod\":0,\"limit\":5000}]}}}");
            assertThat(latest.get("CP-3").getRequestedBy()).isEqualTo("site-allocator");
            assertThat(latest.get("CP-3").getAction()).isEqualTo("SetChargingProfile");
            assertThat(summary(A).getHeadroomKw()).isEqualTo(0.0);
            assertThat(powerSettled(A).getAllocations()).hasSize(10).allSatisfy(charger -> {
                assertThat(charger.getAllocatedKw()).isEqualTo(5.0);
                assertThat(charger.getDrawnKw()).isEqualTo(3.0);
                assertThat(charger.getReserved()).isNull();
            });
        }

        @Test
        void aLowerCeilingIsSentToEveryChargerAtOnceAndAnEndedSessionGivesItsShareBack() {
            createSite(A, "CP-1", "CP-2", "CP-3");
            charging("CP-1", 1, 1, 20_000);
            charging("CP-2", 1, 2, 20_000);
            charging("CP-3", 1, 3, 20_000);
            assertThat(lastAllocation().getLimits()).extracting(SessionLimit::getLimitW)
                    .containsOnly(50_000L);
            calls.readValuesToList();

            send(Records.siteUpdated(A, nextVersion(A), SiteChanges.newBuilder().setMaxPowerKw(50.0).build()));

            assertThat(lastAllocation().getLimits()).extracting(SessionLimit::getLimitW).containsOnly(16_666L);
            assertThat(calls.readValuesToList()).extracting(ChargerCall::getChargePointId)
                    .containsExactlyInAnyOrder("CP-1", "CP-2", "CP-3");

            tell(Records.stopped("CP-3", at(300), 3));

            assertThat(lastAllocation().getLimits()).extracting(SessionLimit::getLimitW).containsOnly(25_000L);
            assertThat(calls.readValuesToList()).extracting(ChargerCall::getChargePointId)
                    .containsExactlyInAnyOrder("CP-1", "CP-2");
        }

        @Test
        void solarRaisesTheSharesAndAReadingWithinAStepChangesNothing() {
            createSite(A, "CP-1", "CP-2");
            send(Records.siteUpdated(A, nextVersion(A), SiteChanges.newBuilder().setMaxPowerKw(20.0).build()));
            send(Records.assetAdded(A, nextVersion(A), Records.asset("asset_pv", EnergyAssetType.solar, "PV", 50)));
            charging("CP-1", 1, 1, 5_000);
            charging("CP-2", 1, 2, 5_000);
            assertThat(lastAllocation().getLimits()).extracting(SessionLimit::getLimitW).containsOnly(10_000L);

            readings.pipeInput(A, Records.reading(A, "asset_pv", 12.0, at(200)));
            SiteAllocation sunny = lastAllocation();
            assertThat(sunny.getGenerationW()).isEqualTo(12_000);
            assertThat(sunny.getLimits()).extracting(SessionLimit::getLimitW).containsOnly(16_000L);
            calls.readValuesToList();

            readings.pipeInput(A, Records.reading(A, "asset_pv", 12.5, at(210)));
            assertThat(allocations.isEmpty()).isTrue();
            assertThat(calls.isEmpty()).isTrue();
        }

        @Test
        void anOfflineChargerKeepsItsDrawAndTheOthersShareTheRest() {
            createSite(A, "CP-1", "CP-2");
            send(Records.siteUpdated(A, nextVersion(A), SiteChanges.newBuilder().setMaxPowerKw(30.0).build()));
            charging("CP-1", 1, 1, 11_000);
            charging("CP-2", 1, 2, 5_000);

            tell(Records.disconnected("CP-1", at(300)));

            SiteAllocation last = lastAllocation();
            assertThat(last.getLimits()).extracting(SessionLimit::getChargePointId, SessionLimit::getLimitW,
                    SessionLimit::getReserved).containsExactly(tuple("CP-1", 11_000L, "offline"),
                    tuple("CP-2", 19_000L, null));
            assertThat(summary(A).getAllocations()).extracting(SiteChargerAllocation::getChargePointId,
                    SiteChargerAllocation::getReserved).contains(tuple("CP-1", "offline"));
        }

        @Test
        void aChargerThatRejectsItsProfileKeepsItsDrawAndGetsNoMoreProfiles() {
            createSite(A, "CP-1", "CP-2");
            send(Records.siteUpdated(A, nextVersion(A), SiteChanges.newBuilder().setMaxPowerKw(30.0).build()));
            charging("CP-1", 1, 1, 9_000);
            charging("CP-2", 1, 2, 9_000);
            ChargerCall toSecond = latestCalls().get("CP-2");

            answer(toSecond, ChargerCallStatus.ANSWERED, "{\"status\":\"Rejected\"}", WALL_CLOCK);

            assertThat(lastAllocation().getLimits()).extracting(SessionLimit::getChargePointId, SessionLimit::getLimitW,
                    SessionLimit::getReserved).containsExactly(tuple("CP-1", 21_000L, null),
                    tuple("CP-2", 9_000L, "profile_rejected"));
            assertThat(calls.readValuesToList()).extracting(ChargerCall::getChargePointId).containsExactly("CP-1");
        }

        @Test
        void aChargerDrawingAboveItsAcceptedLimitAfterTheGraceIsReservedAtItsDraw() {
            createSite(A, "CP-1", "CP-2");
            send(Records.siteUpdated(A, nextVersion(A), SiteChanges.newBuilder().setMaxPowerKw(20.0).build()));
            charging("CP-1", 1, 1, 9_000);
            charging("CP-2", 1, 2, 9_000);
            answer(latestCalls().get("CP-1"), ChargerCallStatus.ANSWERED, "{\"status\":\"Accepted\"}", WALL_CLOCK);
            allocations.readValuesToList();

            // within the grace the car is still coming down to its limit
            tell(meter("CP-1", at(200), 1, 1, 13_000.0, 500.0));
            assertThat(allocations.isEmpty()).isTrue();
            // the same figures again: no change, but the next look at the site finds the grace over
            tell(meter("CP-1", at(300), 1, 1, 13_000.0, 900.0));
            driver.advanceWallClockTime(SiteLoads.COMPLIANCE_GRACE);

            assertThat(lastAllocation().getLimits()).extracting(SessionLimit::getChargePointId, SessionLimit::getLimitW,
                    SessionLimit::getReserved).containsExactly(tuple("CP-1", 13_000L, "above_limit"),
                    tuple("CP-2", 7_000L, null));
        }

        @Test
        void aBootedChargerGetsTheSitesSafeShareAsItsDefaultAndAgainWhenTheShareChanges() {
            createSite(A, "CP-1", "CP-2", "CP-3", "CP-4");
            tell(connected("CP-1", at(100)), Records.booted("CP-1", at(101), "1.0"));

            ChargerCall sent = calls.readValue();
            assertThat(sent.getChargePointId()).isEqualTo("CP-1");
            assertThat(sent.getPayload()).isEqualTo("{\"connectorId\":0,\"csChargingProfiles\":{"
                    + "\"chargingProfileId\":999,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxDefaultProfile\","
                    + "\"chargingProfileKind\":\"Relative\",\"chargingSchedule\":{\"chargingRateUnit\":\"W\","
                    + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":37500}]}}}");
            tell(Records.heartbeat("CP-1", at(200)));
            assertThat(calls.isEmpty()).isTrue();

            send(Records.siteUpdated(A, nextVersion(A), SiteChanges.newBuilder().setMaxPowerKw(20.0).build()));
            // 20 kW over 4 connectors is 5,000 W each; a charger that never booted here gets nothing yet
            assertThat(calls.readValuesToList()).extracting(ChargerCall::getChargePointId, call -> call.getPayload()
                    .contains("\"limit\":5000}")).containsExactly(tuple("CP-1", true));

            send(Records.siteUpdated(A, nextVersion(A), SiteChanges.newBuilder().setMaxPowerKw(10.0).build()));
            // 2,500 W is less than a session's minimum: no session rather than a risk to the ceiling
            assertThat(calls.readValue().getPayload()).contains("\"limit\":0}");
            tell(Records.disconnected("CP-1", at(300)));
            send(Records.siteUpdated(A, nextVersion(A), SiteChanges.newBuilder().setMaxPowerKw(100.0).build()));
            assertThat(calls.isEmpty()).isTrue();
        }

        @Test
        void noDefaultIsSentWhileALinkedChargersConnectorsAreUnknownAndEveryChargerGetsTheShareOnceTheyAreKnown() {
            List<ChargerConnector> two = List.of(new ChargerConnector(1, "Type2", 22.0),
                    new ChargerConnector(2, "Type2", 22.0));
            send(Records.siteCreated(A, "Depot", 100));
            versions.put(A, 1L);
            send(Records.registered("CP-1", two));
            versions.put("CP-1", 1L);
            link("CP-1", A, true);
            tell(connected("CP-1", at(100)), Records.booted("CP-1", at(100), "1.0"));
            // 100 kW over CP-1's two connectors
            assertThat(calls.readValuesToList()).extracting(ChargerCall::getChargePointId, call -> call.getPayload()
                    .contains("\"limit\":50000}")).containsExactly(tuple("CP-1", true));

            send(Records.registered("CP-2", two));
            versions.put("CP-2", 1L);
            // the site learns of CP-2 before CP-2's connectors reach it: no share is safe yet, so none is sent
            send(Records.chargerLinkedTo(A, nextVersion(A), "CP-2"));
            assertThat(calls.isEmpty()).as("no share while CP-2's connectors are unknown").isTrue();

            send(Records.linked("CP-2", nextVersion("CP-2"), A, null));
            chargerSites.put("CP-2", A);
            // 100 kW over four connectors, sent to the charger that holds the old share (CP-2 has not booted)
            assertThat(calls.readValuesToList()).extracting(ChargerCall::getChargePointId, call -> call.getPayload()
                    .contains("\"limit\":25000}")).containsExactly(tuple("CP-1", true));
        }

        @Test
        void aRebuildSendsNothingAndShowsTheAllocationsTheLiveGenerationMade() {
            stop();
            start(new Generation(Projection.LIVE_STATES, 2), () -> false);
            allocations = output(Topics.SITE_ALLOCATIONS);
            calls = output(Topics.CHARGER_CALLS);
            createSite(A, "CP-1");
            charging("CP-1", 1, 1, 7_000);
            assertThat(allocations.isEmpty()).isTrue();
            assertThat(calls.isEmpty()).isTrue();

            input(Topics.SITE_ALLOCATIONS).pipeInput(A, SiteAllocation.newBuilder().setEventId("evt_1")
                    .setOrganisationId(Records.ORG).setSiteId(A).setMaxPowerW(150_000).setGenerationW(0)
                    .setAvailableW(150_000).setLimits(List.of(new SessionLimit("CP-1", 1, 1, 22_000L, 7_000L, null)))
                    .setHeadroomW(128_000).setReason("sessions changed").setOccurredAt(at(120))
                    .setRecordedAt(at(120)).build());

            assertThat(summary(A).getHeadroomKw()).isEqualTo(128.0);
            assertThat(summary(A).getAllocations()).containsExactly(new SiteChargerAllocation("CP-1", 22.0, 7.0,
                    null));
        }

        @Test
        void anAllocationReadBeforeItsSitesCreationIsShownOnceTheSiteIs() {
            stop();
            start(new Generation(Projection.LIVE_STATES, 2), () -> false);

            input(Topics.SITE_ALLOCATIONS).pipeInput(A, SiteAllocation.newBuilder().setEventId("evt_1")
                    .setOrganisationId(Records.ORG).setSiteId(A).setMaxPowerW(150_000).setGenerationW(0)
                    .setAvailableW(150_000).setLimits(List.of()).setHeadroomW(150_000).setReason("site SiteCreated")
                    .setOccurredAt(at(1)).setRecordedAt(at(1)).build());
            createSite(A);

            assertThat(summary(A).getHeadroomKw()).isEqualTo(150.0);
        }

        /**
         * The OCPP benchmark's site: 100 chargers of two 22 kW connectors under a ceiling of 4,400 kW, exactly their
         * sum, so it never binds: each session start sends that session its TxProfile and nothing else, and draws,
         * stops and the compliance check send nothing.
         */
        @Test
        void aCeilingCoveringEveryConnectorOfAHundredChargersSendsEachStartOneTxProfileAndNothingElse() {
            String[] chargers = IntStream.rangeClosed(1, 100).mapToObj(i -> "CP-" + i).toArray(String[]::new);
            send(Records.siteCreated(A, "Depot", 4_400));
            versions.put(A, 1L);
            List<ChargerConnector> rated = List.of(new ChargerConnector(1, "Type2", 22.0),
                    new ChargerConnector(2, "Type2", 22.0));
            for (String chargePointId : chargers) {
                send(Records.registered(chargePointId, rated));
                versions.put(chargePointId, 1L);
                link(chargePointId, A, false);
            }
            for (String chargePointId : chargers) {
                tell(connected(chargePointId, at(100)), Records.booted(chargePointId, at(100), "1.0"));
            }
            assertThat(answerAll()).as("TxDefaultProfiles at boot").hasSize(100)
                    .allSatisfy(call -> assertThat(call.getPayload()).contains("TxDefaultProfile", "\"limit\":22000}"));

            int transactionId = 0;
            for (int connector = 1; connector <= 2; connector++) {
                for (String chargePointId : chargers) {
                    String started = "\"transactionId\":" + ++transactionId + ",";
                    tell(started(chargePointId, at(200), connector, transactionId));
                    assertThat(answerAll()).as("the calls of start %d", transactionId).singleElement()
                            .satisfies(call -> assertThat(call.getPayload()).contains(started, "TxProfile",
                                    "\"limit\":22000}"));
                }
            }
            assertThat(lastAllocation().getHeadroomW()).as("all 200 at their maximum").isZero();
            for (int n = 0; n < chargers.length; n++) {
                tell(meter(chargers[n], at(300), 1, n + 1, 21_000.0 + n, 500.0));
            }
            driver.advanceWallClockTime(SiteLoads.COMPLIANCE_GRACE.plusSeconds(10));
            for (int n = 0; n < 20; n++) {
                tell(stopped(chargers[n], at(400), n + 1));
            }
            assertThat(calls.isEmpty()).as("draws, the compliance check and stops send nothing").isTrue();
            for (int n = 0; n < 20; n++) {
                tell(started(chargers[n], at(500), 1, ++transactionId));
                assertThat(answerAll()).as("the calls of start %d", transactionId).hasSize(1);
            }
        }

        /** Answers every call sent since the last look Accepted; the calls. */
        private List<ChargerCall> answerAll() {
            List<ChargerCall> sent = calls.readValuesToList();
            sent.forEach(call -> answer(call, ChargerCallStatus.ANSWERED, "{\"status\":\"Accepted\"}", WALL_CLOCK));
            return sent;
        }

        private SiteAllocation lastAllocation() {
            List<SiteAllocation> made = allocations.readValuesToList();
            assertThat(made).as("allocations").isNotEmpty();
            return made.get(made.size() - 1);
        }

        /** The charger's answer to {@code call}, as its gateway records it. */
        private void answer(ChargerCall call, ChargerCallStatus status, String answer, Instant at) {
            input(Topics.CHARGER_CALL_RESULTS).pipeInput(call.getChargePointId(), ChargerCallResult.newBuilder()
                    .setEventId("evt_r").setCall(call).setStatus(status).setAnswer(answer).setGatewayId("gw-1")
                    .setSentAt(at).setOccurredAt(at).setRecordedAt(at).build());
        }

        private Map<String, ChargerCall> latestCalls() {
            Map<String, ChargerCall> latest = new HashMap<>();
            calls.readValuesToList().forEach(call -> latest.put(call.getChargePointId(), call));
            return latest;
        }
    }

    @Test
    void aSiteWithChargersInEveryStatusAndAnAssetGivesTheContractsFigures() {
        createSite(A, "CP-1", "CP-2", "CP-3", "CP-4", "CP-5", "CP-6", "CP-7");
        send(Records.assetAdded(A, nextVersion(A), Records.asset("asset_solar", EnergyAssetType.solar,
                "Rooftop PV Array", 50)));
        send(Records.assetAdded(A, nextVersion(A), Records.asset("asset_battery", EnergyAssetType.battery,
                "Battery", 100)));
        // CP-1: two sessions, one suspended by the car: 20.6 kW
        charging("CP-1", 1, 101, 20_600);
        tell(status("CP-1", at(110), 2, ConnectorStatus.SuspendedEV), started("CP-1", at(110), 2, 102),
                meter("CP-1", at(111), 2, 102, 0.0, 0.0));
        charging("CP-2", 1, 201, 45_500);
        charging("CP-3", 1, 301, 21_300);
        tell(status("CP-3", at(120), 1, ConnectorStatus.SuspendedEVSE));
        // CP-4: its session ended, connector free again
        charging("CP-4", 1, 401, 11_000);
        tell(stopped("CP-4", at(130), 401), status("CP-4", at(131), 1, ConnectorStatus.Available));
        // CP-5: the charge point as a whole is faulted; power without a transaction does not count
        tell(connected("CP-5", at(100)), status("CP-5", at(101), 1, ConnectorStatus.Available),
                Records.fault("CP-5", at(102), 0, ChargePointErrorCode.InternalError, "Relay stuck"),
                meter("CP-5", at(103), 1, null, 500.0, 10.0));
        // CP-6: connection lost; CP-7: never seen
        tell(connected("CP-6", at(100)), status("CP-6", at(101), 1, ConnectorStatus.Available),
                disconnected("CP-6", at(140)));
        readings.pipeInput(A, Records.reading(A, "asset_solar", 20.0, at(150)));
        readings.pipeInput(A, Records.reading(A, "asset_solar", 22.1, at(160)));
        readings.pipeInput(A, Records.reading(A, "asset_solar", 5.0, at(155)));

        SiteSummary summary = summary(A);
        assertThat(summary.getName()).isEqualTo("King Street Depot");
        assertThat(summary.getOrganisationId()).isEqualTo(Records.ORG);
        assertThat(summary.getMaxPowerKw()).isEqualTo(150.0);
        // 7 linked; online: all but CP-6 and CP-7; charging CP-1..3, available CP-4, faulted CP-5
        assertThat(summary.getChargers()).isEqualTo(new SiteChargerCounts(7, 5, 3, 1, 1));
        assertThat(summary.getActiveSessions()).isEqualTo(4);
        assertThat(summary.getCurrentPowerKw()).isEqualTo(87.4);
        assertThat(summary.getEnergyAssets()).containsExactly(
                new SiteEnergyAssetOutput("asset_solar", EnergyAssetType.solar, "Rooftop PV Array", 50.0, 22.1,
                        at(160)),
                new SiteEnergyAssetOutput("asset_battery", EnergyAssetType.battery, "Battery", 100.0, null, null));
        assertThat(summary.getUpdatedAt()).isEqualTo(WALL_CLOCK);
        assertThat(state("CP-1").getSiteId()).isEqualTo(A);
        assertThat(state("CP-1").getPowerKw()).isEqualTo(20.6);
    }

    @Test
    void everyChangePublishesTheNextVersionAtProcessingTime() {
        createSite(A, "CP-1");
        long before = summary(A).getVersion();
        driver.advanceWallClockTime(Duration.ofSeconds(30));

        charging("CP-1", 1, 7, 7_400);

        SiteSummary summary = summary(A);
        assertThat(summary.getVersion()).isGreaterThan(before);
        assertThat(summary.getUpdatedAt()).isEqualTo(WALL_CLOCK.plusSeconds(30));
        List<Long> published = drainedVersions(A);
        assertThat(published).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aChargerMovedWhileChargingTakesItsPowerAndSessionToTheNewSite() {
        createSite(A, "CP-1");
        createSite(B, "CP-2");
        charging("CP-1", 1, 7, 7_400);
        tell(connected("CP-2", at(100)), status("CP-2", at(101), 1, ConnectorStatus.Available));
        assertThat(powerSettled(A).getCurrentPowerKw()).isEqualTo(7.4);

        move("CP-1", B, false);

        assertThat(summary(A).getChargers()).isEqualTo(new SiteChargerCounts(0, 0, 0, 0, 0));
        assertThat(summary(A).getActiveSessions()).isZero();
        assertThat(summary(A).getCurrentPowerKw()).isZero();
        assertThat(summary(B).getChargers()).isEqualTo(new SiteChargerCounts(2, 2, 1, 1, 0));
        assertThat(summary(B).getActiveSessions()).isEqualTo(1);
        assertThat(summary(B).getCurrentPowerKw()).isEqualTo(7.4);

        long versionOfA = summary(A).getVersion();
        tell(meter("CP-1", at(200), 1, 7, 11_000.0, 900.0));
        assertThat(powerSettled(B).getCurrentPowerKw()).isEqualTo(11.0);
        assertThat(summary(A).getVersion()).isEqualTo(versionOfA);
        assertThat(keys(SiteSummaryTopology.CHARGERS)).containsExactlyInAnyOrder(B + "|CP-1", B + "|CP-2");
    }

    @Test
    void aChargerStateArrivingBeforeItsLinkIsKeptAndCountedOnceTheLinkArrives() {
        createSite(A, "CP-1");
        createSite(B);
        charging("CP-1", 1, 7, 7_400);

        move("CP-1", B, true);

        assertThat(summary(A).getChargers().getTotal()).isZero();
        assertThat(summary(B).getChargers()).isEqualTo(new SiteChargerCounts(1, 1, 1, 0, 0));
        assertThat(summary(B).getCurrentPowerKw()).isEqualTo(7.4);
        assertThat(summary(B).getActiveSessions()).isEqualTo(1);
    }

    @Test
    void anUnlinkDuringASessionTakesItsPowerAndSessionOffTheSite() {
        createSite(A, "CP-1", "CP-2");
        charging("CP-1", 1, 7, 7_400);
        charging("CP-2", 1, 8, 3_700);
        assertThat(powerSettled(A).getCurrentPowerKw()).isEqualTo(11.1);

        send(Records.chargerUnlinkedFrom(A, nextVersion(A), "CP-1", UnlinkReason.UNLINKED));
        send(Records.unlinked("CP-1", nextVersion("CP-1"), A, UnlinkReason.UNLINKED));

        assertThat(summary(A).getChargers()).isEqualTo(new SiteChargerCounts(1, 1, 1, 0, 0));
        assertThat(summary(A).getActiveSessions()).isEqualTo(1);
        assertThat(summary(A).getCurrentPowerKw()).isEqualTo(3.7);
        drain();

        tell(meter("CP-1", at(200), 1, 7, 11_000.0, 900.0));

        assertThat(drain()).isEmpty();
        assertThat(state("CP-1").getSiteId()).isNull();
        assertThat(state("CP-1").getActiveSessions()).as("the session goes on, at no site").isEqualTo(1);
    }

    @Test
    void aDeletedSiteGetsATombstoneAndKeepsNothingOfItsChargersAndAssets() {
        createSite(A, "CP-1", "CP-2");
        createSite(B, "CP-3");
        send(Records.assetAdded(A, nextVersion(A), Records.asset("asset_solar", EnergyAssetType.solar, "PV", 50)));
        readings.pipeInput(A, Records.reading(A, "asset_solar", 12.5, at(150)));
        charging("CP-1", 1, 7, 7_400);
        tell(connected("CP-2", at(100)), connected("CP-3", at(100)));
        drain();

        send(Records.siteDeleted(A, nextVersion(A)));
        // the chargers report before their unlink events are processed: nothing may bring the site back
        tell(meter("CP-1", at(300), 1, 7, 11_000.0, 900.0));
        send(Records.unlinked("CP-1", nextVersion("CP-1"), A, UnlinkReason.SITE_DELETED));
        send(Records.unlinked("CP-2", nextVersion("CP-2"), A, UnlinkReason.SITE_DELETED));
        readings.pipeInput(A, Records.reading(A, "asset_solar", 13.0, at(301)));
        send(Records.siteCreated(A, "Resurrected", 10));

        List<KeyValue<String, SiteSummary>> published = drain();
        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo(A);
            assertThat(record.value).isNull();
        });
        assertThat(keys(SiteSummaryTopology.CHARGERS)).containsExactly(B + "|CP-3");
        assertThat(keys(SiteSummaryTopology.READINGS)).isEmpty();
        assertThat(keys(SiteSummaryTopology.SUMMARIES)).containsExactly(B);
        assertThat(state("CP-1").getSiteId()).isNull();
        assertThat(state("CP-2").getSiteId()).isNull();
        assertThat(summary(B).getChargers().getTotal()).isEqualTo(1);
    }

    @Test
    void aReadingForAnAssetTheSiteDoesNotHaveIsIgnored() {
        createSite(A);
        send(Records.assetAdded(A, nextVersion(A), Records.asset("asset_solar", EnergyAssetType.solar, "PV", 50)));
        drain();

        readings.pipeInput(A, Records.reading(A, "asset_unknown", 30.0, at(150)));
        readings.pipeInput(A, Records.reading(B, "asset_solar", 30.0, at(150)));
        readings.pipeInput(B, Records.reading(B, "asset_solar", 30.0, at(150)));

        assertThat(drain()).isEmpty();
        assertThat(keys(SiteSummaryTopology.READINGS)).isEmpty();
        assertThat(summary(A).getEnergyAssets().get(0).getCurrentOutputKw()).isNull();
    }

    @Test
    void aReadingPublishedDirectlyCountsWhateverOrganisationItNames() {
        // an energy-management system knows the site and asset ids, not our organisation ids
        createSite(A);
        send(Records.assetAdded(A, nextVersion(A), Records.asset("asset_solar", EnergyAssetType.solar, "PV", 50)));
        readings.pipeInput(A, EnergyAssetReading.newBuilder(Records.reading(A, "asset_solar", 12.5, at(150)))
                .setOrganisationId("ems").build());
        assertThat(summary(A).getEnergyAssets().get(0).getCurrentOutputKw()).isEqualTo(12.5);
    }

    @Test
    void aRemovedAssetLeavesTheSummaryWithItsReading() {
        createSite(A);
        send(Records.assetAdded(A, nextVersion(A), Records.asset("asset_solar", EnergyAssetType.solar, "PV", 50)));
        readings.pipeInput(A, Records.reading(A, "asset_solar", 30.0, at(150)));

        send(Records.assetRemoved(A, nextVersion(A), "asset_solar"));

        assertThat(summary(A).getEnergyAssets()).isEmpty();
        assertThat(keys(SiteSummaryTopology.READINGS)).isEmpty();
    }

    @Test
    void aDuplicateTelemetryRecordChangesNothing() {
        createSite(A, "CP-1");
        charging("CP-1", 1, 7, 7_400);
        ChargerTelemetry reading = meter("CP-1", at(200), 1, 7, 11_000.0, 900.0);
        tell(reading);
        powerSettled(A);
        ChargerLiveState state = state("CP-1");

        tell(reading);

        assertThat(drain()).isEmpty();
        assertThat(stateTopic.isEmpty()).isTrue();
        // compared as JSON: Avro's own arrays cannot compare records holding timestamps
        assertThat(this.<ChargerLiveState>store(ChargerLiveStateTopology.STATES).get("CP-1"))
                .hasToString(state.toString());
        assertThat(summary(A).getCurrentPowerKw()).isEqualTo(11.0);
    }

    @Test
    void aStatusOlderThanTheConnectorsCurrentOneIsIgnored() {
        createSite(A, "CP-1");
        tell(connected("CP-1", at(100)), status("CP-1", at(110), 1, ConnectorStatus.Charging));
        assertThat(summary(A).getChargers().getCharging()).isEqualTo(1);

        tell(receivedAt(status("CP-1", at(105), 1, ConnectorStatus.Available), at(171)));

        assertThat(drain()).isEmpty();
        assertThat(state("CP-1").getConnectors().get(0).getStatus()).isEqualTo(ConnectorStatus.Charging);
        assertThat(state("CP-1").getLastSeenAt()).isEqualTo(at(171));
    }

    @Test
    void onlyChangesToTheSummarysFiguresArePublished() {
        createSite(A);
        drain();

        send(Records.siteUpdated(A, nextVersion(A), SiteChanges.newBuilder().setAddress("1 New Street").build()));
        assertThat(drain()).isEmpty();

        send(Records.siteUpdated(A, nextVersion(A), SiteChanges.newBuilder().setMaxPowerKw(200.0).build()));
        assertThat(summary(A).getMaxPowerKw()).isEqualTo(200.0);
    }

    @Test
    void eventsOfASiteOrChargerNeverCreatedAreSkipped() {
        send(Records.chargerLinkedTo(A, 2, "CP-1"));
        send(Records.linked("CP-1", 2, A, null));
        tell(connected("CP-1", at(100)));

        assertThat(drain()).isEmpty();
        assertThat(state("CP-1").getRegistered()).isFalse();
        assertThat(state("CP-1").getSiteId()).isNull();

        createSite(A, "CP-1");
        assertThat(summary(A).getChargers()).isEqualTo(new SiteChargerCounts(1, 1, 0, 0, 0));
    }

    @Test
    void aDecommissionedChargerLeavesItsSite() {
        createSite(A, "CP-1");
        charging("CP-1", 1, 7, 7_400);
        assertThat(part(Records.ORG).getCharging()).isEqualTo(1);

        send(Records.decommissioned("CP-1", nextVersion("CP-1")));
        send(Records.chargerUnlinkedFrom(A, nextVersion(A), "CP-1", UnlinkReason.DECOMMISSIONED));

        assertThat(summary(A).getChargers().getTotal()).isZero();
        assertThat(summary(A).getCurrentPowerKw()).isZero();
        assertThat(state("CP-1").getRegistered()).isFalse();
        assertThat(keys(SiteSummaryTopology.CHARGERS)).isEmpty();
        assertThat(fleet(part(Records.ORG))).isEqualTo(countedFleet(List.of("CP-1")));
        assertThat(part(Records.ORG).getTotal()).isZero();
    }

    @Test
    void aChargersChangeCostsTheSameWhateverTheNumberOfChargersAtItsSite() {
        String[] hundred = IntStream.rangeClosed(1, 100).mapToObj(i -> "CP-" + i).toArray(String[]::new);
        createSite(A, hundred);
        createSite(B, "CP-X");
        Arrays.stream(hundred).forEach(id -> tell(connected(id, at(100))));
        charging("CP-50", 1, 7, 7_400);
        charging("CP-X", 1, 7, 7_400);
        drain();
        state("CP-X");

        Cost atA = cost(meter("CP-50", at(200), 1, 7, 11_000.0, 900.0));
        Cost atB = cost(meter("CP-X", at(200), 1, 7, 11_000.0, 900.0));
        System.out.printf("A MeterValues at a site of 100 chargers: %s; at a site of 1: %s%n", atA, atB);

        // one charger's power changed at a site of 100 and at a site of 1: the same reads
        assertThat(atA.read().keys()).isEqualTo(atB.read().keys());
        assertThat(atA.read().bytes()).isLessThan(atB.read().bytes() + 64);
        assertThat(this.<SiteSummary>store(SiteSummaryTopology.SUMMARIES).get(A).getCurrentPowerKw())
                .isEqualTo(11.0);
    }

    @Test
    void aChangeOfALiveStateThatLeavesItsSitesFiguresAsTheyWereSendsTheSiteNothing() {
        createSite(A, "CP-1");
        charging("CP-1", 1, 7, 7_400);
        drain();
        state("CP-1");

        // a reading of the same power (the energy rises), then a heartbeat minutes later
        for (ChargerTelemetry record : List.of(meter("CP-1", at(200), 1, 7, 7_400.0, 900.0),
                Records.heartbeat("CP-1", at(400)))) {
            assertThat(cost(record).written().keySet()).contains(Topics.CHARGER_STATE_PROJECTION.name())
                    .noneMatch(topic -> topic.contains(ChargerLiveStateTopology.BY_SITE)
                            || topic.contains(SiteSummaryTopology.CHARGERS)
                            || topic.contains(SiteSummaryTopology.SUMMARIES));
        }
    }

    /**
     * Random link, unlink, move, telemetry, site updates, asset readings and deletions: after each, every site's
     * summary last published has the figures counted afresh from the chargers' live states (as the summary counted
     * them before it followed their changes), and each summary published is the next version, at the time of the
     * change, with figures other than its predecessor's.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void everySummaryHasTheFiguresOfAFullRecount(long seed) {
        Random random = new Random(seed);
        List<String> sites = List.of("site_1", "site_2", "site_3");
        List<String> chargers = IntStream.rangeClosed(1, 8).mapToObj(i -> "CP-" + i).toList();
        createSite(sites.get(0), "CP-1", "CP-2", "CP-3");
        createSite(sites.get(1), "CP-4");
        createSite(sites.get(2));
        chargers.stream().filter(id -> !chargerSites.containsKey(id)).forEach(id -> {
            send(Records.registered(id));
            versions.put(id, 1L);
        });
        Map<String, Integer> transactions = new HashMap<>();
        Instant now = WALL_CLOCK;
        for (int step = 0; step < 300; step++) {
            String charger = chargers.get(random.nextInt(chargers.size()));
            String site = sites.get(random.nextInt(sites.size()));
            boolean live = SiteViews.isLive(views.get(site));
            Instant at = at(200 + step);
            int connector = 1 + random.nextInt(2);
            switch (random.nextInt(20)) {
                case 0, 1 -> tell(connected(charger, at));
                case 2 -> tell(disconnected(charger, at));
                case 3, 4, 5 -> tell(status(charger, at, random.nextInt(3), ConnectorStatus.values()[
                        random.nextInt(ConnectorStatus.values().length)]));
                case 6, 7 -> {
                    int transaction = 1000 + step;
                    transactions.put(charger + "/" + connector, transaction);
                    tell(started(charger, at, connector, transaction));
                }
                case 8, 9, 10, 11 -> tell(meter(charger, at, connector, transactions.get(charger + "/" + connector),
                        random.nextInt(2_200_000) / 100.0, 100.0 + step));
                case 12 -> {
                    Integer transaction = transactions.remove(charger + "/" + connector);
                    tell(stopped(charger, at, transaction != null ? transaction : 1));
                }
                case 13 -> tell(Records.heartbeat(charger, at));
                case 14, 15 -> {
                    String left = chargerSites.get(charger);
                    if (live && left == null) {
                        link(charger, site, random.nextBoolean());
                    } else if (live && !left.equals(site)) {
                        move(charger, site, random.nextBoolean());
                    } else if (left != null) {
                        unlink(charger, left, random.nextBoolean());
                    }
                }
                case 16 -> {
                    if (live) {
                        send(Records.siteUpdated(site, nextVersion(site), SiteChanges.newBuilder()
                                .setMaxPowerKw(50.0 + random.nextInt(3) * 50).build()));
                    }
                }
                case 17 -> {
                    if (live && views.get(site).getEnergyAssets().isEmpty()) {
                        send(Records.assetAdded(site, nextVersion(site),
                                Records.asset("asset_" + site, EnergyAssetType.solar, "PV", 50)));
                    } else if (live) {
                        EnergyAssetReading reading = Records.reading(site, "asset_" + site,
                                random.nextInt(500) / 10.0, at);
                        latestReadings.put(reading.getAssetId(), reading);
                        readings.pipeInput(site, reading);
                    }
                }
                case 18 -> {
                    if (live && random.nextInt(4) == 0) {
                        send(Records.siteDeleted(site, nextVersion(site)));
                        chargerSites.entrySet().stream().filter(e -> e.getValue().equals(site)).map(Map.Entry::getKey)
                                .toList().forEach(id -> {
                                    chargerSites.remove(id);
                                    send(Records.unlinked(id, nextVersion(id), site, UnlinkReason.SITE_DELETED));
                                });
                    }
                }
                default -> {
                    Duration later = Duration.ofSeconds(random.nextInt(5));
                    now = now.plus(later);
                    driver.advanceWallClockTime(later);
                }
            }
            Instant publishedAt = now;
            // a change of power alone is published once its site's interval has passed, as it was at the change
            driver.advanceWallClockTime(SiteSummaryProcessor.POWER_INTERVAL);
            now = now.plus(SiteSummaryProcessor.POWER_INTERVAL);
            assertThat(drain()).as("step %d", step)
                    .allSatisfy(published -> assertThat(published.value == null
                            || published.value.getUpdatedAt().equals(publishedAt)).isTrue());
            for (String each : sites) {
                assertThat(countedFigures(summaries.get(each))).as("%s after step %d", each, step)
                        .isEqualTo(counted(each));
            }
            assertThat(fleet(part(Records.ORG))).as("fleet after step %d", step)
                    .isEqualTo(countedFleet(chargers));
        }
        for (String each : sites) {
            List<SiteSummary> published = drainedSummaries.stream().filter(r -> r.key.equals(each))
                    .map(r -> r.value).filter(Objects::nonNull).toList();
            for (int i = 0; i < published.size(); i++) {
                assertThat(published.get(i).getVersion()).isEqualTo(i + 1);
                if (i > 0) {
                    assertThat(figures(published.get(i))).isNotEqualTo(figures(published.get(i - 1)));
                }
            }
        }
    }

    /** The figures of {@code summary} as a string: everything but updated_at and version; null for none. */
    private static String figures(SiteSummary summary) {
        return summary == null ? null
                : SiteSummary.newBuilder(summary).setUpdatedAt(Instant.EPOCH).setVersion(0).build().toString();
    }

    /** The figures of {@code summary} but what load management allocated, which {@link LoadManagement} tests. */
    private static String countedFigures(SiteSummary summary) {
        return summary == null ? null
                : figures(SiteSummary.newBuilder(summary).setHeadroomKw(null).setAllocations(List.of()).build());
    }

    /**
     * The figures of {@code site}'s summary counted afresh from the live states its chargers published, as the
     * summary counted them before it followed their changes (kilowatts added up as doubles, then rounded); null for
     * a deleted site.
     */
    private String counted(String site) {
        SiteView view = views.get(site);
        if (!SiteViews.isLive(view)) {
            return null;
        }
        int online = 0;
        int charging = 0;
        int available = 0;
        int faulted = 0;
        int sessions = 0;
        double kw = 0;
        for (String chargePointId : view.getChargePointIds()) {
            ChargerLiveState charger = state(chargePointId);
            ChargerLiveState atSite = charger != null && site.equals(charger.getSiteId()) ? charger : null;
            ChargerStatus status = ChargerStatuses.rollup(atSite);
            online += status != ChargerStatus.offline ? 1 : 0;
            charging += status == ChargerStatus.charging ? 1 : 0;
            available += status == ChargerStatus.available ? 1 : 0;
            faulted += status == ChargerStatus.faulted ? 1 : 0;
            if (atSite != null) {
                sessions += atSite.getActiveSessions();
                kw += atSite.getPowerKw();
            }
        }
        return figures(SiteSummary.newBuilder()
                .setSiteId(site)
                .setOrganisationId(view.getOrganisationId())
                .setName(view.getDetails().getName())
                .setMaxPowerKw(view.getDetails().getMaxPowerKw())
                .setCurrentPowerKw(Math.round(kw * 1000) / 1000.0)
                .setChargers(new SiteChargerCounts(view.getChargePointIds().size(), online, charging, available,
                        faulted))
                .setActiveSessions(sessions)
                .setEnergyAssets(view.getEnergyAssets().stream().map(asset -> {
                    EnergyAssetReading reading = latestReadings.get(asset.getAssetId());
                    return new SiteEnergyAssetOutput(asset.getAssetId(), asset.getType(), asset.getName(),
                            asset.getCapacityKw(), reading != null ? reading.getOutputKw() : null,
                            reading != null ? reading.getMeasuredAt() : null);
                }).toList())
                .setUpdatedAt(Instant.EPOCH)
                .setVersion(0)
                .build());
    }

    /** A fleet summary part's figures: everything but its version. */
    private static String fleet(FleetSummaryPart part) {
        return part == null ? null : FleetSummaryPart.newBuilder(part).setVersion(0).build().toString();
    }

    /** The figures of the organisation's fleet counted afresh from its chargers' live states, energy in mWh. */
    private String countedFleet(List<String> chargePointIds) {
        int[] counts = new int[6];
        TreeMap<LocalDate, Long> energy = new TreeMap<>();
        for (String chargePointId : chargePointIds) {
            ChargerLiveState charger = state(chargePointId);
            if (charger == null || !charger.getRegistered()) {
                continue;
            }
            ChargerStatus status = ChargerStatuses.rollup(charger);
            counts[0]++;
            counts[1] += status != ChargerStatus.offline ? 1 : 0;
            counts[2] += status == ChargerStatus.charging ? 1 : 0;
            counts[3] += status == ChargerStatus.available ? 1 : 0;
            counts[4] += status == ChargerStatus.faulted ? 1 : 0;
            counts[5] += charger.getActiveSessions();
            if (charger.getEnergyDay() != null && Math.round(charger.getEnergyTodayWh() * 1000) != 0) {
                energy.merge(charger.getEnergyDay(), Math.round(charger.getEnergyTodayWh() * 1000), Long::sum);
            }
        }
        energy.values().removeIf(milliwattHours -> milliwattHours == 0);
        return fleet(FleetSummaryPart.newBuilder().setOrganisationId(Records.ORG).setPart(0).setTotal(counts[0])
                .setOnline(counts[1]).setCharging(counts[2]).setAvailable(counts[3]).setFaulted(counts[4])
                .setActiveSessions(counts[5])
                .setEnergy(energy.entrySet().stream().map(day -> new FleetEnergyDay(day.getKey(), day.getValue()))
                        .toList())
                .setVersion(0).build());
    }

    /** What one telemetry record cost: the store reads, and the bytes written to each topic (changelogs too). */
    private record Cost(StoreReads.Count read, Map<String, Long> written) {
    }

    private Cost cost(ChargerTelemetry record) {
        written();
        StoreReads.Count before = StoreReads.count();
        tell(record);
        return new Cost(StoreReads.count().minus(before), written());
    }

    /** The bytes written to each topic since last asked; the records are read off their topics. */
    private Map<String, Long> written() {
        Map<String, Long> written = new TreeMap<>();
        driver.producedTopicNames().forEach(topic -> driver.createOutputTopic(topic, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList().forEach(produced -> written.merge(topic,
                (long) length(produced.key()) + length(produced.value()), Long::sum)));
        return written;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    @Test
    void theLiveStatesReachTheSitesThroughAnInternalRepartitionTopic() {
        String description = SiteSummaryTopology.build(Generation.first(Projection.LIVE_STATES), () -> true)
                .describe().toString();

        assertThat(description).contains(ChargerLiveStateTopology.BY_SITE + "-repartition",
                "charger-live-state-fold", "charger-site-router", "site-summary",
                Topics.SITE_SUMMARY_PROJECTION.name(), Topics.CHARGER_STATE_PROJECTION.name());
    }

    @Test
    void chargersGoOfflineWhenTheirGatewayStopsReportingOrRestarts() {
        createSite(A, "CP-1", "CP-2");
        tell(connected("CP-1", at(100)), status("CP-1", at(101), 1, ConnectorStatus.Available),
                Records.telemetry("CP-2", at(100), new ChargerConnected("1.6", "gw-2", null, null)),
                status("CP-2", at(101), 1, ConnectorStatus.Available));
        // both gateways report every 10 s
        report(Records.liveness("gw-1", at(0), WALL_CLOCK));
        report(Records.liveness("gw-2", at(0), WALL_CLOCK));
        driver.advanceWallClockTime(Duration.ofSeconds(25));
        report(Records.liveness("gw-2", at(0), WALL_CLOCK.plusSeconds(25)));
        assertThat(summary(A).getChargers().getOnline()).isEqualTo(2);

        // gw-1's report of 12:00:00 is three reports overdue after 12:00:30; the next check is at 12:00:35
        assertThat(telemetryTopic.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        // the check's decision, a fact on the telemetry topic (at the check's time), which the live state folds
        TestRecord<String, ChargerTelemetry> decided = telemetryTopic.readRecord();
        assertThat(decided.key()).isEqualTo("CP-1");
        assertThat(decided.getRecordTime()).isEqualTo(WALL_CLOCK.plusSeconds(35));
        assertThat(decided.value().getPayload()).isEqualTo(new ChargerDisconnected("gateway gw-1 lost", "gw-1", null));
        assertThat(decided.value().getOccurredAt()).isEqualTo(at(101));
        assertThat(telemetryTopic.isEmpty()).isTrue();
        assertThat(state("CP-1").getConnected()).isFalse();
        assertThat(state("CP-1").getDisconnectReason()).isEqualTo("gateway gw-1 lost");
        assertThat(state("CP-1").getLastSeenAt()).isEqualTo(at(101));
        assertThat(state("CP-2").getConnected()).isTrue();
        assertThat(summary(A).getChargers().getOnline()).isEqualTo(1);
        assertThat(summary(A).getChargers().getAvailable()).isEqualTo(1);

        // gw-2 restarts: the connection it held belongs to its earlier run
        report(Records.liveness("gw-2", WALL_CLOCK.plusSeconds(36), WALL_CLOCK.plusSeconds(36)));
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(state("CP-2").getDisconnectReason()).isEqualTo("gateway gw-2 restarted");
        assertThat(summary(A).getChargers().getOnline()).isZero();

        assertThat(telemetryTopic.readValuesToList()).extracting(ChargerTelemetry::getPayload)
                .containsExactly(new ChargerDisconnected("gateway gw-2 restarted", "gw-2", null));

        // checks repeat, but an offline charger is not decided nor published again
        driver.advanceWallClockTime(Duration.ofSeconds(60));
        assertThat(stateTopic.isEmpty()).isTrue();
        assertThat(telemetryTopic.isEmpty()).isTrue();
    }

    @Test
    void whereTheGatewayCheckDoesNotRunItWritesNothing() {
        checksGateways.set(false);
        createSite(A, "CP-1");
        tell(connected("CP-1", at(100)));
        report(Records.liveness("gw-1", at(0), WALL_CLOCK));
        state("CP-1");

        // a replay's building generation: gw-1 long lost, but facts come only from the live generation
        driver.advanceWallClockTime(Duration.ofSeconds(60));
        assertThat(telemetryTopic.isEmpty()).isTrue();
        assertThat(stateTopic.isEmpty()).isTrue();

        // asked on each check: the generation becomes live
        checksGateways.set(true);
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(telemetryTopic.readValuesToList()).extracting(ChargerTelemetry::getPayload)
                .containsExactly(new ChargerDisconnected("gateway gw-1 lost", "gw-1", null));
        assertThat(state("CP-1").getConnected()).isFalse();
    }

    @Test
    void theChecksFactForAConnectionSupersededMeanwhileLeavesTheNewOneOnline() {
        createSite(A, "CP-1");
        tell(connected("CP-1", at(100), "gw-1", "con_1"));
        report(Records.liveness("gw-1", at(0), WALL_CLOCK));
        driver.advanceWallClockTime(Duration.ofSeconds(35));
        ChargerTelemetry end = telemetryTopic.readValue();
        assertThat(((ChargerDisconnected) end.getPayload()).getConnectionId()).isEqualTo("con_1");
        // the charger reconnected through gw-2; the fact of its old connection's end arrives again, late
        tell(connected("CP-1", WALL_CLOCK.plusSeconds(36), "gw-2", "con_2"));
        assertThat(state("CP-1").getConnected()).isTrue();

        tell(end);

        assertThat(stateTopic.isEmpty()).isTrue();
        assertThat(state("CP-1").getConnectionId()).isEqualTo("con_2");
        assertThat(summary(A).getChargers().getOnline()).isEqualTo(1);
    }

    private void report(GatewayLiveness liveness) {
        gateways.pipeInput(liveness.getGatewayId(), liveness);
    }

    // the registry, as the command service writes it

    /** Creates {@code site} and registers and links the chargers to it. */
    private void createSite(String site, String... chargePointIds) {
        send(Records.siteCreated(site, "King Street Depot", 150));
        versions.put(site, 1L);
        for (String chargePointId : chargePointIds) {
            send(Records.registered(chargePointId));
            versions.put(chargePointId, 1L);
            link(chargePointId, site, false);
        }
    }

    /** Links a charger at no site to {@code site}; the charger's event first or after the site's. */
    private void link(String chargePointId, String site, boolean chargerEventFirst) {
        chargerSites.put(chargePointId, site);
        inOrder(chargerEventFirst, Records.linked(chargePointId, nextVersion(chargePointId), site, null),
                Records.chargerLinkedTo(site, nextVersion(site), chargePointId));
    }

    /** Unlinks a charger from {@code site}; the charger's event first or after the site's. */
    private void unlink(String chargePointId, String site, boolean chargerEventFirst) {
        chargerSites.remove(chargePointId);
        inOrder(chargerEventFirst, Records.unlinked(chargePointId, nextVersion(chargePointId), site,
                UnlinkReason.UNLINKED), Records.chargerUnlinkedFrom(site, nextVersion(site), chargePointId,
                UnlinkReason.UNLINKED));
    }

    private void inOrder(boolean chargerEventFirst, ChargerEvent chargerEvent, SiteEvent siteEvent) {
        if (chargerEventFirst) {
            send(chargerEvent);
        }
        send(siteEvent);
        if (!chargerEventFirst) {
            send(chargerEvent);
        }
    }

    /** Moves a linked charger to {@code site}; the charger's event first or after the sites' events. */
    private void move(String chargePointId, String site, boolean chargerEventFirst) {
        String left = chargerSites.put(chargePointId, site);
        ChargerEvent linked = Records.linked(chargePointId, nextVersion(chargePointId), site, left);
        if (chargerEventFirst) {
            send(linked);
        }
        send(Records.chargerUnlinkedFrom(left, nextVersion(left), chargePointId, UnlinkReason.MOVED));
        send(Records.chargerLinkedTo(site, nextVersion(site), chargePointId));
        if (!chargerEventFirst) {
            send(linked);
        }
    }

    private long nextVersion(String id) {
        return versions.merge(id, 1L, Long::sum);
    }

    // the charger, as the OCPP gateway writes its messages

    /** The charger connects and charges on {@code connector} at {@code watts}. */
    private void charging(String chargePointId, int connector, int transactionId, double watts) {
        tell(connected(chargePointId, at(100)), status(chargePointId, at(101), connector, ConnectorStatus.Preparing),
                started(chargePointId, at(102), connector, transactionId),
                status(chargePointId, at(103), connector, ConnectorStatus.Charging),
                meter(chargePointId, at(104), connector, transactionId, watts, 100.0));
    }

    private void tell(ChargerTelemetry... records) {
        for (ChargerTelemetry record : records) {
            telemetry.pipeInput(record.getChargePointId(), record);
        }
    }

    private void send(SiteEvent event) {
        views.put(event.getSiteId(), RegistryViews.SITES.fold(event.getSiteId(),
                views.get(event.getSiteId()), event));
        siteEvents.pipeInput(event.getSiteId(), event);
    }

    private void send(ChargerEvent event) {
        chargerEvents.pipeInput(event.getChargePointId(), event);
    }

    // what the topology published

    private List<KeyValue<String, SiteSummary>> drain() {
        List<KeyValue<String, SiteSummary>> records = summaryTopic.readKeyValuesToList();
        records.forEach(record -> summaries.put(record.key, record.value));
        drainedSummaries.addAll(records);
        return records;
    }

    private List<Long> drainedVersions(String site) {
        drain();
        return drainedSummaries.stream().filter(r -> r.key.equals(site)).map(r -> r.value.getVersion()).toList();
    }

    private SiteSummary summary(String site) {
        drain();
        return summaries.get(site);
    }

    /** {@code site}'s summary once a change of its power alone has been published. */
    private SiteSummary powerSettled(String site) {
        driver.advanceWallClockTime(SiteSummaryProcessor.POWER_INTERVAL);
        return summary(site);
    }

    private FleetSummaryPart part(String organisationId) {
        partTopic.readKeyValuesToList().forEach(record -> parts.put(record.key, record.value));
        return parts.get(FleetSummaryParts.key(organisationId, 0));
    }

    private ChargerLiveState state(String chargePointId) {
        stateTopic.readKeyValuesToList().forEach(record -> states.put(record.key, record.value));
        return states.get(chargePointId);
    }

    private <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    private List<String> keys(String storeName) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Object> entries = this.<Object>store(storeName).all()) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }
}
