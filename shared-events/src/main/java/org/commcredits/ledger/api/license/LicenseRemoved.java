package org.commcredits.ledger.api.license;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

import java.time.Instant;
import java.util.Set;

/**
 * {@code sku} was taken from {@code userId} and its seat freed. {@code removedBy} is the acting principal
 * (a security-relevant fact), {@code reason} why; {@code skusAfter} what the user still holds.
 */
@Revision("1")
public record LicenseRemoved(TenantId tenantId, UserId userId, Sku sku, String reason, Set<Sku> skusAfter,
                             long assignedAfter, String removedBy, Instant removedAt) {

    public LicenseRemoved {
        skusAfter = Set.copyOf(skusAfter);
    }
}
