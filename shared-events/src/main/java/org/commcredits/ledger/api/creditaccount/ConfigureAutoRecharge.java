package org.commcredits.ledger.api.creditaccount;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

import java.math.BigDecimal;

/**
 * Turns auto-recharge on with a {@code threshold} and an {@code amount} (decimals in the account's currency),
 * or off ({@code enabled} false; both amounts ignored). Turning it off cancels a pending recharge.
 */
public record ConfigureAutoRecharge(TenantId tenantId, boolean enabled, BigDecimal threshold, BigDecimal amount,
                                    String requestedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return tenantId.creditAccountAggregateId();
    }
}
