package org.dynamocsms.ocpp.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A charger's side of the connection, for the endpoint tests: one CALL at a time, as OCPP-J asks. */
final class ChargerClient implements WebSocket.Listener {

    /** The code of the gateway's close frame (1006 if it dropped the connection without one). */
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /** The reason of the gateway's close frame, set before {@link #closed} completes. */
    volatile String closeReason;
    WebSocket socket;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    /**
     * Connects to {@code ocpp} + {@code id}, e.g. {@code wss://localhost:8444/ocpp/} + {@code CP-1}, with Basic
     * credentials {@code id:password} and the subprotocol, each left out when null.
     */
    static ChargerClient connect(HttpClient http, URI ocpp, String id, String password, String subprotocol,
                                 String... more) throws Exception {
        ChargerClient client = new ChargerClient();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (subprotocol != null) {
            builder.subprotocols(subprotocol, more);
        }
        if (password != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((id + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        client.socket = builder.buildAsync(ocpp.resolve(id), client).get(10, TimeUnit.SECONDS);
        return client;
    }

    /** The HTTP status of an upgrade the gateway refuses. */
    static int refusal(HttpClient http, URI ocpp, String id, String password, String subprotocol) {
        Throwable failure = catchThrowable(() -> connect(http, ocpp, id, password, subprotocol));
        // the JDK client wraps it: ExecutionException > WebSocketHandshakeException > CheckFailedException
        assertThat(failure).hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    String call(String frame) throws Exception {
        socket.sendText(frame, true).get(10, TimeUnit.SECONDS);
        String answer = next(Duration.ofSeconds(10));
        assertThat(answer).as("answer to %s", frame).isNotNull();
        return answer;
    }

    /** The next frame received within {@code wait}, or null. */
    String next(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(statusCode);
        return null;
    }
}
