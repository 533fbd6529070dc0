package org.commcredits.ledger.apps;

import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** INV-API-01 on PostgreSQL: an Idempotency-Key applies a money-moving command once, even when raced. */
class IdempotencyTest extends LedgerOnPostgres {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("INV-API-01: a repeat with the same key and body returns the first answer and stores nothing")
    void repeatReturnsTheFirstAnswer() {
        String tenant = FundedTenants.open(http(), newTenant("idem"));
        LedgerHttp.Answer first = FundedTenants.fund(http(), tenant, "80.00", "key-1");
        long events = eventsOf(tenant);
        LedgerHttp.Answer again = FundedTenants.fund(http(), tenant, "80.00", "key-1");

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("X-Event-Sequence")).isEqualTo(first.header("X-Event-Sequence"));
        assertThat(eventsOf(tenant)).isEqualTo(events);
    }

    @Test
    @DisplayName("INV-API-01: the same key with a different body is IDEMPOTENCY_KEY_REUSED and stores nothing")
    void sameKeyDifferentBodyIsRejected() {
        String tenant = FundedTenants.open(http(), newTenant("idem"));
        FundedTenants.fund(http(), tenant, "80.00", "key-2");
        long events = eventsOf(tenant);
        LedgerHttp.Answer other = http().post("billing_admin", "/api/tenants/" + tenant + "/credit-account/funds",
                "{\"amount\":\"90.00\"}", "key-2");

        assertThat(other.status()).isEqualTo(409);
        assertThat(other.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(eventsOf(tenant)).isEqualTo(events);
    }

    @Test
    @DisplayName("INV-API-01: the same key sent eight times at the same instant has exactly one effect")
    void concurrentRepeatsHaveOneEffect() throws Exception {
        String tenant = FundedTenants.open(http(), newTenant("race"));
        FundedTenants.fund(http(), tenant, "50.00", null);
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LedgerHttp.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return http().post("billing_admin", "/api/tenants/" + tenant + "/credit-account/funds",
                        "{\"amount\":\"70.00\"}", "same-instant");
            }));
        }
        start.countDown();
        List<String> bodies = new ArrayList<>();
        for (Future<LedgerHttp.Answer> answer : answers) {
            LedgerHttp.Answer a = answer.get();
            assertThat(a.status()).as(a.body()).isEqualTo(201);
            bodies.add(a.body());
        }
        pool.shutdown();

        assertThat(bodies).as("every racer gets the one answer").allMatch(bodies.get(0)::equals);
        Integer funded = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%FundsAdded'", Integer.class, tenant + "/credit-account");
        assertThat(funded).as("50.00 once plus 70.00 once").isEqualTo(2);
        assertThat(bodies.get(0)).contains("\"balance\":\"120.00\"");
    }

    /**
     * The credit account's events: what a funding appends. Not every aggregate of the tenant: the first funding
     * also grants Communication Credits seats to the tenant's licenses, through a tracking processor, a moment later.
     */
    private long eventsOf(String tenant) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, tenant + "/credit-account");
    }
}
