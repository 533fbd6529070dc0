package org.commcredits.ledger.apps;

import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Split mode on PostgreSQL: the command side and the query side as two applications (two contexts, two web
 * servers) on one database. The query side sees the command side's events only through the shared event
 * store. Both restart and keep everything.
 */
class SplitModePostgresTest {

    private static PostgresTestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.create("split");
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void queriesOnTheQuerySideSeeCommandsOfTheCommandSideAndSurviveRestarts() {
        long fundedAt;
        try (RunningLedger commands = RunningLedger.start(CommandSideApplication.class, database.url(), database.user());
             RunningLedger queries = RunningLedger.start(QuerySideApplication.class, database.url(), database.user())) {
            LedgerHttp write = commands.http();
            LedgerHttp read = queries.http();

            assertThat(write.post("billing_admin", "/api/tenants/fabrikam/credit-account",
                    "{\"currency\":\"EUR\",\"billingAgreement\":\"DIRECT\"}").status()).isEqualTo(201);
            fundTo(write, "fabrikam", "75.00");
            LedgerHttp.Answer funded = fundTo(write, "fabrikam", "60.00");
            assertThat(funded.json().get("balance").asText()).isEqualTo("135.00");
            fundedAt = funded.sequence();

            LedgerHttp.Answer balance = read.get("finance_reader", "/api/tenants/fabrikam/balance?minSequence=" + fundedAt);
            assertThat(balance.status()).isEqualTo(200);
            assertThat(balance.json().get("balance").asText()).isEqualTo("135.00");
            assertThat(balance.json().get("currency").asText()).isEqualTo("EUR");

            assertThat(write.get("finance_reader", "/api/tenants/fabrikam/balance").status())
                    .as("query paths are served by the query side only").isIn(403, 404);
            assertThat(read.post("billing_admin", "/api/tenants/fabrikam/credit-account/funds", "{\"amount\":\"60.00\"}").status())
                    .as("command paths are served by the command side only").isIn(403, 404, 405);
        }

        try (RunningLedger commands = RunningLedger.start(CommandSideApplication.class, database.url(), database.user());
             RunningLedger queries = RunningLedger.start(QuerySideApplication.class, database.url(), database.user())) {
            assertThat(queries.http().get("finance_reader", "/api/tenants/fabrikam/balance?minSequence=" + fundedAt)
                    .json().get("balance").asText()).isEqualTo("135.00");
            LedgerHttp.Answer more = fundTo(commands.http(), "fabrikam", "50.00");
            assertThat(more.json().get("balance").asText()).isEqualTo("185.00");
            assertThat(queries.http().get("finance_reader", "/api/tenants/fabrikam/balance?minSequence=" + more.sequence())
                    .json().get("balance").asText()).isEqualTo("185.00");
        }
    }

    @Test
    void globalIndexIsConsecutiveUnderConcurrentWriters() throws Exception {
        try (RunningLedger commands = RunningLedger.start(CommandSideApplication.class, database.url(), database.user())) {
            LedgerHttp http = commands.http();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String tenant = "concurrent-" + t;
                http.post("billing_admin", "/api/tenants/" + tenant + "/credit-account",
                        "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}");
                writers.add(new Thread(() -> {
                    for (int i = 0; i < 10; i++) {
                        fundTo(http, tenant, "50.00");
                    }
                }));
            }
            writers.forEach(Thread::start);
            for (Thread writer : writers) {
                writer.join();
            }
            var jdbc = commands.bean(org.springframework.jdbc.core.JdbcTemplate.class);
            Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            Long min = jdbc.queryForObject("SELECT min(global_index) FROM domain_event_entry", Long.class);
            Long max = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            assertThat(max - min + 1).as("INV-API-05: no holes in the global index").isEqualTo(count);
        }
    }

    private static LedgerHttp.Answer fundTo(LedgerHttp http, String tenant, String amount) {
        LedgerHttp.Answer answer = http.post("billing_admin", "/api/tenants/" + tenant + "/credit-account/funds",
                "{\"amount\":\"" + amount + "\"}");
        if (answer.status() == 409 && "NO_PAYMENT_METHOD".equals(answer.code())) {
            http.put("billing_admin", "/api/tenants/" + tenant + "/credit-account/payment-method",
                    "{\"type\":\"CARD\",\"token\":\"pm_card_visa\"}");
            answer = http.post("billing_admin", "/api/tenants/" + tenant + "/credit-account/funds",
                    "{\"amount\":\"" + amount + "\"}");
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer;
    }
}
