package org.dynamocsms.query.fleet;

import static org.dynamocsms.query.history.Histories.interval;
import static org.dynamocsms.query.history.Histories.maintenance;
import static org.dynamocsms.query.history.Histories.organisation;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.dynamocsms.query.charger.ChargerStore;
import org.dynamocsms.query.charger.Chargers;
import org.dynamocsms.query.history.Histories;
import org.dynamocsms.schemas.charger.ChargerView;

/**
 * A fleet with a history a person can check on paper; now is Monday 2024-07-01 02:00 UTC. Organisation A:
 * <ul>
 * <li>CP-001 at site_1, first seen Sunday 06-30 22:00 (minutes of up / online / charging before each interval):
 * <pre>
 * 06-30 22:00 - 22:30        connected, up                    0 /   0 /  0
 * 06-30 22:30 - 23:15        connected, up, charging         30 /  30 /  0
 * 06-30 23:15 - 23:45        connected, faulted              75 /  75 / 45
 * 06-30 23:45 - 07-01 00:20  disconnected                    75 / 105 / 45
 * 07-01 00:20 - 01:10        connected, up, charging         75 / 105 / 45
 * 07-01 01:10 - (open)       connected, up                  125 / 155 / 95
 * </pre>
 * and maintenance [23:00, 23:50), [23:30, 00:00) (merged: [23:00, 00:00)), [01:40, open) and [06-01, 06-02);</li>
 * <li>CP-002 at site_1, registered, no history yet;</li>
 * <li>CP-003 at site_2, connected and up since 06-30 00:00;</li>
 * <li>CP-old, decommissioned, with history.</li>
 * </ul>
 * CP-B belongs to organisation B, which has a maintenance window on CP-001's id too.
 */
final class AnalyticsFleet {

    static final String ORG = Chargers.ORG;
    static final Instant NOW = Instant.parse("2024-07-01T02:00:00Z");

    private AnalyticsFleet() {
    }

    static void write(DataSource dataSource) throws SQLException {
        ChargerStore registry = new ChargerStore(dataSource);
        registry.upsert(List.of(Chargers.linked(Chargers.registered("CP-001"), "site_1", 2),
                Chargers.linked(Chargers.registered("CP-002"), "site_1", 2),
                Chargers.linked(Chargers.registered("CP-003"), "site_2", 2),
                Chargers.decommissioned(Chargers.registered("CP-old"), 2),
                ChargerView.newBuilder(Chargers.registered("CP-B")).setOrganisationId("org_B").build()));
        String first = "2024-06-30T22:00:00Z";
        String sunday = "2024-06-30T00:00:00Z";
        Histories.write(dataSource,
                interval("CP-001", first, "2024-06-30T22:30:00Z", true, true, false, first, 0, 0, 0),
                interval("CP-001", "2024-06-30T22:30:00Z", "2024-06-30T23:15:00Z", true, true, true, first, 30, 30, 0),
                interval("CP-001", "2024-06-30T23:15:00Z", "2024-06-30T23:45:00Z", true, false, false, first, 75, 75,
                        45),
                interval("CP-001", "2024-06-30T23:45:00Z", "2024-07-01T00:20:00Z", false, false, false, first, 75,
                        105, 45),
                interval("CP-001", "2024-07-01T00:20:00Z", "2024-07-01T01:10:00Z", true, true, true, first, 75, 105,
                        45),
                interval("CP-001", "2024-07-01T01:10:00Z", null, true, true, false, first, 125, 155, 95),
                interval("CP-003", sunday, null, true, true, false, sunday, 0, 0, 0),
                interval("CP-old", sunday, null, true, true, false, sunday, 0, 0, 0),
                organisation(interval("CP-B", sunday, null, true, true, false, sunday, 0, 0, 0), "org_B"));
        Histories.write(dataSource,
                maintenance("mnt_1", "CP-001", "2024-06-30T23:00:00Z", "2024-06-30T23:50:00Z"),
                maintenance("mnt_2", "CP-001", "2024-06-30T23:30:00Z", "2024-07-01T00:00:00Z"),
                maintenance("mnt_3", "CP-001", "2024-07-01T01:40:00Z", null),
                maintenance("mnt_4", "CP-001", "2024-06-01T00:00:00Z", "2024-06-02T00:00:00Z"),
                organisation(maintenance("mnt_B", "CP-001", sunday, null), "org_B"));
    }

    /**
     * Two more chargers of organisation A, at site_2, each with a maintenance event never completed (minutes of up
     * / online before each interval):
     * <ul>
     * <li>CP-005, first seen 06-20 00:00, its event scheduled at 06-21 12:00 while it was up:
     * <pre>
     * 06-20 00:00 - 06-22 00:00  connected, up             0 /    0
     * 06-22 00:00 - 06-22 06:00  connected, faulted     2880 / 2880
     * 06-22 06:00 - 06-25 00:00  connected, up          2880 / 3240   (up again: the window ends)
     * 06-25 00:00 - 06-25 02:00  disconnected           6840 / 7200
     * 06-25 02:00 - (open)       connected, up          6840 / 7200
     * </pre></li>
     * <li>CP-006, first seen 06-01 00:00, up until 06-10 00:00 and faulted since, its event scheduled at 06-10
     * 00:00: it never came back, so the window ends 7 days later.</li>
     * </ul>
     */
    static void writeOpenWindows(DataSource dataSource) throws SQLException {
        new ChargerStore(dataSource).upsert(List.of(Chargers.linked(Chargers.registered("CP-005"), "site_2", 2),
                Chargers.linked(Chargers.registered("CP-006"), "site_2", 2)));
        String first5 = "2024-06-20T00:00:00Z";
        String first6 = "2024-06-01T00:00:00Z";
        Histories.write(dataSource,
                interval("CP-005", first5, "2024-06-22T00:00:00Z", true, true, false, first5, 0, 0, 0),
                interval("CP-005", "2024-06-22T00:00:00Z", "2024-06-22T06:00:00Z", true, false, false, first5, 2880,
                        2880, 0),
                interval("CP-005", "2024-06-22T06:00:00Z", "2024-06-25T00:00:00Z", true, true, false, first5, 2880,
                        3240, 0),
                interval("CP-005", "2024-06-25T00:00:00Z", "2024-06-25T02:00:00Z", false, false, false, first5, 6840,
                        7200, 0),
                interval("CP-005", "2024-06-25T02:00:00Z", null, true, true, false, first5, 6840, 7200, 0),
                interval("CP-006", first6, "2024-06-10T00:00:00Z", true, true, false, first6, 0, 0, 0),
                interval("CP-006", "2024-06-10T00:00:00Z", null, true, false, false, first6, 12960, 12960, 0));
        Histories.write(dataSource,
                maintenance("mnt_5", "CP-005", "2024-06-21T12:00:00Z", null),
                maintenance("mnt_6", "CP-006", "2024-06-10T00:00:00Z", null));
    }
}
