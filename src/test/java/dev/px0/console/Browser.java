package dev.px0.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver (never a downloaded one: the paths
 * are given, so Selenium Manager never runs). Missing browser: the test fails and says what to install.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(env("PX0_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(env("PX0_CHROMEDRIVER", "/usr/bin/chromedriver"));
    /** Where the tests leave their screenshots. */
    public static final Path SHOTS = Path.of("target", "console-screenshots");

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final String base;
    private final Path profile;

    public Browser(String base) {
        requireInstalled();
        this.base = base;
        try {
            this.profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-profile-");
            Files.createDirectories(SHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--no-first-run", "--disable-extensions", "--window-size=1280,900",
                             "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Fails (never skips) with what to install when Chromium or its driver is missing. */
    static void requireInstalled() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("The console tests need Chromium and chromedriver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + ". On Debian or Ubuntu: apt-get install -y chromium chromium-driver "
                    + "(scripts/test does it when run as root); elsewhere install both and set PX0_CHROMIUM and "
                    + "PX0_CHROMEDRIVER to their paths.");
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public WebDriverWait waiting() {
        return wait;
    }

    /** Opens a console page by its hash route ({@code #/projects}) and waits for its heading. */
    public void open(String hash) {
        driver.get(base + "/" + hash);
    }

    public void get(String path) {
        driver.get(base + path);
    }

    public WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public void heading(String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
    }

    public void text(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    public void type(String css, String text) {
        WebElement el = find(css);
        el.clear();
        el.sendKeys(text);
    }

    /** Sets a field's value as a paste would (for text with characters sendKeys treats specially). */
    public void paste(String css, String text) {
        WebElement el = find(css);
        script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
               el, text);
    }

    public void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The confirmation dialog's text, after which it is confirmed. */
    public String confirm() {
        WebElement dialog = find("dialog.confirm[open]");
        String text = dialog.getText();
        click("dialog.confirm[open] [data-test=confirm-yes]");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog.confirm")));
        return text;
    }

    public void signIn(String email, String password) {
        open("#/signin");
        type("form[data-test=sign-in] [name=email]", email);
        type("form[data-test=sign-in] [name=password]", password);
        click("form[data-test=sign-in] button[type=submit]");
        heading("Projects");
        text("[data-test=me]", email);
    }

    /** Forgets the signed-in person, as a closed tab would (the server session stays). */
    public void forget() {
        get("/");
        script("sessionStorage.clear();");
        get("/console/index.html");
    }

    public String token() {
        return (String) script("return sessionStorage.getItem('px0.token');");
    }

    /** Saves a screenshot of the whole page under target/console-screenshots/NAME.png, at a given width. */
    public Path shot(String name, int width) {
        Dimension before = driver.manage().window().getSize();
        try {
            long height = (Long) script("return Math.max(document.body.scrollHeight, 600);");
            driver.manage().window().setSize(new Dimension(width, (int) Math.min(height + 120, 2400)));
            Path file = SHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** Whether the current page fits a window this wide without scrolling sideways (wide tables scroll in their box). */
    public boolean fitsWidth(int width) {
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(width, 800));
            wait.until(d -> ((Number) script("return window.innerWidth;")).intValue() <= width);
            return (Boolean) script("return document.documentElement.scrollWidth <= window.innerWidth;");
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    public Path shot(String name) {
        return shot(name, 1280);
    }

    /** What the page showed and logged, under target/console-screenshots/evidence/ (for a failing test). */
    public void evidence(String name) {
        try {
            Path dir = Files.createDirectories(SHOTS.resolve("evidence"));
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(name + ".txt"), driver.getCurrentUrl() + "\n"
                    + driver.findElement(By.tagName("body")).getText() + "\n--- console:\n"
                    + String.join("\n", consoleMessages()));
        } catch (IOException | RuntimeException e) {
            // evidence is best effort
        }
    }

    /** The browser's console messages so far (CSP violations show up here). */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile.toFile());
        }
    }

    private static void deleteQuietly(File dir) {
        File[] children = dir.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteQuietly(child);
            }
        }
        dir.delete();
    }
}
