package org.dynamocsms.platform.auth;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.dynamocsms.schemas.auth.Organisation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An organisation as the operator endpoints show it. */
@JsonPropertyOrder({"organisation_id", "name", "created_at", "created_by"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Organisation", description = "A customer organisation: every API key belongs to one.")
public record OrganisationJson(
        @JsonProperty("organisation_id")
        @Schema(description = "The organisation's id.", examples = "org_01HZ4K8XVPQR3TY5N6M")
        String organisationId,
        @Schema(description = "Its name; null for an organisation that was not created but has keys (the first "
                + "key's, or keys made before organisations).", examples = "Acme Charging")
        String name,
        @JsonProperty("created_at")
        @Schema(description = "When it was created (or got its first key).", examples = "2024-06-01T09:00:00Z")
        Instant createdAt,
        @JsonProperty("created_by")
        @Schema(description = "The id of the operator key that created it; null if none did.",
                examples = "key_01HZ4K8XVPQR3TY5N6M")
        String createdBy) {

    public static OrganisationJson of(Organisation organisation) {
        return new OrganisationJson(organisation.getOrganisationId(),
                organisation.getName().isEmpty() ? null : organisation.getName(), organisation.getCreatedAt(),
                organisation.getCreatedBy());
    }
}
