package org.dynamocsms.ocpp.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.dynamocsms.ocpp.message.ErrorCode;
import org.dynamocsms.ocpp.message.ViolationException;
import org.dynamocsms.schemas.telemetry.MeterBounds;
import org.dynamocsms.schemas.telemetry.MeterSample;
import org.dynamocsms.schemas.values.Storable;

/**
 * OCPP MeterValue lists as {@link MeterSample}s: Energy.Active.Import.Register (the measurand when none is given)
 * in Wh and Power.Active.Import in W, converting kWh and kW. Other measurands, and values in other units, are not
 * read. A value with a phase is a part of the total: phase values are summed when the sample has no total.
 * A MeterValue carrying neither measurand gives no sample. A total beyond {@link MeterBounds} (or not finite) is
 * a PropertyConstraintViolation: no meter shows it, and no reader should hold it.
 */
final class MeterSamples {

    static final String ENERGY = "Energy.Active.Import.Register";
    static final String POWER = "Power.Active.Import";

    private MeterSamples() {
    }

    static List<MeterSample> of(JsonNode meterValues) throws ViolationException {
        List<MeterSample> samples = new ArrayList<>();
        if (meterValues == null) {
            return samples;
        }
        for (JsonNode meterValue : meterValues) {
            JsonNode sampled = meterValue.get("sampledValue");
            Double energy = bounded(total(sampled, ENERGY, "Wh", "kWh"), ENERGY, MeterBounds.ENERGY_WH, "Wh");
            Double power = bounded(total(sampled, POWER, "W", "kW"), POWER, MeterBounds.POWER_W, "W");
            if (energy != null || power != null) {
                samples.add(MeterSample.newBuilder().setSampledAt(Payloads.timestamp(meterValue, "timestamp"))
                        .setEnergyWh(energy).setPowerW(power).build());
            }
        }
        return samples;
    }

    /** The measurand's value in {@code unit} ({@code kiloUnit} converted), or null if the sample has none. */
    private static Double total(JsonNode sampledValues, String measurand, String unit, String kiloUnit)
            throws ViolationException {
        Double total = null;
        double phases = 0;
        boolean phased = false;
        for (JsonNode value : sampledValues) {
            String unitOf = value.has("unit") ? Payloads.text(value, "unit") : unit;
            if (!measurand.equals(value.has("measurand") ? Payloads.text(value, "measurand") : ENERGY)
                    || !(unitOf.equals(unit) || unitOf.equals(kiloUnit))) {
                continue;
            }
            double reading = number(value) * (unitOf.equals(kiloUnit) ? 1000 : 1);
            if (value.has("phase")) {
                phases += reading;
                phased = true;
            } else {
                total = reading;
            }
        }
        return total != null || !phased ? total : Double.valueOf(phases);
    }

    /** {@code total} (of {@code measurand} in {@code unit}), if it is finite and within {@code bound} either way. */
    private static Double bounded(Double total, String measurand, double bound, String unit)
            throws ViolationException {
        Optional<String> outside = total == null ? Optional.empty() : Storable.number(total, -bound, bound);
        if (outside.isPresent()) {
            throw new ViolationException(ErrorCode.PropertyConstraintViolation,
                    "sampledValue.value: " + measurand + " in " + unit + " " + outside.get());
        }
        return total;
    }

    private static double number(JsonNode sampledValue) throws ViolationException {
        String text = Payloads.text(sampledValue, "value");
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ViolationException(ErrorCode.PropertyConstraintViolation, "sampledValue.value: not a number: " + text);
    }
}
