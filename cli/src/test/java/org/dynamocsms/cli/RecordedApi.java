package org.dynamocsms.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for {@code /admin/replays} on 127.0.0.1: answers each {@code METHOD path} with recorded JSON from
 * {@code src/test/resources/replays}, in the order given (the last answer repeats), and keeps every request.
 */
final class RecordedApi implements AutoCloseable {

    record Request(String method, String path, String authorization, String body) {
    }

    private record Answer(int status, String contentType, String file) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    RecordedApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} with the files in turn. */
    RecordedApi on(String method, String path, int status, String... files) {
        String contentType = status / 100 == 2 ? "application/json" : "application/problem+json";
        Deque<Answer> queue = answers.computeIfAbsent(method + " " + path, key -> new ArrayDeque<>());
        for (String file : files) {
            queue.add(new Answer(status, contentType, file));
        }
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        requests.add(new Request(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        Deque<Answer> queue = answers.get(exchange.getRequestMethod() + " " + path);
        Answer answer;
        synchronized (this) {
            answer = queue == null ? null : queue.size() > 1 ? queue.poll() : queue.peek();
        }
        byte[] bytes = answer == null ? new byte[0] : recorded(answer.file());
        if (answer != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        exchange.sendResponseHeaders(answer == null ? 500 : answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static byte[] recorded(String file) throws IOException {
        try (InputStream in = RecordedApi.class.getResourceAsStream("/replays/" + file)) {
            if (in == null) {
                throw new IOException("no recorded answer " + file);
            }
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
