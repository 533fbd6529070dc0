package org.commcredits.ledger.api.license;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

/** Sets the subscription of {@code sku} to {@code seats} in total (up or down, never below those assigned). */
public record ChangeSeats(TenantId tenantId, Sku sku, long seats, String requestedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return LicenseIds.aggregateId(tenantId);
    }
}
