package caravan.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's chromium and chromium-driver, which .ci/test installs when missing)
 * for a test class, with the console of one server open in it. Both executables are named, so
 * Selenium never looks for or downloads a browser; the flags keep Chromium from dialling out on its
 * own (updates, sync, QUIC probes), which a closed network would fail anyway.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final Path profile;
    private final String origin;

    private ConsoleBrowser(ChromeDriver driver, Path profile, String origin) {
        this.driver = driver;
        this.profile = profile;
        this.origin = origin;
    }

    static ConsoleBrowser open(int port) throws IOException {
        Path profile = Files.createTempDirectory("caravan-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1360,900", "--force-prefers-reduced-motion");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ConsoleBrowser(new ChromeDriver(service, options), profile, "http://127.0.0.1:" + port);
    }

    String origin() {
        return origin;
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens the console signed out (this tab's stored credentials cleared). */
    void openSignedOut() {
        driver.get(origin + "/console");
        driver.executeScript("sessionStorage.clear(); location.hash = '#/'; location.reload();");
        find(By.id("username"));
    }

    void signIn(String username, String password) {
        openSignedOut();
        type(By.id("username"), username);
        type(By.id("password"), password);
        driver.findElement(By.id("sign-in")).click();
    }

    void signedInAs(String username, String password) {
        signIn(username, password);
        until(d -> d.findElement(By.id("who-name")).getText().equals(username));
    }

    void go(String hash) {
        driver.executeScript("location.hash = arguments[0];", hash);
    }

    void type(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks the element, found again if the page re-rendered it before the click landed. */
    void click(By by) {
        until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    WebElement find(By by) {
        return until(d -> {
            WebElement e = d.findElement(by);
            return e.isDisplayed() ? e : null;
        });
    }

    /** Waits for a condition over elements the page re-renders each second (a stale one is asked again). */
    <T> T until(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition::apply);
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
