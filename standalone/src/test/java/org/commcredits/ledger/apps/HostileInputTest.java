package org.commcredits.ledger.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.commcredits.ledger.api.ids.Ids;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against every command path of the contract: for each path a valid body from the contract is
 * mutated field by field (missing, null, wrong types, empty, huge, Unicode tricks, SQL-looking, bad numbers)
 * and as a whole (not JSON, truncated, wrong shape, extra fields, deep nesting, over 1 MiB). Every case must
 * be answered with a 4xx {@code application/problem+json} carrying a code (or, for the per-item bulk paths,
 * per-item rejections), never a 5xx, and must append no event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest extends LedgerOnPostgres {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final AtomicInteger cases = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();

    @Autowired
    JdbcTemplate jdbc;

    private String tenant;

    /** A command path, a valid body for it, and whether it answers per item (200 with item results). */
    private record Target(String method, String path, String validBody, boolean perItem) {
    }

    @BeforeAll
    void openTenant() {
        tenant = FundedTenants.open(http(), newTenant("hostile"));
    }

    @AfterAll
    void report() {
        System.out.printf("%nHostile input: %d cases tried, %d answered 5xx%n", cases.get(), serverErrors.get());
    }

    private List<Target> targets() {
        String t = "/api/tenants/" + tenant;
        return List.of(
                new Target("POST", t + "/credit-account", "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}", false),
                new Target("POST", t + "/credit-account/funds", "{\"amount\":\"100.00\"}", false),
                new Target("PUT", t + "/credit-account/auto-recharge", "{\"enabled\":true,\"threshold\":\"20.00\",\"amount\":\"50.00\"}", false),
                new Target("PUT", t + "/credit-account/payment-method", "{\"type\":\"CARD\",\"token\":\"pm_card_visa\"}", false),
                new Target("PUT", t + "/credit-account/billing-agreement", "{\"billingAgreement\":\"MCA\"}", false),
                new Target("POST", t + "/subscriptions", "{\"sku\":\"CALLING_PLAN_DOMESTIC\",\"seats\":10}", false),
                new Target("PUT", t + "/users/hostile-user/usage-location", "{\"country\":\"US\"}", false),
                new Target("POST", t + "/users/hostile-user/licenses", "{\"sku\":\"TEAMS_PHONE\"}", false),
                new Target("POST", t + "/licenses/bulk-assign", "{\"sku\":\"TEAMS_PHONE\",\"userIds\":[\"a\",\"b\"]}", true),
                new Target("PUT", t + "/subscriptions/CALLING_PLAN_DOMESTIC", "{\"seats\":5}", false),
                new Target("POST", t + "/licenses/bulk-usage-location", "{\"country\":\"US\",\"userIds\":[\"a\",\"b\"]}", true),
                new Target("PUT", t + "/users/hostile-user/spend-limit", "{\"monthlyLimit\":\"20.00\"}", false),
                new Target("PUT", t + "/pool-settings", "{\"timeZone\":\"America/New_York\"}", false),
                new Target("POST", t + "/calls/hostile-call/authorize",
                        "{\"userId\":\"hostile-user\",\"destination\":\"+442071234567\",\"callType\":\"OUTBOUND\"}", false),
                new Target("POST", t + "/calls/hostile-call/complete", "{\"durationSeconds\":125}", false),
                new Target("POST", t + "/usage", "[{\"callId\":\"h1\",\"userId\":\"hostile-user\",\"destination\":\"+442071234567\","
                        + "\"callType\":\"OUTBOUND\",\"startedAt\":\"2026-11-01T10:00:00Z\",\"durationSeconds\":60}]", true));
    }

    /** Values a field must reject, whatever its type in the contract. */
    private static Map<String, JsonNode> hostileValues() {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("null", NODES.nullNode());
        values.put("number", NODES.numberNode(12345));
        values.put("negative number", NODES.numberNode(-1));
        values.put("float", NODES.numberNode(1.5e300));
        values.put("boolean", NODES.booleanNode(true));
        values.put("object", NODES.objectNode().put("x", 1));
        values.put("array", NODES.arrayNode().add(1));
        values.put("empty string", NODES.textNode(""));
        values.put("blank string", NODES.textNode("   "));
        values.put("huge string", NODES.textNode("9".repeat(100_000)));
        values.put("SQL", NODES.textNode("'; DROP TABLE domain_event_entry; --"));
        values.put("right-to-left override", NODES.textNode("\u202eDSU"));
        values.put("zero-width joiner", NODES.textNode("U\u200dSD"));
        values.put("full-width digits", NODES.textNode("\uff11\uff10\uff10.\uff10\uff10"));
        values.put("NUL", NODES.textNode("a\u0000b"));
        values.put("emoji", NODES.textNode("\ud83d\udcb8"));
        values.put("negative amount", NODES.textNode("-100.00"));
        values.put("zero amount", NODES.textNode("0.00"));
        values.put("over-precise amount", NODES.textNode("100.001"));
        values.put("enormous amount", NODES.textNode("99999999999999999999.00"));
        values.put("exponent", NODES.textNode("1E+3"));
        values.put("path traversal", NODES.textNode("../../etc/passwd"));
        values.put("unknown enum", NODES.textNode("NOT_A_REAL_VALUE"));
        values.put("lower-case enum", NODES.textNode("direct"));
        return values;
    }

    /** Whole-body hostility. */
    private static Map<String, String> hostileBodies(Target target) {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("not JSON", "amount=100");
        bodies.put("truncated JSON", target.validBody().substring(0, target.validBody().length() / 2));
        bodies.put("empty body", "");
        bodies.put("JSON null", "null");
        bodies.put("JSON string", "\"hello\"");
        bodies.put("JSON number", "42");
        bodies.put("wrong shape", target.validBody().startsWith("[") ? "{}" : "[]");
        bodies.put("deep nesting", "[".repeat(5_000) + "]".repeat(5_000));
        bodies.put("over 1 MiB", "{\"x\":\"" + "a".repeat(1024 * 1024 + 16) + "\"}");
        bodies.put("duplicate keys", target.validBody().startsWith("{")
                ? target.validBody().replaceFirst("\\{", "{\"a\":1,\"a\":2,") : "[[]]");
        bodies.put("extra field", target.validBody().startsWith("{")
                ? target.validBody().replaceFirst("\\{", "{\"injected\":\"x\",")
                : target.validBody().replaceFirst("\\{", "{\"injected\":\"x\","));
        return bodies;
    }

    @TestFactory
    @DisplayName("every field of every command body, mutated, is a 4xx problem and appends nothing")
    Stream<DynamicTest> fieldMutations() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Target target : targets()) {
            JsonNode valid = JSON.readTree(target.validBody());
            ObjectNode template = (ObjectNode) (valid.isArray() ? valid.get(0) : valid);
            Iterator<String> fields = template.fieldNames();
            List<String> names = new ArrayList<>();
            fields.forEachRemaining(names::add);
            for (String field : names) {
                if (isAcceptable(field, "missing")) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(target.method() + " " + target.path() + " without " + field,
                        () -> expectRejected(target, wrap(valid, template.deepCopy().without(field)))));
                for (var hostile : hostileValues().entrySet()) {
                    if (isAcceptable(field, hostile.getKey()) || isValidId(field, hostile.getValue())) {
                        continue;
                    }
                    ObjectNode mutated = template.deepCopy();
                    mutated.set(field, hostile.getValue());
                    tests.add(DynamicTest.dynamicTest(target.method() + " " + target.path() + " " + field + "=" + hostile.getKey(),
                            () -> expectRejected(target, wrap(valid, mutated))));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    @DisplayName("every hostile whole body is a 4xx problem and appends nothing")
    Stream<DynamicTest> bodyMutations() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Target target : targets()) {
            for (var body : hostileBodies(target).entrySet()) {
                tests.add(DynamicTest.dynamicTest(target.method() + " " + target.path() + ": " + body.getKey(),
                        () -> expectRejected(target, body.getValue())));
            }
        }
        return tests.stream();
    }

    @TestFactory
    @DisplayName("hostile path identifiers are 4xx problems")
    Stream<DynamicTest> pathMutations() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String badTenant : List.of("-starts-with-dash", "has%20space", "x".repeat(129), "%E2%80%AEevil",
                "semi;colon", "quote%27", "%00nul")) {
            tests.add(DynamicTest.dynamicTest("tenant id " + badTenant, () -> {
                cases.incrementAndGet();
                long before = eventsUnder("");
                LedgerHttp.Answer answer = http().post("admin", "/api/tenants/" + badTenant + "/credit-account/funds",
                        "{\"amount\":\"100.00\"}");
                check(answer, false);
                assertThat(eventsUnder("")).as("no credit-account event at all").isEqualTo(before);
            }));
        }
        return tests.stream();
    }

    /**
     * An id field ({@code userId}, {@code callId}) given a value that is a well-formed id ("0.00", "direct") is
     * valid input: an unknown user is a 200 DENY, an unknown call in a batch is recorded. Not hostile.
     */
    private static boolean isValidId(String field, JsonNode value) {
        return (field.equals("userId") || field.equals("callId")) && value.isTextual() && Ids.isValid(value.asText());
    }

    /** Some mutations are legitimately valid for some fields (e.g. a boolean for {@code enabled}). */
    private static boolean isAcceptable(String field, String mutation) {
        return field.equals("enabled") && mutation.equals("boolean")
                || field.equals("seats") && mutation.equals("number")
                || field.equals("durationSeconds") && mutation.equals("number")
                || field.equals("threshold") && mutation.equals("zero amount")
                // a missing or null monthlyLimit removes the limit, and 0.00 forbids all credit spend (api-changes.md)
                || field.equals("monthlyLimit") && (mutation.equals("null") || mutation.equals("missing")
                || mutation.equals("zero amount"));
    }

    private static String wrap(JsonNode valid, ObjectNode item) {
        if (valid.isArray()) {
            ArrayNode array = NODES.arrayNode();
            array.add(item);
            return array.toString();
        }
        return item.toString();
    }

    private void expectRejected(Target target, String body) {
        cases.incrementAndGet();
        long before = eventsUnder(tenant);
        LedgerHttp.Answer answer = http().send("admin", target.method(), target.path(), body, null);
        check(answer, target.perItem());
        assertThat(eventsUnder(tenant)).as("no event from %s %s: %s", target.method(), target.path(), abbreviate(body)).isEqualTo(before);
    }

    private void check(LedgerHttp.Answer answer, boolean perItem) {
        if (answer.status() >= 500) {
            serverErrors.incrementAndGet();
        }
        assertThat(answer.status()).as(abbreviate(answer.body())).isLessThan(500);
        if (perItem && answer.status() == 200) {
            assertThat(answer.body()).as("per-item answer rejects every item")
                    .doesNotContain("\"ASSIGNED\"").doesNotContain("\"SET\"");
            return;
        }
        assertThat(answer.status()).as(abbreviate(answer.body())).isBetween(400, 499);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.code()).isNotBlank();
    }

    /**
     * Events of the tenant's aggregates (all start with {@code tenant + "/"}); with an empty tenant, the
     * credit-account events of every tenant created by a request naming a bad tenant id. Counting per tenant
     * keeps background work of other tests (expiry sweeps, timeouts) out of the assertion.
     */
    private long eventsUnder(String tenantId) {
        if (tenantId.isEmpty()) {
            return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier NOT LIKE 'hostile-%' "
                    + "AND payload_type LIKE '%FundsAdded'", Long.class);
        }
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE ?",
                Long.class, tenantId + "/%");
    }

    private static String abbreviate(String text) {
        return text == null || text.length() < 300 ? text : text.substring(0, 300) + "...";
    }
}
