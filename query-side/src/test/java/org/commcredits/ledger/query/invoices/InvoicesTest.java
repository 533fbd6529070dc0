package org.commcredits.ledger.query.invoices;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.query.admin.ProjectionReplays;
import org.commcredits.ledger.query.support.AccountEvents;
import org.commcredits.ledger.query.support.QuerySideTest;
import org.commcredits.ledger.query.support.ReadModelSnapshots;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuerySideTest
class InvoicesTest {

    private static final Instant T0 = Instant.parse("2025-02-01T10:00:00Z");

    @Autowired
    EventStore store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessorPositions positions;
    @Autowired
    ProjectionReplays replays;
    @LocalServerPort
    int port;

    private AccountEvents funded(int fundings) {
        AccountEvents account = new AccountEvents(store, jdbc, "invoices");
        long last = account.open(T0);
        for (int i = 1; i <= fundings; i++) {
            last = account.fund("t" + i, 5_000L * i, T0.plusSeconds(i * 60L));
        }
        AccountEvents.awaitProjected(positions, last, InvoiceProjection.PROCESSOR);
        return account;
    }

    @Test
    void listsInvoicesByNumberWithLinesAndPages() {
        AccountEvents account = funded(3);
        LedgerHttp http = LedgerHttp.onPort(port);
        String path = "/api/tenants/" + account.tenant() + "/invoices";

        LedgerHttp.Answer first = http.get("finance_reader", path + "?limit=2");
        assertThat(first.status()).isEqualTo(200);
        JsonNode items = first.json().get("items");
        assertThat(items.findValuesAsText("invoiceId")).containsExactly("inv-t1", "inv-t2");
        assertThat(items.get(1).get("number").asLong()).isEqualTo(2);
        assertThat(items.get(1).get("total").asText()).isEqualTo("100.00");
        assertThat(items.get(1).get("currency").asText()).isEqualTo("USD");
        assertThat(items.get(1).get("status").asText()).isEqualTo("PAID");
        assertThat(items.get(1).get("issuedAt").asText()).isEqualTo(T0.plusSeconds(120).toString());
        assertThat(items.get(1).get("lines").get(0).get("description").asText()).isEqualTo("Communication Credits");
        assertThat(first.json().get("next").asText()).isEqualTo("2");

        LedgerHttp.Answer second = http.get("finance_reader", path + "?limit=2&after=2");
        assertThat(second.json().get("items").findValuesAsText("invoiceId")).containsExactly("inv-t3");
        assertThat(second.json().get("next").isNull()).isTrue();
    }

    @Test
    @DisplayName("INV-INV-05: the PDF of an invoice shows its tenant, number, date, lines, total, currency, status and tranche")
    void answersAnInvoiceAsPdf() throws Exception {
        AccountEvents account = funded(2);
        String path = "/api/tenants/" + account.tenant() + "/invoices/inv-t2.pdf";
        java.net.http.HttpResponse<byte[]> pdf = pdf("finance_reader", path, "application/pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElse(""))
                .contains("invoice-" + account.tenant() + "-2.pdf");
        String text;
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        }
        assertThat(text).contains("Invoice 2", account.tenant(), "inv-t2", T0.plusSeconds(120).toString(), "PAID",
                "Communication Credits", "100.00 USD", "Amount (USD)", "Tranche", "t2", "PO number");
        assertThat(text).doesNotContain("inv-t1");

        assertThat(pdf("finance_reader", "/api/tenants/" + account.tenant() + "/invoices/inv-nope.pdf", "application/pdf").statusCode())
                .isEqualTo(404);
        java.net.http.HttpResponse<byte[]> missing = pdf("finance_reader",
                "/api/tenants/" + account.tenant() + "/invoices/inv-nope.pdf", "*/*");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(missing.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("INVOICE_NOT_FOUND");
        assertThat(pdf("license_admin", path, "application/pdf").statusCode()).as("not a finance role").isEqualTo(403);
    }

    private java.net.http.HttpResponse<byte[]> pdf(String user, String path, String accept) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user).getBytes()))
                .header("Accept", accept).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void answersOneInvoiceOrInvoiceNotFound() {
        AccountEvents account = funded(1);
        LedgerHttp http = LedgerHttp.onPort(port);
        LedgerHttp.Answer one = http.get("auditor", "/api/tenants/" + account.tenant() + "/invoices/inv-t1");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("reference").asText()).isEqualTo("t1");

        LedgerHttp.Answer missing = http.get("auditor", "/api/tenants/" + account.tenant() + "/invoices/inv-nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("INVOICE_NOT_FOUND");
        assertThat(http.get("auditor", "/api/tenants/nobody-here/invoices").code()).isEqualTo("ACCOUNT_NOT_FOUND");
    }

    @Test
    @DisplayName("INV-RM-08: a rebuild of the invoices projection produces exactly the live rows")
    void rebuildEqualsLive() {
        funded(2);
        String[] queries = {"SELECT * FROM rm_invoice ORDER BY tenant_id, invoice_id",
                "SELECT * FROM rm_invoice_line ORDER BY tenant_id, invoice_id, line_no"};
        List<List<Map<String, Object>>> live = ReadModelSnapshots.rows(jdbc, queries);

        ReadModelSnapshots.rebuild(replays, InvoiceProjection.PROCESSOR);

        assertThat(ReadModelSnapshots.rows(jdbc, queries)).isEqualTo(live);
        assertThat(live.get(1)).isNotEmpty();
    }
}
