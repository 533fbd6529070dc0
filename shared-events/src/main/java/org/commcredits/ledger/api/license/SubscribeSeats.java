package org.commcredits.ledger.api.license;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

/** Adds {@code seats} (positive) to the tenant's subscription of {@code sku}. */
public record SubscribeSeats(TenantId tenantId, Sku sku, long seats, String requestedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return LicenseIds.aggregateId(tenantId);
    }
}
