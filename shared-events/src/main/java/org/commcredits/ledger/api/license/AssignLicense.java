package org.commcredits.ledger.api.license;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

/** Assigns one seat of {@code sku} to one user; answered with the {@link LicenseAssigned} event. */
public record AssignLicense(TenantId tenantId, UserId userId, Sku sku, String requestedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return LicenseIds.aggregateId(tenantId);
    }
}
