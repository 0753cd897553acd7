package org.dynamocsms.ocpp.action;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.dynamocsms.ocpp.message.ViolationException;
import org.dynamocsms.platform.ocpp.ErrorCode;
import org.dynamocsms.schemas.telemetry.MeterBounds;
import org.dynamocsms.schemas.telemetry.MeterSample;
import org.dynamocsms.schemas.values.Storable;

/**
 * OCPP MeterValue lists (1.6's and 2.0.1's) as {@link MeterSample}s: Energy.Active.Import.Register (the measurand
 * when none is given) in Wh and Power.Active.Import in W, converting kWh and kW and applying 2.0.1's multiplier. Other measurands, and values in other units, are not
 * read. A value with a phase is a part of the total: phase values are summed when the sample has no total.
 * A MeterValue carrying neither measurand gives no sample. A value of either (a phase's too) or a total beyond
 * {@link MeterBounds} (or not finite) is a PropertyConstraintViolation: no meter shows it, and no reader should hold it.
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
            // checked even when the value gives no sample: a CALL is refused or accepted whole
            Instant sampledAt = Payloads.timestamp(meterValue, "timestamp");
            JsonNode sampled = meterValue.get("sampledValue");
            Double energy = total(sampled, ENERGY, "Wh", "kWh", MeterBounds.ENERGY_WH);
            Double power = total(sampled, POWER, "W", "kW", MeterBounds.POWER_W);
            if (energy != null || power != null) {
                samples.add(MeterSample.newBuilder().setSampledAt(sampledAt)
                        .setEnergyWh(energy).setPowerW(power).build());
            }
        }
        return samples;
    }

    /**
     * The measurand's value in {@code unit} ({@code kiloUnit} converted), or null if the sample has none. Every value
     * of the measurand, a phase's too, and the total must be within {@code bound} either way.
     */
    private static Double total(JsonNode sampledValues, String measurand, String unit, String kiloUnit, double bound)
            throws ViolationException {
        Double total = null;
        double phases = 0;
        boolean phased = false;
        for (JsonNode value : sampledValues) {
            // 1.6 gives the unit beside the value; 2.0.1 in unitOfMeasure, with a power-of-ten multiplier
            JsonNode unitOfMeasure = value.has("unitOfMeasure") ? value.get("unitOfMeasure") : value;
            String unitOf = unitOfMeasure.has("unit") ? Payloads.text(unitOfMeasure, "unit") : unit;
            if (!measurand.equals(value.has("measurand") ? Payloads.text(value, "measurand") : ENERGY)
                    || !(unitOf.equals(unit) || unitOf.equals(kiloUnit))) {
                continue;
            }
            double scale = (unitOf.equals(kiloUnit) ? 1000 : 1) * Math.pow(10, unitOfMeasure.path("multiplier").asInt());
            double reading = bounded(number(value) * scale, measurand, bound, unit);
            if (value.has("phase")) {
                phases += reading;
                phased = true;
            } else {
                total = reading;
            }
        }
        return total != null || !phased ? total : Double.valueOf(bounded(phases, measurand, bound, unit));
    }

    /** {@code value} (of {@code measurand} in {@code unit}), if it is finite and within {@code bound} either way. */
    private static double bounded(double value, String measurand, double bound, String unit)
            throws ViolationException {
        Optional<String> outside = Storable.number(value, -bound, bound);
        if (outside.isPresent()) {
            throw new ViolationException(ErrorCode.PropertyConstraintViolation,
                    "sampledValue.value: " + measurand + " in " + unit + " " + outside.get());
        }
        return value;
    }

    /** The value: a string in 1.6, a number in 2.0.1. */
    private static double number(JsonNode sampledValue) throws ViolationException {
        if (sampledValue.get("value").isNumber()) {
            return sampledValue.get("value").doubleValue();
        }
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
