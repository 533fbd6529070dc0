package org.commcredits.ledger.api.license;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

import java.time.Instant;
import java.util.Set;

/**
 * One seat of {@code sku} went to {@code userId}. {@code skusAfter} is everything the user holds afterwards,
 * {@code assignedAfter} the seats of {@code sku} in use afterwards; {@code assignedBy} is the acting principal.
 */
@Revision("1")
public record LicenseAssigned(TenantId tenantId, UserId userId, Sku sku, CountryCode usageLocation, Set<Sku> skusAfter,
                              long assignedAfter, String assignedBy, Instant assignedAt) {

    public LicenseAssigned {
        skusAfter = Set.copyOf(skusAfter);
    }
}
