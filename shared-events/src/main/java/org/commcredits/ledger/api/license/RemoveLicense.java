package org.commcredits.ledger.api.license;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

/** Takes {@code sku} away from a user and frees its seat; {@code reason} is kept in the event. */
public record RemoveLicense(TenantId tenantId, UserId userId, Sku sku, String reason, String requestedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return LicenseIds.aggregateId(tenantId);
    }
}
