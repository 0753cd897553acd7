package org.dynamocsms.command.site;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.site.CreateSite;
import org.dynamocsms.schemas.site.DeleteSite;
import org.dynamocsms.schemas.site.SiteAggregate;
import org.dynamocsms.schemas.site.SiteChanges;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.site.SiteCreated;
import org.dynamocsms.schemas.site.SiteDeleted;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteUpdated;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;
import org.dynamocsms.schemas.site.UpdateSite;

/**
 * Decides a site command against the site's current state: which events to append, the state after them and the
 * answer to the caller. Pure: the same state, command, time and event ids always give the same decision.
 */
public final class SiteDecider {

    static final int SCHEMA_VERSION = 1;
    static final String NOT_FOUND = "The site does not exist.";
    static final String ALREADY_EXISTS = "A site with this id already exists.";
    static final String KEY_REUSED = "Idempotency-Key was already used with a different request";
    static final String LAT_LNG_PAIR = "lat and lng must be set together";
    static final String UNDECIDABLE = "The command could not be decided.";

    /** What the processor appends and stores and whom it answers. {@code state} is null while no site exists. */
    public record Decision(List<SiteEvent> events, SiteAggregate state, CommandResult result) {
    }

    private SiteDecider() {
    }

    /**
     * @param state    the aggregate's state, null if the site never existed
     * @param now      when the decision is made (the events' recorded_at and the result's decided_at)
     * @param eventIds a new event id on every call
     */
    public static Decision decide(SiteAggregate state, SiteCommand command, Instant now, Supplier<String> eventIds) {
        Context context = new Context(state, command, now, eventIds);
        Object payload = command.getPayload();
        if (payload instanceof CreateSite create) {
            return create(context, create.getDetails());
        }
        SiteView site = state == null ? null : state.getCurrent();
        // Another organisation's site answers exactly like one that never existed.
        if (!SiteViews.isLive(site) || !site.getOrganisationId().equals(command.getOrganisationId())) {
            return context.refuse(CommandStatus.NOT_FOUND, NOT_FOUND, 0);
        }
        if (payload instanceof UpdateSite update) {
            return update(context, site, update.getChanges());
        }
        if (payload instanceof DeleteSite) {
            return context.append(new SiteDeleted());
        }
        throw new IllegalArgumentException("Unknown site command payload " + payload);
    }

    /** A refusal that changes nothing, for a command whose decision failed unexpectedly. */
    public static Decision undecidable(SiteAggregate state, SiteCommand command, Instant now) {
        return new Context(state, command, now, null).refuse(CommandStatus.REJECTED, UNDECIDABLE, 0);
    }

    private static Decision create(Context context, SiteDetails details) {
        SiteAggregate state = context.state();
        if (state == null) {
            return context.append(SiteCreated.newBuilder().setDetails(details).build());
        }
        SiteCommand command = context.command();
        SiteView first = state.getAsCreated();
        boolean sameKey = command.getIdempotencyKey() != null
                && command.getIdempotencyKey().equals(state.getIdempotencyKey())
                && command.getOrganisationId().equals(first.getOrganisationId());
        if (sameKey && details.equals(first.getDetails())) {
            // A repeated request: answer the first result again, change nothing.
            return context.answer(first);
        }
        return context.refuse(CommandStatus.CONFLICT, sameKey ? KEY_REUSED : ALREADY_EXISTS,
                state.getCurrent().getVersion());
    }

    private static Decision update(Context context, SiteView site, SiteChanges changes) {
        SiteDetails merged = SiteViews.merge(site.getDetails(), changes);
        if ((merged.getLat() == null) != (merged.getLng() == null)) {
            return context.refuse(CommandStatus.REJECTED, LAT_LNG_PAIR, site.getVersion());
        }
        if (merged.equals(site.getDetails())) {
            // Nothing changes: no event (an event is a fact that something changed), the current version stays.
            return context.answer(site);
        }
        return context.append(SiteUpdated.newBuilder().setChanges(changes).build());
    }

    private record Context(SiteAggregate state, SiteCommand command, Instant now, Supplier<String> eventIds) {

        Decision append(Object payload) {
            SiteView before = state == null ? null : state.getCurrent();
            long version = before == null ? 1 : before.getVersion() + 1;
            SiteEvent event = SiteEvent.newBuilder()
                    .setEventId(eventIds.get())
                    .setOrganisationId(command.getOrganisationId())
                    .setSiteId(command.getSiteId())
                    .setVersion(version)
                    .setOccurredAt(command.getIssuedAt())
                    .setRecordedAt(now)
                    .setSchemaVersion(SCHEMA_VERSION)
                    .setCommandId(command.getCommandId())
                    .setPayload(payload)
                    .build();
            SiteView after = SiteViews.apply(before, event);
            SiteAggregate next = state == null
                    ? SiteAggregate.newBuilder()
                            .setCurrent(after).setIdempotencyKey(command.getIdempotencyKey()).setAsCreated(after)
                            .build()
                    : SiteAggregate.newBuilder(state).setCurrent(after).build();
            return new Decision(List.of(event), next, result(CommandStatus.ACCEPTED, null, version, after));
        }

        Decision answer(SiteView site) {
            return new Decision(List.of(), state, result(CommandStatus.ACCEPTED, null, site.getVersion(), site));
        }

        Decision refuse(CommandStatus status, String message, long version) {
            return new Decision(List.of(), state, result(status, message, version, null));
        }

        private CommandResult result(CommandStatus status, String message, long version, SiteView site) {
            return CommandResult.newBuilder()
                    .setCommandId(command.getCommandId())
                    .setOrganisationId(command.getOrganisationId())
                    .setAggregateId(command.getSiteId())
                    .setStatus(status)
                    .setMessage(message)
                    .setVersion(version)
                    .setDecidedAt(now)
                    .setSite(site)
                    .build();
        }
    }
}
