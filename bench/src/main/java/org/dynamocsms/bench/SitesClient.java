package org.dynamocsms.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Sites API calls the benchmark makes, each thread on its own keep-alive connection. An answer other than the
 * expected one throws {@link Unexpected}.
 */
final class SitesClient implements Closeable {

    static final String TOKEN_HEADER = "Consistency-Token";
    private static final String SITES = "/api/v1/sites";
    private static final String CHARGERS = "/api/v1/cpo/chargers";
    private static final Pattern SITE_ID = Pattern.compile("\"site_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    record Created(String siteId, String token) {
    }

    static final class Unexpected extends Exception {
        Unexpected(String message) {
            super(message);
        }
    }

    private final Map<String, String> auth;
    private final List<HttpConnection> connections = new CopyOnWriteArrayList<>();
    private final ThreadLocal<HttpConnection> connection;

    SitesClient(URI baseUrl, String apiKey) {
        InetSocketAddress address =
                new InetSocketAddress(baseUrl.getHost(), baseUrl.getPort() < 0 ? 80 : baseUrl.getPort());
        this.auth = Map.of("Authorization", "Bearer " + apiKey);
        this.connection = ThreadLocal.withInitial(() -> {
            HttpConnection c = new HttpConnection(address, TIMEOUT);
            connections.add(c);
            return c;
        });
    }

    /** POST a valid site numbered {@code n >= 0}; expects 201 with its {@code site_id} and a consistency token. */
    Created create(int n) throws IOException, Unexpected {
        String body = String.format(Locale.ROOT,
                "{\"name\":\"Bench Site %d\",\"address\":\"%d Bench Street, Manchester\",\"max_power_kw\":%d,"
                        + "\"lat\":%.4f,\"lng\":%.4f}",
                n, n, 50 + n % 300, 53.0 + (n % 1000) / 1000.0, -2.0 - (n % 1000) / 1000.0);
        HttpConnection.Response response = send("POST", SITES, auth, body, 201);
        Matcher id = SITE_ID.matcher(response.body());
        String token = response.header(TOKEN_HEADER.toLowerCase(Locale.ROOT));
        if (!id.find() || token == null) {
            throw new Unexpected("POST " + SITES + ": 201 without site_id or " + TOKEN_HEADER + " header");
        }
        return new Created(id.group(1), token);
    }

    /** PATCH site {@code siteId}'s name and ceiling to ones numbered {@code n} (200 expected). */
    void rename(String siteId, int n) throws IOException, Unexpected {
        send("PATCH", SITES + "/" + siteId, auth, String.format(Locale.ROOT,
                "{\"name\":\"Bench Site %d renamed\",\"max_power_kw\":%d}", n, 50 + n % 300), 200);
    }

    /** POST an energy asset numbered {@code n} to site {@code siteId} (201 expected). */
    void addEnergyAsset(String siteId, int n) throws IOException, Unexpected {
        send("POST", SITES + "/" + siteId + "/energy-assets", auth, String.format(Locale.ROOT,
                "{\"type\":\"solar\",\"name\":\"Bench PV %d\",\"capacity_kw\":%d}", n, 10 + n % 90), 201);
    }

    /** POST a site for the summary benchmark; answers its id. */
    String createSite(String name, int maxPowerKw) throws IOException, Unexpected {
        String body = String.format(Locale.ROOT, "{\"name\":\"%s\",\"max_power_kw\":%d}", name, maxPowerKw);
        Matcher id = SITE_ID.matcher(send("POST", SITES, auth, body, 201).body());
        if (!id.find()) {
            throw new Unexpected("POST " + SITES + ": 201 without site_id");
        }
        return id.group(1);
    }

    /**
     * Creates {@code sites} sites named {@code name} + number, registers the chargers {@code chargerId(0..n-1)} and
     * links charger {@code i} to site {@code i % sites}; answers the site ids in order, or adds to {@code problems}.
     */
    List<String> linkedFleet(String name, int sites, int chargers, IntFunction<String> chargerId,
                             List<String> problems) throws InterruptedException {
        List<String> siteIds = Collections.synchronizedList(new ArrayList<>());
        Parallel.run(sites, 16, s -> () -> siteIds.add(createSite(name + " site " + s, 500)), problems);
        if (!problems.isEmpty()) {
            return siteIds;
        }
        siteIds.sort(null);
        Parallel.run(chargers, 16, i -> () -> {
            registerCharger(chargerId.apply(i), null);
            link(siteIds.get(i % sites), chargerId.apply(i));
        }, problems);
        return siteIds;
    }

    /** Registers a charger, with an OCPP password unless it is null (201 expected). */
    void registerCharger(String chargePointId, String password) throws IOException, Unexpected {
        registerCharger(chargePointId, password, null);
    }

    /**
     * Registers a charger, with an OCPP password unless it is null and its {@code connectors} (a JSON array) unless
     * that is null (201 expected).
     */
    void registerCharger(String chargePointId, String password, String connectors) throws IOException, Unexpected {
        String secret = password == null ? "" : ",\"password\":\"" + password + "\"";
        String rated = connectors == null ? "" : ",\"connectors\":" + connectors;
        send("POST", CHARGERS, auth, "{\"charge_point_id\":\"" + chargePointId + "\",\"vendor\":\"Bench\"" + secret
                + rated + "}", 201);
    }

    /** GET the fleet summary (200 expected); answers the JSON body. */
    String fleetSummary() throws IOException, Unexpected {
        return get("/api/v1/cpo/fleet/summary");
    }

    /** GET {@code target} (200 expected); answers the JSON body. */
    String get(String target) throws IOException, Unexpected {
        return send("GET", target, auth, null, 200).body();
    }

    /** POST any JSON {@code body} to {@code target}, expecting 201. */
    void post(String target, String body) throws IOException, Unexpected {
        send("POST", target, auth, body, 201);
    }

    /** Links a registered charger to a site (200 expected). */
    void link(String siteId, String chargePointId) throws IOException, Unexpected {
        send("POST", SITES + "/" + siteId + "/chargers/" + chargePointId + "/link", auth, null, 200);
    }

    /** GET a site's summary (200 expected); answers the JSON body. */
    String summary(String siteId) throws IOException, Unexpected {
        return send("GET", SITES + "/" + siteId + "/summary", auth, null, 200).body();
    }

    /** GET one site, with the consistency token if one is given: true on 200, false on 404. */
    boolean find(String siteId, String tokenOrNull) throws IOException, Unexpected {
        Map<String, String> headers = tokenOrNull == null ? auth
                : Map.of("Authorization", auth.get("Authorization"), TOKEN_HEADER, tokenOrNull);
        return send("GET", SITES + "/" + siteId, headers, null, 200, 404).status() == 200;
    }

    /** GET the first page of sites; expects 200 and answers the {@code total} it reports. */
    long list(int limit) throws IOException, Unexpected {
        String target = SITES + "?limit=" + limit;
        Matcher total = TOTAL.matcher(send("GET", target, auth, null, 200).body());
        if (!total.find()) {
            throw new Unexpected("GET " + target + ": 200 without total");
        }
        return Long.parseLong(total.group(1));
    }

    @Override
    public void close() {
        connections.forEach(HttpConnection::close);
    }

    private HttpConnection.Response send(String method, String target, Map<String, String> headers, String body,
                                         int... expected) throws IOException, Unexpected {
        HttpConnection.Response response = connection.get().exchange(method, target, headers, body);
        for (int status : expected) {
            if (response.status() == status) {
                return response;
            }
        }
        String text = response.body();
        throw new Unexpected(method + " " + target + ": " + response.status() + " "
                + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
    }
}
