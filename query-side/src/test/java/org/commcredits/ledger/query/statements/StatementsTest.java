package org.commcredits.ledger.query.statements;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.query.support.AccountEvents;
import org.commcredits.ledger.query.support.QuerySideTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** INV-ST-01, INV-ST-02 over HTTP: the monthly statement as JSON, CSV and PDF, and its refusals. */
@QuerySideTest
class StatementsTest {

    @Autowired
    EventStore store;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @Test
    @DisplayName("INV-ST-01: a month's statement: opening, purchases, usage, expiries and closing, reconciled, as JSON, CSV and PDF")
    void statementOfAMonth() throws Exception {
        AccountEvents account = new AccountEvents(store, jdbc, "statement");
        account.open(Instant.parse("2025-01-10T09:00:00Z"));
        account.fund("jan", 10_000, Instant.parse("2025-01-10T10:00:00Z"));
        account.consume("call-1", "jan", 2_500, 7_500, Instant.parse("2025-01-20T10:00:00Z"));
        account.fund("feb", 5_000, Instant.parse("2025-02-03T10:00:00Z"));
        account.consume("call-2", "jan", 1_000, 6_500, Instant.parse("2025-02-04T10:00:00Z"));
        LedgerHttp http = LedgerHttp.onPort(port);
        String path = "/api/tenants/" + account.tenant() + "/statements/2025-02";

        LedgerHttp.Answer february = http.get("finance_reader", path);
        assertThat(february.status()).as(february.body()).isEqualTo(200);
        JsonNode json = february.json();
        assertThat(json.get("openingBalance").asText()).isEqualTo("75.00");
        assertThat(json.at("/movements/purchases").asText()).isEqualTo("50.00");
        assertThat(json.at("/movements/usage").asText()).isEqualTo("10.00");
        assertThat(json.at("/movements/expiries").asText()).isEqualTo("0.00");
        assertThat(json.get("closingBalance").asText()).isEqualTo("115.00");
        assertThat(json.get("reconciles").asBoolean()).isTrue();
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.get("timeZone").asText()).isEqualTo("UTC");
        assertThat(json.get("currency").asText()).isEqualTo("USD");
        assertThat(json.get("from").asText()).isEqualTo("2025-02-01T00:00:00Z");

        LedgerHttp.Answer nextJanuary = http.get("auditor", "/api/tenants/" + account.tenant() + "/statements/2026-01");
        assertThat(nextJanuary.json().at("/movements/expiries").asText()).as("the January tranche forfeits its 65.00")
                .isEqualTo("65.00");
        assertThat(nextJanuary.json().get("closingBalance").asText()).isEqualTo("50.00");

        LedgerHttp.Answer csv = http.get("finance_reader", path + ".csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("Line,Plan,Country,\"Amount USD\"").contains("\"opening balance\",,,75.00")
                .contains("\"closing balance\",,,115.00").contains("usage,");

        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + ".pdf"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("finance_reader:finance_reader".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document))
                    .contains("Statement 2025-02", account.tenant(), "Opening balance", "75.00", "Closing balance", "115.00",
                            "amounts in USD", "Opening balance plus movements equals the closing balance.");
        }
    }

    @Test
    @DisplayName("INV-ST-02: a malformed or future month is 400 INVALID_MONTH, a tenant without an account 404, a non-finance role 403")
    void refusals() {
        AccountEvents account = new AccountEvents(store, jdbc, "statement-refusals");
        account.open(Instant.parse("2025-01-10T09:00:00Z"));
        LedgerHttp http = LedgerHttp.onPort(port);
        String base = "/api/tenants/" + account.tenant() + "/statements/";
        assertThat(http.get("finance_reader", base + "2025-13").json().get("code").asText()).isEqualTo("INVALID_MONTH");
        assertThat(http.get("finance_reader", base + "9999-01").json().get("code").asText()).isEqualTo("INVALID_MONTH");
        assertThat(http.get("finance_reader", base + "2024-12").json().get("code").asText()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(http.get("finance_reader", "/api/tenants/nobody-here/statements/2025-01").status()).isEqualTo(404);
        assertThat(http.get("license_admin", base + "2025-01").status()).isEqualTo(403);
    }
}
