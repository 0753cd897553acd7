package org.dynamocsms.command.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.dynamocsms.schemas.auth.AccessCommand;
import org.dynamocsms.schemas.auth.AccessEvent;
import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.ApiKeyIssued;
import org.dynamocsms.schemas.auth.ApiKeyRevoked;
import org.dynamocsms.schemas.auth.ApiKeyRotated;
import org.dynamocsms.schemas.auth.CreateOrganisation;
import org.dynamocsms.schemas.auth.IssueApiKey;
import org.dynamocsms.schemas.auth.Organisation;
import org.dynamocsms.schemas.auth.OrganisationCreated;
import org.dynamocsms.schemas.auth.RevokeApiKey;
import org.dynamocsms.schemas.auth.RotateApiKey;
import org.dynamocsms.schemas.auth.Scope;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.common.CommandStatus;

/**
 * Decides operators' commands about organisations and API keys against what exists. A rotation revokes the old
 * secret and makes a new one for the same key id, name and scopes; revoking a revoked key changes nothing. A
 * refusal writes nothing.
 */
public final class AccessDecider {

    /** The version every access result carries: organisations and keys have none. */
    static final long VERSION = 1;

    /** What exists, as the access processor's stores hold it. */
    public interface Known {
        /** The created organisation, or null. */
        Organisation organisation(String organisationId);

        /** True if any key of the organisation exists (it then exists, created or not). */
        boolean hasKeys(String organisationId);

        /** The key's current record (its live secret's, else its last), or null. */
        ApiKey key(String keyId);
    }

    /**
     * What one command decided: organisations and key records to publish (keys by hash), the access events and the
     * answer.
     */
    public record Decision(List<Organisation> organisations, List<ApiKey> keys, List<AccessEvent> events,
                           CommandResult result) {

        public Decision {
            organisations = List.copyOf(organisations);
            keys = List.copyOf(keys);
            events = List.copyOf(events);
        }
    }

    private AccessDecider() {
    }

    public static Decision decide(Known known, AccessCommand command, Instant now, Supplier<String> eventIds) {
        return new Draft(known, command, now, eventIds).decide();
    }

    public static String organisationNotFound(String organisationId) {
        return "Organisation " + organisationId + " does not exist.";
    }

    public static String keyNotFound(String organisationId, String keyId) {
        return "API key " + keyId + " does not exist in organisation " + organisationId + ".";
    }

    /** One decision being made. */
    private record Draft(Known known, AccessCommand command, Instant now, Supplier<String> eventIds) {

        Decision decide() {
            String organisationId = command.getOrganisationId();
            Object payload = command.getPayload();
            if (payload instanceof CreateOrganisation create) {
                return create(organisationId, create);
            }
            if (known.organisation(organisationId) == null && !known.hasKeys(organisationId)) {
                return refuse(CommandStatus.NOT_FOUND, organisationNotFound(organisationId), organisationId);
            }
            if (payload instanceof IssueApiKey issue) {
                return issue(organisationId, issue);
            }
            if (payload instanceof RotateApiKey rotate) {
                return rotate(organisationId, rotate);
            }
            if (payload instanceof RevokeApiKey revoke) {
                return revoke(organisationId, revoke);
            }
            throw new IllegalArgumentException("Unknown access command " + payload);
        }

        private Decision create(String organisationId, CreateOrganisation create) {
            if (create.getName().isBlank()) {
                return refuse(CommandStatus.REJECTED, "name: must not be blank", organisationId);
            }
            if (known.organisation(organisationId) != null || known.hasKeys(organisationId)) {
                return refuse(CommandStatus.CONFLICT, "Organisation " + organisationId + " already exists.",
                        organisationId);
            }
            Organisation organisation = Organisation.newBuilder().setOrganisationId(organisationId)
                    .setName(create.getName()).setCreatedAt(now).setCreatedBy(command.getActorKeyId()).build();
            return accept(List.of(organisation), List.of(), new OrganisationCreated(create.getName()), organisationId);
        }

