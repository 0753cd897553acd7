package org.dynamocsms.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The realistic mix: a charger with two connectors, each going through charging session after charging session,
 * as a real charger reports them. A tenth of the calls are Heartbeats; every other call advances a connector
 * picked at random by one step of its session:
 * <ol>
 *   <li>StartTransaction (meterStart: the connector's energy register), answered with the transaction id;</li>
 *   <li>StatusNotification Charging;</li>
 *   <li>3 to 7 MeterValues (5 on average) of that transaction: the power in W and the energy register in Wh,
 *       which rises by the power over the time since the last reading;</li>
 *   <li>StopTransaction of that transaction (meterStop: the register now);</li>
 *   <li>StatusNotification Available.</li>
 * </ol>
 * So calls are about 10 % Heartbeat, 20 % StatusNotification, 50 % MeterValues, 10 % StartTransaction and 10 %
 * StopTransaction. (A real connector also passes through Preparing and Finishing; two status changes per session
 * keep the mix at its 20 %.) A step advances only when its CALLRESULT is {@link #answered}; otherwise the connector
 * sends it again, with a fresh reading, the next time it is picked. Not thread-safe: one CALL at a time.
 * <p>
 * An OCPP 2.0.1 charging station ({@code ocpp201}) says the same in 2.0.1's words, call for call: TransactionEvent
 * Started (its own transaction id, the register in its meter value), Updated with chargingState Charging (for 1.6's
 * StatusNotification Charging), Updated with the meter values (numbers, power in W and the register in kWh), Ended
 * (the register), then StatusNotification Available of the EVSE.
 * <p>
 * A fleet of new chargers would otherwise start a session on every connector at its first pick: for a whole session's
 * length most calls would be StartTransactions, and the profiles site load management sends for them would swamp
 * the figures. So each connector starts at a random point of its cycle: idle (a Heartbeat when picked) for 0 to
 * {@link #CYCLE_STEPS} − 1 picks before its first StartTransaction, which spreads the first sessions' starts as evenly
 * as the later ones'.
 */
public final class ChargingSessions implements ChargerCalls {

    public static final int CONNECTORS = 2;
    /** Each connector's rated power, as registered: a session draws at most this. */
    public static final int RATED_KW = 22;
    /** How such a charger is registered, so that site load management caps each session at its rated power. */
    static final String RATED_CONNECTORS = "[{\"connector_id\":1,\"type\":\"Type2\",\"max_power_kw\":" + RATED_KW
            + "},{\"connector_id\":2,\"type\":\"Type2\",\"max_power_kw\":" + RATED_KW + "}]";
    static final String ID_TAG = "BENCHTAG";
    private static final int HEARTBEAT_IN = 10;
    private static final int MIN_METER_VALUES = 3;
    private static final int MAX_METER_VALUES = 7;
    /** The calls of a connector's session on average: start, Charging, 5 MeterValues, stop, Available. */
    static final int CYCLE_STEPS = 4 + (MIN_METER_VALUES + MAX_METER_VALUES) / 2;

    private enum Stage { AVAILABLE, STARTED, CHARGING, STOPPED }

    private static final class Connector {
        private final int id;
        private Stage stage = Stage.AVAILABLE;
        /** Picks left before its first session: where in its cycle it starts. */
        private int idlePicks;
        private int transactionId;
        /** OCPP 2.0.1: the station's own id of the transaction. */
        private String ocppTransactionId;
        private int meterValuesLeft;
        private int powerW;
        private long energyWh;
        private Instant readAt;

        Connector(int id, long energyWh, int idlePicks) {
            this.id = id;
            this.energyWh = energyWh;
            this.idlePicks = idlePicks;
        }
    }

    private final RandomGenerator random;
    private final boolean ocpp201;
    private final Connector[] connectors = new Connector[CONNECTORS];
    /** OCPP 2.0.1: the seqNo of the station's next TransactionEvent. */
    private int seqNo;
    /** The connector the outstanding CALL is for (null: a Heartbeat), and the reading it carries. */
    private Connector pendingOn;
    private long pendingEnergyWh;
    private Instant pendingAt;

    /** An OCPP 1.6 charger's sessions. */
    public ChargingSessions(RandomGenerator random) {
        this(random, false);
    }

    /** The sessions of a charger speaking OCPP 2.0.1 if {@code ocpp201}, else 1.6. */
    public ChargingSessions(RandomGenerator random, boolean ocpp201) {
        this.random = random;
        this.ocpp201 = ocpp201;
        for (int i = 0; i < CONNECTORS; i++) {
            connectors[i] = new Connector(i + 1, random.nextInt(0, 1_000_000), random.nextInt(CYCLE_STEPS));
        }
    }

    @Override
    public OcppCall next(Instant now) {
        pendingOn = null;
        if (random.nextInt(HEARTBEAT_IN) == 0) {
            return new OcppCall("Heartbeat", "{}");
        }
        Connector c = connectors[random.nextInt(CONNECTORS)];
        if (c.idlePicks > 0) {
            c.idlePicks--;
            return new OcppCall("Heartbeat", "{}");
        }
        pendingOn = c;
        pendingAt = now;
        pendingEnergyWh = c.stage == Stage.CHARGING ? reading(c, now) : c.energyWh;
        if (ocpp201) {
            return next201(c, now);
        }
        return switch (c.stage) {
            case AVAILABLE -> new OcppCall("StartTransaction", "{\"connectorId\":" + c.id + ",\"idTag\":\"" + ID_TAG
                    + "\",\"meterStart\":" + pendingEnergyWh + ",\"timestamp\":\"" + now + "\"}");
            case STARTED -> new OcppCall("StatusNotification", OcppFleet.status(c.id, "Charging", now));
            case CHARGING -> c.meterValuesLeft > 0
                    ? new OcppCall("MeterValues", "{\"connectorId\":" + c.id + ",\"transactionId\":" + c.transactionId
                            + ",\"meterValue\":[{\"timestamp\":\"" + now + "\",\"sampledValue\":["
                            + sample(power(c), "Power.Active.Import", "W") + ","
                            + sample(pendingEnergyWh, "Energy.Active.Import.Register", "Wh") + "]}]}")
                    : new OcppCall("StopTransaction", "{\"transactionId\":" + c.transactionId + ",\"idTag\":\""
                            + ID_TAG + "\",\"meterStop\":" + pendingEnergyWh + ",\"timestamp\":\"" + now
                            + "\",\"reason\":\"EVDisconnected\"}");
            case STOPPED -> new OcppCall("StatusNotification", OcppFleet.status(c.id, "Available", now));
        };
    }

    /** The same step in OCPP 2.0.1's words. */
    private OcppCall next201(Connector c, Instant now) {
        if (c.stage == Stage.AVAILABLE) {
            c.ocppTransactionId = "tx-" + Long.toHexString(random.nextLong());
        }
        return switch (c.stage) {
            case AVAILABLE -> transactionEvent("Started", "Authorized", c, now, "", ",\"evse\":{\"id\":" + c.id
                    + ",\"connectorId\":1},\"idToken\":{\"idToken\":\"" + ID_TAG + "\",\"type\":\"Central\"},"
                    + meterValue(now, "Transaction.Begin", null));
            case STARTED -> transactionEvent("Updated", "ChargingStateChanged", c, now,
                    ",\"chargingState\":\"Charging\"", "");
            case CHARGING -> c.meterValuesLeft > 0
                    ? transactionEvent("Updated", "MeterValuePeriodic", c, now, "",
                            "," + meterValue(now, "Sample.Periodic", power(c)))
                    : transactionEvent("Ended", "EVDeparted", c, now, ",\"stoppedReason\":\"EVDisconnected\"",
                            "," + meterValue(now, "Transaction.End", null));
            case STOPPED -> new OcppCall("StatusNotification", OcppFleet.status201(c.id, "Available", now));
        };
    }

    private OcppCall transactionEvent(String eventType, String trigger, Connector c, Instant now, String info,
                                      String fields) {
        return new OcppCall("TransactionEvent", "{\"eventType\":\"" + eventType + "\",\"timestamp\":\"" + now
                + "\",\"triggerReason\":\"" + trigger + "\",\"seqNo\":" + seqNo++ + ",\"transactionInfo\":"
                + "{\"transactionId\":\"" + c.ocppTransactionId + "\"" + info + "}" + fields + "}",
                "TransactionEvent " + eventType);
    }

    /** A 2.0.1 meterValue of the pending register reading (in kWh), and of {@code powerW} unless null. */
    private String meterValue(Instant now, String context, Integer powerW) {
        return "\"meterValue\":[{\"timestamp\":\"" + now + "\",\"sampledValue\":["
                + (powerW == null ? "" : "{\"value\":" + powerW + ",\"context\":\"" + context
                        + "\",\"measurand\":\"Power.Active.Import\",\"unitOfMeasure\":{\"unit\":\"W\"}},")
                + "{\"value\":" + pendingEnergyWh / 1000.0 + ",\"context\":\"" + context
                + "\",\"measurand\":\"Energy.Active.Import.Register\",\"unitOfMeasure\":{\"unit\":\"kWh\"}}]}]";
    }

    /** The power of a reading: the session's, less up to 5 %. */
    private int power(Connector c) {
        return c.powerW - random.nextInt(0, c.powerW / 20 + 1);
    }

    @Override
    public void answered(JsonNode payload) {
        Connector c = pendingOn;
        pendingOn = null;
        if (c == null) {
            return;
        }
        switch (c.stage) {
            case AVAILABLE -> {
                if (!ocpp201) { // a 2.0.1 station names its transaction itself
                    JsonNode id = payload.get("transactionId");
                    if (id == null || !id.canConvertToInt()) {
                        throw new IllegalStateException("StartTransaction answered without a transactionId: "
                                + payload);
                    }
                    c.transactionId = id.asInt();
                }
                c.meterValuesLeft = random.nextInt(MIN_METER_VALUES, MAX_METER_VALUES + 1);
                c.powerW = random.nextInt(3_700, RATED_KW * 1000 + 1); // single-phase 16 A to three-phase 32 A
                c.stage = Stage.STARTED;
                read(c);
            }
            case STARTED -> c.stage = Stage.CHARGING;
            case CHARGING -> {
                if (c.meterValuesLeft > 0) {
                    c.meterValuesLeft--;
                } else {
                    c.stage = Stage.STOPPED;
                }
                read(c);
            }
            case STOPPED -> c.stage = Stage.AVAILABLE;
        }
    }

    /** The register reading the answered CALL carried becomes the connector's last. */
    private void read(Connector c) {
        c.energyWh = pendingEnergyWh;
        c.readAt = pendingAt;
    }

    /** The energy register now: at least one Wh more than the last reading, so every reading rises. */
    private static long reading(Connector c, Instant now) {
        double hours = Math.max(0, Duration.between(c.readAt, now).toMillis()) / 3_600_000.0;
        return c.energyWh + Math.max(1, Math.round(c.powerW * hours));
    }

    private static String sample(long value, String measurand, String unit) {
        return "{\"value\":\"" + value + "\",\"context\":\"Sample.Periodic\",\"measurand\":\"" + measurand
                + "\",\"unit\":\"" + unit + "\"}";
    }
}
