package org.commcredits.ledger.api.pool;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

import java.time.YearMonth;

/**
 * Joins {@code userId} to the pool (it holds the plan in that country) and takes up to {@code minutes}
 * (zero only joins). Answers a {@link PoolStatus}; {@code taken} says how many minutes the pool gave.
 * Idempotent per {@code callId}: a repeat answers what the first took and applies nothing (INV-POOL-04).
 */
public record ConsumePoolMinutes(TenantId tenantId, PoolKind kind, CountryCode country, YearMonth month,
                                 UserId userId, long perUserMinutes, CallId callId, long minutes) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return PoolIds.of(tenantId, kind, country, month);
    }
}
