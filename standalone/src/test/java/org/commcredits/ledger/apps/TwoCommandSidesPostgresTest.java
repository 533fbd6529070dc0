package org.commcredits.ledger.apps;

import io.micrometer.core.instrument.MeterRegistry;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.platform.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-side instances on one PostgreSQL database, as a scaled-out deployment runs them. Each keeps
 * aggregates (FreshAggregateCache) and the rate table (RateBook) in memory; neither may decide on what the
 * other has already changed (INV-API-11, INV-RATE-05).
 */
class TwoCommandSidesPostgresTest {

    private static final String USD_RATES = rates("USD");
    /** The first test's own price list: no other test uploads EUR rates to this database. */
    private static final String EUR_RATES = rates("EUR");
    private static final String US = "+12025550100";

    private static PostgresTestDatabase database;
    private static RunningLedger first;

    @BeforeAll
    static void start() {
        database = PostgresTestDatabase.create("twocmd");
        first = RunningLedger.start(CommandSideApplication.class, database.url(), database.user());
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void canDecideOnFundsAndRatesThatTheOtherInstanceStored() {
        try (RunningLedger second = RunningLedger.start(CommandSideApplication.class, database.url(), database.user(),
                "ledger.rating.refresh-interval-millis=200")) {
            LedgerHttp a = first.http();
            LedgerHttp b = second.http();
            String t = licensedTenant(a, "fresh", "EUR");

            assertThat(authorize(b, t, "before-rates").get("reason").asText())
                    .as("no EUR rate card yet").isEqualTo("NO_RATE_FOR_DESTINATION");
            assertThat(a.sendRaw("rates_admin", "PUT", "/api/rate-cards/eur", "text/csv", EUR_RATES).status()).isEqualTo(200);
            Instant until = Instant.now().plus(Duration.ofSeconds(5));
            String decision;
            int attempt = 0;
            do { // INV-RATE-05: the other instance's upload reaches this one within its refresh interval
                String call = "rated-" + attempt++;
                decision = authorize(b, t, call).get("decision").asText();
                if (decision.equals("ALLOW")) {
                    complete(b, t, call, 0); // releases the hold
                }
            } while (!decision.equals("ALLOW") && Instant.now().isBefore(until));
            assertThat(decision).as("the second instance rates with the first one's upload").isEqualTo("ALLOW");

            drain(b, t);
            assertThat(authorize(b, t, "drained").get("reason").asText()).isEqualTo("INSUFFICIENT_CREDITS");
            FundedTenants.fund(a, t, "50.00", null); // on the first instance: the second one's cached account is now old

            var answer = authorize(b, t, "refunded");
            assertThat(answer.get("decision").asText()).as(answer.toString()).isEqualTo("ALLOW");
            assertThat(answer.get("fundedBy").asText()).isEqualTo("CREDITS");
            assertThat(answer.get("maxDurationSeconds").asLong()).as("50.00 at 1.00 a minute").isEqualTo(50 * 60);
            assertThat(second.bean(MeterRegistry.class).counter("ledger.aggregate.cache", "aggregate", "CreditAccount",
                    "result", "stale").count()).as("the stale entry was noticed and dropped").isGreaterThanOrEqualTo(1);
        }
    }

    /** Why the check exists: without it, the second instance denies on the balance it cached. */
    @Test
    void wouldDenyOnAStaleCachedBalanceWithoutTheCheck() {
        try (RunningLedger second = RunningLedger.start(CommandSideApplication.class, database.url(), database.user(),
                "ledger.aggregate-cache.verify=false")) {
            LedgerHttp a = first.http();
            LedgerHttp b = second.http();
            String t = licensedTenant(a, "stale", "USD");
            assertThat(a.sendRaw("rates_admin", "PUT", "/api/rate-cards/usd", "text/csv", USD_RATES).status()).isEqualTo(200);
            assertThat(authorize(b, t, "rated").get("decision").asText()).as("rates reached b").isEqualTo("ALLOW");
            complete(b, t, "rated", 0);
            drain(b, t);
            FundedTenants.fund(a, t, "50.00", null);

            assertThat(authorize(b, t, "refunded").get("reason").asText()).isEqualTo("INSUFFICIENT_CREDITS");
        }
    }

    /**
     * INV-API-11: the call path keeps a user's calling profile in memory between calls; a license removed on the
     * other instance still stops the next call here (the profile's licensing version is checked before commit).
     */
    @Test
    void deniesOnceTheOtherInstanceRemovedTheLicense() {
        try (RunningLedger second = RunningLedger.start(CommandSideApplication.class, database.url(), database.user())) {
            LedgerHttp a = first.http();
            LedgerHttp b = second.http();
            String t = licensedTenant(a, "unlicensed", "USD");
            assertThat(a.sendRaw("rates_admin", "PUT", "/api/rate-cards/usd", "text/csv", USD_RATES).status()).isEqualTo(200);
            Instant until = Instant.now().plus(Duration.ofSeconds(5));
            String decision;
            int attempt = 0;
            do { // the rate card reaches b within its refresh interval; each authorisation caches the profile
                String call = "licensed-" + attempt++;
                decision = authorize(b, t, call).get("decision").asText();
                if (decision.equals("ALLOW")) {
                    complete(b, t, call, 0);
                }
            } while (!decision.equals("ALLOW") && Instant.now().isBefore(until));
            assertThat(decision).isEqualTo("ALLOW");
            assertThat(authorize(b, t, "cached-profile").get("decision").asText()).isEqualTo("ALLOW");
            complete(b, t, "cached-profile", 0);

            assertThat(a.delete("license_admin", "/api/tenants/" + t + "/users/u1/licenses/CALLING_PLAN_PAYG").status())
                    .isEqualTo(204);

            var answer = authorize(b, t, "after-removal");
            assertThat(answer.get("decision").asText()).as(answer.toString()).isEqualTo("DENY");
        }
    }

    /**
     * INV-API-11: a call whose cache entry was evicted between authorisation and completion is not taken for a
     * new one; the refusal it would get ("not authorised") is checked like an answer, and the retry asks the store.
     */
    @Test
    void completesACallWhoseCacheEntryWasEvicted() {
        LedgerHttp a = first.http();
        String t = licensedTenant(a, "evicted", "USD");
        assertThat(a.sendRaw("rates_admin", "PUT", "/api/rate-cards/usd", "text/csv", USD_RATES).status()).isEqualTo(200);
        assertThat(authorize(a, t, "evicted-call").get("decision").asText()).isEqualTo("ALLOW");
        first.bean("callCache", org.commcredits.ledger.platform.storage.FreshAggregateCache.class)
                .remove(org.commcredits.ledger.api.call.CallIds.aggregateId(org.commcredits.ledger.api.ids.TenantId.of(t),
                        org.commcredits.ledger.api.ids.CallId.of("evicted-call")));

        assertThat(complete(a, t, "evicted-call", 60).get("chargedAmount").asText()).isEqualTo("1.00");
    }

    /** Authorises one call for the whole balance (50.00 at 1.00 a minute) and completes it, leaving 0.00. */
    private static void drain(LedgerHttp http, String tenant) {
        var drain = authorize(http, tenant, "drain");
        assertThat(drain.get("maxDurationSeconds").asLong()).as(drain.toString()).isEqualTo(50 * 60);
        assertThat(complete(http, tenant, "drain", 3000).get("balance").asText()).isEqualTo("0.00");
    }

    private static com.fasterxml.jackson.databind.JsonNode complete(LedgerHttp http, String tenant, String call, long seconds) {
        LedgerHttp.Answer completed = http.post("telephony", "/api/tenants/" + tenant + "/calls/" + call + "/complete",
                "{\"durationSeconds\":" + seconds + "}");
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        return completed.json();
    }

    private static com.fasterxml.jackson.databind.JsonNode authorize(LedgerHttp http, String tenant, String call) {
        LedgerHttp.Answer answer = http.post("telephony", "/api/tenants/" + tenant + "/calls/" + call + "/authorize",
                "{\"userId\":\"u1\",\"destination\":\"" + US + "\",\"callType\":\"OUTBOUND\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static String rates(String currency) {
        return "prefix,destination,perMinute,connectionFee,currency,effectiveFrom\n"
                + "1,United States,1.0000,0.0000," + currency + ",2020-01-01T00:00:00Z\n";
    }

    private static String licensedTenant(LedgerHttp http, String name, String currency) {
        LedgerHttp.Answer opened = http.post("billing_admin", "/api/tenants/" + name + "/credit-account",
                "{\"currency\":\"" + currency + "\",\"billingAgreement\":\"DIRECT\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(http.put("billing_admin", "/api/tenants/" + name + "/credit-account/payment-method",
                "{\"type\":\"CARD\",\"token\":\"pm_card_visa\"}").status()).isEqualTo(200);
        String t = name;
        FundedTenants.fund(http, t, "50.00", null);
        for (String sku : List.of("CALLING_PLAN_PAYG", "TEAMS_PHONE")) {
            assertThat(http.post("license_admin", "/api/tenants/" + t + "/subscriptions",
                    "{\"sku\":\"" + sku + "\",\"seats\":5}").status()).isEqualTo(201);
        }
        assertThat(http.put("license_admin", "/api/tenants/" + t + "/users/u1/usage-location", "{\"country\":\"US\"}")
                .status()).isEqualTo(200);
        for (String sku : List.of("TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS")) {
            LedgerHttp.Answer assigned = http.post("license_admin", "/api/tenants/" + t + "/users/u1/licenses",
                    "{\"sku\":\"" + sku + "\"}");
            assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
        }
        return t;
    }
}
