package org.commcredits.ledger.apps;

import com.fasterxml.jackson.databind.JsonNode;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * INV-CA-21 and INV-CA-22 over HTTP: grants and refunds reach the balance (paid and granted apart), the ledger,
 * the credit notes and their PDF, the monthly statement, and {@code /verify}; bad requests store nothing.
 */
class GrantsAndRefundsTest extends LedgerOnPostgres {

    private static String tenant(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @DisplayName("INV-CA-21: a grant is answered 201, shows as granted in the balance, has no invoice and is a FUNDS_GRANTED entry")
    void grant() {
        String tenant = FundedTenants.open(http(), tenant("grant"));
        FundedTenants.fund(http(), tenant, "50.00", null);
        String grants = "/api/tenants/" + tenant + "/credit-account/grants";
        LedgerHttp.Answer granted = http().post("billing_admin", grants, "{\"amount\":\"10.00\",\"reason\":\"outage on 2 Dec\"}", "g-1");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.json().get("amount").asText()).isEqualTo("10.00");
        assertThat(granted.json().get("balance").asText()).isEqualTo("60.00");
        String trancheId = granted.json().get("trancheId").asText();
        LedgerHttp.Answer again = http().post("billing_admin", grants, "{\"amount\":\"10.00\",\"reason\":\"outage on 2 Dec\"}", "g-1");
        assertThat(again.json().get("trancheId").asText()).as("Idempotency-Key replays the first answer").isEqualTo(trancheId);
        long sequence = granted.sequence();

        JsonNode balance = http().get("finance_reader", "/api/tenants/" + tenant + "/balance?minSequence=" + sequence).json();
        assertThat(balance.get("balance").asText()).isEqualTo("60.00");
        assertThat(balance.get("paid").asText()).isEqualTo("50.00");
        assertThat(balance.get("granted").asText()).isEqualTo("10.00");
        assertThat(balance.get("tranches")).anySatisfy(t -> {
            assertThat(t.get("trancheId").asText()).isEqualTo(trancheId);
            assertThat(t.get("granted").asBoolean()).isTrue();
        });
        JsonNode invoices = http().get("finance_reader", "/api/tenants/" + tenant + "/invoices?minSequence=" + sequence).json();
        assertThat(invoices.get("items")).as("a grant has no invoice").hasSize(1);
        JsonNode ledger = http().get("finance_reader", "/api/tenants/" + tenant + "/ledger?minSequence=" + sequence).json();
        assertThat(ledger.get("items").findValuesAsText("type")).containsExactly("FUNDS_ADDED", "FUNDS_GRANTED");

        for (String bad : List.of("{\"amount\":\"0.00\",\"reason\":\"x\"}", "{\"amount\":\"10.00\"}",
                "{\"amount\":\"10.00\",\"reason\":\" padded\"}", "{\"amount\":\"10.00\",\"reason\":\"x\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}",
                "{\"amount\":\"10.00\",\"reason\":\"x\",\"expiresAt\":\"2999-01-01T00:00:00Z\"}",
                "{\"amount\":\"10.00\",\"reason\":\"x\",\"expiresAt\":\"soon\"}")) {
            LedgerHttp.Answer refused = http().post("billing_admin", grants, bad, null);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.code()).as(bad).isIn("INVALID_AMOUNT", "INVALID_REQUEST", "INVALID_EXPIRY", "INVALID_INSTANT");
        }
        assertThat(http().post("billing_admin", "/api/tenants/" + tenant("none") + "/credit-account/grants",
                "{\"amount\":\"10.00\",\"reason\":\"x\"}", null).code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(http().post("finance_reader", grants, "{\"amount\":\"10.00\",\"reason\":\"x\"}", null).status()).isEqualTo(403);
        assertThat(http().get("finance_reader", "/api/tenants/" + tenant + "/balance").json().get("balance").asText())
                .as("refused grants added nothing").isEqualTo("60.00");
        assertThat(http().get("auditor", "/api/tenants/" + tenant + "/verify").json().get("consistent").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("INV-CA-22: a refund answers 200 with a credit note of its own series, negative, in JSON and PDF; a second is NOTHING_TO_REFUND")
    void refund() throws Exception {
        String tenant = FundedTenants.open(http(), tenant("refund"));
        FundedTenants.fund(http(), tenant, "50.00", null);
        LedgerHttp.Answer second = FundedTenants.fund(http(), tenant, "80.00", null);
        String trancheId = second.json().get("trancheId").asText();
        String invoiceId = second.json().get("invoiceId").asText();
        String refund = "/api/tenants/" + tenant + "/credit-account/tranches/" + trancheId + "/refund";
        LedgerHttp.Answer webhook = http().post("billing_admin", "/api/tenants/" + tenant + "/webhooks",
                "{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"funds.refunded\"]}");
        assertThat(webhook.status()).as(webhook.body()).isEqualTo(201);
        String webhookId = webhook.json().get("webhookId").asText();

        LedgerHttp.Answer refunded = http().post("billing_admin", refund, "{\"reason\":\"bought twice\"}", "r-1");
        assertThat(refunded.status()).as(refunded.body()).isEqualTo(200);
        assertThat(refunded.json().get("trancheId").asText()).isEqualTo(trancheId);
        assertThat(refunded.json().get("refunded").asText()).isEqualTo("80.00");
        assertThat(refunded.json().get("balance").asText()).isEqualTo("50.00");
        String creditNoteId = refunded.json().get("creditNoteId").asText();
        LedgerHttp.Answer replayed = http().post("billing_admin", refund, "{\"reason\":\"bought twice\"}", "r-1");
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().get("creditNoteId").asText()).as("replayed, not refunded twice").isEqualTo(creditNoteId);
        LedgerHttp.Answer twice = http().post("billing_admin", refund, "{\"reason\":\"bought twice\"}", "r-2");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("NOTHING_TO_REFUND");
        long sequence = refunded.sequence();

        JsonNode notes = http().get("finance_reader", "/api/tenants/" + tenant + "/credit-notes?minSequence=" + sequence).json();
        assertThat(notes.get("items")).hasSize(1);
        JsonNode note = notes.get("items").get(0);
        assertThat(note.get("invoiceId").asText()).isEqualTo(creditNoteId);
        assertThat(note.get("number").asLong()).as("its own series").isEqualTo(1);
        assertThat(note.get("kind").asText()).isEqualTo("CREDIT_NOTE");
        assertThat(note.get("total").asText()).isEqualTo("-80.00");
        assertThat(note.get("creditsInvoiceId").asText()).isEqualTo(invoiceId);
        assertThat(note.get("reference").asText()).isEqualTo(trancheId);
        JsonNode invoices = http().get("finance_reader", "/api/tenants/" + tenant + "/invoices").json();
        assertThat(invoices.get("items").findValuesAsText("kind")).as("credit notes are not in the invoice series")
                .containsExactly("FUNDING", "FUNDING");

        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        http().baseUrl() + "/api/tenants/" + tenant + "/invoices/" + creditNoteId + ".pdf"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("finance_reader:finance_reader".getBytes()))
                .header("Accept", "application/pdf").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        String text;
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        }
        assertThat(text).contains("Credit note 1", tenant, creditNoteId, invoiceId, trancheId, "-80.00 USD", "CREDIT_NOTE");

