package org.commcredits.ledger.api.creditaccount;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

import java.math.BigDecimal;

/**
 * Sets the low-balance alert's threshold (a decimal in the account's currency), or clears it ({@code threshold}
 * null). Independent of auto-recharge: the alert fires whether auto-recharge is on or off.
 */
public record ConfigureLowBalanceAlert(TenantId tenantId, BigDecimal threshold, String requestedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return tenantId.creditAccountAggregateId();
    }
}
