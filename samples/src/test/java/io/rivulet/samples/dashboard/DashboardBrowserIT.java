package io.rivulet.samples.dashboard;

import io.rivulet.api.NewTopic;
import io.rivulet.api.Producer;
import io.rivulet.api.ProducerOptions;
import io.rivulet.api.Rivulet;
import io.rivulet.api.serde.Serdes;
import io.rivulet.engine.http.HttpListener;
import io.rivulet.engine.http.HttpSettings;
import io.rivulet.engine.metrics.EngineMetrics;
import io.rivulet.samples.TopicReads;
import io.rivulet.samples.clicks.ClickGenerator;
import io.rivulet.samples.clicks.Clickstream;
import io.rivulet.samples.kappa.JobVersion;
import io.rivulet.samples.kappa.KappaJob;
import io.rivulet.samples.kappa.Reprocessing;
import io.rivulet.samples.kappa.ServingPointer;
import io.rivulet.samples.window.BruteForce;
import io.rivulet.samples.window.Click;
import io.rivulet.samples.window.PageCount;
import io.rivulet.samples.window.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import reactor.core.publisher.Flux;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard in a real headless Chromium, against a node's WebSocket: it shows version 1's windowed
 * counts and top pages, exactly the brute-force answer; it updates as more clicks arrive; and it follows
 * the serving pointer to version 2 when the job is reprocessed. Leaves a screenshot in
 * {@code target/dashboard.png} (the README's {@code docs/images/dashboard.png} is a copy).
 *
 * <p>Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} ({@code .ci/install-browser.sh});
 * without them it fails, unless {@code -Drivulet.browser.skip=true} — the rules of the engine's
 * {@code WebPageBrowserIT}.
 */
class DashboardBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String INPUT = "clicks";

    @TempDir
    Path dir;
    @TempDir
    Path profile;
    WebDriver browser;
    ChromeDriverService driverService;
    Rivulet rivulet;
    HttpListener http;
    DashboardServer dashboard;

    @BeforeEach
    void start() {
        if (Boolean.getBoolean("rivulet.browser.skip")) {
            Assumptions.abort("skipped: -Drivulet.browser.skip=true");
        }
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the dashboard test needs " + CHROMIUM + " and " + CHROMEDRIVER + ": run .ci/install-browser.sh "
                    + "(or pass -Drivulet.browser.skip=true to skip this test knowingly)");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1100,1080", "--user-data-dir=" + profile);
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driverService, options);
        rivulet = Rivulet.embedded(dir.resolve("data"));
        http = HttpListener.start(rivulet, HttpSettings.defaults().withAddress("127.0.0.1", 0), EngineMetrics.of(rivulet));
        dashboard = DashboardServer.start("127.0.0.1", 0, http.port());
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        if (http != null) {
            http.close();
        }
        if (rivulet != null) {
            rivulet.close();
        }
    }

    @Test
    void theDashboardShowsTheWindowsLiveAndFollowsTheReprocessedVersion() throws Exception {
        rivulet.admin().createTopic(NewTopic.of(INPUT).withPartitions(4)).block();
        List<Click> clicks = new ClickGenerator(5, 4_000, 20_000).take(6_000, 1_767_225_600_000L, 15);
        Producer<String, String> producer = rivulet.producer(ProducerOptions.of(Serdes.string(), Serdes.string()));
        send(producer, clicks.subList(0, 4_000));
        JobVersion v1 = JobVersion.v1(INPUT);
        KappaJob job = KappaJob.start(rivulet, v1);
        try {
            job.awaitCaughtUp(rivulet, TIMEOUT);
            ServingPointer.point(rivulet, producer, v1.outputTopic()).block();

            browser.get(dashboard.url());
            WebDriverWait wait = new WebDriverWait(browser, TIMEOUT);
            awaitAllOf(wait, v1);
            assertShowsTheBruteForceAnswer(v1);
            long newestBefore = newestStart();

            send(producer, clicks.subList(4_000, clicks.size())); // the page updates as they are counted
            job.awaitCaughtUp(rivulet, TIMEOUT);
            awaitAllOf(wait, v1);
            assertTrue(newestStart() > newestBefore, "newer windows appeared");
            assertShowsTheBruteForceAnswer(v1);

            JobVersion v2 = JobVersion.v2(INPUT);
            job = Reprocessing.replace(rivulet, job, v2, producer, new PrintStream(OutputStream.nullOutputStream()), TIMEOUT);
            awaitAllOf(wait, v2);
            assertShowsTheBruteForceAnswer(v2);
            assertTrue(text("late").matches("\\d+"), text("late"));
        } finally {
            job.close();
        }
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits until the page reads {@code version}'s topic and has received every record in it. */
    private void awaitAllOf(WebDriverWait wait, JobVersion version) {
        long records = TopicReads.endOffsets(rivulet, version.outputTopic()).block().values().stream()
                .mapToLong(Long::longValue).sum();
        wait.withMessage(() -> "the page should read all " + records + " records of " + version.outputTopic()
                        + "; it shows: status '" + text("status") + "', topic '" + text("topic") + "', records " + text("frames"))
                .until(b -> text("topic").equals(version.outputTopic()) && text("frames").equals(String.valueOf(records)));
    }

    private void assertShowsTheBruteForceAnswer(JobVersion version) {
        BruteForce expected = BruteForce.of(inputByPartition(), version.logic());
        for (String spec : List.of("tumbling-10s", "sliding-30s")) {
            String table = spec.startsWith("tumbling") ? "tumbling" : "sliding";
            List<WebElement> rows = browser.findElements(By.cssSelector("#" + table + " tbody tr"));
            assertEquals(6, rows.size(), "the latest six windows of " + spec);
            for (WebElement row : rows) {
                long start = Long.parseLong(row.getAttribute("data-start"));
                Window w = version.logic().spec(spec).windowsFor(start).get(version.logic().spec(spec).windowsFor(start).size() - 1);
                List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
                assertEquals(List.of(time(w.start()) + "–" + time(w.end()), closed(expected, w) ? "final" : "open",
                        String.valueOf(total(expected, w)), topText(expected.globalTop(w))), cells, spec + " " + w);
            }
        }
    }

    private Map<Integer, List<Click>> inputByPartition() {
        Map<Integer, List<Click>> input = new java.util.TreeMap<>();
        TopicReads.upToEnd(rivulet, INPUT).toIterable()
                .forEach(r -> input.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(Clickstream.click(r)));
        return input;
    }

    private static boolean closed(BruteForce expected, Window w) {
        return expected.counts.entrySet().stream().filter(e -> e.getValue().containsKey(w))
                .allMatch(e -> expected.closed(e.getKey(), w));
    }

    private static long total(BruteForce expected, Window w) {
        return expected.counts.values().stream().flatMap(m -> m.getOrDefault(w, Map.of()).values().stream())
                .mapToLong(Long::longValue).sum();
    }

    private static String topText(List<PageCount> top) {
        return top.stream().map(p -> p.page() + " " + p.count()).collect(Collectors.joining(" · "));
    }

    private static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString().substring(11, 19);
    }

    private long newestStart() {
        return Long.parseLong(browser.findElement(By.cssSelector("#tumbling tbody tr")).getAttribute("data-start"));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void send(Producer<String, String> producer, List<Click> clicks) {
        producer.send(Flux.fromIterable(clicks).map(c -> Clickstream.record(INPUT, c))).blockLast();
    }
}
