package org.dynamocsms.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A charger's side of one OCPP-J 1.6 connection over a real WebSocket, as a simulator speaks it: one CALL at a
 * time, answered by a CALLRESULT or CALLERROR with the same message id; the central system's own CALLs are answered
 * as the test or benchmark says ({@link #answerCalls}). Used by the OCPP benchmark and by the end-to-end tests.
 */
public final class OcppConnection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final CompletableFuture<Integer> closed;
    private volatile String pendingId;
    private volatile CompletableFuture<JsonNode> pending;
    private CompletableFuture<WebSocket> lastSend;
    private final List<JsonNode> callsReceived = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, String> callAnswers = call -> null;

    private OcppConnection(WebSocket socket, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.closed = closed;
        this.lastSend = CompletableFuture.completedFuture(socket);
    }

    /**
     * Opens {@code <base>/ocpp/<id>} (base like {@code ws://127.0.0.1:8080}) offering {@code subprotocol} (none if
     * null), with HTTP Basic {@code id:password} (no Authorization if password is null).
     */
    public static CompletableFuture<OcppConnection> open(HttpClient client, String base, String chargePointId,
                                                         String password, String subprotocol) {
        Listener listener = new Listener();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
        if (subprotocol != null) {
            builder.subprotocols(subprotocol);
        }
        if (password != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((chargePointId + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return builder.buildAsync(URI.create(base + "/ocpp/" + chargePointId), listener)
                .thenApply(socket -> listener.connection = new OcppConnection(socket, listener.closed));
    }

    /** Sends a CALL; completes with the frame that answers it ({@code [3, id, payload]} or {@code [4, id, ...]}). */
    public CompletableFuture<JsonNode> call(String action, String payloadJson) {
        String id = Integer.toString(ids.incrementAndGet());
        return send(id, "[2,\"" + id + "\",\"" + action + "\"," + payloadJson + "]");
    }

    /**
     * Sends a raw frame; completes with the next answer carrying {@code expectedId} (e.g. "-1" or a CALLERROR
     * for a frame whose id the gateway cannot read).
     */
    public synchronized CompletableFuture<JsonNode> send(String expectedId, String frame) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pendingId = expectedId;
        pending = answer;
        write(frame).exceptionally(e -> {
            answer.completeExceptionally(e);
            return null;
        });
        return answer;
    }

    /**
     * Answers each CALL of the central system ({@code [2, id, action, payload]}) with a CALLRESULT whose payload is
     * what {@code answers} returns for the frame, or stays silent if it returns null (the default).
     */
    public void answerCalls(Function<JsonNode, String> answers) {
        callAnswers = answers;
    }

    /** The central system's CALLs received so far, in order. */
    public List<JsonNode> callsReceived() {
        return callsReceived;
    }

    private synchronized CompletableFuture<WebSocket> write(String frame) {
        // the JDK refuses a send while the previous one is still being written, which an answer can outrun
        lastSend = lastSend.thenCompose(previous -> socket.sendText(frame, true));
        return lastSend;
    }

    /** Completes with the close code when the gateway closes the connection. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    public CompletableFuture<WebSocket> close() {
        return socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    /** Abandons the connection without a close handshake, as a charger losing power would. */
    public void abort() {
        socket.abort();
    }

    private void received(String text) {
        CompletableFuture<JsonNode> answer = pending;
        try {
            JsonNode frame = JSON.readTree(text);
            if (frame.isArray() && frame.size() == 4 && frame.get(0).asInt() == 2) {
                callsReceived.add(frame);
                String payload = callAnswers.apply(frame);
                if (payload != null) {
                    write("[3," + JSON.writeValueAsString(frame.get(1).asText()) + "," + payload + "]");
                }
                return;
            }
            if (answer != null && frame.isArray() && frame.size() >= 2 && frame.get(1).asText().equals(pendingId)) {
                pending = null;
                answer.complete(frame);
            }
        } catch (Exception e) {
            if (answer != null) {
                answer.completeExceptionally(e);
            }
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile OcppConnection connection;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (connection != null) {
                    connection.received(text);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
            OcppConnection c = connection;
            if (c != null && c.pending != null) {
                c.pending.completeExceptionally(error);
            }
        }
    }
}
