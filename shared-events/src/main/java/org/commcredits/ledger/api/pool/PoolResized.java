package org.commcredits.ledger.api.pool;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;
import java.util.List;

/**
 * The month's pool grew to {@code sizeAfter} = {@code holders} × {@code perUserMinutes}: {@code holders} users
 * of the tenant hold the plan in the pool country, more than the pool was sized for (INV-POOL-01; it never
 * shrinks within its month). {@code usedMinutes} is unchanged; {@code remainingAfter} = sizeAfter − used.
 * {@code rearmedThresholds} are the alert percents (80, 100) reached before that the new size puts out of
 * reach again: they alert again when use reaches them of the new size (INV-POOL-05). {@code month} is
 * {@code YYYY-MM} in the tenant's pool time zone.
 */
@Revision("1")
public record PoolResized(TenantId tenantId, String poolId, PoolKind kind, CountryCode country, String month,
                          long holders, long perUserMinutes, long sizeBefore, long sizeAfter, long usedMinutes,
                          long remainingAfter, List<Integer> rearmedThresholds, Instant resizedAt) {

    public PoolResized {
        rearmedThresholds = List.copyOf(rearmedThresholds);
    }
}
