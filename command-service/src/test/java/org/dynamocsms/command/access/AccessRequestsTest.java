package org.dynamocsms.command.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.dynamocsms.command.RequestAssertions.assertInvalid;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.dynamocsms.command.RequestFields;
import org.junit.jupiter.api.Test;

class AccessRequestsTest {

    private static final String SCOPES = "must be a non-empty array of distinct values among read, write, operator";

    @Test
    void readsAnOrganisationsName() throws Exception {
        assertThat(AccessRequests.organisationName(json("{\"name\": \"Acme\"}"))).isEqualTo("Acme");
    }

    @Test
    void anOrganisationNeedsANonBlankNameAndNothingElse() {
        assertInvalid(() -> AccessRequests.organisationName(json("{}"))).containsExactly(tuple("name", "is required"));
        assertInvalid(() -> AccessRequests.organisationName(json("{\"name\": \" \"}")))
                .containsExactly(tuple("name", "must not be blank"));
        assertInvalid(() -> AccessRequests.organisationName(json("{\"name\": \"" + "x".repeat(201) + "\"}")))
                .containsExactly(tuple("name", "must be at most 200 characters"));
        assertInvalid(() -> AccessRequests.organisationName(json("{\"name\": \"A\", \"id\": \"org_x\"}")))
                .containsExactly(tuple("id", "is not a known field"));
    }

    @Test
    void readsAKeysNameAndScopes() throws Exception {
        assertThat(AccessRequests.newKey(json("{\"name\": \"ci\", \"scopes\": [\"read\", \"operator\"]}")))
                .isEqualTo(new AccessRequests.NewKey("ci", List.of("read", "operator")));
    }

    @Test
    void aKeyNeedsANameAndKnownScopes() {
        assertInvalid(() -> AccessRequests.newKey(json("{}")))
                .containsExactly(tuple("name", "is required"), tuple("scopes", "is required"));
        for (String scopes : List.of("[]", "\"read\"", "[\"admin\"]", "[\"READ\"]", "[\"read\", \"read\"]", "[1]",
                "[null]", "{}")) {
            assertInvalid(() -> AccessRequests.newKey(json("{\"name\": \"ci\", \"scopes\": " + scopes + "}")))
                    .as(scopes).containsExactly(tuple("scopes", SCOPES));
        }
        assertInvalid(() -> AccessRequests.newKey(json("{\"name\": \"\", \"scopes\": [\"read\"]}")))
                .containsExactly(tuple("name", "must not be blank"));
    }

    private static JsonNode json(String body) throws Exception {
        return RequestFields.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
