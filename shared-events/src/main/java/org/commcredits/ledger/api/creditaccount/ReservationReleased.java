package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;

/**
 * A hold ended: the call was settled (a {@link FundsConsumed} with the same reservation id follows in the
 * same unit of work), released by the caller, or timed out.
 */
@Revision("1")
public record ReservationReleased(TenantId tenantId, String reservationId, Money amount, Reason reason,
                                  Money availableAfter, Instant releasedAt) {

    public enum Reason {
        SETTLED,
        RELEASED,
        TIMED_OUT
    }
}
