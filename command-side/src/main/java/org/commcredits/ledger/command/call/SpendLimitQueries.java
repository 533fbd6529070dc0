package org.commcredits.ledger.command.call;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.commcredits.ledger.api.call.SetUserSpendLimit;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.platform.storage.FreshAggregateCache;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.money.Money;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A user's spend limit and this month's spend, read from the {@link UserSpendLimit} aggregate in the caller's
 * unit of work and transaction (from the aggregate cache when it is there; {@code RecordUserSpend} then
 * reuses the loaded aggregate). Most users have no limit: for them this is one existence query, not a
 * snapshot and an event read.
 */
@Component
class SpendLimitQueries {

    record Standing(Money limit, Money spent) {
        Money remaining() {
            return limit.minus(spent).isNegative() ? Money.zero(limit.currency()) : limit.minus(spent);
        }
    }

    private final Repository<UserSpendLimit> limits;
    private final FreshAggregateCache cache;

    SpendLimitQueries(Repository<UserSpendLimit> limits, @Qualifier("userSpendLimitCache") FreshAggregateCache cache) {
        this.limits = limits;
        this.cache = cache;
    }

    /** The user's limit and spend in {@code month}, or empty when the user has no limit. Inside a unit of work. */
    Optional<Standing> of(TenantId tenant, UserId user, String month) {
        if (user == null) {
            return Optional.empty();
        }
        String id = SetUserSpendLimit.aggregateIdOf(tenant, user);
        if (!cache.mayExist(id)) {
            return Optional.empty();
        }
        try {
            return limits.load(id).invoke(limit -> limit.standing(month));
        } catch (AggregateNotFoundException notYetCommitted) {
            return Optional.empty(); // a limit being set right now, not committed yet: not in force for this call
        }
    }
}
