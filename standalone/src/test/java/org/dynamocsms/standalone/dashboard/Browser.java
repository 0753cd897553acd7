package org.dynamocsms.standalone.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; {@code -Dchromium.binary} and
 * {@code -Dchromedriver} point elsewhere) driven by Selenium, with what the dashboard's tests ask of a page.
 */
final class Browser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    Browser() throws IOException {
        profile = Files.createTempDirectory("chromium-profile");
        // as the machine's own check of Chromium runs it: without background networking, which a closed network
        // answers with refused connections
        ChromeOptions options = new ChromeOptions().setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        screenshots = Path.of(System.getProperty("dashboard.screenshots", "target/dashboard-screenshots"));
        Files.createDirectories(screenshots);
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return until(d -> d.findElement(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The visible text of the element at {@code css}, once there. */
    String text(String css) {
        return find(css).getText();
    }

    /** Waits (up to 20 s) until {@code condition} answers something other than null or false. */
    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
    }

    /** Waits until the element at {@code css} shows {@code expected}. */
    void untilText(String css, String expected) {
        until(d -> expected.equals(d.findElement(By.cssSelector(css)).getText()));
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Types {@code value} into the field labelled {@code label} in {@code form}, replacing what it held. */
    void type(String form, String label, String value) {
        WebElement input = labelled(form, label);
        input.clear();
        input.sendKeys(value);
    }

    /** The control of {@code form} whose label reads {@code label}. */
    WebElement labelled(String form, String label) {
        WebElement labelElement = until(d -> d.findElement(By.cssSelector(form)).findElements(By.tagName("label"))
                .stream().filter(l -> l.getText().equals(label)).findFirst().orElse(null));
        return driver.findElement(By.id(labelElement.getAttribute("for")));
    }

    /** Form controls without a label (or aria-label): none, on every page. */
    @SuppressWarnings("unchecked")
    List<String> unlabelledControls() {
        return (List<String>) script("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))"
                + ".map(e => e.outerHTML)");
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves the page as {@code name}.png in the screenshots' directory. */
    void screenshot(String name) throws IOException {
        // the whole page: the window as tall as the page for the shot (within 4,000 pixels)
        Dimension size = driver.manage().window().getSize();
        long page = (Long) script("return document.documentElement.scrollHeight");
        resize(size.getWidth(), (int) Math.min(4_000, page + size.getHeight() - (Long) script("return innerHeight")));
        script("window.scrollTo(0, 0)");
        // two frames: the charts have followed the new size
        ((JavascriptExecutor) driver).executeAsyncScript("requestAnimationFrame(() => requestAnimationFrame(arguments[0]))");
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        resize(size.getWidth(), size.getHeight());
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
