package org.commcredits.ledger.api.license;

import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/**
 * A user's licensing as the call path needs it: usage location ({@code null} when not set) and the SKUs
 * assigned. {@code known} is false for a user licensing has never heard of. {@code poolHolders} counts, per
 * plan SKU, the tenant's users holding it in this user's pool country (US and PR together): the size of the
 * pools this user draws from (INV-POOL-01). {@code poolTimeZone} is the tenant's zone for pool months
 * (UTC unless set), answered for unknown users too (INV-POOL-06). {@code dialOutPolicy} is the user's effective
 * outbound calling restriction, the tenant's default where the user has no override (INV-CALL-13).
 */
public record UserCallingProfile(TenantId tenantId, UserId userId, boolean known, CountryCode usageLocation,
                                 Set<Sku> skus, Map<Sku, Long> poolHolders, ZoneId poolTimeZone,
                                 DialOutPolicy dialOutPolicy) {

    public UserCallingProfile {
        skus = Set.copyOf(skus);
        poolHolders = Map.copyOf(poolHolders);
        poolTimeZone = poolTimeZone == null ? ZoneOffset.UTC : poolTimeZone;
        dialOutPolicy = dialOutPolicy == null ? DialOutPolicy.UNRESTRICTED : dialOutPolicy;
    }

    /** A profile under the default (unrestricted) dial-out policy. */
    public UserCallingProfile(TenantId tenantId, UserId userId, boolean known, CountryCode usageLocation,
                              Set<Sku> skus, Map<Sku, Long> poolHolders, ZoneId poolTimeZone) {
        this(tenantId, userId, known, usageLocation, skus, poolHolders, poolTimeZone, DialOutPolicy.UNRESTRICTED);
    }

    public long holdersOf(Sku sku) {
        return poolHolders.getOrDefault(sku, 0L);
    }

    /** The calendar month {@code at} falls in, in the tenant's pool time zone: a call's pool and spend month. */
    public YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atZone(poolTimeZone));
    }
}
