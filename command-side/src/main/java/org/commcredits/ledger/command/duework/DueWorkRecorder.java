package org.commcredits.ledger.command.duework;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.InvoiceIssued;
import org.commcredits.ledger.api.creditaccount.InvoiceKind;
import org.commcredits.ledger.api.creditaccount.PaymentMethodSet;
import org.commcredits.ledger.api.creditaccount.PostpaidUsageRecorded;
import org.commcredits.ledger.api.creditaccount.RechargeCancelled;
import org.commcredits.ledger.api.creditaccount.RechargeFailed;
import org.commcredits.ledger.api.creditaccount.RechargeTriggered;
import org.commcredits.ledger.api.creditaccount.ReservationReleased;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.creditaccount.TrancheExpiringSoon;
import org.commcredits.ledger.command.creditaccount.FundingRules;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Keeps {@code due_work} from the credit account's events. Runs in a subscribing processor, inside the unit of
 * work (and database transaction) that appends the events, so an event and the work it schedules commit
 * together: no lag, nothing lost across a crash, and the test clock finds every item at once.
 */
@Component
@ProcessingGroup(DueWorkRecorder.PROCESSOR)
class DueWorkRecorder {

    static final String PROCESSOR = "due-work";

    /** INV-CA-14: the expiry warning falls due this long before the tranche expires. */
    private static final Duration WARNING_BEFORE_EXPIRY = Duration.ofDays(30);

    private final DueWorkTable table;

    DueWorkRecorder(DueWorkTable table) {
        this.table = table;
    }

    @EventHandler
    void on(FundsAdded event) {
        String tenant = event.tenantId().value();
        table.schedule(DueKind.TRANCHE_EXPIRY, tenant, event.trancheId(), event.expiresAt());
        table.schedule(DueKind.TRANCHE_WARNING, tenant, event.trancheId(), event.expiresAt().minus(WARNING_BEFORE_EXPIRY));
        if (event.rechargeId() != null) {
            table.cancel(DueKind.RECHARGE_ATTEMPT, tenant, event.rechargeId());
        }
    }

    @EventHandler
    void on(TrancheExpired event) {
        table.cancel(DueKind.TRANCHE_EXPIRY, event.tenantId().value(), event.trancheId());
        table.cancel(DueKind.TRANCHE_WARNING, event.tenantId().value(), event.trancheId());
    }

    @EventHandler
    void on(TrancheExpiringSoon event) {
        table.cancel(DueKind.TRANCHE_WARNING, event.tenantId().value(), event.trancheId());
    }

    @EventHandler
    void on(FundsReserved event) {
        table.schedule(DueKind.RESERVATION_TIMEOUT, event.tenantId().value(), event.reservationId(), event.expiresAt());
    }

    @EventHandler
    void on(ReservationReleased event) {
        table.cancel(DueKind.RESERVATION_TIMEOUT, event.tenantId().value(), event.reservationId());
    }

    @EventHandler
    void on(RechargeTriggered event) {
        table.schedule(DueKind.RECHARGE_ATTEMPT, event.tenantId().value(), event.rechargeId(), event.triggeredAt());
    }

    @EventHandler
    void on(RechargeFailed event) {
        if (event.nextAttemptAt() == null) {
            table.cancel(DueKind.RECHARGE_ATTEMPT, event.tenantId().value(), event.rechargeId());
        } else {
            table.schedule(DueKind.RECHARGE_ATTEMPT, event.tenantId().value(), event.rechargeId(), event.nextAttemptAt());
        }
    }

    @EventHandler
    void on(RechargeCancelled event) {
        table.cancel(DueKind.RECHARGE_ATTEMPT, event.tenantId().value(), event.rechargeId());
    }

    /** A new payment method is tried at once by a waiting recharge (the account does the same). */
    @EventHandler
    void on(PaymentMethodSet event) {
        table.bringForward(DueKind.RECHARGE_ATTEMPT, event.tenantId().value(), event.changedAt());
    }

    @EventHandler
    void on(PostpaidUsageRecorded event) {
        table.schedule(DueKind.MONTH_END, event.tenantId().value(), event.month(), FundingRules.endOf(event.month()));
    }

    @EventHandler
    void on(InvoiceIssued event) {
        if (event.kind() == InvoiceKind.POSTPAID_USAGE) {
            table.cancel(DueKind.MONTH_END, event.tenantId().value(), event.reference());
        }
    }
}
