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
 * An immediate repeat for the same {@code callId} answers what it took and applies nothing; that a call
 * consumes once is guarded by the call itself (INV-CALL-03).
 */
public record ConsumePoolMinutes(TenantId tenantId, PoolKind kind, CountryCode country, YearMonth month,
                                 UserId userId, long perUserMinutes, CallId callId, long minutes) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return PoolIds.of(tenantId, kind, country, month);
    }
}
