package org.dynamocsms.standalone.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.as;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.dynamocsms.standalone.SimulatedCharger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The operator dashboard in a real headless Chromium against the standalone, with chargers of the independent
 * ocpp-rpc library reporting to it: signing in, the overview's counts moving live as a charger faults, the fleet
 * list's filters, a charger's page, recording a maintenance event, the uptime chart's figures against the API's,
 * the site pages and the operators' page. Saves a screenshot of each page ({@code -Ddashboard.screenshots=<dir>};
 * the README's are made with {@code ../docs/dashboard}). Needs Debian's chromium and chromium-driver, node and npm
 * (CI installs them).
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class DashboardBrowserEndToEndTest {

    private static final String PASSWORD = "dashboard-test-password";
    private static Browser browser;

    @Inject
    ApiKeyDirectory keys;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        browser.close();
    }

    /** Each test starts signed out, in a desktop-sized window, whatever the last one left. */
    @AfterEach
    void forgetTheKey() {
        browser.script("sessionStorage.clear()");
        browser.resize(1280, 1000);
    }

    @Test
    void anOperatorWatchesTheFleetLiveOpensAChargerAndRecordsMaintenance() throws Exception {
        String key = Api.newOrganisation(keys, List.of("write"));
        String siteId = as(key).contentType(ContentType.JSON).body(Map.of("name", "King Street Depot",
                        "address", "14 King Street, Manchester", "max_power_kw", 150, "lat", 53.4808, "lng", -2.2426))
                .post("/api/v1/sites").then().statusCode(201).extract().path("site_id");
        String faulting = charger(key, siteId);
        String charging = charger(key, siteId);
        try (SimulatedCharger a = new SimulatedCharger(base(), key, faulting, PASSWORD);
             SimulatedCharger b = new SimulatedCharger(base(), key, charging, PASSWORD)) {
            for (SimulatedCharger each : List.of(a, b)) {
                each.send("status 0 Available");
                each.send("status 1 Available");
            }
            b.send("start 1");
            b.send("status 1 Charging");
            b.send("meter 1 1500 7200");

            signIn(key);
            browser.untilText("[data-figure=total_chargers] dd", "2");
            browser.untilText("[data-figure=charging] dd", "1");
            browser.untilText("[data-figure=available] dd", "1");
            browser.untilText("[data-figure=current_power_kw] dd", "7.2");
            browser.until(d -> d.findElement(By.id("live-state")).getDomAttribute("data-state").equals("live"));
            assertThat(browser.text("[data-figure=faulted] dd")).isEqualTo("0");
            assertThat(browser.unlabelledControls()).isEmpty();

            // the counts move without a reload: the page's own state survives
            browser.script("window.notReloaded = true");
            a.send("status 1 Faulted GroundFailure");
            browser.untilText("[data-figure=faulted] dd", "1");
            browser.untilText("[data-figure=available] dd", "0");
            assertThat(browser.script("return window.notReloaded === true")).isEqualTo(true);
            assertThat(browser.all("[data-chart^='Map of the sites']")).hasSize(1);
            browser.screenshot("overview");

            browser.find("nav a[href='#/chargers']").click();
            browser.untilText("#page-range", "1–2 of 2");
            new Select(browser.find("#filter-status")).selectByValue("faulted");
            browser.untilText("#page-range", "1–1 of 1");
            assertThat(browser.text("#chargers tbody")).contains(faulting).doesNotContain(charging);
            new Select(browser.find("#filter-status")).selectByValue("charging");
            browser.untilText("#page-range", "1–1 of 1");
            assertThat(browser.text("#chargers tbody")).contains(charging).doesNotContain(faulting);
            new Select(browser.find("#filter-status")).selectByValue("");
            browser.untilText("#page-range", "1–2 of 2");
            assertThat(browser.unlabelledControls()).isEmpty();
            browser.screenshot("chargers");

            browser.find("#chargers a[href='#/chargers/" + faulting + "']").click();
            browser.untilText("h1", "Charger " + faulting);
            assertThat(browser.text("#connectors")).contains("Type2").contains("Faulted");
            assertThat(browser.text("#error-history")).contains("GroundFailure");
            assertThat(browser.text("#diagnostics")).contains("1.6").contains("1.2.3");
            recordMaintenance(faulting);
            assertThat(browser.unlabelledControls()).isEmpty();
            browser.screenshot("charger");

            uptimeChartShowsTheApisFigures(key);
            browser.screenshot("analytics");

            browser.open(base() + "/dashboard/#/sites/" + siteId);
            browser.untilText("#site-summary [data-figure=faulted] dd", "1");
            browser.untilText("#site-summary [data-figure=current_power_kw] dd", "7.2");
            assertThat(browser.text("#site-chargers")).contains(faulting).contains(charging);
            browser.type("#edit-site", "Max power (kW)", "200");
            browser.find("#edit-site button[type=submit]").click();
            browser.until(d -> d.findElement(By.cssSelector(".notice-ok")).getText().equals("Site saved."));
            assertThat(as(key).get("/api/v1/sites/" + siteId).then().statusCode(200).extract()
                    .<Number>path("max_power_kw").doubleValue()).isEqualTo(200.0);
            browser.find("#site-chargers button[aria-label='Unlink " + faulting + "']").click();
            browser.until(d -> d.findElement(By.cssSelector(".notice-ok")).getText().equals(faulting + " unlinked."));
            assertThat(as(key).get("/api/v1/cpo/chargers/" + faulting).then().extract().<String>path("site_id"))
                    .isNull();
            browser.type("#link-charger", "Charger id", faulting);
            browser.find("#link-charger button[type=submit]").click();
            browser.until(d -> d.findElement(By.cssSelector(".notice-ok")).getText().equals(faulting + " linked."));
            assertThat(as(key).get("/api/v1/cpo/chargers/" + faulting).then().extract().<String>path("site_id"))
                    .isEqualTo(siteId);
            new Select(browser.labelled("#add-asset", "Type")).selectByValue("solar");
            browser.type("#add-asset", "Name", "Rooftop PV Array");
            browser.type("#add-asset", "Capacity (kW)", "50");
            browser.find("#add-asset button[type=submit]").click();
            browser.until(d -> d.findElement(By.cssSelector(".notice-ok")).getText().equals("Rooftop PV Array added."));
            assertThat(as(key).get("/api/v1/sites/" + siteId + "/energy-assets").then().extract()
                    .<List<String>>path("energy_assets.name")).containsExactly("Rooftop PV Array");
            browser.untilText("#site-summary [data-figure=faulted] dd", "1");
            browser.screenshot("site");

            browser.open(base() + "/dashboard/#/sites");
            browser.type("#create-site", "Name", "Canal Street Hub");
            browser.type("#create-site", "Max power (kW)", "75");
            browser.type("#create-site", "Latitude", "53.4775");
            browser.type("#create-site", "Longitude", "-2.2366");
            browser.find("#create-site button[type=submit]").click();
            browser.untilText("h1", "Canal Street Hub");
            assertThat(as(key).get("/api/v1/sites?limit=10").then().statusCode(200).extract()
                    .<List<String>>path("sites.name")).containsExactlyInAnyOrder("King Street Depot", "Canal Street Hub");
            browser.open(base() + "/dashboard/#/sites");
            browser.until(d -> d.findElement(By.id("sites")).getText().contains("Canal Street Hub"));
            browser.screenshot("sites");

            // a phone-sized screen: nothing wider than the screen but the tables, which scroll in their own box
            browser.resize(390, 844);
            browser.open(base() + "/dashboard/#/");
            browser.untilText("[data-figure=faulted] dd", "1");
            assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .isEqualTo(true);
            browser.screenshot("overview-phone");
        }
        browser.find("#sign-out").click();
    }

    @Test
    void badInputIsRefusedWithTheApisReasonAndChangesNothing() throws Exception {
        String key = Api.newOrganisation(keys, List.of("write"));
        String siteId = Api.site(key, "Depot");
        String chargerId = charger(key, siteId);
        browser.open(base() + "/"); // the service's root leads to the dashboard
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(base() + "/dashboard/");
        browser.labelled("#sign-in", "API key").sendKeys("csk_not_a_key_of_anyone" + Keys.ENTER);
        browser.until(d -> d.findElement(By.cssSelector("#main .notice-error")).getText()
                .equals("No live API key matches that."));
        assertThat(browser.find("#nav").isDisplayed()).isFalse();

        signIn(key);
        browser.open(base() + "/dashboard/#/sites");
        browser.type("#create-site", "Name", "Zero Power");
        browser.type("#create-site", "Max power (kW)", "0");
        browser.find("#create-site button[type=submit]").click();
        browser.until(d -> d.findElement(By.cssSelector("#main .notice-error")).getText()
                .equals("max_power_kw: must be greater than 0"));
        assertThat(as(key).get("/api/v1/sites").then().statusCode(200).extract().<Integer>path("total")).isEqualTo(1);

        browser.open(base() + "/dashboard/#/chargers/" + chargerId);
        browser.type("#maintenance-form", "Description", "Not done yet");
        setDateTime("Scheduled at (UTC)", "2026-01-01T09:00");
        setDateTime("Completed at (UTC)", "2099-01-01T09:00");
        browser.find("#maintenance-form button[type=submit]").click();
        browser.until(d -> d.findElement(By.cssSelector("#main .notice-error")).getText()
                .equals("completed_at: must not be more than 5 minutes in the future"));
        assertThat(as(key).get("/api/v1/cpo/chargers/" + chargerId + "/maintenance").then().statusCode(200)
                .extract().<List<?>>path("events")).isEmpty();

        browser.open(base() + "/dashboard/#/chargers");
        browser.type("form[role=search]", "Charger id", "NO-SUCH-CHARGER" + Keys.ENTER);
        browser.until(d -> d.findElement(By.cssSelector("#main .notice-error")).getText()
                .equals("No charger NO-SUCH-CHARGER in your fleet."));
        browser.find("#sign-out").click();
    }

    @Test
    void anOperatorKeySeesTheReplaysAndTheOrganisationsAndMakesAKey() throws Exception {
        String writer = Api.newOrganisation(keys, List.of("write"));
        signIn(writer);
        assertThat(browser.find("#nav-operators").isDisplayed()).isFalse();
        browser.find("#sign-out").click();

        String operator = Api.newOrganisation(keys, List.of("operator"));
        String organisationId = as(operator).contentType(ContentType.JSON).body(Map.of("name", "Acme Charging"))
                .post("/admin/organisations").then().statusCode(201).extract().path("organisation_id");
        as(operator).contentType(ContentType.JSON).body("{}").post("/admin/replays/charger-history").then()
                .statusCode(202);
        try {
            signIn(operator);
            browser.find("#nav-operators").click();
            // the replay and its progress, as the page reads them again
            browser.until(d -> d.findElement(By.id("replays")).getText().contains("charger-history"));
            browser.find("#replays progress[aria-label^='charger-history']");
            makeAKey(operator, organisationId);
        } finally {
            // a replay without comparison switches itself once caught up: then there is nothing to cancel
            as(operator).delete("/admin/replays/charger-history").then().statusCode(anyOf(is(200), is(404)));
        }
        browser.find("#sign-out").click();
    }

    /** On the operators' page, a key for {@code organisationId}: shown once, listed, and it works. */
    private void makeAKey(String operator, String organisationId) throws Exception {
        WebElement acme = browser.until(d -> d.findElements(By.cssSelector("#main .panel")).stream()
                .filter(panel -> panel.getText().contains(organisationId)).findFirst().orElse(null));
        WebElement name = acme.findElement(By.xpath(".//label[text()='Key name']/following-sibling::input"));
        name.sendKeys("dashboard");
        new Select(acme.findElement(By.tagName("select"))).selectByValue("read");
        acme.findElement(By.cssSelector("button[type=submit]")).click();
        String made = browser.until(d -> acme.findElement(By.cssSelector(".secret")).getText());
        assertThat(made).startsWith("csk_");
        JsonPath listed = as(operator).get("/admin/organisations/" + organisationId + "/api-keys").then()
                .statusCode(200).extract().jsonPath();
        assertThat(listed.getList("name")).containsExactly("dashboard");
        assertThat(listed.getList("scopes")).containsExactly(List.of("read"));
        Api.as(made).get("/api/v1/sites").then().statusCode(200);
        assertThat(browser.unlabelledControls()).isEmpty();
        browser.screenshot("operators");
    }

    @Test
    void theDashboardsPagesAloneAreServedWithAContentSecurityPolicy() {
        for (String page : List.of("/dashboard/", "/dashboard/js/app.js", "/dashboard/dashboard.css")) {
            RestAssured.get(page).then().statusCode(200).header("Content-Security-Policy",
                    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        }
        RestAssured.get("/api/v1/sites").then().statusCode(401).header("Content-Security-Policy", nullValue());
        RestAssured.get("/q/openapi").then().statusCode(200).header("Content-Security-Policy", nullValue());
    }

    /** Records an event through the charger page's form; the page and the API show it. */
    private void recordMaintenance(String chargerId) {
        browser.type("#maintenance-form", "Description", "Replace connector 1 holster");
        browser.type("#maintenance-form", "Technician", "J. Smith");
        new Select(browser.labelled("#maintenance-form", "Type")).selectByValue("reactive");
        String scheduled = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toString();
        setDateTime("Scheduled at (UTC)", scheduled.substring(0, 16));
        browser.find("#maintenance-form button[type=submit]").click();
        browser.until(d -> d.findElement(By.cssSelector("#main .notice-ok")).getText().startsWith("Recorded mnt_"));
        browser.until(d -> d.findElement(By.id("maintenance")).getText().contains("Replace connector 1 holster"));
        JsonPath events = as(browserKey()).get("/api/v1/cpo/chargers/" + chargerId + "/maintenance").then()
                .statusCode(200).extract().jsonPath();
        assertThat(events.getString("events[0].type")).isEqualTo("reactive");
        assertThat(events.getString("events[0].technician")).isEqualTo("J. Smith");
        assertThat(events.getString("events[0].scheduled_at")).isEqualTo(scheduled);
    }

    /** The uptime chart and table over a period that has ended (so its figures are final) equal the API's answer. */
    private void uptimeChartShowsTheApisFigures(String key) {
        String to = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String from = Instant.parse(to).minus(1, ChronoUnit.DAYS).toString();
        browser.open(base() + "/dashboard/#/analytics?from=" + from + "&to=" + to);
        browser.find("#uptime-chart");
        @SuppressWarnings("unchecked")
        Map<String, List<Object>> chart = (Map<String, List<Object>>) browser.script("""
                const option = echarts.getInstanceByDom(document.getElementById('uptime-chart')).getOption();
                return { chargers: option.xAxis[0].data, uptime: option.series[0].data };""");
        Map<String, Double> shown = new LinkedHashMap<>();
        for (int i = 0; i < chart.get("chargers").size(); i++) {
            Object value = chart.get("uptime").get(i);
            shown.put((String) chart.get("chargers").get(i), value == null ? null : ((Number) value).doubleValue());
        }
        JsonPath api = as(key).queryParam("from", from).queryParam("to", to).get("/api/v1/cpo/fleet/uptime").then()
                .statusCode(200).extract().jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        Map<String, Double> answered = new LinkedHashMap<>();
        for (Map<String, Object> charger : api.<Map<String, Object>>getList("chargers")) {
            Object value = charger.get("uptime_percent");
            answered.put((String) charger.get("charge_point_id"), value == null ? null : ((Number) value).doubleValue());
        }
        assertThat(answered).hasSize(2);
        assertThat(shown).isEqualTo(answered);
        String table = browser.text("#uptime tbody");
        answered.forEach((charger, uptime) -> assertThat(table).contains(charger + " King Street Depot "
                + BigDecimal.valueOf(uptime).stripTrailingZeros().toPlainString() + " "));
        browser.until(d -> d.findElements(By.tagName("summary")).stream()
                .filter(summary -> summary.getText().equals("How uptime is defined")).findFirst().orElse(null)).click();
        assertThat(browser.text("main")).contains("A charger is up while it is connected and usable");
    }

    private void signIn(String key) {
        browser.open(base() + "/dashboard/");
        browser.labelled("#sign-in", "API key").sendKeys(key + Keys.ENTER);
        browser.find("#fleet-figures");
    }

    private String browserKey() {
        return (String) browser.script("return sessionStorage.getItem('csms.api-key')");
    }

    /** Sets a datetime-local field (whose typing depends on the browser's locale) as a user's picker would. */
    private void setDateTime(String label, String value) {
        WebElement input = browser.labelled("#maintenance-form", label);
        browser.script("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", input, value);
    }

    /** Registers a charger with a password and one Type2 connector, linked to {@code siteId}; answers its id. */
    private static String charger(String key, String siteId) {
        String id = "DASH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        as(key).contentType(ContentType.JSON).body(Map.of("charge_point_id", id, "vendor", "Alfen", "model", "Eve",
                        "password", PASSWORD, "connectors", List.of(Map.of("connector_id", 1, "type", "Type2",
                                "max_power_kw", 22))))
                .post("/api/v1/cpo/chargers").then().statusCode(201);
        as(key).post("/api/v1/sites/" + siteId + "/chargers/" + id + "/link").then().statusCode(200);
        return id;
    }

    private static String base() {
        return "http://127.0.0.1:" + RestAssured.port;
    }
}
