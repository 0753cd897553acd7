package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmark against a tiny in-memory fake of the Sites API whose read store lags its writes by 15 ms, and whose
 * reads of a site wait for it as the query side does (read your writes).
 */
class SitesBenchmarkTest {

    private static final String KEY = "csk_test";
    private static final long LAG_NANOS = 15_000_000;

    private final Map<String, Long> visibleAt = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger renames = new AtomicInteger();
    private final AtomicInteger links = new AtomicInteger();
    private final AtomicInteger assets = new AtomicInteger();
    private final Set<String> chargers = ConcurrentHashMap.newKeySet();
    private final ExecutorService serverThreads = Executors.newFixedThreadPool(8);
    private volatile boolean failPagesOf50;
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void measuresEveryPhaseAgainstAWellBehavedServer() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        boolean ok = run(benchmark(output));

        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(ok).as(printed).isTrue();
        assertThat(printed).contains("failures: 0").contains("read side listed all 32 sites")
                .contains("write: create site").contains("write: PATCH site").contains("write: link charger")
                .contains("write: add energy asset").contains("writes (all)").contains("GET at once, no token")
                .contains("GET at once, with token").contains("reads (all)").contains("limit: not measured");
        // 5 warm-up sites + 5 warm-up writes (2 creates) + 60 writes (15 creates) + 10 read-your-writes creates
        assertThat(visibleAt).hasSize(32);
        assertThat(renames.get()).isEqualTo(1 + 15);
        assertThat(links.get()).isEqualTo(1 + 15);
        assertThat(assets.get()).isEqualTo(1 + 15);
        assertThat(chargers).hasSize(200);
    }

    @Test
    void failsWhenAnyRequestAnswersUnexpectedly() throws Exception {
        failPagesOf50 = true;
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        boolean ok = run(benchmark(output));

        assertThat(ok).isFalse();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("GET /api/v1/sites?limit=50: 500");
    }

    @Test
    void stopsAtOnceWhenTheApiDoesNotAnswer() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        SitesBenchmark benchmark = benchmark(output);
        server.stop(0);

        boolean ok = run(benchmark);

        assertThat(ok).isFalse();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("cannot reach the Sites API")
                .doesNotContain("write: create site");
        assertThat(visibleAt).isEmpty();
    }

    private static boolean run(SitesBenchmark benchmark) throws Exception {
        try (benchmark) {
            return benchmark.run();
        }
    }

    private SitesBenchmark benchmark(ByteArrayOutputStream output) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else each answer waits ~40 ms (Nagle)
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/sites", this::handle);
        server.createContext("/api/v1/cpo/chargers", this::handle);
        server.setExecutor(serverThreads);
        server.start();
        BenchConfig config = BenchConfig.parse(new String[] {
                "--base-url=http://127.0.0.1:" + server.getAddress().getPort(), "--api-key=" + KEY,
                "--kafka=none", "--writes=60", "--concurrency=4", "--warmup=5", "--lag-sample=10",
                "--phase-timeout-s=30"},
                Map.of());
        return new SitesBenchmark(config, new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, "{}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals("/api/v1/sites")) {
                String id = "site_" + ids.incrementAndGet();
                visibleAt.put(id, System.nanoTime() + LAG_NANOS);
                exchange.getResponseHeaders().add("Consistency-Token", id + "@1");
                answer(exchange, 201, "{\"site_id\":\"" + id + "\",\"charger_count\":0}");
            } else if (method.equals("GET") && path.equals("/api/v1/sites")) {
                boolean fail = failPagesOf50 && "limit=50".equals(exchange.getRequestURI().getQuery());
                long total = visibleAt.values().stream().filter(at -> System.nanoTime() >= at).count();
                answer(exchange, fail ? 500 : 200, "{\"sites\":[],\"total\":" + total + ",\"limit\":50}");
            } else if (method.equals("GET")) {
                Long at = visibleAt.get(path.substring("/api/v1/sites/".length()));
                if (at != null) {
                    // waits until visible, as the query side does for the caller's own writes
                    Thread.sleep(Math.max(0, (at - System.nanoTime() + 999_999) / 1_000_000));
                }
                answer(exchange, at != null && System.nanoTime() >= at ? 200 : 404, "{}");
            } else if (method.equals("POST") && path.equals("/api/v1/cpo/chargers")) {
                chargers.add(body);
                answer(exchange, 201, "{}");
            } else if (method.equals("PATCH") && visibleAt.containsKey(path.substring("/api/v1/sites/".length()))) {
                renames.incrementAndGet();
                answer(exchange, 200, "{}");
            } else if (method.equals("POST") && path.matches("/api/v1/sites/site_\\d+/chargers/BENCH-W-\\d+/link")) {
                links.incrementAndGet();
                answer(exchange, 200, "{}");
            } else if (method.equals("POST") && path.matches("/api/v1/sites/site_\\d+/energy-assets")) {
                assets.incrementAndGet();
                answer(exchange, 201, "{}");
            } else {
                answer(exchange, 405, "{}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
