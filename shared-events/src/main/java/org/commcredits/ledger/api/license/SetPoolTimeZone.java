package org.commcredits.ledger.api.license;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.ZoneId;

/** Sets the time zone whose calendar months the tenant's included-minute pools follow (INV-POOL-06). */
public record SetPoolTimeZone(TenantId tenantId, ZoneId timeZone, String requestedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return LicenseIds.aggregateId(tenantId);
    }
}
