package org.dynamocsms.ocpp.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.dynamocsms.ocpp.connection.OcppEndpointTest.PASSWORD;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * OCPP security profile 2: TLS (wss://) and Basic auth, for OCPP 1.6 and 2.0.1 alike, configured as an operator would (see {@link Profile2}),
 * plain HTTP closed. Registry and telemetry are {@link OcppEndpointTest.Beans}'. The certificate under
 * {@code src/test/resources/tls/} is a self-signed test one (CN and SAN localhost, SAN 127.0.0.1, 100 years):
 * <pre>
 * openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 -subj "/CN=localhost" \
 *   -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -addext "basicConstraints=critical,CA:FALSE" \
 *   -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=serverAuth" \
 *   -keyout ocpp-test-key.pem -out ocpp-test-cert.pem
 * </pre>
 */
@QuarkusTest
@TestProfile(OcppTlsEndpointTest.Profile2.class)
class OcppTlsEndpointTest {

    private static final String BOOT = "[2,\"1\",\"BootNotification\",{\"chargePointVendor\":\"Alfen\","
            + "\"chargePointModel\":\"Eve\"}]";
    private static final String ACCEPTED = "\\[3,\"1\",\\{\"currentTime\":\"[^\"]+\",\"interval\":300,"
            + "\"status\":\"Accepted\"}]";
    private static final SSLContext TRUSTING_THE_GATEWAY = trusting("/tls/ocpp-test-cert.pem");

    @TestHTTPResource(value = "/", tls = true)
    URI base;

    @ConfigProperty(name = "quarkus.http.test-port")
    int plainPort;

    @Test
    void aChargerBootsOverWss() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(TRUSTING_THE_GATEWAY).build();
        ChargerClient charger = ChargerClient.connect(http, wss(), "CP-1", PASSWORD, "ocpp1.6");

        assertThat(charger.socket.getSubprotocol()).isEqualTo("ocpp1.6");
        assertThat(charger.call(BOOT)).matches(ACCEPTED);
    }

    @Test
    void anOcpp201StationBootsOverWssWithTheSameCredentials() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(TRUSTING_THE_GATEWAY).build();
        ChargerClient station = ChargerClient.connect(http, wss(), "CP-1", PASSWORD, "ocpp2.0.1");

        assertThat(station.socket.getSubprotocol()).isEqualTo("ocpp2.0.1");
        assertThat(station.call("[2,\"1\",\"BootNotification\",{\"reason\":\"PowerUp\",\"chargingStation\":"
                + "{\"vendorName\":\"Alfen\",\"model\":\"Eve\"}}]")).matches(ACCEPTED);
        assertThat(ChargerClient.refusal(http, wss(), "CP-1", "wrong-password-but-long", "ocpp2.0.1")).isEqualTo(401);
    }

    @Test
    void aChargerLimitedToTls12AndTheWhitepapersCipherSuiteConnects() throws Exception {
        // the OCPP 1.6 security whitepaper asks for TLS 1.2 with (for an ECDSA certificate) this suite
        SSLParameters tls12 = new SSLParameters(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
                new String[] {"TLSv1.2"});
        HttpClient http = HttpClient.newBuilder().sslContext(TRUSTING_THE_GATEWAY).sslParameters(tls12).build();

        assertThat(ChargerClient.connect(http, wss(), "CP-2", PASSWORD, "ocpp1.6").call(BOOT)).matches(ACCEPTED);
    }

    @Test
    void basicAuthStillDecidesOverWss() {
        HttpClient http = HttpClient.newBuilder().sslContext(TRUSTING_THE_GATEWAY).build();

        assertThat(ChargerClient.refusal(http, wss(), "CP-1", "wrong-password-but-long", "ocpp1.6")).isEqualTo(401);
        assertThat(ChargerClient.refusal(http, wss(), "CP-1", null, "ocpp1.6")).isEqualTo(401);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsTheHandshake() {
        HttpClient jdkTrustOnly = HttpClient.newHttpClient();

        Throwable failure = catchThrowable(() -> ChargerClient.connect(jdkTrustOnly, wss(), "CP-1", PASSWORD,
                "ocpp1.6"));

        assertThat(failure).hasCauseInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void thePlainPortIsNotOpen() {
        Throwable failure = catchThrowable(() -> ChargerClient.connect(HttpClient.newHttpClient(),
                URI.create("ws://localhost:" + plainPort + "/ocpp/"), "CP-1", PASSWORD, "ocpp1.6"));

        // refused before any byte is sent: a charger left on ws:// cannot give its password away in clear text
        assertThat(failure).hasCauseInstanceOf(ConnectException.class);
    }

    private URI wss() {
        assertThat(base.getScheme()).isEqualTo("https");
        return URI.create("wss://" + base.getAuthority() + "/ocpp/");
    }

    private static SSLContext trusting(String pemResource) {
        try (InputStream pem = OcppTlsEndpointTest.class.getResourceAsStream(pemResource)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What an operator sets for profile 2 only, plus test ports: TLS on a random one, plain on a known free one. */
    public static class Profile2 implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.ssl.certificate.files", "tls/ocpp-test-cert.pem",
                    "quarkus.http.ssl.certificate.key-files", "tls/ocpp-test-key.pem",
                    "quarkus.http.insecure-requests", "disabled",
                    "quarkus.http.test-ssl-port", "0",
                    // must stay closed: a port nothing else holds, so a refused connection means Quarkus did not open it
                    "quarkus.http.test-port", Integer.toString(freePort()));
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
