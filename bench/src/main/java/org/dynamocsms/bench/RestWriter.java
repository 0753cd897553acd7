package org.dynamocsms.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One REST client thread living through crashes: at a steady rate it creates sites (with an Idempotency-Key),
 * PATCHes them, registers chargers and links them to its sites. A request that gets no answer or a 5xx is sent
 * again, unchanged (same Idempotency-Key), until it is answered; every 2xx is recorded with the state it
 * acknowledged. Each writer only touches its own sites and chargers, so the last acknowledged state of each is
 * the one the read side must show.
 */
final class RestWriter implements Runnable {

    /** Counts shared by every writer of a run. */
    record Tally(AtomicLong acknowledged, AtomicLong resent, AtomicLong serverErrors, List<String> problems) {
        Tally(List<String> problems) {
            this(new AtomicLong(), new AtomicLong(), new AtomicLong(), problems);
        }
    }

    /** What the verification found wrong in one writer's records. */
    record Findings(int sites, int chargers, int missing, int wrongState, int idempotencyMismatches) {
    }

    /** An acknowledged site: the create that made it, then its last acknowledged PATCH and write token. */
    private static final class Site {
        final String idempotencyKey;
        final String createBody;
        final String name;
        int maxPowerKw;
        String token;

        Site(String idempotencyKey, String createBody, String name, int maxPowerKw, String token) {
            this.idempotencyKey = idempotencyKey;
            this.createBody = createBody;
            this.name = name;
            this.maxPowerKw = maxPowerKw;
            this.token = token;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITES = "/api/v1/sites";
    private static final String CHARGERS = "/api/v1/cpo/chargers";
    private static final long RESEND_MILLIS = 200;
    private static final Duration GIVE_UP = Duration.ofMinutes(5);

    private final String name;
    private final HttpConnection http;
    private final Map<String, String> auth;
    private final long periodNanos;
    private final Tally tally;
    private final Map<String, Site> sites = new LinkedHashMap<>();
    /** Registered charger id to the site it was last linked to (null: never linked). */
    private final Map<String, String> chargers = new LinkedHashMap<>();
    private volatile boolean running = true;
    private int sequence;

    /** Writer {@code name} (unique in the run) sending {@code writesPerSecond} writes. */
    RestWriter(String name, URI baseUrl, String apiKey, double writesPerSecond, Tally tally) {
        this.name = name;
        this.http = new HttpConnection(new InetSocketAddress(baseUrl.getHost(), baseUrl.getPort()),
                Duration.ofSeconds(10));
        this.auth = Map.of("Authorization", "Bearer " + apiKey);
        this.periodNanos = (long) (1e9 / writesPerSecond);
        this.tally = tally;
    }

    /** Ends the loop after the write in progress is acknowledged. */
    void stop() {
        running = false;
    }

    @Override
    public void run() {
        long next = System.nanoTime();
        try {
            while (running) {
                write();
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } else {
                    next = System.nanoTime(); // after an outage: go on at the rate, do not catch up
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            tally.problems().add(name + " stopped: " + e);
        } finally {
            http.close();
        }
    }

    private void write() throws IOException, InterruptedException {
        int dice = ThreadLocalRandom.current().nextInt(100);
        if (sites.size() < 2 || dice < 30) {
            createSite();
        } else if (dice < 60) {
            patchSite(pick(new ArrayList<>(sites.keySet())));
        } else if (chargers.isEmpty() || dice < 80) {
            registerCharger();
        } else {
            link(pick(new ArrayList<>(chargers.keySet())), pick(new ArrayList<>(sites.keySet())));
        }
    }

    private void createSite() throws IOException, InterruptedException {
        String key = name + "-" + (++sequence);
        String siteName = "Crash " + key;
        int maxPowerKw = 1 + ThreadLocalRandom.current().nextInt(1000);
        String body = String.format(Locale.ROOT, "{\"name\":\"%s\",\"max_power_kw\":%d}", siteName, maxPowerKw);
        HttpConnection.Response created = untilAnswered("POST", SITES, Map.of("Idempotency-Key", key), body);
        if (expect(created, "POST " + SITES + " " + key, 201)) {
            String siteId = JSON.readTree(created.body()).path("site_id").asText();
            sites.put(siteId, new Site(key, body, siteName, maxPowerKw, created.header("consistency-token")));
        }
    }

    private void patchSite(String siteId) throws IOException, InterruptedException {
        int maxPowerKw = 1 + ThreadLocalRandom.current().nextInt(1000);
        HttpConnection.Response patched = untilAnswered("PATCH", SITES + "/" + siteId, Map.of(),
                "{\"max_power_kw\":" + maxPowerKw + "}");
        if (expect(patched, "PATCH " + siteId, 200)) {
            Site site = sites.get(siteId);
            site.maxPowerKw = maxPowerKw;
            site.token = patched.header("consistency-token");
        }
    }

    private void registerCharger() throws IOException, InterruptedException {
        String chargerId = "CR-" + name + "-" + (++sequence);
        HttpConnection.Response registered = untilAnswered("POST", CHARGERS, Map.of(),
                "{\"charge_point_id\":\"" + chargerId + "\",\"vendor\":\"Bench\"}");
        // the identity is this run's alone: a 409 means an unanswered attempt registered it
        if (expect(registered, "POST " + CHARGERS + " " + chargerId, 201, 409)) {
            chargers.put(chargerId, null);
        }
    }

    private void link(String chargerId, String siteId) throws IOException, InterruptedException {
        HttpConnection.Response linked = untilAnswered("POST",
                SITES + "/" + siteId + "/chargers/" + chargerId + "/link", Map.of(), null);
        if (expect(linked, "link " + chargerId + " to " + siteId, 200)) {
            chargers.put(chargerId, siteId);
        }
    }

    /** Sends the request until it is answered with something other than a 5xx; gives up after 5 minutes. */
    private HttpConnection.Response untilAnswered(String method, String target, Map<String, String> headers,
                                                  String body) throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(auth);
        all.putAll(headers);
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (true) {
            try {
                HttpConnection.Response response = http.exchange(method, target, all, body);
                if (response.status() < 500) {
                    return response;
                }
                tally.serverErrors().incrementAndGet();
            } catch (IOException unanswered) {
                http.close();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(method + " " + target + " unanswered for " + GIVE_UP);
            }
            tally.resent().incrementAndGet();
            Thread.sleep(RESEND_MILLIS);
        }
    }

    private boolean expect(HttpConnection.Response response, String what, int... statuses) {
        for (int status : statuses) {
            if (response.status() == status) {
                tally.acknowledged().incrementAndGet();
                return true;
            }
        }
        tally.problems().add(name + ": " + what + " answered " + response.status() + " " + response.body());
        return false;
    }

    private static String pick(List<String> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    /** How many chargers this writer registered (acknowledged). */
    int chargerCount() {
        return chargers.size();
    }

    /** The site ids this writer's acknowledged creates made. */
    List<String> siteIds() {
        return new ArrayList<>(sites.keySet());
    }

    /**
     * Reads back every acknowledged write (after {@link #run()} ended): each site at its last acknowledged state
     * (read with that write's Consistency-Token), each create's Idempotency-Key answering the same site again, each
     * charger registered and linked to its last acknowledged site.
     */
    Findings verify() throws IOException, InterruptedException {
        int missing = 0;
        int wrong = 0;
        int mismatches = 0;
        for (Map.Entry<String, Site> entry : sites.entrySet()) {
            Site site = entry.getValue();
            HttpConnection.Response read = http.exchange("GET", SITES + "/" + entry.getKey(),
                    with("Consistency-Token", site.token), null);
            if (read.status() == 404) {
                missing++;
                tally.problems().add(name + ": site " + entry.getKey() + " missing");
                continue;
            }
            JsonNode shown = JSON.readTree(read.body());
            if (!site.name.equals(shown.path("name").asText()) || site.maxPowerKw != shown.path("max_power_kw").asInt()) {
                wrong++;
                tally.problems().add(name + ": site " + entry.getKey() + " shows " + read.body() + ", acknowledged "
                        + site.name + " / " + site.maxPowerKw + " kW");
            }
            HttpConnection.Response again = http.exchange("POST", SITES, with("Idempotency-Key", site.idempotencyKey),
                    site.createBody);
            String againId = again.status() == 201 ? JSON.readTree(again.body()).path("site_id").asText() : null;
            if (!entry.getKey().equals(againId)) {
                mismatches++;
                tally.problems().add(name + ": key " + site.idempotencyKey + " made " + entry.getKey()
                        + ", a repeat answers " + again.status() + " " + again.body());
            }
        }
        for (Map.Entry<String, String> entry : chargers.entrySet()) {
            String expected = entry.getValue();
            JsonNode shown = awaitCharger(entry.getKey(), expected);
            if (shown == null) {
                missing++;
                tally.problems().add(name + ": charger " + entry.getKey() + " missing");
            } else if (!String.valueOf(expected).equals(shown.path("site_id").isNull() ? "null"
                    : shown.path("site_id").asText())) {
                wrong++;
                tally.problems().add(name + ": charger " + entry.getKey() + " shows " + shown + ", acknowledged "
                        + "site " + expected);
            }
        }
        return new Findings(sites.size(), chargers.size(), missing, wrong, mismatches);
    }

    /** The charger as read, once it shows {@code siteId} or after 10 s; null if it is not there. */
    private JsonNode awaitCharger(String chargerId, String siteId)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HttpConnection.Response read = http.exchange("GET", CHARGERS + "/" + chargerId, auth, null);
            JsonNode shown = read.status() == 200 ? JSON.readTree(read.body()) : null;
            boolean matches = shown != null && (siteId == null ? shown.path("site_id").isNull()
                    : siteId.equals(shown.path("site_id").asText()));
            if (matches || System.nanoTime() > deadline) {
                return shown;
            }
            Thread.sleep(100);
        }
    }

    private Map<String, String> with(String header, String value) {
        Map<String, String> headers = new HashMap<>(auth);
        headers.put(header, value);
        return headers;
    }
}
