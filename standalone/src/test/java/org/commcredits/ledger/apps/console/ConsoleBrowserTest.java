package org.commcredits.ledger.apps.console;

import org.commcredits.ledger.apps.StandaloneApplication;
import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (headless Debian chromium through chromedriver) against the standalone
 * application on H2, started once: the journey of issue 14. Sign in, fund and see the balance change, set
 * auto-recharge, bulk-assign from a CSV and watch the progress bar reach 100%, move the as-of slider,
 * download a CSV and a PDF, and a tenant-bound user refused another tenant's page. Every page is saved as
 * a screenshot under {@code target/console-screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int BULK_USERS = 1_000;

    private ConfigurableApplicationContext app;
    private String base;
    private LedgerHttp http;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private final Path shots = Path.of("target", "console-screenshots");
    private final Path downloads = Path.of("target", "console-downloads").toAbsolutePath();

    @BeforeAll
    void start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("chromium and chromium-driver are needed (.ci/run installs them with apt-get)");
        }
        Assumptions.assumeTrue(present, "chromium or chromedriver missing: apt-get install -y chromium chromium-driver");
        app = new SpringApplicationBuilder(StandaloneApplication.class).properties(
                "PORT=0", "LEDGER_DB_URL=" + H2TestDatabase.memoryUrl("console-browser"), "LEDGER_DB_USER=sa",
                "LEDGER_SANDBOX=true", "logging.level.root=WARN").run();
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        base = "http://127.0.0.1:" + port;
        http = LedgerHttp.onPort(port);
        seed();

        Files.createDirectories(shots);
        Files.createDirectories(downloads);
        try (var old = Files.list(downloads)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,900", "--lang=en-GB");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("safebrowsing.enabled", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1366, 900));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    /** Two tenants with accounts, a rate card, seats and a few calls, through the API as any client would. */
    private void seed() {
        for (String tenant : List.of("contoso", "fabrikam")) {
            http.post("billing_admin", "/api/tenants/" + tenant + "/credit-account", "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}");
            http.put("billing_admin", "/api/tenants/" + tenant + "/credit-account/payment-method", "{\"type\":\"CARD\",\"token\":\"pm_card_visa\"}");
        }
        http.post("billing_admin", "/api/tenants/contoso/credit-account/funds", "{\"amount\":\"100.00\",\"poNumber\":\"PO-1000\"}");
        http.put("license_admin", "/api/tenants/contoso/pool-settings", "{\"timeZone\":\"America/New_York\"}");
        http.sendRaw("rates_admin", "PUT", "/api/rate-cards/console-rates", "text/csv",
                "prefix,destination,perMinute,connectionFee,currency,effectiveFrom\n"
                        + "+1,United States,0.0200,0.0000,USD,2020-01-01\n+44,United Kingdom,0.0500,0.0100,USD,2020-01-01\n");
        for (String sku : List.of("TEAMS_PHONE", "CALLING_PLAN_PAYG", "CALLING_PLAN_DOMESTIC")) {
            http.post("license_admin", "/api/tenants/contoso/subscriptions", "{\"sku\":\"" + sku + "\",\"seats\":20}");
        }
        for (String user : List.of("alice", "bob")) {
            http.put("license_admin", "/api/tenants/contoso/users/" + user + "/usage-location", "{\"country\":\"US\"}");
            for (String sku : List.of("TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS")) {
                http.post("license_admin", "/api/tenants/contoso/users/" + user + "/licenses", "{\"sku\":\"" + sku + "\"}");
            }
        }
        http.put("license_admin", "/api/tenants/contoso/users/carol/usage-location", "{\"country\":\"US\"}");
        http.post("license_admin", "/api/tenants/contoso/users/carol/licenses", "{\"sku\":\"TEAMS_PHONE\"}");
        http.post("license_admin", "/api/tenants/contoso/users/carol/licenses", "{\"sku\":\"CALLING_PLAN_DOMESTIC\"}");
        String[][] calls = {{"alice", "+12125550100", "300"}, {"bob", "+13105550111", "125"}, {"alice", "+442071234567", "600"},
                {"carol", "+12125550199", "1800"}, {"bob", "+12125550123", "65"}};
        for (int i = 0; i < calls.length; i++) {
            String id = "seed-call-" + i;
            http.post("telephony", "/api/tenants/contoso/calls/" + id + "/authorize",
                    "{\"userId\":\"" + calls[i][0] + "\",\"destination\":\"" + calls[i][1] + "\",\"callType\":\"OUTBOUND\"}");
            http.post("telephony", "/api/tenants/contoso/calls/" + id + "/complete", "{\"durationSeconds\":" + calls[i][2] + "}");
        }
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void signsInAndSeesTheTenants() {
        browser.get(base + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        shot("01-sign-in");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("admin", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/console/tenants"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tenants");
        assertThat(browser.findElement(By.linkText("contoso")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.tagName("table")).getText()).contains("USD");
        shot("02-tenants");
    }

    @Test
    @Order(2)
    void fundsAndSeesTheBalanceChange() {
        browser.get(base + "/console/tenants/contoso");
        BigDecimal before = amount(browser.findElement(By.id("balance")).getText());
        assertThat(browser.findElement(By.id("balance")).getText()).endsWith(" USD");
        browser.findElement(By.id("amount")).sendKeys("150.00");
        browser.findElement(By.id("poNumber")).sendKeys("PO-4711");
        browser.findElement(By.cssSelector("#add-funds button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.ok")));
        assertThat(browser.findElement(By.cssSelector(".flash.ok")).getText()).startsWith("Added 150.00 USD");
        assertThat(browser.findElement(By.cssSelector(".timeline + table")).getText()).as("times in the tenant's zone")
                .contains("America/New_York");
        assertThat(amount(browser.findElement(By.id("balance")).getText())).isEqualByComparingTo(before.add(new BigDecimal("150.00")));
        assertThat(browser.findElements(By.cssSelector(".timeline rect.tranche"))).hasSize(2);
        shot("03-credits-funded");
    }

    @Test
    @Order(3)
    void setsAutoRecharge() {
        browser.get(base + "/console/tenants/contoso");
        WebElement enabled = browser.findElement(By.id("recharge-enabled"));
        if (!enabled.isSelected()) {
            enabled.click();
        }
        browser.findElement(By.id("threshold")).clear();
        browser.findElement(By.id("threshold")).sendKeys("20.00");
        browser.findElement(By.id("recharge-amount")).clear();
        browser.findElement(By.id("recharge-amount")).sendKeys("50.00");
        browser.findElement(By.cssSelector("#auto-recharge button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.ok")));
        assertThat(browser.findElement(By.id("auto-recharge-state")).getText()).isEqualTo("On: add 50.00 USD below 20.00 USD");
        // below the minimum: refused, and the page says why
        browser.findElement(By.id("recharge-amount")).clear();
        browser.findElement(By.id("recharge-amount")).sendKeys("10.00");
        browser.findElement(By.cssSelector("#auto-recharge button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.bad")));
        assertThat(browser.findElement(By.cssSelector(".flash.bad")).getText()).contains("BELOW_MINIMUM_FUNDING").contains("50.00");
        assertThat(browser.findElement(By.id("auto-recharge-state")).getText()).isEqualTo("On: add 50.00 USD below 20.00 USD");
        shot("04-credits-auto-recharge");
    }

    @Test
    @Order(4)
    void bulkAssignsFromACsvAndFollowsTheProgress() throws IOException {
        Path csv = Files.createTempFile("bulk-users", ".csv");
        Files.writeString(csv, "userId,country\n" + IntStream.rangeClosed(1, BULK_USERS)
                .mapToObj(i -> String.format("bulk-user-%05d,US", i)).collect(Collectors.joining("\n")) + "\n");
        browser.get(base + "/console/tenants/contoso/licenses");
        browser.findElement(By.id("bulk-file")).sendKeys(csv.toAbsolutePath().toString());
        new Select(browser.findElement(By.id("bulk-sku"))).selectByValue("COMMUNICATION_CREDITS");
        browser.findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bulk-progress")));
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(ExpectedConditions.attributeToBe(By.id("bulk-progress"), "data-finished", "true"));
        WebElement bar = browser.findElement(By.id("bulk-progress"));
        assertThat(bar.getDomProperty("value")).isEqualTo(bar.getDomProperty("max")).isEqualTo(String.valueOf(BULK_USERS));
        assertThat(browser.findElement(By.id("bulk-text")).getText())
                .startsWith("100% · " + BULK_USERS + " of " + BULK_USERS + " users · " + BULK_USERS + " assigned");
        shot("05-licenses-bulk-done");
        Files.delete(csv);
    }

    @Test
    @Order(5)
    void showsUsageWithPoolsChartAndDownloadsTheCsv() throws IOException {
        browser.get(base + "/console/tenants/contoso/usage");
        assertThat(browser.findElements(By.cssSelector("svg.gauge"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#spend-chart canvas"))).as("uPlot drew the chart").isNotEmpty();
        assertThat(browser.findElement(By.id("calls-h")).getText()).contains("5 this month");
        shot("06-usage");
        browser.findElement(By.id("csv-export")).click();
        Path file = downloaded(".csv");
        assertThat(Files.readString(file)).startsWith("UsageId,UserId");
    }

    @Test
    @Order(6)
    void showsInvoicesAndDownloadsAPdf() throws IOException {
        browser.get(base + "/console/tenants/contoso/invoices");
        assertThat(browser.findElement(By.tagName("table")).getText()).contains("PO-4711").contains("150.00 USD");
        shot("07-invoices");
        browser.findElement(By.cssSelector("a.pdf")).click();
        Path file = downloaded(".pdf");
        assertThat(new String(Files.readAllBytes(file), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        browser.findElement(By.cssSelector("table tbody tr td a")).click();
        wait.until(ExpectedConditions.urlMatches(".*/invoices/inv-[^/]+$"));
        shot("08-invoice");
        browser.get(base + "/console/tenants/contoso/statements/" + java.time.YearMonth.now(java.time.ZoneOffset.UTC));
        shot("09-statement");
        browser.get(base + "/console/tenants/contoso/notifications");
        shot("10-notifications");
    }

    @Test
    @Order(7)
    void movesTheAsOfSliderAndVerifies() {
        browser.get(base + "/console/tenants/contoso/audit");
        WebElement slider = browser.findElement(By.id("as-of-slider"));
        slider.sendKeys(Keys.HOME);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("as-of-balance")));
        wait.until(ExpectedConditions.textToBe(By.id("as-of-balance"), "0.00 USD"));
        slider.sendKeys(Keys.END);
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("as-of-balance"), "0.00 USD")));
        String now = http.get("finance_reader", "/api/tenants/contoso/balance").json().get("balance").asText();
        assertThat(browser.findElement(By.id("as-of-balance")).getText()).isEqualTo(now + " USD");
        browser.findElement(By.id("verify")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("verify-result")));
        assertThat(browser.findElement(By.id("verify-result")).getText()).startsWith("Consistent");
        browser.findElement(By.id("explain")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#explained details")));
        assertThat(browser.findElement(By.cssSelector("#explained details")).getText()).contains("FUNDS_ADDED").contains("USD");
        shot("11-audit");
        browser.get(base + "/console/operator");
        assertThat(browser.findElement(By.id("projections")).getText()).contains("balance");
        browser.findElement(By.cssSelector("button[aria-label='Replay notifications']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.ok")));
        // the table is redrawn every second by htmx until the replay reports FINISHED with its events/s
        wait.until(ExpectedConditions.textMatches(By.id("projections"), java.util.regex.Pattern.compile("FINISHED · \\d+ of \\d+ events")));
        shot("12-operator");
        browser.get(base + "/console/tenants/contoso/licenses");
        shot("13-licenses");
    }

    @Test
    @Order(8)
    void refusesATenantBoundUserAnotherTenantsPages() {
        browser.findElement(By.cssSelector("form.signout button")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys("contoso_admin");
        browser.findElement(By.id("password")).sendKeys("contoso_admin", Keys.ENTER);
        wait.until(ExpectedConditions.urlMatches(".*/console/tenants/contoso$"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Communication Credits");
        assertThat(browser.findElements(By.linkText("Tenants"))).isEmpty();
        for (String page : List.of("/console/tenants/fabrikam", "/console/tenants/fabrikam/licenses",
                "/console/tenants/fabrikam/usage", "/console/tenants")) {
            browser.get(base + page);
            assertThat(browser.findElement(By.tagName("h1")).getText()).as(page).isEqualTo("Not allowed");
            assertThat(browser.getPageSource()).doesNotContain("fabrikam</td>");
        }
        shot("14-forbidden");
    }

    private Path downloaded(String suffix) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
            try (var files = Files.list(downloads)) {
                return files.anyMatch(f -> f.toString().endsWith(suffix));
            } catch (IOException e) {
                return false;
            }
        });
        try (var files = Files.list(downloads)) {
            return files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void shot(String name) {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(file.toPath(), shots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigDecimal amount(String text) {
        return new BigDecimal(text.replace(" USD", "").replace(",", ""));
    }
}