        private Decision issue(String organisationId, IssueApiKey issue) {
            if (issue.getName().isBlank()) {
                return refuse(CommandStatus.REJECTED, "name: must not be blank", issue.getKeyId());
            }
            if (issue.getScopes().isEmpty() || !issue.getScopes().stream().allMatch(s -> Scope.of(s).isPresent())) {
                return refuse(CommandStatus.REJECTED, "scopes: must be one or more of "
                        + String.join(", ", Scope.NAMES), issue.getKeyId());
            }
            if (known.key(issue.getKeyId()) != null) {
                return refuse(CommandStatus.CONFLICT, "API key " + issue.getKeyId() + " already exists.",
                        issue.getKeyId());
            }
            ApiKey key = ApiKey.newBuilder().setKeyId(issue.getKeyId()).setKeyHash(issue.getKeyHash())
                    .setOrganisationId(organisationId).setName(issue.getName()).setScopes(issue.getScopes())
                    .setCreatedAt(now).setCreatedBy(command.getActorKeyId()).setRevokedAt(null).build();
            return accept(List.of(), List.of(key),
                    new ApiKeyIssued(key.getKeyId(), key.getName(), key.getScopes()), key.getKeyId());
        }

        private Decision rotate(String organisationId, RotateApiKey rotate) {
            Optional<ApiKey> found = keyOf(organisationId, rotate.getKeyId());
            if (found.isEmpty()) {
                return refuse(CommandStatus.NOT_FOUND, keyNotFound(organisationId, rotate.getKeyId()),
                        rotate.getKeyId());
            }
            ApiKey old = found.get();
            if (old.getRevokedAt() != null) {
                return refuse(CommandStatus.CONFLICT, "API key " + rotate.getKeyId()
                        + " is revoked; issue a new one.", rotate.getKeyId());
            }
            ApiKey revoked = ApiKey.newBuilder(old).setKeyId(rotate.getKeyId()).setRevokedAt(now).build();
            ApiKey renewed = ApiKey.newBuilder(old).setKeyId(rotate.getKeyId()).setKeyHash(rotate.getKeyHash())
                    .build();
            return accept(List.of(), List.of(revoked, renewed),
                    new ApiKeyRotated(rotate.getKeyId(), old.getName(), old.getScopes()), rotate.getKeyId());
        }

        private Decision revoke(String organisationId, RevokeApiKey revoke) {
            Optional<ApiKey> found = keyOf(organisationId, revoke.getKeyId());
            if (found.isEmpty()) {
                return refuse(CommandStatus.NOT_FOUND, keyNotFound(organisationId, revoke.getKeyId()),
                        revoke.getKeyId());
            }
            ApiKey key = found.get();
            if (key.getRevokedAt() != null) {
                return new Decision(List.of(), List.of(), List.of(), result(CommandStatus.ACCEPTED, null,
                        revoke.getKeyId()));
            }
            ApiKey revoked = ApiKey.newBuilder(key).setKeyId(revoke.getKeyId()).setRevokedAt(now).build();
            return accept(List.of(), List.of(revoked),
                    new ApiKeyRevoked(revoke.getKeyId(), key.getName(), key.getScopes()), revoke.getKeyId());
        }

        /** The organisation's key {@code keyId}: a key of another organisation is not found here. */
        private Optional<ApiKey> keyOf(String organisationId, String keyId) {
            return Optional.ofNullable(known.key(keyId)).filter(key -> key.getOrganisationId().equals(organisationId));
        }

        private Decision accept(List<Organisation> organisations, List<ApiKey> keys, Object change,
                                String aggregateId) {
            AccessEvent event = AccessEvent.newBuilder()
                    .setEventId(eventIds.get())
                    .setOrganisationId(command.getOrganisationId())
                    .setActorKeyId(command.getActorKeyId())
                    .setActorOrganisationId(command.getActorOrganisationId())
                    .setOccurredAt(now)
                    .setCommandId(command.getCommandId())
                    .setPayload(change)
                    .build();
            return new Decision(organisations, keys, List.of(event),
                    result(CommandStatus.ACCEPTED, null, aggregateId));
        }

        private Decision refuse(CommandStatus status, String message, String aggregateId) {
            return new Decision(List.of(), List.of(), List.of(), result(status, message, aggregateId));
        }

        private CommandResult result(CommandStatus status, String message, String aggregateId) {
            return CommandResult.newBuilder().setCommandId(command.getCommandId())
                    .setOrganisationId(command.getOrganisationId()).setAggregateId(aggregateId).setStatus(status)
                    .setMessage(message).setVersion(VERSION).setDecidedAt(now).build();
        }
    }
}
