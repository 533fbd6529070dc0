package org.commcredits.ledger.api.creditaccount;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

/**
 * Applies everything that has fallen due on the account at the clock's instant: tranche expiry
 * ({@link TrancheExpired}), expiry warnings ({@link TrancheExpiringSoon}) and reservation timeouts.
 * Idempotent: sent by the due-work sweeper, and a repeat finds nothing left to do.
 */
public record ProcessDueWork(TenantId tenantId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return tenantId.creditAccountAggregateId();
    }
}
