package org.commcredits.ledger.api.license;

import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

import java.util.Set;

/**
 * A user's licensing as the call path needs it: usage location ({@code null} when not set) and the SKUs
 * assigned. {@code known} is false for a user licensing has never heard of.
 */
public record UserCallingProfile(TenantId tenantId, UserId userId, boolean known, CountryCode usageLocation,
                                 Set<Sku> skus) {

    public UserCallingProfile {
        skus = Set.copyOf(skus);
    }
}
