package org.commcredits.ledger.apps;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.license.AssignLicense;
import org.commcredits.ledger.api.license.FindUserCallingProfile;
import org.commcredits.ledger.api.license.LicenseIds;
import org.commcredits.ledger.platform.commands.CommandExecutor;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.api.license.UserCallingProfile;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.commcredits.ledger.query.eligibility.IncludedMinutePools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Licensing and eligibility end to end over HTTP on PostgreSQL: a tenant subscribes, locates and bulk-assigns
 * 1,000 users, funds credits and sees eligibility flip as licenses, balance and pools change; two concurrent
 * assignments of the last seat; the contract's rejections. One application for the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LicensingPostgresTest {

    private static final String ADMIN = "license_admin";
    private PostgresTestDatabase database;
    private RunningLedger ledger;
    private LedgerHttp http;

    @BeforeAll
    void start() {
        database = PostgresTestDatabase.create("licensing");
        // Snapshots every 5 events, so that the tests load the inventory from snapshots, not only from events.
        ledger = RunningLedger.start(StandaloneApplication.class, database.url(), database.user(),
                "ledger.license.snapshot-threshold=5");
        http = ledger.http();
    }

    @AfterAll
    void stop() {
        if (ledger != null) {
            ledger.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    private static String users(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static List<String> userIds(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%s%05d", prefix, i)).toList();
    }

    private JsonNode locateAll(String tenant, List<String> ids, String country) {
        LedgerHttp.Answer answer = http.post(ADMIN, "/api/tenants/" + tenant + "/licenses/bulk-usage-location",
                "{\"country\":\"" + country + "\",\"userIds\":" + users(ids) + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private void locateOneByOne(String tenant, List<String> ids, String country) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String id : ids) {
                answers.add(pool.submit(() -> http.put(ADMIN, "/api/tenants/" + tenant + "/users/" + id + "/usage-location",
                        "{\"country\":\"" + country + "\"}").status()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Read-your-writes; on a machine this loaded the 5 s wait may pass, so a 503 is asked again (up to 30 s). */
    private JsonNode eligibility(String tenant, String user, long minSequence) {
        String path = "/api/tenants/" + tenant + "/users/" + user + "/eligibility?minSequence=" + minSequence;
        LedgerHttp.Answer answer = http.get(ADMIN, path);
        for (int attempt = 1; answer.status() == 503 && attempt < 6; attempt++) {
            answer = http.get(ADMIN, path);
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** For changes that reach the read model without an HTTP answer carrying their sequence. */
    private JsonNode awaitEligibility(String tenant, String user, Predicate<JsonNode> until) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = http.get(ADMIN, "/api/tenants/" + tenant + "/users/" + user + "/eligibility").json();
            if (until.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("eligibility never matched; last answer " + last);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private JsonNode bulk(String tenant, String sku, List<String> ids) {
        LedgerHttp.Answer answer = http.post(ADMIN, "/api/tenants/" + tenant + "/licenses/bulk-assign",
                "{\"sku\":\"" + sku + "\",\"userIds\":" + users(ids) + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private long lastSequence() {
        return ledger.bean(JdbcTemplate.class).queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
    }

    @Test
    @DisplayName("INV-LIC-07/10/12/15: subscribe, locate, bulk-assign 1,000 users, fund, and see eligibility flip")
    void tenantJourney() throws Exception {
        String t = "fabrikam";
        List<String> ids = userIds("u", 1000);
        assertThat(http.post(ADMIN, "/api/tenants/" + t + "/subscriptions", "{\"sku\":\"TEAMS_PHONE\",\"seats\":1000}").status())
                .isEqualTo(201);
        LedgerHttp.Answer plans = http.post(ADMIN, "/api/tenants/" + t + "/subscriptions",
                "{\"sku\":\"CALLING_PLAN_DOMESTIC\",\"seats\":1000}");
        assertThat(plans.status()).isEqualTo(201);
        assertThat(plans.json().get("available").asLong()).isEqualTo(1000);

        long located = System.nanoTime();
        locateOneByOne(t, ids.subList(0, 20), "US"); // the contract's path, four clients in parallel
        long oneByOneMillis = (System.nanoTime() - located) / 1_000_000;
        located = System.nanoTime();
        JsonNode locations = locateAll(t, ids, "US"); // the bulk extension
        long locatedMillis = (System.nanoTime() - located) / 1_000_000;
        assertThat(locations.get("set").asInt()).isEqualTo(980);
        assertThat(locations.get("unchanged").asInt()).isEqualTo(20);

        long started = System.nanoTime();
        JsonNode phones = bulk(t, "TEAMS_PHONE", ids);
        JsonNode domestic = bulk(t, "CALLING_PLAN_DOMESTIC", ids);
        long bulkMillis = (System.nanoTime() - started) / 1_000_000 / 2;
        System.out.printf("licensing: 20 usage locations one by one in %d ms; 1,000 in bulk in %d ms; "
                + "bulk-assign of 1,000 users in %d ms%n", oneByOneMillis, locatedMillis, bulkMillis);
        assertThat(phones.get("assigned").asInt()).isEqualTo(1000);
        assertThat(domestic.get("assigned").asInt()).isEqualTo(1000);
        assertThat(domestic.get("items")).hasSize(1000);

        // Safe to retry: everyone reports ALREADY_ASSIGNED, even with every seat in use.
        JsonNode retried = bulk(t, "CALLING_PLAN_DOMESTIC", ids.subList(0, 10));
        assertThat(retried.get("alreadyAssigned").asInt()).isEqualTo(10);
        assertThat(retried.get("items").get(0).get("outcome").asText()).isEqualTo("ALREADY_ASSIGNED");

        // An account, not funded yet: credits are refused for want of the license, not of the account (INV-CALL-06).
        assertThat(http.post("billing_admin", "/api/tenants/" + t + "/credit-account",
                "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}").status()).isEqualTo(201);

        // Included minutes pay for now.
        long sequence = lastSequence();
        JsonNode alice = eligibility(t, "u00000", sequence);
        assertThat(alice.get("canDialOut").asBoolean()).isTrue();
        assertThat(texts(alice.get("fundedBy"))).containsExactly("INCLUDED_MINUTES");
        assertThat(texts(alice.get("licenses"))).containsExactly("TEAMS_PHONE", "CALLING_PLAN_DOMESTIC");
        assertThat(alice.get("usageLocation").asText()).isEqualTo("US");
        assertThat(texts(alice.get("international").get("reasons"))).containsExactly("NO_COMMUNICATION_CREDITS_LICENSE");

        // The US Domestic pool runs out (stand-in for rating's pool event, issue 6): credits are needed and missing.
        ledger.bean(IncludedMinutePools.class).exhausted(TenantId.of(t), Sku.CALLING_PLAN_DOMESTIC.name(), CountryCode.of("US"),
                YearMonth.now(ZoneOffset.UTC), sequence + 1);
        alice = eligibility(t, "u00000", sequence);
        assertThat(alice.get("canDialOut").asBoolean()).isFalse();
        assertThat(texts(alice.get("reasons"))).containsExactly("INCLUDED_MINUTES_EXHAUSTED", "NO_COMMUNICATION_CREDITS_LICENSE");
        JsonNode blocked = http.get(ADMIN, "/api/tenants/" + t + "/eligibility?canDialOut=false&limit=1000").json();
        assertThat(blocked.get("items")).hasSize(1000);

        // COMMUNICATION_CREDITS before the first funding: no seats.
        JsonNode early = bulk(t, "COMMUNICATION_CREDITS", ids.subList(0, 3));
        assertThat(early.get("items").get(0).get("code").asText()).isEqualTo("NO_SEATS_AVAILABLE");

        // Fund the credit account (a payment method first where that path exists).
        http.put("billing_admin", "/api/tenants/" + t + "/credit-account/payment-method",
                "{\"type\":\"CARD\",\"token\":\"pm_card_visa\"}"); // 404 before issue 4: ignored
        LedgerHttp.Answer funded = http.post("billing_admin", "/api/tenants/" + t + "/credit-account/funds", "{\"amount\":\"100.00\"}");
        assertThat(funded.status()).as(funded.body()).isEqualTo(201);

        // Unlimited free seats arrive once licensing has handled CommunicationCreditsEnabled; a retried bulk is safe.
        JsonNode credits = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            credits = bulk(t, "COMMUNICATION_CREDITS", ids);
            if (credits.get("assigned").asInt() + credits.get("alreadyAssigned").asInt() == 1000) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(credits.get("rejected").asInt()).isZero();
        alice = eligibility(t, "u00000", lastSequence());
        assertThat(alice.get("canDialOut").asBoolean()).isTrue();
        assertThat(texts(alice.get("fundedBy"))).containsExactly("CREDITS");
        assertThat(texts(alice.get("international").get("fundedBy"))).containsExactly("CREDITS");

        // The balance crosses zero (stand-in for a call's charge, issue 6): INSUFFICIENT_CREDITS.
        ledger.bean(EventGateway.class).publish(new FundsConsumed(TenantId.of(t), "ch-1", "call-1", null,
                Money.ofMinor(10_000, "USD"), List.of(), Money.ofMinor(0, "USD"), Instant.now()));
        alice = awaitEligibility(t, "u00000", node -> !node.get("canDialOut").asBoolean());
        assertThat(texts(alice.get("reasons"))).containsExactly("INCLUDED_MINUTES_EXHAUSTED", "INSUFFICIENT_CREDITS");

        // Funding again flips it back.
        LedgerHttp.Answer refunded = http.post("billing_admin", "/api/tenants/" + t + "/credit-account/funds", "{\"amount\":\"50.00\"}");
        alice = eligibility(t, "u00000", refunded.sequence());
        assertThat(alice.get("canDialOut").asBoolean()).isTrue();

        // Removing a license: that user, and only that user, is listed as unable to dial out.
        LedgerHttp.Answer removed = http.delete(ADMIN, "/api/tenants/" + t + "/users/u00007/licenses/CALLING_PLAN_DOMESTIC?reason=left");
        assertThat(removed.status()).isEqualTo(204);
        eligibility(t, "u00007", removed.sequence());
        JsonNode page = http.get(ADMIN, "/api/tenants/" + t + "/eligibility?canDialOut=false").json();
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("userId").asText()).isEqualTo("u00007");
        assertThat(texts(page.get("items").get(0).get("reasons"))).containsExactly("NO_CALLING_LICENSE");
        assertThat(page.get("next").isNull()).isTrue();

        // Paging through everyone, 400 at a time.
        JsonNode first = http.get(ADMIN, "/api/tenants/" + t + "/eligibility?limit=400").json();
        assertThat(first.get("items")).hasSize(400);
        JsonNode second = http.get(ADMIN, "/api/tenants/" + t + "/eligibility?limit=400&after=" + first.get("next").asText()).json();
        assertThat(second.get("items").get(0).get("userId").asText()).isEqualTo("u00400");

        // The 1,000-user inventory was snapshotted on the way, and loaded from its snapshot since.
        assertThat(ledger.bean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class, t + "/licenses"))
                .isPositive();

        // INV-LIC-18: replaying the eligibility processor from the start rebuilds the same users and tenants.
        JdbcTemplate jdbc = ledger.bean(JdbcTemplate.class);
        String users = "SELECT * FROM rm_elig_user ORDER BY tenant_id, user_id";
        String tenants = "SELECT * FROM rm_elig_tenant ORDER BY tenant_id";
        var liveUsers = jdbc.queryForList(users);
        var liveTenants = jdbc.queryForList(tenants);
        long end = lastSequence();
        TrackingEventProcessor eligibility = ledger.bean(EventProcessingConfiguration.class)
                .eventProcessor("eligibility", TrackingEventProcessor.class).orElseThrow();
        eligibility.shutDown();
        eligibility.resetTokens();
        eligibility.start();
        long replayDeadline = System.nanoTime() + 60_000_000_000L;
        while (!ledger.bean(ProcessorPositions.class).hasReached("eligibility", end) || eligibility.isReplaying()) {
            assertThat(System.nanoTime()).as("replay finished within 60 s").isLessThan(replayDeadline);
            Thread.sleep(100);
        }
        assertThat(jdbc.queryForList(users)).isEqualTo(liveUsers);
        assertThat(jdbc.queryForList(tenants)).isEqualTo(liveTenants);

        // The call path's lookup answers from the command side.
        UserCallingProfile profile = ledger.bean(QueryGateway.class)
                .query(new FindUserCallingProfile(TenantId.of(t), UserId.of("u00007")), UserCallingProfile.class).join();
        assertThat(profile.known()).isTrue();
        assertThat(profile.usageLocation()).isEqualTo(CountryCode.of("US"));
        assertThat(profile.skus()).isEqualTo(Set.of(Sku.TEAMS_PHONE, Sku.COMMUNICATION_CREDITS));
        assertThat(ledger.bean(QueryGateway.class)
                .query(new FindUserCallingProfile(TenantId.of(t), UserId.of("nobody")), UserCallingProfile.class).join().known())
                .isFalse();
    }

    @Test
    @DisplayName("INV-LIC-03: two concurrent assignments of the last seat never both succeed")
    void lastSeatGoesToExactlyOneOfTwoConcurrentAssignments() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String t = "race" + round;
                assertThat(http.post(ADMIN, "/api/tenants/" + t + "/subscriptions", "{\"sku\":\"TEAMS_PHONE\",\"seats\":1}").status())
                        .isEqualTo(201);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<LedgerHttp.Answer>> answers = new ArrayList<>();
                for (String user : List.of("a", "b")) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return http.post(ADMIN, "/api/tenants/" + t + "/users/" + user + "/licenses", "{\"sku\":\"TEAMS_PHONE\"}");
                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                List<String> codes = new ArrayList<>();
                for (Future<LedgerHttp.Answer> answer : answers) {
                    statuses.add(answer.get().status());
                    codes.add(answer.get().code());
                }
                assertThat(statuses).containsExactlyInAnyOrder(201, 409);
                assertThat(codes).contains("NO_SEATS_AVAILABLE");
                Long assigned = ledger.bean(JdbcTemplate.class).queryForObject(
                        "SELECT COUNT(*) FROM lic_user_profile WHERE tenant_id = ? AND skus LIKE '%TEAMS_PHONE%'", Long.class, t);
                assertThat(assigned).isEqualTo(1);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    @DisplayName("INV-LIC-03: even without the tenant queue, the stream's sequence number alone keeps the last seat single")
    void lastSeatIsSafeWithoutTheQueue() throws Exception {
        CommandExecutor executor = ledger.bean(CommandExecutor.class);
        CommandGateway gateway = ledger.bean(CommandGateway.class);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String t = "seq" + round;
                TenantId tenant = TenantId.of(t);
                http.post(ADMIN, "/api/tenants/" + t + "/subscriptions", "{\"sku\":\"TEAMS_PHONE\",\"seats\":1}");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> outcomes = new ArrayList<>();
                for (String user : List.of("a", "b")) {
                    outcomes.add(pool.submit(() -> {
                        go.await();
                        try {
                            executor.execute(new CommandExecutor.Command(LicenseIds.aggregateId(tenant), null, t, user, () -> {
                                gateway.sendAndWait(new AssignLicense(tenant, UserId.of(user), Sku.TEAMS_PHONE, "test"));
                                return new CommandExecutor.Answer(201, user);
                            }));
                            return "ASSIGNED";
                        } catch (RuntimeException rejected) {
                            for (Throwable cause = rejected; cause != null; cause = cause.getCause()) {
                                if (cause instanceof LedgerException ledgerException) {
                                    return ledgerException.code().name();
                                }
                            }
                            throw rejected;
                        }
                    }));
                }
                go.countDown();
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get());
                }
                assertThat(results).containsExactlyInAnyOrder("ASSIGNED", "NO_SEATS_AVAILABLE");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    @DisplayName("INV-LIC-03: a bulk assignment racing a single one for the last seats never over-assigns")
    void bulkAndSingleRaceForTheLastSeats() throws Exception {
        String t = "bulkrace";
        http.post(ADMIN, "/api/tenants/" + t + "/subscriptions", "{\"sku\":\"TEAMS_PHONE\",\"seats\":50}");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<JsonNode> bulk = pool.submit(() -> {
                go.await();
                return bulk(t, "TEAMS_PHONE", userIds("b", 50));
            });
            Future<LedgerHttp.Answer> single = pool.submit(() -> {
                go.await();
                return http.post(ADMIN, "/api/tenants/" + t + "/users/solo/licenses", "{\"sku\":\"TEAMS_PHONE\"}");
            });
            go.countDown();
            int bulkAssigned = bulk.get().get("assigned").asInt();
            int singleAssigned = single.get().status() == 201 ? 1 : 0;
            assertThat(bulkAssigned + singleAssigned).isEqualTo(50);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    @DisplayName("Rejections in the contract's order, with stable codes, and SEATS_IN_USE on reduction (INV-LIC-02/04/05/08)")
    void rejections() {
        String t = "contoso";
        String base = "/api/tenants/" + t;
        assertThat(http.post(ADMIN, base + "/subscriptions", "{\"sku\":\"NOPE\",\"seats\":1}").code()).isEqualTo("INVALID_SKU");
        assertThat(http.post(ADMIN, base + "/subscriptions", "{\"sku\":\"TEAMS_PHONE\",\"seats\":0}").code()).isEqualTo("INVALID_SEATS");
        assertThat(http.post(ADMIN, base + "/subscriptions", "{\"sku\":\"TEAMS_PHONE\",\"seats\":1.5}").code()).isEqualTo("INVALID_SEATS");
        assertThat(http.post(ADMIN, base + "/subscriptions", "{\"sku\":\"COMMUNICATION_CREDITS\",\"seats\":1}").code())
                .isEqualTo("SKU_NOT_SUBSCRIBABLE");
        assertThat(http.post(ADMIN, "/api/tenants/bad%20id/subscriptions", "{\"sku\":\"TEAMS_PHONE\",\"seats\":1}").code())
                .isEqualTo("INVALID_ID");
        assertThat(http.put(ADMIN, base + "/users/ann/usage-location", "{\"country\":\"XX\"}").code()).isEqualTo("INVALID_COUNTRY");
        assertThat(http.put(ADMIN, base + "/users/ann/usage-location", "{\"country\":\"us\"}").code()).isEqualTo("INVALID_COUNTRY");
        assertThat(http.post(ADMIN, base + "/users/ann/licenses", "{\"sku\":\"CALLING_PLAN_DOMESTIC\"}").code())
                .isEqualTo("NO_SEATS_AVAILABLE");

        http.post(ADMIN, base + "/subscriptions", "{\"sku\":\"CALLING_PLAN_DOMESTIC\",\"seats\":2}");
        assertThat(http.post(ADMIN, base + "/users/ann/licenses", "{\"sku\":\"CALLING_PLAN_DOMESTIC\"}").code())
                .isEqualTo("USAGE_LOCATION_REQUIRED");
        assertThat(http.put(ADMIN, base + "/users/ann/usage-location", "{\"country\":\"GB\"}").status()).isEqualTo(200);
        LedgerHttp.Answer assigned = http.post(ADMIN, base + "/users/ann/licenses", "{\"sku\":\"CALLING_PLAN_DOMESTIC\"}");
        assertThat(assigned.status()).isEqualTo(201);
        assertThat(assigned.header("X-Event-Sequence")).isNotNull();
        assertThat(http.post(ADMIN, base + "/users/ann/licenses", "{\"sku\":\"CALLING_PLAN_DOMESTIC\"}").code())
                .isEqualTo("LICENSE_ALREADY_ASSIGNED");
        assertThat(http.put(ADMIN, base + "/subscriptions/CALLING_PLAN_DOMESTIC", "{\"seats\":0}").code()).isEqualTo("SEATS_IN_USE");
        LedgerHttp.Answer reduced = http.put(ADMIN, base + "/subscriptions/CALLING_PLAN_DOMESTIC", "{\"seats\":1}");
        assertThat(reduced.status()).isEqualTo(200);
        assertThat(reduced.json().get("available").asLong()).isZero();
        assertThat(http.delete(ADMIN, base + "/users/bob/licenses/CALLING_PLAN_DOMESTIC").code()).isEqualTo("LICENSE_NOT_ASSIGNED");
        assertThat(http.delete(ADMIN, base + "/users/bob/licenses/NOPE").code()).isEqualTo("INVALID_SKU");
        assertThat(http.post(ADMIN, base + "/licenses/bulk-assign", "{\"sku\":\"TEAMS_PHONE\",\"userIds\":[]}").code())
                .isEqualTo("INVALID_REQUEST");
        JsonNode mixed = http.post(ADMIN, base + "/licenses/bulk-assign",
                "{\"sku\":\"CALLING_PLAN_DOMESTIC\",\"userIds\":[\"ann\",\"bad id\",\"zed\"]}").json();
        assertThat(texts(mixed.get("items").findValues("code").stream().collect(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance::arrayNode,
                com.fasterxml.jackson.databind.node.ArrayNode::add, com.fasterxml.jackson.databind.node.ArrayNode::addAll)))
                .containsExactly("LICENSE_ALREADY_ASSIGNED", "INVALID_ID", "NO_SEATS_AVAILABLE");
        String tooMany = users(userIds("x", 10_001));
        assertThat(http.post(ADMIN, base + "/licenses/bulk-assign", "{\"sku\":\"TEAMS_PHONE\",\"userIds\":" + tooMany + "}").code())
                .isEqualTo("TOO_MANY_ITEMS");
        assertThat(http.post("finance_reader", base + "/subscriptions", "{\"sku\":\"TEAMS_PHONE\",\"seats\":1}").status()).isEqualTo(403);
        assertThat(http.get(ADMIN, base + "/eligibility?limit=0").code()).isEqualTo("INVALID_PAGING");
        assertThat(http.get(ADMIN, base + "/eligibility?canDialOut=maybe").code()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    @EnabledIfSystemProperty(named = "ledger.bench", matches = "true")
    @DisplayName("Benchmark (-Dledger.bench=true): bulk-assign 10,000 users")
    void bulkAssignTenThousandUsers() {
        String t = "bench";
        List<String> ids = userIds("w", 10_000);
        http.post(ADMIN, "/api/tenants/" + t + "/subscriptions", "{\"sku\":\"CALLING_PLAN_DOMESTIC\",\"seats\":10000}");
        long locatedStarted = System.nanoTime();
        locateAll(t, ids, "US");
        long locatedMillis = (System.nanoTime() - locatedStarted) / 1_000_000;
        long started = System.nanoTime();
        JsonNode answer = bulk(t, "CALLING_PLAN_DOMESTIC", ids);
        long millis = (System.nanoTime() - started) / 1_000_000;
        long retryStarted = System.nanoTime();
        JsonNode retry = bulk(t, "CALLING_PLAN_DOMESTIC", ids);
        long retryMillis = (System.nanoTime() - retryStarted) / 1_000_000;
        long readStarted = System.nanoTime();
        eligibility(t, "w09999", lastSequence());
        long projectedMillis = (System.nanoTime() - readStarted) / 1_000_000;
        System.out.printf("licensing bench: usage location for 10,000 users in %d ms; bulk-assign 10,000 users in %d ms; "
                + "retry (all ALREADY_ASSIGNED) in %d ms; eligibility caught up %d ms later%n",
                locatedMillis, millis, retryMillis, projectedMillis);
        assertThat(answer.get("assigned").asInt()).isEqualTo(10_000);
        assertThat(retry.get("alreadyAssigned").asInt()).isEqualTo(10_000);
    }
}
