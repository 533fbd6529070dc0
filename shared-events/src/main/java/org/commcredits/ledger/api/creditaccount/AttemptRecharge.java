package org.commcredits.ledger.api.creditaccount;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

/**
 * Takes the payment of the pending recharge {@code rechargeId} when its attempt is due: success adds the
 * tranche ({@link FundsAdded} with this recharge id) and its invoice, failure is a {@link RechargeFailed}.
 * Does nothing when the recharge is no longer pending or its next attempt is not yet due, so a repeat is harmless.
 */
public record AttemptRecharge(TenantId tenantId, String rechargeId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return tenantId.creditAccountAggregateId();
    }
}
