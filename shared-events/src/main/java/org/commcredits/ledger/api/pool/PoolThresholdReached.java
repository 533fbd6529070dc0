package org.commcredits.ledger.api.pool;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;

import java.time.Instant;

/**
 * A pool's use reached {@code percent} (80 or 100) of its size for the first time this month
 * (INV-POOL-05). At 100 the pool is exhausted. Notifications and eligibility consume this.
 */
@Revision("1")
public record PoolThresholdReached(TenantId tenantId, String poolId, PoolKind kind, CountryCode country, String month,
                                   int percent, long usedMinutes, long sizeMinutes, Instant reachedAt) {
}
