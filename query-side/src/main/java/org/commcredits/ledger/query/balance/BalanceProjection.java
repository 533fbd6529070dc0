package org.commcredits.ledger.query.balance;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.commcredits.ledger.api.creditaccount.AutoRechargeConfigured;
import org.commcredits.ledger.api.creditaccount.BillingAgreementChanged;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsGranted;
import org.commcredits.ledger.api.creditaccount.FundsRefunded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.PaymentMethodSet;
import org.commcredits.ledger.api.creditaccount.RechargeCancelled;
import org.commcredits.ledger.api.creditaccount.RechargeFailed;
import org.commcredits.ledger.api.creditaccount.RechargeTriggered;
import org.commcredits.ledger.api.creditaccount.ReservationReleased;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.TrancheHold;
import org.commcredits.ledger.api.creditaccount.TranchePortion;
import org.commcredits.ledger.platform.storage.GlobalIndex;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * Copies balances, tranches, holds and settings from events into {@code rm_account}, {@code rm_tranche} and
 * {@code rm_hold}. Every handler writes absolute values taken from the event (never increments), keyed rows
 * are merged, and account-row updates apply only when the event's global index is past the row's
 * {@code last_sequence}, so a redelivered event changes nothing; rows and the token commit in one transaction.
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
    void on(CreditAccountOpened event, @GlobalIndex long sequence) {
        jdbc.update("MERGE INTO rm_account t USING (VALUES (?)) s(tenant_id) ON t.tenant_id = s.tenant_id "
                        + "WHEN NOT MATCHED THEN INSERT (tenant_id, currency, billing_agreement, balance_minor, opened_at, last_sequence) "
                        + "VALUES (?, ?, ?, 0, ?, ?)",
                event.tenantId().value(), event.tenantId().value(), event.currency(), event.billingAgreement().name(),
                Timestamp.from(event.openedAt()), sequence);
    }

    @EventHandler
    void on(FundsAdded event, @GlobalIndex long sequence) {
        jdbc.update("MERGE INTO rm_tranche t USING (VALUES (?, ?)) s(tenant_id, tranche_id) "
                        + "ON t.tenant_id = s.tenant_id AND t.tranche_id = s.tranche_id "
                        + "WHEN NOT MATCHED THEN INSERT (tenant_id, tranche_id, original_minor, remaining_minor, purchased_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                event.tenantId().value(), event.trancheId(),
                event.tenantId().value(), event.trancheId(), event.amount().minor(), event.amount().minor(),
                Timestamp.from(event.purchasedAt()), Timestamp.from(event.expiresAt()));
        updateBalance(event.tenantId().value(), event.balanceAfter().minor(), sequence);
        if (event.rechargeId() != null) {
            rechargeEnded(event.tenantId().value(), event.rechargeId());
        }
    }

    /** INV-CA-21: a granted tranche, marked so the balance can tell paid and granted credit apart. */
    @EventHandler
    void on(FundsGranted event, @GlobalIndex long sequence) {
        jdbc.update("MERGE INTO rm_tranche t USING (VALUES (?, ?)) s(tenant_id, tranche_id) "
                        + "ON t.tenant_id = s.tenant_id AND t.tranche_id = s.tranche_id "
                        + "WHEN NOT MATCHED THEN INSERT (tenant_id, tranche_id, original_minor, remaining_minor, purchased_at, expires_at, granted) "
                        + "VALUES (?, ?, ?, ?, ?, ?, TRUE)",
                event.tenantId().value(), event.trancheId(),
                event.tenantId().value(), event.trancheId(), event.amount().minor(), event.amount().minor(),
                Timestamp.from(event.grantedAt()), Timestamp.from(event.expiresAt()));
        updateBalance(event.tenantId().value(), event.balanceAfter().minor(), sequence);
    }

    /** INV-CA-22: the refunded part leaves the tranche; what stays is the part held for calls in progress. */
    @EventHandler
    void on(FundsRefunded event, @GlobalIndex long sequence) {
        jdbc.update("UPDATE rm_tranche SET remaining_minor = ?, refunded_minor = ? WHERE tenant_id = ? AND tranche_id = ?",
                event.remainingAfter().minor(), event.amount().minor(), event.tenantId().value(), event.trancheId());
        updateBalance(event.tenantId().value(), event.balanceAfter().minor(), sequence);
    }

    @EventHandler
    void on(FundsConsumed event, @GlobalIndex long sequence) {
        for (TranchePortion portion : event.portions()) {
            jdbc.update("UPDATE rm_tranche SET remaining_minor = ? WHERE tenant_id = ? AND tranche_id = ?",
                    portion.remainingAfter().minor(), event.tenantId().value(), portion.trancheId());
        }
        updateBalance(event.tenantId().value(), event.balanceAfter().minor(), sequence);
    }

    /** A tranche's hold parts go with it: they were part of what it forfeited. */
    @EventHandler
    void on(TrancheExpired event, @GlobalIndex long sequence) {
        String tenant = event.tenantId().value();
        jdbc.update("UPDATE rm_tranche SET remaining_minor = 0, expired = TRUE WHERE tenant_id = ? AND tranche_id = ?",
                tenant, event.trancheId());
        jdbc.update("DELETE FROM rm_hold WHERE tenant_id = ? AND tranche_id = ?", tenant, event.trancheId());
        updateHeld(tenant);
        updateBalance(tenant, event.balanceAfter().minor(), sequence);
    }

    @EventHandler
    void on(FundsReserved event) {
        String tenant = event.tenantId().value();
        for (TrancheHold hold : event.holds()) {
            jdbc.update("MERGE INTO rm_hold t USING (VALUES (?, ?, ?)) s(tenant_id, reservation_id, tranche_id) "
                            + "ON t.tenant_id = s.tenant_id AND t.reservation_id = s.reservation_id AND t.tranche_id = s.tranche_id "
                            + "WHEN MATCHED THEN UPDATE SET amount_minor = ? "
                            + "WHEN NOT MATCHED THEN INSERT (tenant_id, reservation_id, tranche_id, amount_minor) VALUES (?, ?, ?, ?)",
                    tenant, event.reservationId(), hold.trancheId(), hold.amount().minor(),
                    tenant, event.reservationId(), hold.trancheId(), hold.amount().minor());
        }
        updateHeld(tenant);
    }

    @EventHandler
    void on(ReservationReleased event) {
        String tenant = event.tenantId().value();
        jdbc.update("DELETE FROM rm_hold WHERE tenant_id = ? AND reservation_id = ?", tenant, event.reservationId());
        updateHeld(tenant);
    }

    @EventHandler
    void on(AutoRechargeConfigured event, @GlobalIndex long sequence) {
        jdbc.update("UPDATE rm_account SET auto_recharge_enabled = ?, auto_recharge_threshold_minor = ?, "
                        + "auto_recharge_amount_minor = ?, last_sequence = ? WHERE tenant_id = ? AND last_sequence < ?",
                event.enabled(), event.threshold() == null ? null : event.threshold().minor(),
                event.amount() == null ? null : event.amount().minor(), sequence,
                event.tenantId().value(), sequence);
    }

    @EventHandler
    void on(BillingAgreementChanged event, @GlobalIndex long sequence) {
        jdbc.update("UPDATE rm_account SET billing_agreement = ?, last_sequence = ? WHERE tenant_id = ? AND last_sequence < ?",
                event.to().name(), sequence, event.tenantId().value(), sequence);
    }

    @EventHandler
    void on(PaymentMethodSet event, @GlobalIndex long sequence) {
        jdbc.update("UPDATE rm_account SET payment_method_type = ?, last_sequence = ? WHERE tenant_id = ? AND last_sequence < ?",
                event.type(), sequence, event.tenantId().value(), sequence);
    }

    @EventHandler
    void on(RechargeTriggered event, @GlobalIndex long sequence) {
        jdbc.update("UPDATE rm_account SET recharge_in_flight = ?, last_sequence = ? WHERE tenant_id = ? AND last_sequence < ?",
                event.rechargeId(), sequence, event.tenantId().value(), sequence);
    }

    @EventHandler
    void on(RechargeFailed event) {
        if (event.nextAttemptAt() == null) {
            rechargeEnded(event.tenantId().value(), event.rechargeId());
        }
    }

    @EventHandler
    void on(RechargeCancelled event) {
        rechargeEnded(event.tenantId().value(), event.rechargeId());
    }

    private void rechargeEnded(String tenantId, String rechargeId) {
        jdbc.update("UPDATE rm_account SET recharge_in_flight = NULL WHERE tenant_id = ? AND recharge_in_flight = ?",
                tenantId, rechargeId);
    }

    private void updateBalance(String tenantId, long balanceMinor, long sequence) {
        jdbc.update("UPDATE rm_account SET balance_minor = ?, last_sequence = ? WHERE tenant_id = ? AND last_sequence < ?",
                balanceMinor, sequence, tenantId, sequence);
    }

    /** The held total is the sum of the hold rows: absolute, so a repeat writes the same value. */
    private void updateHeld(String tenantId) {
        jdbc.update("UPDATE rm_account SET held_minor = (SELECT COALESCE(SUM(amount_minor), 0) FROM rm_hold WHERE tenant_id = ?) "
                + "WHERE tenant_id = ?", tenantId, tenantId);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_hold");
        jdbc.update("DELETE FROM rm_tranche");
        jdbc.update("DELETE FROM rm_account");
    }
}
