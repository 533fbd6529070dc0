package org.commcredits.ledger.apps;

import com.fasterxml.jackson.databind.JsonNode;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** INV-CA-19: a funding's purchase order number reaches its invoice; a malformed one is refused and stores nothing. */
class PoNumberTest extends LedgerOnPostgres {

    @Test
    @DisplayName("INV-CA-19: poNumber is answered, stored on the invoice (JSON and read model), and refused when malformed")
    void poNumberOnTheInvoice() {
        String tenant = FundedTenants.open(http(), "po-" + UUID.randomUUID().toString().substring(0, 8));
        String funds = "/api/tenants/" + tenant + "/credit-account/funds";
        LedgerHttp.Answer funded = http().post("billing_admin", funds, "{\"amount\":\"60.00\",\"poNumber\":\"PO-4500012345\"}", "po-1");
        assertThat(funded.status()).as(funded.body()).isEqualTo(201);
        assertThat(funded.json().get("poNumber").asText()).isEqualTo("PO-4500012345");
        String invoiceId = funded.json().get("invoiceId").asText();
        long sequence = Long.parseLong(funded.header("X-Event-Sequence"));

        JsonNode invoice = http().get("finance_reader", "/api/tenants/" + tenant + "/invoices/" + invoiceId + "?minSequence=" + sequence).json();
        assertThat(invoice.get("poNumber").asText()).isEqualTo("PO-4500012345");
        assertThat(invoice.get("reference").asText()).isEqualTo(funded.json().get("trancheId").asText());

        LedgerHttp.Answer without = http().post("billing_admin", funds, "{\"amount\":\"50.00\"}", "po-2");
        assertThat(without.json().get("poNumber").isNull()).isTrue();
        JsonNode plain = http().get("finance_reader", "/api/tenants/" + tenant + "/invoices/" + without.json().get("invoiceId").asText()
                + "?minSequence=" + without.header("X-Event-Sequence")).json();
        assertThat(plain.get("poNumber").isNull()).isTrue();

        LedgerHttp.Answer reused = http().post("billing_admin", funds, "{\"amount\":\"60.00\",\"poNumber\":\"PO-other\"}", "po-1");
        assertThat(reused.status()).as("the same key with another PO number is another request").isEqualTo(409);

        for (String bad : new String[]{"\"\"", "\"" + "9".repeat(65) + "\"", "\" PO-1\"", "\"PO\\u00071\"", "42"}) {
            LedgerHttp.Answer refused = http().post("billing_admin", funds, "{\"amount\":\"50.00\",\"poNumber\":" + bad + "}", null);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).as(bad).isEqualTo("INVALID_REQUEST");
        }
        LedgerHttp.Answer balance = http().get("finance_reader", "/api/tenants/" + tenant + "/balance?minSequence="
                + without.header("X-Event-Sequence"));
        assertThat(balance.json().get("balance").asText()).as("the refused requests added nothing").isEqualTo("110.00");
        assertThat(http().get("auditor", "/api/tenants/" + tenant + "/verify").json().get("consistent").asBoolean()).isTrue();
    }
}
