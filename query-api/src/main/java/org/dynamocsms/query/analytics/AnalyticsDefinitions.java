package org.dynamocsms.query.analytics;

/**
 * The definitions behind the fleet's time-based figures, quoted by every OpenAPI description that uses them (the
 * README quotes the same), so that the documents and the code cannot drift apart one description at a time.
 */
public final class AnalyticsDefinitions {

    public static final String UP = "A charger is up while it is connected and usable: connector 0 (the charge "
            + "point as a whole) is not Faulted or Unavailable, and either no other connector has reported a status "
            + "yet or at least one connector's latest status is neither Faulted nor Unavailable (a charger with "
            + "several connectors is up while any of them can charge). Downtime is the rest of the counted time, "
            + "less what maintenance excuses.";
    public static final String MAINTENANCE = "Maintenance: as 23 CFR 680.116 (US NEVI) excludes outages for "
            + "scheduled maintenance, downtime inside a maintenance event's window is excused: not counted as "
            + "downtime (time up inside a window still counts as up). A window runs from scheduled_at to "
            + "completed_at; while completed_at is null, until the charger is first up again after having been down "
            + "(or before its history) at or after scheduled_at, and at most 7 days (a week-old open event is more "
            + "likely forgotten than going on; record completed_at for longer work). Overlapping windows merge.";
    public static final String UPTIME = "uptime_percent = (counted time - downtime) / counted time x 100, rounded "
            + "half up to 0.1, the counted time being the part of [from, to) after the charger's history began and "
            + "before now; null when nothing is counted (the period lies before the history or after now). "
            + "downtime_minutes = counted time - up time - excused downtime; maintenance_minutes = the excused "
            + "downtime; each in minutes rounded half up.";
    public static final String UTILISATION = "Utilisation = time charging (connected with at least one connector "
            + "Charging) / online time (connected) x 100, rounded half up to 0.1, over the part of the period after "
            + "the charger's history began and before now; null when the charger was not online in it. "
            + "Maintenance does not change it.";
    public static final String BUCKETS = "Buckets are UTC hours, days, ISO weeks (from Monday 00:00) or calendar "
            + "months; the first and last cover only the part inside [from, to), so period_start and period_end "
            + "are the clipped bounds. Buckets after now are null.";
    public static final String CLOCK = "Clock: a connector status counts from the charger's own timestamp (the "
            + "StatusNotification's; chargers set their clock from the BootNotification answer's currentTime), "
            + "connects and disconnects from when the gateway received them (a charger whose gateway was lost is "
            + "disconnected from its last message), a registration from when it was recorded. A charger's history "
            + "begins at the earlier of its registration and its first message; time before is not counted.";
    public static final String LATE = "Late and out-of-order messages count at their own time: the history from "
            + "that time on is worked out again, so the figures of any period they touch change when they arrive; "
            + "a message received twice counts once. The history more than 7 days before a charger's newest "
            + "message may already be final, and a message older than the final part is dropped.";
    public static final String ERRORS = "An error is an episode of one connector (connector 0 being the charge "
            + "point as a whole): it begins with a StatusNotification reporting an error code other than NoError, "
            + "or the status Faulted, and goes on while that connector's statuses stay errors with the same code; "
            + "the connector's next other status resolves it (resolved_at), beginning a new episode if it is an "
            + "error with another code. Its timestamp (when it began) and resolved_at are by the charger's clock.";
    /** How every from and to parameter is written (Period parses them). */
    public static final String DATE_TIME = "an ISO 8601 date-time with Z or an offset (e.g. 2024-06-01T00:00:00Z), "
            + "read to the second (fractions dropped), or a date (its midnight UTC)";
    public static final String PERIOD = "from and to are each " + DATE_TIME + ": the period [from, to) includes "
            + "from, not to. to defaults to now, from to 30 days before to; from must be before to.";
    /** from and to of a bounded period: uptime, utilisation, connectivity. */
    public static final String FROM = "Start of the period, included: " + DATE_TIME + ". Default: 30 days before "
            + "to.";
    public static final String TO = "End of the period, excluded: " + DATE_TIME + ". Default: now.";
    /** from and to of the error lists, each open when absent. */
    public static final String ERRORS_FROM = "Only episodes that began at or after this time: " + DATE_TIME
            + ". Absent: since the beginning.";
    public static final String ERRORS_TO = "Only episodes that began before this time: " + DATE_TIME
            + ". Absent: no end.";
    /** from and to of the maintenance list, each open when absent. */
    public static final String MAINTENANCE_FROM = "Only events still going on after this time (completed after it, "
            + "or not yet): " + DATE_TIME + ". Absent: since the beginning.";
    public static final String MAINTENANCE_TO = "Only events scheduled before this time: " + DATE_TIME
            + ". Absent: planned ones included, however far ahead.";

    private AnalyticsDefinitions() {
    }
}
