package org.commcredits.ledger.apps.console;

import org.commcredits.ledger.apps.StandaloneApplication;
import org.commcredits.ledger.console.security.ConsoleAccess;
import org.commcredits.ledger.platform.security.AccessRules;
import org.commcredits.ledger.platform.security.Role;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's pages over HTTP, as a browser would reach them: the role x page matrix generated from
 * {@link ConsoleAccess#RULES} (every sandbox role on every page and form, own tenant and another
 * tenant), output escaping, the security headers and cookie, and CSRF on forms. On PostgreSQL, so the
 * console runs once on it (the browser journey runs on H2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsolePagesTest {

    private static final String SCRIPT_PO = "<script>alert('po')</script>";

    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create("console");

    private ConfigurableApplicationContext app;
    private int port;
    private final Map<String, ConsoleSession> sessions = new LinkedHashMap<>();

    @BeforeAll
    void start() {
        app = new SpringApplicationBuilder(StandaloneApplication.class).properties(
                "PORT=0", "LEDGER_DB_URL=" + DATABASE.url(), "LEDGER_DB_USER=" + DATABASE.user(),
                "LEDGER_SANDBOX=true", "logging.level.root=WARN").run();
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        LedgerHttp http = LedgerHttp.onPort(port);
        for (String tenant : List.of("contoso", "fabrikam")) {
            assertThat(http.post("billing_admin", "/api/tenants/" + tenant + "/credit-account",
                    "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}").status()).isEqualTo(201);
            http.put("billing_admin", "/api/tenants/" + tenant + "/credit-account/payment-method", "{\"type\":\"CARD\",\"token\":\"pm_card_visa\"}");
        }
        assertThat(http.post("billing_admin", "/api/tenants/contoso/credit-account/funds",
                "{\"amount\":\"100.00\",\"poNumber\":\"" + SCRIPT_PO.replace("'", "\\u0027") + "\"}").status()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private ConsoleSession session(String user) {
        return sessions.computeIfAbsent(user, name -> ConsoleSession.signedIn(port, name));
    }

    private static String path(AccessRules.Rule rule, String tenant) {
        return rule.pattern().replace("{tenantId}", tenant).replace("{invoiceId}", "no-such-invoice")
                .replace("{file}", "2026-12").replace("{jobId}", "00000000-0000-0000-0000-000000000000")
                .replace("/**", rule.pattern().startsWith("/console/operator") ? "/replay"
                        : rule.pattern().contains("/credits") ? "/funds" : "/assign");
    }

    @TestFactory
    @DisplayName("every role opens exactly its console pages and forms, on its own tenant only when bound")
    Stream<DynamicTest> rolePageMatrix() {
        List<DynamicTest> tests = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (Role role : Role.values()) {
            users.add(role.name().toLowerCase());
        }
        users.add("contoso_admin");
        users.add("contoso_auditor");
        for (AccessRules.Rule rule : ConsoleAccess.RULES) {
            for (String user : users) {
                for (String tenant : List.of("contoso", "fabrikam")) {
                    if (!rule.pattern().contains("{tenantId}") && tenant.equals("fabrikam")) {
                        continue;
                    }
                    tests.add(DynamicTest.dynamicTest(user + " " + rule.method() + " " + path(rule, tenant), () -> {
                        boolean bound = user.startsWith("contoso_");
                        List<Role> roles = switch (user) {
                            case "contoso_admin" -> List.of(Role.BILLING_ADMIN, Role.LICENSE_ADMIN, Role.FINANCE_READER);
                            case "contoso_auditor" -> List.of(Role.AUDITOR);
                            default -> List.of(Role.valueOf(user.toUpperCase()));
                        };
                        boolean allowed = roles.stream().anyMatch(rule.roles()::contains)
                                && (!bound || (rule.pattern().contains("{tenantId}") && tenant.equals("contoso")));
                        ConsoleSession session = session(user);
                        HttpResponse<String> answer = rule.method() == HttpMethod.GET
                                ? session.get(path(rule, tenant)) : session.post(path(rule, tenant), Map.of());
                        if (allowed) {
                            assertThat(answer.statusCode()).as(answer.body()).isNotEqualTo(403).isLessThan(500);
                        } else {
                            assertThat(answer.statusCode()).isEqualTo(403);
                            assertThat(answer.body()).contains("Not allowed");
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    @Test
    @DisplayName("a tenant-bound user lands on its own tenant, others on the tenants list")
    void landing() {
        ConsoleSession bound = new ConsoleSession(port);
        HttpResponse<String> signedIn = bound.post("/login", Map.of("username", "contoso_admin", "password", "contoso_admin"));
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/console/tenants/contoso");
        ConsoleSession unbound = new ConsoleSession(port);
        HttpResponse<String> admin = unbound.post("/login", Map.of("username", "admin", "password", "admin"));
        assertThat(admin.headers().firstValue("Location").orElseThrow()).endsWith("/console/tenants");
        assertThat(unbound.get("/").headers().firstValue("Location").orElseThrow()).endsWith("/console/tenants");
    }

    @Test
    @DisplayName("a name like <script> shows as text, never as markup")
    void escapesWhatTheApiAnswers() {
        ConsoleSession admin = session("admin");
        String invoices = admin.get("/console/tenants/contoso/invoices").body();
        assertThat(invoices).contains("&lt;script&gt;alert(&#39;po&#39;)&lt;/script&gt;").doesNotContain(SCRIPT_PO);
        String audit = admin.get("/console/tenants/contoso/audit").body();
        assertThat(audit).contains("&lt;script&gt;").doesNotContain(SCRIPT_PO);
    }

    @Test
    @DisplayName("pages carry a CSP without inline script; the session cookie is HttpOnly and SameSite")
    void securityHeaders() {
        ConsoleSession anonymous = new ConsoleSession(port);
        HttpResponse<String> login = anonymous.get("/login");
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
        assertThat(login.body()).doesNotContainPattern("<script>(?!</script>)").doesNotContain(" onclick=").doesNotContain(" style=");
        String page = session("admin").get("/console/tenants/contoso").body();
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain(" style=");
    }

    @Test
    @DisplayName("a form without the CSRF token is refused and changes nothing")
    void csrf() {
        ConsoleSession admin = session("admin");
        HttpResponse<String> refused = admin.postWithToken("/console/tenants/fabrikam/credits/funds",
                Map.of("amount", "75.00", "idempotencyKey", "no-token-1"), null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(LedgerHttp.onPort(port).get("finance_reader", "/api/tenants/fabrikam/balance").json().get("balance").asText())
                .isEqualTo("0.00");
        HttpResponse<String> accepted = admin.post("/console/tenants/fabrikam/credits/funds",
                Map.of("amount", "75.00", "idempotencyKey", "with-token-1"));
        assertThat(accepted.statusCode()).isEqualTo(302);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("?seq=");
        String seq = location.substring(location.indexOf("?seq=") + 5);
        assertThat(LedgerHttp.onPort(port).get("finance_reader", "/api/tenants/fabrikam/balance?minSequence=" + seq).json().get("balance").asText())
                .isEqualTo("75.00");
    }

    @Test
    @DisplayName("INV-CA-21, INV-CA-22 from the console: a grant shows as granted, a refund names its credit note, both move the balance")
    void grantAndRefund() {
        LedgerHttp http = LedgerHttp.onPort(port);
        assertThat(http.post("billing_admin", "/api/tenants/tailspin/credit-account",
                "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}").status()).isEqualTo(201);
        http.put("billing_admin", "/api/tenants/tailspin/credit-account/payment-method", "{\"type\":\"CARD\",\"token\":\"pm_card_visa\"}");
        ConsoleSession admin = session("admin");
        HttpResponse<String> funded = admin.post("/console/tenants/tailspin/credits/funds",
                Map.of("amount", "60.00", "idempotencyKey", "tailspin-fund-1"));
        assertThat(funded.statusCode()).isEqualTo(302);
        HttpResponse<String> granted = admin.post("/console/tenants/tailspin/credits/grants",
                Map.of("amount", "10.00", "reason", "Outage", "expiresOn", "", "idempotencyKey", "tailspin-grant-1"));
        assertThat(granted.statusCode()).isEqualTo(302);
        String page = admin.get(granted.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")).body();
        assertThat(page).contains("Granted 10.00 USD", "the balance is now 70.00 USD", "Granted", "Refund what is left");
        String tranche = http.get("finance_reader", "/api/tenants/tailspin/balance").json().get("tranches").findValuesAsText("trancheId")
                .stream().filter(id -> id.startsWith("tr-")).findFirst().orElseThrow();
        HttpResponse<String> refunded = admin.post("/console/tenants/tailspin/credits/tranches/" + tranche + "/refund",
                Map.of("reason", "Bought by mistake", "idempotencyKey", "tailspin-refund-1"));
        assertThat(refunded.statusCode()).isEqualTo(302);
        String after = admin.get(refunded.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")).body();
        assertThat(after).contains("Refunded 60.00 USD of tranche " + tranche, "credit note cn-", "the balance is now 10.00 USD");
        HttpResponse<String> again = admin.post("/console/tenants/tailspin/credits/tranches/" + tranche + "/refund",
                Map.of("reason", "Bought by mistake", "idempotencyKey", "tailspin-refund-2"));
        assertThat(admin.get(again.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")).body()).contains("NOTHING_TO_REFUND");
    }

    @Test
    @DisplayName("an MCA tenant's page explains why credits cannot be bought, and a refusal shows its code")
    void explainsMcaRules() {
        LedgerHttp http = LedgerHttp.onPort(port);
        LedgerHttp.Answer opened = http.post("billing_admin", "/api/tenants/northwind/credit-account",
                "{\"currency\":\"EUR\",\"billingAgreement\":\"MCA\"}");
        assertThat(opened.status()).isEqualTo(201);
        ConsoleSession admin = session("admin");
        String page = admin.get("/console/tenants/northwind?seq=" + opened.sequence()).body();
        assertThat(page).contains("Microsoft Customer Agreement (MCA): usage is invoiced afterwards")
                .containsPattern("<button type=\"submit\" class=\"primary\" disabled=\"disabled\">Add funds</button>");
        HttpResponse<String> refused = admin.post("/console/tenants/northwind/credits/funds",
                Map.of("amount", "60.00", "idempotencyKey", "mca-1"));
        assertThat(refused.statusCode()).isEqualTo(302);
        String after = admin.get(refused.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")).body();
        assertThat(after).contains("MCA_CANNOT_BUY_CREDITS").contains("Switch the billing agreement to DIRECT");
    }

    @Test
    @DisplayName("an unauthenticated page request goes to the sign-in page")
    void signInFirst() {
        HttpResponse<String> answer = new ConsoleSession(port).get("/console/tenants/contoso");
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }
}
