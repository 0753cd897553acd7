package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 client against a scripted server: each accepted connection answers its list of raw responses. */
class HttpConnectionTest {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void reusesTheConnectionForContentLengthAndChunkedBodies() throws Exception {
        HttpConnection connection = connectionTo(List.of(List.of(
                "HTTP/1.1 201 Created\r\nContent-Length: 15\r\nConsistency-Token: site_1@1\r\n\r\n"
                        + "{\"site_id\":\"1\"}",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "4;ext=1\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nX-Trailer: t\r\n\r\n")));

        HttpConnection.Response created = connection.exchange("POST", "/api/v1/sites",
                Map.of("Authorization", "Bearer k"), "{\"name\":\"é\"}");
        HttpConnection.Response listed = connection.exchange("GET", "/api/v1/sites?limit=50", Map.of(), null);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("consistency-token")).isEqualTo("site_1@1");
        assertThat(created.body()).isEqualTo("{\"site_id\":\"1\"}");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).isEqualTo("{\"a\":1}");
        assertThat(requests).containsExactly(
                "POST /api/v1/sites HTTP/1.1|Authorization: Bearer k|Content-Length: 13|{\"name\":\"é\"}",
                "GET /api/v1/sites?limit=50 HTTP/1.1|");
        connection.close();
    }

    @Test
    void resendsOnceWhenTheServerHadClosedTheIdleConnection() throws Exception {
        HttpConnection connection = connectionTo(List.of(
                List.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
                List.of("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")));

        assertThat(connection.exchange("GET", "/a", Map.of(), null).status()).isEqualTo(200);
        assertThat(connection.exchange("GET", "/b", Map.of(), null).status()).isEqualTo(404);
        assertThat(requests).containsExactly("GET /a HTTP/1.1|", "GET /b HTTP/1.1|");
        connection.close();
    }

    @Test
    void readsABodyDelimitedByTheServerClosing() throws Exception {
        HttpConnection connection = connectionTo(List.of(
                List.of("HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\nboom"),
                List.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")));

        HttpConnection.Response failed = connection.exchange("GET", "/a", Map.of(), null);

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body()).isEqualTo("boom");
        assertThat(connection.exchange("GET", "/b", Map.of(), null).status()).isEqualTo(200);
        connection.close();
    }

    @Test
    void connectsOnTheNextExchangeAfterAConnectionRefused() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        HttpConnection connection = new HttpConnection(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> connection.exchange("GET", "/a", Map.of(), null)).isInstanceOf(ConnectException.class);
        serve(port, List.of(List.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")));

        assertThat(connection.exchange("GET", "/a", Map.of(), null).status()).isEqualTo(200);
        connection.close();
    }

    private HttpConnection connectionTo(List<List<String>> scripts) throws IOException {
        serve(0, scripts);
        return new HttpConnection(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()),
                Duration.ofSeconds(5));
    }

    /**
     * Serves one script per accepted connection: reads a request, writes the next response; at the end of the
     * script it closes the connection, as a server closing an idle keep-alive connection does.
     */
    private void serve(int port, List<List<String>> scripts) throws IOException {
        server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            for (List<String> script : scripts) {
                try (Socket socket = server.accept()) {
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    OutputStream out = socket.getOutputStream();
                    for (String response : script) {
                        requests.add(readRequest(in));
                        out.write(response.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    /** The request line, the headers other than Host and Content-Type, and the (UTF-8) body, joined by '|'. */
    private static String readRequest(BufferedReader in) throws IOException {
        String requestLine = in.readLine();
        if (requestLine == null) {
            return null;
        }
        List<String> parts = new ArrayList<>(List.of(requestLine));
        int length = 0;
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            if (header.startsWith("Content-Length: ")) {
                length = Integer.parseInt(header.substring(16));
            }
            if (!header.startsWith("Host: ") && !header.startsWith("Content-Type: ")) {
                parts.add(header);
            }
        }
        StringBuilder body = new StringBuilder();
        for (int bytes = 0; bytes < length; ) {
            String c = String.valueOf((char) in.read());
            bytes += c.getBytes(StandardCharsets.UTF_8).length;
            body.append(c);
        }
        return String.join("|", parts) + "|" + body;
    }
}
