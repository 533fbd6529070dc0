package org.commcredits.ledger.apps;

import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands that create an aggregate, sent by several clients at the same instant: the first of a call, the
 * first call of the month into a pool. Only one can create the stream; the others must be decided again on
 * what it stored (INV-API-12), never answered with a 500.
 */
class ConcurrentFirstCommandsPostgresTest extends LedgerOnPostgres {

    private static final int RACERS = 8;
    private static final int ROUNDS = 15;
    private static final String US = "+12025550147";

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    @DisplayName("INV-API-12, INV-CALL-01: eight identical first authorisations of one call get one decision")
    void concurrentFirstAuthorisationsOfOneCallGetOneDecision() throws Exception {
        String t = tenantWithDomesticPlan("race-call", 1);
        for (int round = 0; round < ROUNDS; round++) { // the window is narrow: race often enough to hit it
            String call = "same-call-" + round;
            List<LedgerHttp.Answer> answers = race(i -> authorize(t, call, "u01"));

            for (LedgerHttp.Answer answer : answers) {
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo(answers.get(0).body());
            }
            assertThat(answers.get(0).json().get("fundedBy").asText()).isEqualTo("INCLUDED_MINUTES");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                    Long.class, t + "/calls/" + call)).as("one decision stored").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("INV-API-12: eight users' first calls of the month into one new pool are all decided")
    void concurrentFirstCallsIntoANewPoolAreAllDecided() throws Exception {
        for (int round = 0; round < ROUNDS; round++) { // each round a new tenant, so a new pool
            String t = tenantWithDomesticPlan("race-pool", RACERS);
            List<LedgerHttp.Answer> answers = race(i -> authorize(t, "call-" + i, String.format("u%02d", i + 1)));

            for (LedgerHttp.Answer answer : answers) {
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(answer.json().get("fundedBy").asText()).as(answer.body()).isEqualTo("INCLUDED_MINUTES");
            }
        }
    }

    private interface Racer {
        LedgerHttp.Answer run(int index);
    }

    private static List<LedgerHttp.Answer> race(Racer racer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LedgerHttp.Answer>> futures = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            int index = i;
            Callable<LedgerHttp.Answer> task = () -> {
                start.await();
                return racer.run(index);
            };
            futures.add(pool.submit(task));
        }
        start.countDown();
        List<LedgerHttp.Answer> answers = new ArrayList<>();
        for (Future<LedgerHttp.Answer> future : futures) {
            answers.add(future.get());
        }
        pool.shutdown();
        return answers;
    }

    private LedgerHttp.Answer authorize(String t, String call, String user) {
        return http().post("telephony", "/api/tenants/" + t + "/calls/" + call + "/authorize",
                "{\"userId\":\"" + user + "\",\"destination\":\"" + US + "\",\"callType\":\"OUTBOUND\"}");
    }

    private String tenantWithDomesticPlan(String prefix, int users) {
        String t = newTenant(prefix);
        List<String> ids = IntStream.rangeClosed(1, users).mapToObj(i -> String.format("\"u%02d\"", i)).toList();
        String userIds = "[" + String.join(",", ids) + "]";
        // A calling plan sits on Teams Phone (INV-LIC-10): without it the plan's minutes cannot be used.
        for (String sku : List.of("TEAMS_PHONE", "CALLING_PLAN_DOMESTIC")) {
            assertThat(http().post("license_admin", "/api/tenants/" + t + "/subscriptions",
                    "{\"sku\":\"" + sku + "\",\"seats\":" + users + "}").status()).isEqualTo(201);
        }
        LedgerHttp.Answer located = http().post("license_admin", "/api/tenants/" + t + "/licenses/bulk-usage-location",
                "{\"country\":\"US\",\"userIds\":" + userIds + "}");
        assertThat(located.status()).as(located.body()).isEqualTo(200);
        for (String sku : List.of("TEAMS_PHONE", "CALLING_PLAN_DOMESTIC")) {
            LedgerHttp.Answer assigned = http().post("license_admin", "/api/tenants/" + t + "/licenses/bulk-assign",
                    "{\"sku\":\"" + sku + "\",\"userIds\":" + userIds + "}");
            assertThat(assigned.json().get("assigned").asInt()).as(assigned.body()).isEqualTo(users);
        }
        return t;
    }
}
