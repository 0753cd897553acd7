package org.dynamocsms.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One blocking HTTP/1.1 keep-alive connection, used by one thread at a time. Why not the JDK's HttpClient: on this
 * 2-core machine it costs ~0.4 ms of CPU per request (HttpURLConnection ~0.15 ms, this ~0.06 ms), CPU that the
 * server under test needs; at 5,000 requests/s HttpClient alone would want both cores. It also sends request
 * targets exactly as given (the REST fuzz suite's {@code /api/v1/sites/%}), which {@code java.net.URI} refuses.
 */
public final class HttpConnection implements Closeable {

    public record Response(int status, Map<String, String> headers, String body) {
        /** A header by its lower-case name, or null. */
        public String header(String lowerCaseName) {
            return headers.get(lowerCaseName);
        }
    }

    /** The connection ended before the request was sent or answered: the server never took it. */
    private static final class NoResponse extends EOFException {
        NoResponse() {
            super("connection closed by the server before it took the request");
        }
    }

    private final InetSocketAddress address;
    private final Duration timeout;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    public HttpConnection(InetSocketAddress address, Duration timeout) {
        this.address = address;
        this.timeout = timeout;
    }

    /** Sends one request (body as JSON if given) and reads the whole response. */
    public Response exchange(String method, String target, Map<String, String> headers, String jsonBody) throws IOException {
        byte[] request = encode(method, target, headers, jsonBody);
        boolean reused = socket != null;
        try {
            return roundTrip(request);
        } catch (NoResponse staleConnection) {
            if (!reused) {
                throw staleConnection;
            }
            // the server had closed this idle keep-alive connection: send the request again, once
            return roundTrip(request);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do about a failing close
            }
            socket = null;
        }
    }

    private Response roundTrip(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            try {
                out.write(request);
                out.flush();
            } catch (SocketException closedByServer) {
                return earlyAnswer();
            }
            Response response = read();
            if ("close".equalsIgnoreCase(response.header("connection"))) {
                close();
            }
            return response;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /**
     * The answer a server sent before it stopped reading the request (a 413 to a body too large, RFC 9112 section
     * 9.3), if it can still be read.
     */
    private Response earlyAnswer() throws NoResponse {
        try {
            Response response = read();
            close();
            return response;
        } catch (IOException none) {
            throw new NoResponse();
        }
    }

    /** Connects; if that fails the connection stays unconnected, and the next exchange tries again. */
    private void connect() throws IOException {
        Socket connecting = new Socket();
        try {
            connecting.setTcpNoDelay(true);
            connecting.connect(address, (int) timeout.toMillis());
            connecting.setSoTimeout((int) timeout.toMillis());
            out = connecting.getOutputStream();
            in = new BufferedInputStream(connecting.getInputStream());
        } catch (IOException e) {
            connecting.close();
            throw e;
        }
        socket = connecting;
    }

    private byte[] encode(String method, String target, Map<String, String> headers, String jsonBody) {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(address.getHostString()).append(':').append(address.getPort()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (jsonBody != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private Response read() throws IOException {
        int first;
        try {
            first = in.read();
        } catch (SocketException reset) {
            first = -1;
        }
        if (first < 0) {
            throw new NoResponse();
        }
        String statusLine = (char) first + line();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new HashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(), header.substring(colon + 1).trim());
        }
        byte[] body;
        if (status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunks();
        } else if (headers.containsKey("content-length")) {
            body = exactly(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes(); // delimited by the server closing the connection
            headers.put("connection", "close");
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
            body.write(exactly(size));
            line();
        }
        while (!line().isEmpty()) {
            // trailers: none expected, skip them
        }
        return body.toByteArray();
    }

    private int chunkSize() throws IOException {
        String line = line();
        int extension = line.indexOf(';');
        return Integer.parseInt(extension < 0 ? line.trim() : line.substring(0, extension).trim(), 16);
    }

    private byte[] exactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("connection closed inside a response body");
        }
        return bytes;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
