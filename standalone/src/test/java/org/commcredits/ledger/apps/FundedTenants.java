package org.commcredits.ledger.apps;

import org.commcredits.ledger.platform.testing.LedgerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** Opening and funding tenants over HTTP, the way a billing admin does, for tests that need a funded account. */
final class FundedTenants {

    private FundedTenants() {
    }

    static String open(LedgerHttp http, String tenant) {
        LedgerHttp.Answer opened = http.post("billing_admin", "/api/tenants/" + tenant + "/credit-account",
                "{\"currency\":\"USD\",\"billingAgreement\":\"DIRECT\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        LedgerHttp.Answer method = http.put("billing_admin", "/api/tenants/" + tenant + "/credit-account/payment-method",
                "{\"type\":\"CARD\",\"token\":\"pm_card_visa\"}");
        assertThat(method.status()).as("payment method, where the path exists").isIn(200, 403, 404, 405);
        return tenant;
    }

    static LedgerHttp.Answer fund(LedgerHttp http, String tenant, String amount, String idempotencyKey) {
        LedgerHttp.Answer answer = http.post("billing_admin", "/api/tenants/" + tenant + "/credit-account/funds",
                "{\"amount\":\"" + amount + "\"}", idempotencyKey);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer;
    }
}
