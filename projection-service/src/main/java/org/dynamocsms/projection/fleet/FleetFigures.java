package org.dynamocsms.projection.fleet;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import org.dynamocsms.projection.charger.ChargerStatuses;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.fleet.FleetEnergyDay;
import org.dynamocsms.schemas.fleet.FleetSummaryPart;

/**
 * An organisation's fleet figures over the chargers of one partition of the live states, kept by the difference each
 * charger's change makes, so a change costs the same whatever the size of the fleet; the fleet summary is the sum of
 * the organisation's parts. A charger counts while it is registered (not decommissioned) with an organisation; its
 * status is {@link ChargerStatuses#rollup}, as the site summary counts it. Every figure is a whole number (energy in
 * milliwatt-hours), so a part holds exactly what counting its chargers afresh would give.
 */
public final class FleetFigures {

    private FleetFigures() {
    }

    /** The organisation whose fleet {@code charger} counts in; null if none (unknown, or not registered). */
    public static String organisationOf(ChargerLiveState charger) {
        return charger != null && charger.getRegistered() ? charger.getOrganisationId() : null;
    }

    /**
     * {@code part} (null: none yet) once a charger of its organisation and partition counts as {@code next} instead
     * of {@code held} (either null: not counted); {@code part} itself when nothing it shows changes.
     */
    public static FleetSummaryPart replaced(FleetSummaryPart part, String organisationId, int partition,
                                            ChargerLiveState held, ChargerLiveState next) {
        Figures before = Figures.of(organisationId, held);
        Figures after = Figures.of(organisationId, next);
        if (before.equals(after)) {
            return part;
        }
        FleetSummaryPart current = part != null ? part : FleetSummaryPart.newBuilder()
                .setOrganisationId(organisationId).setPart(partition).setVersion(0).build();
        return FleetSummaryPart.newBuilder(current)
                .setTotal(current.getTotal() + after.counted - before.counted)
                .setOnline(current.getOnline() + after.online() - before.online())
                .setCharging(current.getCharging() + after.is(ChargerStatus.charging)
                        - before.is(ChargerStatus.charging))
                .setAvailable(current.getAvailable() + after.is(ChargerStatus.available)
                        - before.is(ChargerStatus.available))
                .setFaulted(current.getFaulted() + after.is(ChargerStatus.faulted) - before.is(ChargerStatus.faulted))
                .setActiveSessions(current.getActiveSessions() + after.activeSessions - before.activeSessions)
                .setEnergy(before.sameEnergy(after) ? current.getEnergy() : energy(current.getEnergy(), before, after))
                .setVersion(current.getVersion() + 1)
                .build();
    }

    /** {@code wattHours} in whole milliwatt-hours; a figure that is not finite counts as 0, as the fleet reads it. */
    static long milliwattHours(double wattHours) {
        return Double.isFinite(wattHours) ? Math.round(wattHours * 1000) : 0;
    }

    /** The days' energy once one charger's figure moves from {@code before} to {@code after}; emptied days go. */
    private static List<FleetEnergyDay> energy(List<FleetEnergyDay> days, Figures before, Figures after) {
        TreeMap<LocalDate, Long> energy = new TreeMap<>();
        days.forEach(day -> energy.put(day.getDay(), day.getEnergyMwh()));
        before.addEnergyTo(energy, -1);
        after.addEnergyTo(energy, 1);
        List<FleetEnergyDay> next = new ArrayList<>(energy.size());
        energy.forEach((day, milliwattHours) -> next.add(new FleetEnergyDay(day, milliwattHours)));
        return next;
    }

    /** What one charger adds to its part: nothing when it does not count. */
    private record Figures(int counted, ChargerStatus status, int activeSessions, LocalDate energyDay,
                           long energyMwh) {

        private static final Figures NONE = new Figures(0, null, 0, null, 0);

        static Figures of(String organisationId, ChargerLiveState charger) {
            if (charger == null || !organisationId.equals(organisationOf(charger))) {
                return NONE;
            }
            LocalDate day = charger.getEnergyDay();
            return new Figures(1, ChargerStatuses.rollup(charger), charger.getActiveSessions(), day,
                    day != null ? milliwattHours(charger.getEnergyTodayWh()) : 0);
        }

        /** 1 if the charger counts with {@code counted}, else 0. */
        int is(ChargerStatus counted) {
            return status == counted ? 1 : 0;
        }

        /** 1 if the charger counts as online: with any status but offline. */
        int online() {
            return status != null && status != ChargerStatus.offline ? 1 : 0;
        }

        /** Whether it adds the same energy to the same day as {@code other}: most changes are of status alone. */
        boolean sameEnergy(Figures other) {
            return energyMwh == other.energyMwh && Objects.equals(energyDay, other.energyDay);
        }

        /** Adds {@code sign} times its energy to its day's, leaving out a day that comes to nothing. */
        void addEnergyTo(TreeMap<LocalDate, Long> energy, int sign) {
            if (energyDay != null && energyMwh != 0) {
                energy.merge(energyDay, sign * energyMwh, (held, added) -> held + added == 0 ? null : held + added);
            }
        }
    }
}
