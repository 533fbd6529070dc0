package org.commcredits.ledger.query.balance;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.commcredits.ledger.platform.storage.EventPositions;
import org.axonframework.eventhandling.ResetHandler;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * Copies balances and tranches from events into {@code rm_account} and {@code rm_tranche}. Every handler
 * writes absolute values taken from the event (never increments), so a redelivered event changes nothing;
 * rows and the processor's token commit in one transaction.
 */
@Component
@ProcessingGroup(BalanceProjection.PROCESSOR)
class BalanceProjection {

    static final String PROCESSOR = "balance";

    private final JdbcTemplate jdbc;

    BalanceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CreditAccountOpened event, TrackingToken token) {
        long sequence = EventPositions.of(token);
        jdbc.update("MERGE INTO rm_account t USING (VALUES (?)) s(tenant_id) ON t.tenant_id = s.tenant_id "
                        + "WHEN NOT MATCHED THEN INSERT (tenant_id, currency, billing_agreement, balance_minor, opened_at, last_sequence) "
                        + "VALUES (?, ?, ?, 0, ?, ?)",
                event.tenantId().value(), event.tenantId().value(), event.currency(), event.billingAgreement().name(),
                Timestamp.from(event.openedAt()), sequence);
    }

    @EventHandler
    void on(FundsAdded event, TrackingToken token) {
        long sequence = EventPositions.of(token);
        jdbc.update("MERGE INTO rm_tranche t USING (VALUES (?, ?)) s(tenant_id, tranche_id) "
                        + "ON t.tenant_id = s.tenant_id AND t.tranche_id = s.tranche_id "
                        + "WHEN NOT MATCHED THEN INSERT (tenant_id, tranche_id, original_minor, remaining_minor, purchased_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                event.tenantId().value(), event.trancheId(),
                event.tenantId().value(), event.trancheId(), event.amount().minor(), event.amount().minor(),
                Timestamp.from(event.purchasedAt()), Timestamp.from(event.expiresAt()));
        updateBalance(event.tenantId().value(), event.balanceAfter().minor(), sequence);
    }

    private void updateBalance(String tenantId, long balanceMinor, long sequence) {
        jdbc.update("UPDATE rm_account SET balance_minor = ?, last_sequence = ? WHERE tenant_id = ? AND last_sequence < ?",
                balanceMinor, sequence, tenantId, sequence);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_tranche");
        jdbc.update("DELETE FROM rm_account");
    }
}
