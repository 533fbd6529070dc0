package org.commcredits.ledger.command.call;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.commcredits.ledger.api.call.SetUserSpendLimit;
import org.commcredits.ledger.api.call.UserSpendLimitSet;
import org.commcredits.ledger.api.call.UserSpendRecorded;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.money.Money;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Reads a user's spend limit and this month's spend from the event store (in the caller's transaction). */
@Component
class SpendLimits {

    record Standing(Money limit, Money spent) {
        Money remaining() {
            return limit.minus(spent).isNegative() ? Money.zero(limit.currency()) : limit.minus(spent);
        }
    }

    private final EventStore events;

    SpendLimits(EventStore events) {
        this.events = events;
    }

    /** The user's limit and spend in {@code month}, or empty when the user has no limit. */
    Optional<Standing> of(TenantId tenant, UserId user, String month) {
        if (user == null) {
            return Optional.empty();
        }
        Money limit = null;
        Money spent = null;
        DomainEventStream stream = events.readEvents(SetUserSpendLimit.aggregateIdOf(tenant, user));
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof UserSpendLimitSet set) {
                limit = set.monthlyLimit();
            } else if (payload instanceof UserSpendRecorded recorded && recorded.month().equals(month)) {
                spent = recorded.spentAfter();
            }
        }
        if (limit == null) {
            return Optional.empty();
        }
        return Optional.of(new Standing(limit, spent == null || !spent.currency().equals(limit.currency())
                ? Money.zero(limit.currency()) : spent));
    }
}
