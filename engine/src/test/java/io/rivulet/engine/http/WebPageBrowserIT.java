package io.rivulet.engine.http;

import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.ProducerRecord;
import io.rivulet.api.serde.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The sample page in a real headless Chromium: it lists the topics, connects from the chosen start,
 * shows records as they are produced, and after its socket drops resumes without replaying. Leaves a
 * screenshot in {@code target/web-page.png} (the README's {@code docs/images/web-page.png} is a copy).
 * On a node with a token, the page asks for it before it lists anything.
 *
 * <p>Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} ({@code .ci/install-browser.sh});
 * without them it fails, unless {@code -Drivulet.browser.skip=true}.
 */
class WebPageBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;
    @TempDir
    Path profile;
    HttpFixture fx;
    WebDriver browser;
    ChromeDriverService driverService;

    @BeforeEach
    void start() {
        if (Boolean.getBoolean("rivulet.browser.skip")) {
            Assumptions.abort("skipped: -Drivulet.browser.skip=true");
        }
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the web page test needs " + CHROMIUM + " and " + CHROMEDRIVER + ": run .ci/install-browser.sh "
                    + "(or pass -Drivulet.browser.skip=true to skip this test knowingly)");
        }
        // Both paths given, so Selenium Manager has nothing to find or download.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1100,700", "--user-data-dir=" + profile);
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driverService, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void thePageShowsRecordsAsTheyArriveAndResumesAfterItsSocketDrops() throws Exception {
        fx = HttpFixture.start(dir.resolve("data"));
        fx.rivulet.admin().createTopic(NewTopic.of("clicks").withPartitions(2)).block();
        fx.rivulet.admin().createTopic(NewTopic.of("orders")).block();
        Producer<String, String> producer = fx.rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()));
        producer.send(new ProducerRecord<>("clicks", 0, "user-1", "/home", null, io.rivulet.api.Headers.empty())).block();
        producer.send(new ProducerRecord<>("clicks", 1, "user-2", "/pricing", null, io.rivulet.api.Headers.empty())).block();

        browser.get(fx.uri("/").toString());
        WebDriverWait wait = new WebDriverWait(browser, HttpFixture.TIMEOUT);
        wait.until(b -> new Select(b.findElement(By.id("topic"))).getOptions().size() == 2);
        assertTrue(!browser.findElement(By.id("login")).isDisplayed(), "an open node asks for no token");
        new Select(browser.findElement(By.id("topic"))).selectByValue("clicks");
        new Select(browser.findElement(By.id("from"))).selectByValue("earliest");
        browser.findElement(By.id("connect")).click();
        wait.until(b -> b.findElement(By.id("status")).getText().startsWith("Connected"));
        wait.until(b -> rows().size() == 2); // the history, from earliest

        for (int i = 0; i < 3; i++) {
            producer.send(ProducerRecord.of("clicks", "user-" + (3 + i), "/docs/page-" + i)).block();
        }
        wait.until(b -> rows().size() == 5);
        assertTrue(tableText().contains("/docs/page-2"), tableText());

        // Drop the socket under the page: it reconnects from the positions it saw, replaying nothing.
        ((JavascriptExecutor) browser).executeScript("socket.close()");
        wait.until(b -> b.findElement(By.id("status")).getText().contains("positions:"));
        wait.until(b -> b.findElement(By.id("status")).getText().startsWith("Connected"));
        producer.send(ProducerRecord.of("clicks", "user-9", "/after-reconnect")).block();
        wait.until(b -> tableText().contains("/after-reconnect"));
        List<WebElement> rows = rows();
        Set<String> seen = new HashSet<>();
        for (WebElement row : rows) {
            assertTrue(seen.add(row.getAttribute("data-partition") + "/" + row.getAttribute("data-offset")),
                    "a record shown twice: " + tableText());
        }
        assertEquals(6, rows.size(), tableText());

        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", "web-page.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void onANodeWithATokenThePageAsksForItAndThenStreamsWithIt() {
        fx = HttpFixture.secured(dir.resolve("data"), "page-token", null, null);
        fx.rivulet.admin().createTopic(NewTopic.of("clicks")).block();
        Producer<String, String> producer = fx.rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()));
        producer.send(ProducerRecord.of("clicks", "user-1", "/home")).block();

        browser.get(fx.uri("/").toString());
        WebDriverWait wait = new WebDriverWait(browser, HttpFixture.TIMEOUT);
        wait.until(b -> b.findElement(By.id("login")).isDisplayed());
        assertTrue(status().contains("requires a token"), status());

        browser.findElement(By.id("token")).sendKeys("not-it");
        browser.findElement(By.id("useToken")).click();
        wait.until(b -> status().contains("refused"));
        assertTrue(browser.findElement(By.id("login")).isDisplayed());

        browser.findElement(By.id("token")).sendKeys("page-token");
        browser.findElement(By.id("useToken")).click();
        wait.until(b -> new Select(b.findElement(By.id("topic"))).getOptions().size() == 1);
        assertTrue(!browser.findElement(By.id("login")).isDisplayed());
        new Select(browser.findElement(By.id("from"))).selectByValue("earliest");
        browser.findElement(By.id("connect")).click();
        wait.until(b -> status().startsWith("Connected")); // the socket carried the token too
        wait.until(b -> rows().size() == 1);
        producer.send(ProducerRecord.of("clicks", "user-2", "/pricing")).block();
        wait.until(b -> tableText().contains("/pricing"));
    }

    private String status() {
        return browser.findElement(By.id("status")).getText();
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#records tbody tr"));
    }

    private String tableText() {
        return browser.findElement(By.id("records")).getText();
    }
}
