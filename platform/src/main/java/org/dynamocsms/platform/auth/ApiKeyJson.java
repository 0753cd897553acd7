package org.dynamocsms.platform.auth;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An API key as the operator endpoints show it: never its hash, and its secret only in the answer that made it. */
@JsonPropertyOrder({"key_id", "organisation_id", "name", "scopes", "created_at", "created_by", "revoked_at", "key"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "ApiKey", description = "An API key of an organisation.")
public record ApiKeyJson(
        @JsonProperty("key_id")
        @Schema(description = "The key's id; it stays the same when the key is rotated.",
                examples = "key_01HZ4K8XVPQR3TY5N6M")
        String keyId,
        @JsonProperty("organisation_id")
        @Schema(description = "The organisation whose data the key reaches.", examples = "org_01HZ4K8XVPQR3TY5N6M")
        String organisationId,
        @Schema(description = "What the key is for.", examples = "billing export")
        String name,
        @Schema(description = "`read` (GETs), `write` (also the other methods of `/api/`) or `operator` (also "
                + "`/admin/`, across organisations). Empty on a key made before scopes: it counts as `write`.",
                examples = "[\"read\"]")
        List<String> scopes,
        @JsonProperty("created_at")
        @Schema(description = "When the key was issued.", examples = "2024-06-01T09:00:00Z")
        Instant createdAt,
        @JsonProperty("created_by")
        @Schema(description = "The id of the operator key that issued it; null for the first key and keys made by "
                + "hand.", examples = "key_01HZ4K8XVPQR3TY5N6N")
        String createdBy,
        @JsonProperty("revoked_at")
        @Schema(description = "When the key was revoked; null while it is live.", examples = "null")
        Instant revokedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The secret, only in the answer to an issue or a rotation: store it, it is never "
                + "shown again. Send it as `Authorization: Bearer <key>`.", examples = "csk_3q2…")
        String key) {

    /** {@code key} as a listing shows it. */
    public static ApiKeyJson of(ApiKey key) {
        return withSecret(key, null);
    }

    /** {@code key} with the secret just made for it. */
    public static ApiKeyJson withSecret(ApiKey key, String secret) {
        return new ApiKeyJson(ApiKeys.keyId(key), key.getOrganisationId(), key.getName(), key.getScopes(),
                key.getCreatedAt(), key.getCreatedBy(), key.getRevokedAt(), secret);
    }
}
