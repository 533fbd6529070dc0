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
import org.commcredits.ledger.query.config.DeferredWrites;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.function.Consumer;

/**
 * Copies balances, tranches, holds and settings from events into {@code rm_account}, {@code rm_tranche} and
 * {@code rm_hold}. Every handler writes absolute values taken from the event (never increments), keyed rows
 * are merged, and account-row updates apply only when the event's global index is past the row's
 * {@code last_sequence}, so a redelivered event changes nothing; rows and the token commit in one transaction.
 * The writes of a processor batch are collected and merged per row before commit ({@link BalanceWrites}): per
 * completed call, one update of the tenant's account row per batch instead of three (docs/benchmarks.md).
 */
@Component
@ProcessingGroup(BalanceProjection.PROCESSOR)
class BalanceProjection {

    static final String PROCESSOR = "balance";

    private final JdbcTemplate jdbc;
    private final DeferredWrites deferred;

    BalanceProjection(JdbcTemplate jdbc, DeferredWrites deferred) {
        this.jdbc = jdbc;
        this.deferred = deferred;
    }

    @EventHandler
    void on(CreditAccountOpened event, @GlobalIndex long sequence) {
        block(b -> b.open(event.tenantId().value(), event.currency(), event.billingAgreement().name(),
                Timestamp.from(event.openedAt()), sequence));
    }

    @EventHandler
    void on(FundsAdded event, @GlobalIndex long sequence) {
        String tenant = event.tenantId().value();
        block(b -> {
            b.addTranche(tenant, event.trancheId(), event.amount().minor(), Timestamp.from(event.purchasedAt()),
                    Timestamp.from(event.expiresAt()), false);
            b.balance(tenant, event.balanceAfter().minor(), sequence);
        });
        if (event.rechargeId() != null) {
            rechargeEnded(tenant, event.rechargeId());
        }
    }

    /** INV-CA-21: a granted tranche, marked so the balance can tell paid and granted credit apart. */
    @EventHandler
    void on(FundsGranted event, @GlobalIndex long sequence) {
        String tenant = event.tenantId().value();
        block(b -> {
            b.addTranche(tenant, event.trancheId(), event.amount().minor(), Timestamp.from(event.grantedAt()),
                    Timestamp.from(event.expiresAt()), true);
            b.balance(tenant, event.balanceAfter().minor(), sequence);
        });
    }

    /** INV-CA-22: the refunded part leaves the tranche; what stays is the part held for calls in progress. */
    @EventHandler
    void on(FundsRefunded event, @GlobalIndex long sequence) {
        String tenant = event.tenantId().value();
        block(b -> {
            b.refunded(tenant, event.trancheId(), event.remainingAfter().minor(), event.amount().minor());
            b.balance(tenant, event.balanceAfter().minor(), sequence);
        });
    }

    @EventHandler
    void on(FundsConsumed event, @GlobalIndex long sequence) {
        String tenant = event.tenantId().value();
        block(b -> {
            for (TranchePortion portion : event.portions()) {
                b.remaining(tenant, portion.trancheId(), portion.remainingAfter().minor());
            }
            b.balance(tenant, event.balanceAfter().minor(), sequence);
        });
    }

    /** A tranche's hold parts go with it: they were part of what it forfeited. */
    @EventHandler
    void on(TrancheExpired event, @GlobalIndex long sequence) {
        String tenant = event.tenantId().value();
        block(b -> {
            b.expired(tenant, event.trancheId());
            b.balance(tenant, event.balanceAfter().minor(), sequence);
        });
    }

    @EventHandler
    void on(FundsReserved event) {
        String tenant = event.tenantId().value();
        block(b -> {
            for (TrancheHold hold : event.holds()) {
                b.hold(tenant, event.reservationId(), hold.trancheId(), hold.amount().minor());
            }
        });
    }

    @EventHandler
    void on(ReservationReleased event) {
        block(b -> b.release(event.tenantId().value(), event.reservationId()));
    }

    @EventHandler
    void on(AutoRechargeConfigured event, @GlobalIndex long sequence) {
        statement("UPDATE rm_account SET auto_recharge_enabled = ?, auto_recharge_threshold_minor = ?, "
                        + "auto_recharge_amount_minor = ?, last_sequence = ? WHERE tenant_id = ? AND last_sequence < ?",
                event.enabled(), event.threshold() == null ? null : event.threshold().minor(),
                event.amount() == null ? null : event.amount().minor(), sequence,
                event.tenantId().value(), sequence);
    }

    @EventHandler
    void on(BillingAgreementChanged event, @GlobalIndex long sequence) {
        statement("UPDATE rm_account SET billing_agreement = ?, last_sequence = ? WHERE tenant_id = ? AND last_sequence < ?",
                event.to().name(), sequence, event.tenantId().value(), sequence);
    }

    @EventHandler
    void on(PaymentMethodSet event, @GlobalIndex long sequence) {
        statement("UPDATE rm_account SET payment_method_type = ?, last_sequence = ? WHERE tenant_id = ? AND last_sequence < ?",
                event.type(), sequence, event.tenantId().value(), sequence);
    }

    @EventHandler
    void on(RechargeTriggered event, @GlobalIndex long sequence) {
        statement("UPDATE rm_account SET recharge_in_flight = ?, last_sequence = ? WHERE tenant_id = ? AND last_sequence < ?",
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
        statement("UPDATE rm_account SET recharge_in_flight = NULL WHERE tenant_id = ? AND recharge_in_flight = ?",
                tenantId, rechargeId);
    }

    private void block(Consumer<BalanceWrites.Block> change) {
        deferred.add(PROCESSOR, BalanceWrites.class, () -> new BalanceWrites(jdbc), writes -> change.accept(writes.block()));
    }

    private void statement(String sql, Object... arguments) {
        deferred.add(PROCESSOR, BalanceWrites.class, () -> new BalanceWrites(jdbc), writes -> writes.statement(sql, arguments));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_hold");
        jdbc.update("DELETE FROM rm_tranche");
        jdbc.update("DELETE FROM rm_account");
    }
}
