package org.dynamocsms.standalone.fault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.dynamocsms.bench.Telemetry;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;

/**
 * What one charger of the broker-loss test reports, in order: it connects, boots, reports its connectors
 * Available, then charges session after session (each 1 kWh per MeterValues) and ends in one of four states. The
 * expected figures follow from the script alone.
 */
public record FleetScript(String chargePointId, Ending ending, List<ChargerTelemetry> records, double powerKw,
                   long energyWh) {

    /** How the charger ends, named as the fleet list shows it. */
    public enum Ending {
        Charging, Available, Faulted, Offline
    }

    private static final int METER_VALUES_PER_SESSION = 20;
    private static final long WH_PER_METER_VALUE = 1000;

    /** Charger {@code n}'s {@code size} records (at least 12), timed from {@code start} 10 ms apart. */
    public static FleetScript of(String chargePointId, int n, int size, Instant start) {
        Ending ending = Ending.values()[n % Ending.values().length];
        double powerW = List.of(7_000.0, 11_000.0, 22_000.0).get(n % 3);
        List<ChargerTelemetry> records = new ArrayList<>(size);
        Instant[] clock = {start};
        Supplier<Instant> next = () -> clock[0] = clock[0].plusMillis(10);
        records.add(Telemetry.connected(chargePointId, next.get()));
        records.add(Telemetry.booted(chargePointId, next.get()));
        records.add(Telemetry.status(chargePointId, 0, ConnectorStatus.Available, next.get()));
        records.add(Telemetry.status(chargePointId, Telemetry.CONNECTOR, ConnectorStatus.Available, next.get()));
        int tail = ending == Ending.Faulted || ending == Ending.Offline ? 1 : 0;
        long register = 0;
        int transaction = n * 1000;
        // each session: Charging, StartTransaction, its MeterValues, then (unless the charger ends charging)
        // StopTransaction and Available; the last session takes the records that are left
        while (records.size() < size - tail) {
            int left = size - tail - records.size();
            boolean last = left < 2 * (METER_VALUES_PER_SESSION + 4);
            boolean open = last && ending == Ending.Charging;
            int meterValues = last ? left - (open ? 2 : 4) : METER_VALUES_PER_SESSION;
            transaction++;
            records.add(Telemetry.status(chargePointId, Telemetry.CONNECTOR, ConnectorStatus.Charging, next.get()));
            records.add(Telemetry.started(chargePointId, transaction, register, next.get()));
            for (int i = 0; i < meterValues; i++) {
                register += WH_PER_METER_VALUE;
                records.add(Telemetry.meter(chargePointId, transaction, powerW, register, next.get()));
            }
            if (!open) {
                records.add(Telemetry.stopped(chargePointId, transaction, register, next.get()));
                records.add(Telemetry.status(chargePointId, Telemetry.CONNECTOR, ConnectorStatus.Available,
                        next.get()));
            }
        }
        if (ending == Ending.Faulted) {
            records.add(Telemetry.status(chargePointId, Telemetry.CONNECTOR, ConnectorStatus.Faulted, next.get()));
        } else if (ending == Ending.Offline) {
            records.add(Telemetry.disconnected(chargePointId, next.get()));
        }
        return new FleetScript(chargePointId, ending, List.copyOf(records),
                ending == Ending.Charging ? powerW / 1000 : 0, register);
    }

    public boolean online() {
        return ending != Ending.Offline;
    }
}
