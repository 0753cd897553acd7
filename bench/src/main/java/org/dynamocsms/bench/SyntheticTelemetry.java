package org.dynamocsms.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;

/**
 * A charger's made-up telemetry, record by record, in time order: it connects, boots and reports its two connectors
 * (and connector 0) Available, then, by {@link Profile}, either charges session after session in the mix the
 * gateway records from a real fleet, or only changes a connector's status. The same charger number always gives
 * the same payloads (event ids and the transaction ids of a run differ).
 */
final class SyntheticTelemetry implements Iterator<ChargerTelemetry> {

    /** What a charger sends after its first records. */
    enum Profile {
        /**
         * Sessions on its two connectors in turn, each a TransactionStarted, a StatusNotification Charging, 3 to 7
         * MeterValues (power and the energy register), a TransactionStopped, a StatusNotification Available and a
         * Heartbeat: 10 % Heartbeats, 20 % StatusNotifications, 50 % MeterValues inside transactions, 20 % Start and
         * StopTransactions; before one session in 50 it loses its connection and connects and boots again.
         */
        MIXED,
        /** Nothing but StatusNotifications, each a change: Preparing, Charging, Finishing, Available, in turn. */
        STATUS_CHANGES
    }

    private static final int CONNECTORS = 2;
    private static final int RECONNECT_ONE_IN = 50;
    private static final ConnectorStatus[] CHANGES = {ConnectorStatus.Preparing, ConnectorStatus.Charging,
            ConnectorStatus.Finishing, ConnectorStatus.Available};

    private final Profile profile;
    private final String chargePointId;
    private final int count;
    private final Instant start;
    private final long stepMillis;
    private final boolean jitter;
    private final TransactionIds transactionIds;
    private final SplittableRandom random;
    private final Deque<Function<Instant, ChargerTelemetry>> pending = new ArrayDeque<>();
    private final long[] registerWh = new long[CONNECTORS + 1];
    private int emitted;
    private int episodes;

    /** Transaction ids, unique across every charger of a run, as the CSMS would assign them. */
    static final class TransactionIds {
        private int next = 1;

        synchronized int next() {
            return next++;
        }
    }

    /**
     * Charger {@code n}'s first {@code count} records, named {@code chargePointId}: record i at {@code start} plus
     * i steps, plus up to a step at random if {@code jitter}.
     */
    SyntheticTelemetry(Profile profile, int n, String chargePointId, int count, Instant start, Duration step,
                       boolean jitter, TransactionIds transactionIds) {
        this.profile = profile;
        this.chargePointId = chargePointId;
        this.count = count;
        this.start = start;
        this.stepMillis = step.toMillis();
        this.jitter = jitter && stepMillis > 1;
        this.transactionIds = transactionIds;
        this.random = new SplittableRandom(n);
        for (int c = 1; c <= CONNECTORS; c++) {
            registerWh[c] = random.nextInt(1_000_000);
        }
        pending.add(at -> Telemetry.connected(chargePointId, at));
        pending.add(at -> Telemetry.booted(chargePointId, at));
        for (int c = 0; c <= CONNECTORS; c++) {
            int connector = c;
            pending.add(at -> Telemetry.status(chargePointId, connector, ConnectorStatus.Available, at));
        }
    }

    @Override
    public boolean hasNext() {
        return emitted < count;
    }

    @Override
    public ChargerTelemetry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (pending.isEmpty()) {
            episode();
        }
        long offset = emitted * stepMillis + (jitter ? random.nextLong(stepMillis) : 0);
        emitted++;
        return pending.remove().apply(start.plusMillis(offset));
    }

    private void episode() {
        int connector = 1 + episodes % CONNECTORS;
        if (profile == Profile.STATUS_CHANGES) {
            ConnectorStatus status = CHANGES[(episodes / CONNECTORS) % CHANGES.length];
            pending.add(at -> Telemetry.status(chargePointId, connector, status, at));
        } else {
            session(connector);
        }
        episodes++;
    }

    private void session(int connector) {
        if (random.nextInt(RECONNECT_ONE_IN) == 0) {
            pending.add(at -> Telemetry.disconnected(chargePointId, at));
            pending.add(at -> Telemetry.connected(chargePointId, at));
            pending.add(at -> Telemetry.booted(chargePointId, at));
        }
        int transactionId = transactionIds.next();
        long meterStart = registerWh[connector];
        pending.add(at -> Telemetry.started(chargePointId, connector, transactionId, meterStart, at));
        pending.add(at -> Telemetry.status(chargePointId, connector, ConnectorStatus.Charging, at));
        int meterValues = 3 + random.nextInt(5);
        for (int m = 0; m < meterValues; m++) {
            int powerW = 3_000 + random.nextInt(19_000);
            // the energy of a step at that power, at least a Wh, so the register always rises
            registerWh[connector] += Math.max(1, powerW * stepMillis / 3_600_000);
            long energyWh = registerWh[connector];
            pending.add(at -> Telemetry.meter(chargePointId, connector, transactionId, powerW, energyWh, at));
        }
        long meterStop = registerWh[connector];
        pending.add(at -> Telemetry.stopped(chargePointId, transactionId, meterStop, at));
        pending.add(at -> Telemetry.status(chargePointId, connector, ConnectorStatus.Available, at));
        pending.add(at -> Telemetry.heartbeat(chargePointId, at));
    }
}
