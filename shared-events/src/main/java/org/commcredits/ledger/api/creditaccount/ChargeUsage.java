package org.commcredits.ledger.api.creditaccount;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

/**
 * Charges rated usage to the account. When {@code reservationId} names a live hold, the hold is settled
 * ({@code ReservationReleased(SETTLED)} then {@code FundsConsumed}); otherwise the charge draws available
 * funds FIFO. What the balance cannot cover becomes {@code PostpaidUsageRecorded} on a drained MCA account
 * and {@code UnfundedUsageRecorded} otherwise: never a negative balance (INV-CA-11). Idempotent per
 * {@code chargeId}: a repeat answers the first outcome and applies nothing.
 */
public record ChargeUsage(TenantId tenantId, String chargeId, String reference, String reservationId, Money amount) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return tenantId.creditAccountAggregateId();
    }
}
