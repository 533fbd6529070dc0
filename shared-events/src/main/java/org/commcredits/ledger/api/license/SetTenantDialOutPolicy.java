package org.commcredits.ledger.api.license;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

/** Sets the tenant's default outbound calling restriction (INV-CALL-13); {@code requestedBy} is the principal. */
public record SetTenantDialOutPolicy(TenantId tenantId, DialOutPolicy policy, String requestedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return LicenseIds.aggregateId(tenantId);
    }
}
