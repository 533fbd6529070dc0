package org.commcredits.ledger.api.pool;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

import java.time.Instant;

/**
 * A user holding the plan in that country joined the month's pool, which grew by {@code perUserMinutes}
 * to {@code sizeAfter} ({@code members} users). {@code month} is {@code YYYY-MM} (UTC).
 *
 * <p>No longer applied: pools are sized by licensing's holder count ({@link PoolResized}). Kept so that
 * histories written before still replay.
 */
@Revision("1")
public record PoolMemberJoined(TenantId tenantId, String poolId, PoolKind kind, CountryCode country, String month,
                               UserId userId, long perUserMinutes, long members, long sizeAfter,
                               long remainingAfter, Instant joinedAt) {
}
