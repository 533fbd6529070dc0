package org.commcredits.ledger.api.creditaccount;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A goodwill grant: credit given, not sold (INV-CA-21). {@code expiresAt} is null for the default 12 months, or
 * an earlier instant. {@code trancheId} is chosen by the caller (the REST layer).
 */
public record GrantFunds(TenantId tenantId, String trancheId, BigDecimal amount, String reason, Instant expiresAt,
                         String requestedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return tenantId.creditAccountAggregateId();
    }
}
