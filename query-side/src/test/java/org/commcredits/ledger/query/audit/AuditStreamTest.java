package org.commcredits.ledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.query.support.AccountEvents;
import org.commcredits.ledger.query.support.QuerySideTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@QuerySideTest
class AuditStreamTest {

    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");

    @Autowired
    EventStore store;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private AccountEvents account() {
        AccountEvents account = new AccountEvents(store, jdbc, "audit_x");
        account.open(T0);
        account.fund("t1", 10_000, T0.plusSeconds(1));
        account.consume("call-1", "t1", 100, 9_900, T0.plusSeconds(2));
        return account;
    }

    @Test
    void streamsATenantsEventsInGlobalOrderWithStablePaging() throws Exception {
        AccountEvents account = account();
        new AccountEvents(store, jdbc, "audit_other").open(T0);
        LedgerHttp http = LedgerHttp.onPort(port);

        List<JsonNode> seen = new ArrayList<>();
        String after = "";
        do {
            JsonNode page = http.get("auditor", "/api/audit/events?tenantId=" + account.tenant() + "&limit=2" + after).json();
            page.get("items").forEach(seen::add);
            after = page.get("next").isNull() ? null : "&after=" + page.get("next").asText();
        } while (after != null);

        assertThat(seen).extracting(e -> e.get("type").asText())
                .containsExactly("CreditAccountOpened", "FundsAdded", "InvoiceIssued", "FundsConsumed");
        assertThat(seen).extracting(e -> e.get("sequence").asLong()).isSorted();
        JsonNode funded = seen.get(1);
        assertThat(funded.get("revision").asText()).isEqualTo("1");
        assertThat(funded.get("aggregateId").asText()).isEqualTo(account.tenant() + "/credit-account");
        assertThat(funded.get("occurredAt").asText()).isNotEmpty();
        assertThat(funded.get("payload").get("amount").get("minor").asLong()).isEqualTo(10_000);

        JsonNode all = http.get("auditor", "/api/audit/events?limit=1000").json();
        assertThat(all.get("items").size()).isGreaterThan(seen.size());
    }

    @Test
    void exportsATenantsFullHistoryAsNdjsonAndCsv() throws Exception {
        AccountEvents account = account();
        LedgerHttp http = LedgerHttp.onPort(port);

        LedgerHttp.Answer ndjson = http.get("auditor", "/api/tenants/" + account.tenant() + "/history.ndjson");
        assertThat(ndjson.status()).isEqualTo(200);
        assertThat(ndjson.header("Content-Type")).startsWith("application/x-ndjson");
        String[] lines = ndjson.body().split("\n");
        assertThat(lines).hasSize(4);
        JsonNode last = new ObjectMapper().readTree(lines[3]);
        assertThat(last.get("type").asText()).isEqualTo("FundsConsumed");
        assertThat(last.get("payload").get("reference").asText()).isEqualTo("call-1");

        LedgerHttp.Answer csv = http.get("auditor", "/api/tenants/" + account.tenant() + "/history.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] rows = csv.body().split("\n");
        assertThat(rows[0]).isEqualTo("sequence,occurredAt,aggregateId,aggregateSequence,type,revision,payload");
        assertThat(rows).hasSize(5);
        assertThat(rows[2]).contains("\"FundsAdded\"").contains("\"\"trancheId\"\":\"\"t1\"\"");
    }

    @Test
    @DisplayName("INV-RM-06: a tenant-bound auditor reads only its own tenant's events")
    void canReadOwnTenantAsBoundAuditor() {
        new AccountEvents(store, jdbc, "contoso");
        LedgerHttp http = LedgerHttp.onPort(port);
        assertThat(http.get("contoso_auditor", "/api/audit/events?tenantId=contoso").status()).isEqualTo(200);
        assertThat(http.get("contoso_auditor", "/api/tenants/contoso/history.ndjson").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("INV-RM-06: a tenant-bound auditor cannot read another tenant's events or the whole stream")
    void cannotReadOtherTenantAsBoundAuditor() {
        AccountEvents other = account();
        LedgerHttp http = LedgerHttp.onPort(port);
        LedgerHttp.Answer otherTenant = http.get("contoso_auditor", "/api/audit/events?tenantId=" + other.tenant());
        assertThat(otherTenant.status()).isEqualTo(403);
        assertThat(otherTenant.code()).isEqualTo("FORBIDDEN");
        assertThat(http.get("contoso_auditor", "/api/audit/events").code()).isEqualTo("FORBIDDEN");
        assertThat(http.get("contoso_auditor", "/api/tenants/" + other.tenant() + "/history.csv").status()).isEqualTo(403);
        assertThat(http.get("finance_reader", "/api/audit/events").status()).isEqualTo(403);
        assertThat(http.get("auditor", "/api/audit/events?limit=0").code()).isEqualTo("INVALID_PAGING");
        assertThat(http.get("auditor", "/api/audit/events?tenantId=bad%20id").code()).isEqualTo("INVALID_ID");
    }
}
