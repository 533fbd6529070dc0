package org.commcredits.ledger.query.verify;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.platform.storage.ProcessorPositions;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.commcredits.ledger.query.support.AccountEvents;
import org.commcredits.ledger.query.support.QuerySideTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@QuerySideTest
class VerificationTest {

    private static final Instant T0 = Instant.parse("2025-07-01T00:00:00Z");

    @Autowired
    EventStore store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessorPositions positions;
    @Autowired
    ScheduledVerification scheduled;
    @LocalServerPort
    int port;

    /** Events the balance projection of this branch handles too (opening and funding), plus memo usage. */
    private AccountEvents account() {
        AccountEvents account = new AccountEvents(store, jdbc, "verify");
        account.open(T0);
        account.fund("t1", 10_000, T0.plusSeconds(1));
        account.fund("t2", 6_000, T0.plusSeconds(2));
        long last = account.unfunded("call-1", 250, T0.plusSeconds(3));
        AccountEvents.awaitProjected(positions, last, "balance", "ledger", "invoices");
        return account;
    }

    private JsonNode verify(String tenant) {
        LedgerHttp.Answer answer = LedgerHttp.onPort(port).get("auditor", "/api/tenants/" + tenant + "/verify");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    @DisplayName("INV-RM-05: verification finds every read model consistent with the events")
    void canVerifyConsistentTenant() {
        JsonNode report = verify(account().tenant());
        assertThat(report.get("consistent").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("readModels").toString()).contains("balance", "ledger", "invoices");
        assertThat(report.get("eventsReplayed").asInt()).isEqualTo(6);
        assertThat(report.get("differences")).isEmpty();
    }

    @Test
    @DisplayName("INV-RM-05: verification lists a deliberately corrupted row of each read model")
    void cannotHideCorruptedRows() {
        AccountEvents account = account();
        String tenant = account.tenant();
        jdbc.update("UPDATE rm_ledger_entry SET balance_after_minor = 1 WHERE tenant_id = ? AND entry_type = 'UNFUNDED_USAGE'", tenant);
        jdbc.update("DELETE FROM rm_invoice_line WHERE tenant_id = ? AND invoice_id = 'inv-t2'", tenant);
        jdbc.update("UPDATE rm_tranche SET remaining_minor = 5 WHERE tenant_id = ? AND tranche_id = 't1'", tenant);

        JsonNode report = verify(tenant);

        assertThat(report.get("consistent").asBoolean()).isFalse();
        assertThat(report.get("differences").toString())
                .contains("\"readModel\":\"ledger\"", "\"field\":\"balanceAfter\"", "\"expected\":\"16000\"", "\"actual\":\"1\"")
                .contains("\"readModel\":\"invoices\"", "\"row\":\"invoice inv-t2\"", "\"field\":\"lines\"")
                .contains("\"readModel\":\"balance\"", "\"row\":\"tranche t1\"", "\"field\":\"remaining\"");
        assertThat(report.get("differences")).hasSize(3);
    }

    @Test
    @DisplayName("INV-ST-01: every month of the history reconciles; a decision stamped before an earlier one is reported")
    void checksStatementsAndTheirTimeOrder() {
        AccountEvents account = account();
        JsonNode report = verify(account.tenant());
        assertThat(report.get("readModels").toString()).contains("statements");
        assertThat(report.get("consistent").asBoolean()).as(report.toString()).isTrue();

        long last = account.consume("call-2", "t1", 100, 9_900, T0.minusSeconds(60)); // before the account opened
        AccountEvents.awaitProjected(positions, last, "balance", "ledger", "invoices");
        JsonNode disordered = verify(account.tenant());
        assertThat(disordered.get("differences").toString())
                .contains("\"readModel\":\"statements\"", "\"field\":\"effectiveAt\"", T0.minusSeconds(60).toString());
    }

    @Test
    void recordsScheduledRunsOfAllTenants() {
        AccountEvents broken = account();
        jdbc.update("DELETE FROM rm_ledger_entry WHERE tenant_id = ? AND entry_type = 'FUNDS_ADDED'", broken.tenant());

        String runId = scheduled.runAll();

        Boolean consistent = jdbc.queryForObject("SELECT consistent FROM verification_run WHERE run_id = ? AND tenant_id = ?",
                Boolean.class, runId, broken.tenant());
        Integer differences = jdbc.queryForObject("SELECT differences FROM verification_run WHERE run_id = ? AND tenant_id = ?",
                Integer.class, runId, broken.tenant());
        assertThat(consistent).isFalse();
        assertThat(differences).isEqualTo(2);
    }

    @Test
    void cannotVerifyUnknownTenantOrWithoutAuditorRole() {
        LedgerHttp http = LedgerHttp.onPort(port);
        assertThat(http.get("auditor", "/api/tenants/nobody-here/verify").status()).isEqualTo(404);
        assertThat(http.get("finance_reader", "/api/tenants/nobody-here/verify").status()).isEqualTo(403);
    }
}
