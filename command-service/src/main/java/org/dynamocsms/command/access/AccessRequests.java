package org.dynamocsms.command.access;

import static org.dynamocsms.command.RequestFields.Presence.REQUIRED;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.dynamocsms.command.RequestFields;
import org.dynamocsms.schemas.auth.Scope;

/** The shape of the operator endpoints' request bodies, checked before any command. */
public final class AccessRequests {

    static final String NAME = "name";
    static final String SCOPES = "scopes";
    static final int NAME_MAX_LENGTH = 200;

    /** What an issue request asks for. */
    public record NewKey(String name, List<String> scopes) {
    }

    private AccessRequests() {
    }

    /** The name in a {@code POST /admin/organisations} body, or a 400 naming every invalid field. */
    public static String organisationName(JsonNode body) {
        RequestFields fields = RequestFields.of(body, List.of(NAME));
        String name = fields.text(NAME, REQUIRED, NAME_MAX_LENGTH, false);
        fields.throwIfInvalid();
        return name;
    }

    /** The name and scopes in a {@code POST /admin/organisations/{id}/api-keys} body, or a 400. */
    public static NewKey newKey(JsonNode body) {
        RequestFields fields = RequestFields.of(body, List.of(NAME, SCOPES));
        String name = fields.text(NAME, REQUIRED, NAME_MAX_LENGTH, false);
        List<String> scopes = fields.someOf(SCOPES, REQUIRED, Scope.NAMES);
        fields.throwIfInvalid();
        return new NewKey(name, scopes);
    }
}
