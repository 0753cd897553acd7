package org.dynamocsms.schemas.charger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChargePointIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"CP-001", "a", "DE*ABC*E123", "charger_7.hall+B=2@depot",
            "012345678901234567890123456789012345678901234567"})
    void acceptsOcppIdentities(String id) {
        assertThat(ChargePointIds.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "CP 001", "CP/001", "CP:001", "CP?1", "CP#1", "CP%201", "CP|1", "Ünïcode",
            "0123456789012345678901234567890123456789012345678"})
    void refusesWhatBreaksAUrlPathOrBasicAuthOrIsTooLong(String id) {
        assertThat(ChargePointIds.isValid(id)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void refusesNull() {
        assertThat(ChargePointIds.isValid(null)).isFalse();
    }
}
