package org.dynamocsms.command.site;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.dynamocsms.command.CommandBus;
import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.topics.Topics;

/**
 * The caller's commands about one site (its details, chargers and energy assets), sent keyed by organisation id to
 * the registry processor; used by every resource under {@code /api/v1/sites}.
 */
@ApplicationScoped
public class SiteCommands {

    @Inject
    Caller caller;

    @Inject
    CommandBus bus;

    /** A command of the caller's organisation about {@code siteId}; 404 if the id cannot name a site. */
    public SiteCommand command(String siteId, String idempotencyKey, Object payload) {
        String organisationId = caller.organisationId();
        return SiteCommand.newBuilder()
                .setCommandId(Ids.COMMAND.next())
                .setOrganisationId(organisationId)
                .setSiteId(existing(siteId))
                // Millisecond precision, as the command topic stores it.
                .setIssuedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setIdempotencyKey(idempotencyKey)
                .setPayload(payload)
                .build();
    }

    /** The accepted decision on {@code command}, or the problem the caller gets. */
    public CommandResult decide(SiteCommand command) {
        return CommandBus.accepted(bus.send(Topics.SITE_COMMANDS, command.getOrganisationId(),
                command.getCommandId(), command));
    }

    /** The accepted decision on a command of the caller's organisation about {@code siteId}. */
    public CommandResult decide(String siteId, Object payload) {
        return decide(command(siteId, null, payload));
    }

    /** {@code siteId}, if it can name a site at all; a malformed id is not worth a round trip to the processor. */
    private static String existing(String siteId) {
        if (!Ids.SITE.matches(siteId)) {
            throw CommandBus.notFound(SiteDecider.siteNotFound(siteId));
        }
        return siteId;
    }
}
