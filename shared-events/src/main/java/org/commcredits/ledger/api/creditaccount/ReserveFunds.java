package org.commcredits.ledger.api.creditaccount;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/**
 * Holds up to {@code amount} of available credit for an authorised call (INV-CA-10), FIFO from tranches,
 * released automatically at {@code expiresAt}. Answers the {@link FundsReserved} applied (whose amount may
 * be less than asked when {@code partialAllowed}), or rejects with {@code INSUFFICIENT_CREDITS} semantics
 * by returning {@code null} when nothing is available.
 */
public record ReserveFunds(TenantId tenantId, String reservationId, Money amount, boolean partialAllowed,
                           Instant expiresAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return tenantId.creditAccountAggregateId();
    }
}