        JsonNode ledger = http().get("finance_reader", "/api/tenants/" + tenant + "/ledger?minSequence=" + sequence).json();
        assertThat(ledger.get("items").findValuesAsText("type")).containsExactly("FUNDS_ADDED", "FUNDS_ADDED", "FUNDS_REFUNDED");
        // the ledger's clock (other tests move the sandbox test clock): the month of the refund's own entry
        String month = ledger.get("items").get(2).get("occurredAt").asText().substring(0, 7);
        JsonNode statement = http().get("finance_reader", "/api/tenants/" + tenant + "/statements/" + month).json();
        assertThat(statement.get("movements").get("refunds").asText()).isEqualTo("80.00");
        assertThat(http().get("auditor", "/api/tenants/" + tenant + "/verify").json().get("consistent").asBoolean()).isTrue();

        String deliveriesPath = "/api/tenants/" + tenant + "/webhooks/" + webhookId + "/deliveries";
        JsonNode deliveries = http().get("billing_admin", deliveriesPath).json();
        for (int wait = 0; wait < 100 && deliveries.get("items").isEmpty(); wait++) { // the outbox is a tracking processor
            Thread.sleep(100);
            deliveries = http().get("billing_admin", deliveriesPath).json();
        }
        assertThat(deliveries.get("items").findValuesAsText("eventType")).as("the outbox turned the refund into a message")
                .containsExactly("funds.refunded");

        LedgerHttp.Answer unknown = http().post("billing_admin", "/api/tenants/" + tenant + "/credit-account/tranches/tr-nope/refund",
                "{\"reason\":\"x\"}", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("TRANCHE_NOT_FOUND");
        assertThat(http().post("billing_admin", refund, "{}", null).code()).isEqualTo("INVALID_REQUEST");
        assertThat(http().post("finance_reader", refund, "{\"reason\":\"x\"}", null).status()).isEqualTo(403);
    }

    @Test
    @DisplayName("INV-CA-22: the sandbox's pm_card_refundFail pays but declines refunds: REFUND_DECLINED, nothing changes")
    void declinedRefund() {
        String tenant = FundedTenants.open(http(), tenant("declined"));
        assertThat(http().put("billing_admin", "/api/tenants/" + tenant + "/credit-account/payment-method",
                "{\"type\":\"CARD\",\"token\":\"pm_card_refundFail\"}").status()).isEqualTo(200);
        LedgerHttp.Answer funded = FundedTenants.fund(http(), tenant, "50.00", null);
        String trancheId = funded.json().get("trancheId").asText();
        LedgerHttp.Answer declined = http().post("billing_admin",
                "/api/tenants/" + tenant + "/credit-account/tranches/" + trancheId + "/refund", "{\"reason\":\"x\"}", null);
        assertThat(declined.status()).isEqualTo(409);
        assertThat(declined.code()).isEqualTo("REFUND_DECLINED");
        assertThat(http().get("finance_reader", "/api/tenants/" + tenant + "/balance?minSequence=" + funded.sequence())
                .json().get("balance").asText()).isEqualTo("50.00");
    }
}
