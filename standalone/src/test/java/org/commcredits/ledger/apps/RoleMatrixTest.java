package org.commcredits.ledger.apps;

import org.commcredits.ledger.platform.security.AccessRules;
import org.commcredits.ledger.platform.security.Role;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's role table, proved path by path: generated from {@link AccessRules#RULES}, every role
 * (through its sandbox user) may call exactly the paths its rules allow and gets 403 elsewhere; a
 * tenant-bound principal gets 403 on every other tenant. And every API path the application serves has a
 * rule, so a new path without one fails the build. Requests carry empty bodies: they may be rejected as
 * invalid (400), but never change state, and what matters here is 403 or not.
 */
class RoleMatrixTest extends LedgerOnPostgres {

    private static final Map<String, String> VARIABLES = Map.ofEntries(
            Map.entry("{tenantId}", "matrix-tenant"), Map.entry("{userId}", "matrix-user"), Map.entry("{sku}", "TEAMS_PHONE"),
            Map.entry("{callId}", "matrix-call"), Map.entry("{rateCardId}", "matrix-card"), Map.entry("{invoiceId}", "matrix-invoice"),
            Map.entry("{month}", "2026-01"), Map.entry("{name}", "no-such-projection"),
            Map.entry("{webhookId}", "wh_000000000000000000000000"), Map.entry("{messageId}", "msg_00000000000000000000000000000000"),
            Map.entry("{trancheId}", "matrix-tranche"));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    JdbcTemplate jdbc;

    @TestFactory
    @DisplayName("every role may call exactly its paths (403 elsewhere)")
    Stream<DynamicTest> roleMatrix() {
        List<DynamicTest> tests = new ArrayList<>();
        for (AccessRules.Rule rule : AccessRules.RULES) {
            for (Role role : Role.values()) {
                boolean allowed = rule.roles().contains(role);
                tests.add(DynamicTest.dynamicTest(role + (allowed ? " may " : " may not ") + rule.method() + " " + rule.pattern(), () -> {
                    LedgerHttp.Answer answer = call(role.name().toLowerCase(), rule, "matrix-tenant");
                    if (allowed) {
                        assertThat(answer.status()).as(answer.body()).isNotIn(401, 403).isLessThan(500);
                    } else {
                        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
                        assertThat(answer.code()).isEqualTo("FORBIDDEN");
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    @DisplayName("tenant-bound principals get 403 on every other tenant and every global path")
    Stream<DynamicTest> tenantBinding() {
        List<DynamicTest> tests = new ArrayList<>();
        for (AccessRules.Rule rule : AccessRules.RULES) {
            for (String user : List.of("contoso_admin", "contoso_auditor")) {
                tests.add(DynamicTest.dynamicTest(user + " on fabrikam: " + rule.method() + " " + rule.pattern(), () -> {
                    LedgerHttp.Answer answer = call(user, rule, "fabrikam");
                    if (rule.pattern().equals("/api/audit/events") || rule.pattern().equals("/api/tenants")) {
                        return; // narrowed by their controllers: the audit stream's tests, tenantListIsNarrowed below
                    }
                    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    @DisplayName("the tenant list shows a tenant-bound principal its own tenant only")
    void tenantListIsNarrowedForBoundPrincipals() {
        String other = newTenant("list");
        long seen = 0;
        for (String tenant : List.of("contoso", other)) {
            LedgerHttp.Answer opened = http().post("billing_admin", "/api/tenants/" + tenant + "/credit-account",
                    "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}");
            assertThat(opened.status()).as(opened.body()).isIn(201, 409);
            if (opened.status() == 201) {
                seen = Math.max(seen, opened.sequence());
            }
        }
        String wait = "&minSequence=" + seen;
        assertThat(ids(http().get("finance_reader", "/api/tenants?search=" + other + wait))).containsExactly(other);
        assertThat(ids(http().get("finance_reader", "/api/tenants?limit=1&search=contoso" + wait))).containsExactly("contoso");
        assertThat(ids(http().get("contoso_admin", "/api/tenants?limit=1000" + wait))).containsExactly("contoso");
        assertThat(ids(http().get("contoso_admin", "/api/tenants?search=" + other + wait))).isEmpty();
        LedgerHttp.Answer searched = http().get("finance_reader", "/api/tenants?search=" + other + wait);
        assertThat(searched.json().get("items").get(0).get("timeZone").asText()).isEqualTo("UTC");
        assertThat(searched.json().get("items").get(0).get("low").asBoolean()).as("nothing available").isTrue();
        assertThat(http().get("finance_reader", "/api/tenants?search=%25").status()).isEqualTo(400);
    }

    private static List<String> ids(LedgerHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().get("items").forEach(item -> ids.add(item.get("tenantId").asText()));
        return ids;
    }

    @Test
    @DisplayName("unauthenticated requests to any API path are 401 problem+json")
    void unauthenticated() {
        for (AccessRules.Rule rule : AccessRules.RULES) {
            LedgerHttp.Answer answer = call(null, rule, "matrix-tenant");
            assertThat(answer.status()).as(rule.pattern()).isEqualTo(401);
            assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    @DisplayName("every API path the application serves has an access rule")
    void everyPathHasARule() {
        Set<String> rules = new TreeSet<>();
        for (AccessRules.Rule rule : AccessRules.RULES) {
            rules.add(rule.method() + " " + rule.pattern());
        }
        Set<String> missing = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (var method : info.getMethodsCondition().getMethods()) {
                    String key = method.name() + " " + pattern;
                    if (!rules.contains(key)) {
                        missing.add(key);
                    }
                }
            }
        }
        assertThat(missing).as("paths without a rule in AccessRules").isEmpty();
    }

    @Test
    @DisplayName("the matrix appended no event")
    void matrixAppendsNothingForTheMatrixTenant() {
        Long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE 'matrix-tenant/%'",
                Long.class);
        assertThat(events).isZero();
    }

    private LedgerHttp.Answer call(String user, AccessRules.Rule rule, String tenant) {
        String path = rule.pattern();
        for (var variable : VARIABLES.entrySet()) {
            path = path.replace(variable.getKey(), variable.getKey().equals("{tenantId}") ? tenant : variable.getValue());
        }
        String body = rule.method().name().equals("GET") || rule.method().name().equals("DELETE") ? null : "{}";
        return http().send(user, rule.method().name(), path, body, null);
    }
}
