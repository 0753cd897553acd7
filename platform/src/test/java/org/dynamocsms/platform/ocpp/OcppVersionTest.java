package org.dynamocsms.platform.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OcppVersionTest {

    @Test
    void theNewestOfferedVersionIsTaken() {
        assertThat(OcppVersion.newestOffered("ocpp1.6")).contains(OcppVersion.OCPP16);
        assertThat(OcppVersion.newestOffered("ocpp2.0.1")).contains(OcppVersion.OCPP201);
        assertThat(OcppVersion.newestOffered("ocpp1.6, ocpp2.0.1")).contains(OcppVersion.OCPP201);
        assertThat(OcppVersion.newestOffered("ocpp2.0.1,ocpp1.6")).contains(OcppVersion.OCPP201);
        assertThat(OcppVersion.newestOffered("ocpp1.5, ocpp1.6, ocpp2.1")).contains(OcppVersion.OCPP16);
    }

    @Test
    void noOcppVersionOfferedIsNone() {
        assertThat(OcppVersion.newestOffered(null)).isEmpty();
        assertThat(OcppVersion.newestOffered("")).isEmpty();
        assertThat(OcppVersion.newestOffered("ocpp1.5, wamp")).isEmpty();
        assertThat(OcppVersion.offered("ocpp1.6, ocpp2.0.1")).hasSize(2);
    }

    @Test
    void aNegotiatedSubprotocolNamesItsVersion() {
        assertThat(OcppVersion.ofSubprotocol("ocpp2.0.1")).isEqualTo(OcppVersion.OCPP201);
        assertThat(OcppVersion.OCPP201.label()).isEqualTo("2.0.1");
        assertThat(OcppVersion.OCPP16.label()).isEqualTo("1.6");
        assertThatThrownBy(() -> OcppVersion.ofSubprotocol("ocpp1.5")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoErrorCodesAreSpelledAnewIn201() {
        assertThat(ErrorCode.FormationViolation.in(OcppVersion.OCPP201)).isEqualTo("FormatViolation");
        assertThat(ErrorCode.OccurenceConstraintViolation.in(OcppVersion.OCPP201))
                .isEqualTo("OccurrenceConstraintViolation");
        assertThat(ErrorCode.FormationViolation.in(OcppVersion.OCPP16)).isEqualTo("FormationViolation");
        assertThat(ErrorCode.NotImplemented.in(OcppVersion.OCPP201)).isEqualTo("NotImplemented");
    }
}
