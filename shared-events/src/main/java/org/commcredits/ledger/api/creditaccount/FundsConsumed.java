package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * Usage was paid from credit, oldest tranche first (INV-CA-04). {@code portions} say which tranches gave
 * how much (their amounts sum to {@code amount}); {@code balanceAfter} is the account balance afterwards.
 * {@code reference} names what was paid for (a call id); {@code reservationId} is set when the charge
 * settled a reservation.
 */
@Revision("1")
public record FundsConsumed(TenantId tenantId, String chargeId, String reference, String reservationId, Money amount,
                            List<TranchePortion> portions, Money balanceAfter, Instant occurredAt) {

    public FundsConsumed {
        portions = List.copyOf(portions);
    }
}
