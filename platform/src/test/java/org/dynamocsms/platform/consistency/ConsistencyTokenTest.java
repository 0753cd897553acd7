package org.dynamocsms.platform.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dynamocsms.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistencyTokenTest {

    @Test
    void readsWhatItWrites() {
        ConsistencyToken token = new ConsistencyToken("site_01HZ4K8XVPQR3TY5N6M", 3);
        assertThat(token.toString()).isEqualTo("site_01HZ4K8XVPQR3TY5N6M@3");
        assertThat(ConsistencyToken.parse(token.toString())).isEqualTo(token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "site_1", "site_1@", "@3", "site_1@three", "site_1@9999999999999999999999"})
    void rejectsMalformedTokensNamingTheHeader(String token) {
        assertThatThrownBy(() -> ConsistencyToken.parse(token))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().errors()).extracting("field").containsExactly("Consistency-Token");
                });
    }
}
