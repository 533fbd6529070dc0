package org.commcredits.ledger.api.pool;

import org.axonframework.serialization.Revision;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

import java.time.Instant;

/**
 * A call used {@code minutes} of the pool. {@code remainingAfter} zero means the pool is exhausted for
 * the month: calls go to credits (eligibility reads this).
 */
@Revision("1")
public record MinutesConsumed(TenantId tenantId, String poolId, PoolKind kind, CountryCode country, String month,
                              CallId callId, UserId userId, long minutes, long usedAfter, long sizeMinutes,
                              long remainingAfter, Instant occurredAt) {
}
