package org.commcredits.ledger.query.ledger;

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
class LedgerStatementTest {

    private static final Instant T0 = Instant.parse("2025-01-10T09:00:00Z");

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

    private AccountEvents history(String prefix) {
        AccountEvents account = new AccountEvents(store, jdbc, prefix);
        account.open(T0);
        account.fund("t1", 10_000, T0.plusSeconds(60));
        account.consume("call-1", "t1", 1_250, 8_750, T0.plusSeconds(3_600));
        account.fund("t2", 5_000, T0.plusSeconds(7_200));
        account.expire("t1", 8_750, Instant.parse("2026-01-10T09:01:00Z"));
        account.consume("call-2", "t2", 5_000, 0, Instant.parse("2026-01-11T00:00:00Z"));
        long last = account.unfunded("call-2", 300, Instant.parse("2026-01-11T00:00:00Z"));
        AccountEvents.awaitProjected(positions, last, LedgerProjection.PROCESSOR);
        return account;
    }

    @Test
    @DisplayName("INV-RM-01, INV-RM-04: every money movement is an entry with its balance after; unfunded usage leaves it unchanged")
    void listsEveryMoneyMovementWithBalanceAfter() {
        AccountEvents account = history("ledger");
        LedgerHttp.Answer answer = LedgerHttp.onPort(port).get("finance_reader", "/api/tenants/" + account.tenant() + "/ledger");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode items = answer.json().get("items");
        assertThat(items).hasSize(6);
        assertThat(items.findValuesAsText("type")).containsExactly("FUNDS_ADDED", "FUNDS_CONSUMED", "FUNDS_ADDED",
                "TRANCHE_EXPIRED", "FUNDS_CONSUMED", "UNFUNDED_USAGE");
        assertThat(items.findValuesAsText("balanceAfter")).containsExactly("100.00", "87.50", "137.50", "50.00", "0.00", "0.00");
        assertThat(items.findValuesAsText("amount")).containsExactly("100.00", "12.50", "50.00", "87.50", "50.00", "3.00");
        assertThat(items.get(0).get("reference").asText()).isEqualTo("inv-t1");
        assertThat(items.get(1).get("reference").asText()).isEqualTo("call-1");
        assertThat(items.get(1).get("trancheId").asText()).isEqualTo("t1");
        assertThat(items.get(5).get("direction").asText()).isEqualTo("MEMO");
        assertThat(answer.json().get("next").isNull()).isTrue();
    }

    @Test
    void pagesBySequenceAndFiltersByInstant() {
        AccountEvents account = history("ledger-pages");
        LedgerHttp http = LedgerHttp.onPort(port);
        String path = "/api/tenants/" + account.tenant() + "/ledger";

        LedgerHttp.Answer first = http.get("auditor", path + "?limit=4");
        assertThat(first.json().get("items")).hasSize(4);
        String next = first.json().get("next").asText();
        LedgerHttp.Answer second = http.get("auditor", path + "?limit=4&after=" + next);
        assertThat(second.json().get("items")).hasSize(2);
        assertThat(second.json().get("next").isNull()).isTrue();
        assertThat(second.json().get("items").get(0).get("sequence").asLong()).isGreaterThan(Long.parseLong(next));

        LedgerHttp.Answer in2025 = http.get("finance_reader", path + "?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        assertThat(in2025.json().get("items").findValuesAsText("type")).containsExactly("FUNDS_ADDED", "FUNDS_CONSUMED", "FUNDS_ADDED");
    }

    @Test
    void cannotReadLedgerOfUnknownTenantOrWithBadPaging() {
        LedgerHttp http = LedgerHttp.onPort(port);
        assertThat(http.get("finance_reader", "/api/tenants/nobody-here/ledger").code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(http.get("finance_reader", "/api/tenants/nobody-here/ledger?limit=0").code()).isEqualTo("INVALID_PAGING");
        assertThat(http.get("finance_reader", "/api/tenants/nobody-here/ledger?limit=1001").code()).isEqualTo("INVALID_PAGING");
        assertThat(http.get("finance_reader", "/api/tenants/nobody-here/ledger?after=x").code()).isEqualTo("INVALID_PAGING");
        assertThat(http.get("finance_reader", "/api/tenants/nobody-here/ledger?from=yesterday").code()).isEqualTo("INVALID_INSTANT");
        assertThat(http.get("telephony", "/api/tenants/nobody-here/ledger").status()).isEqualTo(403);
    }

    @Test
    @DisplayName("INV-RM-08: a rebuild of the ledger projection produces exactly the live rows")
    void rebuildEqualsLive() {
        history("ledger-rebuild");
        String query = "SELECT * FROM rm_ledger_entry ORDER BY sequence";
        List<List<Map<String, Object>>> live = ReadModelSnapshots.rows(jdbc, query);

        ReadModelSnapshots.rebuild(replays, LedgerProjection.PROCESSOR);

        assertThat(ReadModelSnapshots.rows(jdbc, query)).isEqualTo(live);
        assertThat(live.get(0)).isNotEmpty();
    }
}
