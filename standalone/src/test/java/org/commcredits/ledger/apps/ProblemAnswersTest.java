package org.commcredits.ledger.apps;

import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * INV-API-02 and INV-API-03: bad input is a 4xx {@code application/problem+json} with a stable code, and a
 * rejected request appends no event.
 */
class ProblemAnswersTest extends LedgerOnPostgres {

    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @DisplayName("INV-API-03: malformed funding requests are answered with their code and append nothing (INV-API-02)")
    @CsvSource(delimiter = '|', value = {
            "{\"amount\":\"-5.00\"}                 | 400 | INVALID_AMOUNT",
            "{\"amount\":\"0.00\"}                  | 400 | INVALID_AMOUNT",
            "{\"amount\":\"50.001\"}                | 400 | INVALID_AMOUNT",
            "{\"amount\":\"1000000.01\"}            | 400 | INVALID_AMOUNT",
            "{\"amount\":\"1e3\"}                   | 400 | INVALID_AMOUNT",
            "{\"amount\":\"abc\"}                   | 400 | INVALID_AMOUNT",
            "{\"amount\":100}                       | 400 | INVALID_AMOUNT",
            "{\"amount\":true}                      | 400 | INVALID_AMOUNT",
            "{\"amount\":null}                      | 400 | INVALID_REQUEST",
            "{}                                     | 400 | INVALID_REQUEST",
            "{\"amount\":\"60.00\",\"extra\":true}  | 400 | INVALID_REQUEST",
            "{\"amount\":                           | 400 | INVALID_REQUEST",
            "[]                                     | 400 | INVALID_REQUEST",
            "{\"amount\":\"10.00\"}                 | 409 | BELOW_MINIMUM_FUNDING"})
    void badFundingRequests(String body, int status, String code) {
        String tenant = FundedTenants.open(http(), newTenant("bad"));
        long before = eventsOf(tenant);
        LedgerHttp.Answer answer = http().post("billing_admin", "/api/tenants/" + tenant + "/credit-account/funds", body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.code()).isEqualTo(code);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(eventsOf(tenant)).as("INV-API-02: no event from a rejected request").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @DisplayName("INV-API-03: envelope errors are problem+json too")
    @CsvSource(delimiter = '|', value = {
            "billing_admin | /api/tenants/bad%20id/credit-account/funds | 400 | INVALID_ID",
            "billing_admin | /api/tenants/no-such-tenant-x/credit-account/funds | 404 | ACCOUNT_NOT_FOUND",
            "finance_reader | /api/tenants/contoso/credit-account/funds | 403 | FORBIDDEN",
            "contoso_admin | /api/tenants/fabrikam/credit-account/funds | 403 | FORBIDDEN",
            "nobody | /api/tenants/contoso/credit-account/funds | 401 | UNAUTHENTICATED"})
    void envelopeErrors(String user, String path, int status, String code) {
        LedgerHttp.Answer answer = http().post(user, path, "{\"amount\":\"60.00\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.code()).isEqualTo(code);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("INV-API-03: a body over 1 MiB is 413 PAYLOAD_TOO_LARGE")
    void hugeBody() {
        String huge = "{\"amount\":\"" + "9".repeat(1024 * 1024 + 10) + "\"}";
        LedgerHttp.Answer answer = http().post("billing_admin", "/api/tenants/contoso/credit-account/funds", huge);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.code()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    @DisplayName("INV-API-03: a wrong content type is 415, an unknown path 404, both problem+json")
    void wrongContentTypeAndUnknownPath() {
        LedgerHttp.Answer wrongType = http().send("billing_admin", "POST", "/api/tenants/contoso/credit-account", null, null);
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        LedgerHttp.Answer unknown = http().get("admin", "/api/nothing-here");
        assertThat(unknown.status()).isIn(403, 404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("INV-API-03: a wrong type inside an array names the element, from the one error handler")
    void wrongTypeInsideAnArray() {
        LedgerHttp.Answer answer = http().post("telephony", "/api/tenants/" + newTenant("arr") + "/usage", "[[1]]");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_REQUEST");
        assertThat(answer.json().get("detail").asText()).as("answered by ProblemHandler, not the /error fallback")
                .contains("[0]");
    }

    @Test
    @DisplayName("INV-CA-01: opening a second account for a tenant is ACCOUNT_EXISTS and appends nothing")
    void secondAccountIsRejected() {
        String tenant = FundedTenants.open(http(), newTenant("twice"));
        long before = eventsOf(tenant);
        LedgerHttp.Answer again = http().post("billing_admin", "/api/tenants/" + tenant + "/credit-account",
                "{\"currency\":\"EUR\",\"billingAgreement\":\"DIRECT\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("ACCOUNT_EXISTS");
        assertThat(eventsOf(tenant)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("INV-API-03: opening with a bad currency or agreement names the field")
    @CsvSource(delimiter = '|', value = {
            "{\"currency\":\"XYZ\",\"billingAgreement\":\"DIRECT\"} | INVALID_CURRENCY",
            "{\"currency\":\"usd\",\"billingAgreement\":\"DIRECT\"} | INVALID_CURRENCY",
            "{\"currency\":\"USD\",\"billingAgreement\":\"CASH\"}   | INVALID_BILLING_AGREEMENT",
            "{\"currency\":\"USD\"}                                 | INVALID_REQUEST"})
    void badOpenRequests(String body, String code) {
        LedgerHttp.Answer answer = http().post("billing_admin", "/api/tenants/" + newTenant("open") + "/credit-account", body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo(code);
    }

    private long eventsOf(String tenant) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE ?",
                Long.class, tenant + "/%");
    }
}
