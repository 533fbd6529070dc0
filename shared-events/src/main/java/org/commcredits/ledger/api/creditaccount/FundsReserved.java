package org.commcredits.ledger.api.creditaccount;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * An amount is held for an authorised call, from tranches in FIFO order (INV-CA-10). Held funds stay in
 * the balance but not in the available balance ({@code availableAfter}). Released automatically at
 * {@code expiresAt} unless settled or released before.
 */
@Revision("1")
public record FundsReserved(TenantId tenantId, String reservationId, Money amount, List<TrancheHold> holds,
                            Money availableAfter, Instant reservedAt, Instant expiresAt) {

    public FundsReserved {
        holds = List.copyOf(holds);
    }
}
