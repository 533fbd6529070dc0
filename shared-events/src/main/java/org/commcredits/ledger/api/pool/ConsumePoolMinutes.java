package org.commcredits.ledger.api.pool;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;

import java.time.YearMonth;

/**
 * Takes up to {@code minutes} of the pool for {@code callId} (zero only brings the pool up to size).
 * {@code holders} is how many of the tenant's users hold the plan in the pool country now (licensing's
 * count); the pool grows to {@code holders × perUserMinutes} and never shrinks within its month
 * (INV-POOL-01). Answers a {@link PoolStatus}; {@code taken} says how many minutes the pool gave.
 * An immediate repeat for the same {@code callId} answers what it took and applies nothing; that a call
 * consumes once is guarded by the call itself (INV-CALL-03).
 */
public record ConsumePoolMinutes(TenantId tenantId, PoolKind kind, CountryCode country, YearMonth month,
                                 UserId userId, long perUserMinutes, long holders, CallId callId, long minutes) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return PoolIds.of(tenantId, kind, country, month);
    }
}
