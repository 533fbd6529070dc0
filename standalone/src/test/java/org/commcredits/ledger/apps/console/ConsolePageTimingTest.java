package org.commcredits.ledger.apps.console;

import org.commcredits.ledger.apps.StandaloneApplication;
import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server time per console page on a tenant with 10,000 calls this month (docs/console.md): each page is
 * fetched 20 times after 5 warm-up fetches, and the median and the 95th percentile are printed. Opt-in
 * ({@code -Dconsole.timing=true}): it seeds 10,000 usage records and measures, it proves no rule.
 */
@EnabledIfSystemProperty(named = "console.timing", matches = "true")
class ConsolePageTimingTest {

    static final int CALLS = 10_000;

    @Test
    void pagesOnATenantWithTenThousandCalls() {
        String db = System.getProperty("console.timing.db");
        String url = db != null ? db : H2TestDatabase.memoryUrl("console-timing");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StandaloneApplication.class).properties(
                "PORT=0", "LEDGER_DB_URL=" + url, "LEDGER_DB_USER=" + System.getProperty("console.timing.user", "sa"),
                "LEDGER_SANDBOX=true", "logging.level.root=WARN").run()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            LedgerHttp http = LedgerHttp.onPort(port);
            String t = "timing";
            http.post("billing_admin", "/api/tenants/" + t + "/credit-account", "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}");
            http.put("billing_admin", "/api/tenants/" + t + "/credit-account/payment-method", "{\"type\":\"CARD\",\"token\":\"pm_card_visa\"}");
            for (int i = 0; i < 5; i++) {
                http.post("billing_admin", "/api/tenants/" + t + "/credit-account/funds", "{\"amount\":\"1000.00\"}");
            }
            http.sendRaw("rates_admin", "PUT", "/api/rate-cards/timing", "text/csv",
                    "prefix,destination,perMinute,connectionFee,currency,effectiveFrom\n+1,United States,0.0200,0.0000,USD,2020-01-01\n"
                            + "+44,United Kingdom,0.0500,0.0000,USD,2020-01-01\n+49,Germany,0.0400,0.0000,USD,2020-01-01\n");
            http.post("license_admin", "/api/tenants/" + t + "/subscriptions", "{\"sku\":\"TEAMS_PHONE\",\"seats\":100}");
            http.post("license_admin", "/api/tenants/" + t + "/subscriptions", "{\"sku\":\"CALLING_PLAN_PAYG\",\"seats\":100}");
            List<String> users = new ArrayList<>();
            for (int u = 0; u < 50; u++) {
                String user = "user-" + u;
                users.add(user);
                http.put("license_admin", "/api/tenants/" + t + "/users/" + user + "/usage-location", "{\"country\":\"US\"}");
                for (String sku : List.of("TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS")) {
                    http.post("license_admin", "/api/tenants/" + t + "/users/" + user + "/licenses", "{\"sku\":\"" + sku + "\"}");
                }
            }
            Instant monthStart = YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            long span = Math.max(3600, ChronoUnit.SECONDS.between(monthStart, Instant.now()) - 3600);
            String[] destinations = {"+12125550100", "+442071234567", "+4930123456"};
            for (int batch = 0; batch < CALLS / 1000; batch++) {
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < 1000; i++) {
                    int n = batch * 1000 + i;
                    Instant start = monthStart.plusSeconds(span * n / CALLS);
                    body.append(i == 0 ? "" : ",").append("{\"callId\":\"c-").append(n).append("\",\"userId\":\"")
                            .append(users.get(n % users.size())).append("\",\"destination\":\"").append(destinations[n % 3])
                            .append("\",\"callType\":\"OUTBOUND\",\"startedAt\":\"").append(start).append("\",\"durationSeconds\":")
                            .append(30 + n % 600).append("}");
                }
                LedgerHttp.Answer recorded = http.post("telephony", "/api/tenants/" + t + "/usage", body.append("]").toString());
                assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
            }
            ConsoleSession session = ConsoleSession.signedIn(port, "admin");
            String base = "/console/tenants/" + t;
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("tenants list", "/console/tenants");
            pages.put("Communication Credits", base);
            pages.put("licenses", base + "/licenses");
            pages.put("usage report", base + "/usage");
            pages.put("invoices", base + "/invoices");
            pages.put("notifications", base + "/notifications");
            pages.put("audit", base + "/audit");
            pages.put("operator", "/console/operator");
            StringBuilder report = new StringBuilder("\nconsole page | median ms | p95 ms\n");
            for (Map.Entry<String, String> page : pages.entrySet()) {
                for (int i = 0; i < 5; i++) {
                    session.get(page.getValue());
                }
                long[] times = new long[20];
                for (int i = 0; i < times.length; i++) {
                    long started = System.nanoTime();
                    HttpResponse<String> answer = session.get(page.getValue());
                    times[i] = (System.nanoTime() - started) / 1_000_000;
                    assertThat(answer.statusCode()).as(page.getKey()).isEqualTo(200);
                }
                Arrays.sort(times);
                report.append(page.getKey()).append(" | ").append(times[times.length / 2]).append(" | ").append(times[18]).append('\n');
            }
            String month = YearMonth.now(ZoneOffset.UTC).toString();
            Map<String, String> api = new LinkedHashMap<>();
            api.put("API: GET /api/tenants", "/api/tenants?limit=50");
            api.put("API: GET balance", "/api/tenants/" + t + "/balance");
            api.put("API: GET usage", "/api/tenants/" + t + "/usage?month=" + month);
            api.put("API: GET usage/records.csv", "/api/tenants/" + t + "/usage/records.csv?month=" + month);
            for (Map.Entry<String, String> call : api.entrySet()) {
                long[] times = new long[20];
                for (int i = -5; i < times.length; i++) {
                    long started = System.nanoTime();
                    LedgerHttp.Answer answer = http.get("admin", call.getValue());
                    if (i >= 0) {
                        times[i] = (System.nanoTime() - started) / 1_000_000;
                    }
                    assertThat(answer.status()).as(call.getKey()).isEqualTo(200);
                }
                Arrays.sort(times);
                report.append(call.getKey()).append(" | ").append(times[times.length / 2]).append(" | ").append(times[18]).append('\n');
            }
            report.append("load average during the run: ").append(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage()).append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores\n");
            System.out.println(report);
        }
    }
}
