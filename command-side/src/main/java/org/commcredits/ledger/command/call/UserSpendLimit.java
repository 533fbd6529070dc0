package org.commcredits.ledger.command.call;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.commcredits.ledger.api.call.RecordUserSpend;
import org.commcredits.ledger.api.call.SetUserSpendLimit;
import org.commcredits.ledger.api.call.UserSpendLimitSet;
import org.commcredits.ledger.api.call.UserSpendRecorded;
import org.commcredits.ledger.api.money.Money;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's optional monthly limit on call charges ({@code {tenantId}/users/{userId}/spend-limit}) and what
 * the user's calls cost in the current month. Exists only for users who were given a limit.
 */
@Aggregate(cache = "userSpendLimitCache")
class UserSpendLimit {

    @AggregateIdentifier
    private String id;
    private Money limit;
    /** What each month's calls spent (a month's spend stays right when records of an older month arrive late). */
    private Map<String, Money> spentByMonth = new HashMap<>();

    UserSpendLimit() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetUserSpendLimit command, Clock clock) {
        apply(new UserSpendLimitSet(command.tenantId(), command.userId(), command.monthlyLimit(), command.setBy(),
                clock.instant()));
    }

    @CommandHandler
    void handle(RecordUserSpend command, Clock clock) {
        Money recorded = spentByMonth.get(command.month());
        Money before = recorded != null && recorded.currency().equals(command.amount().currency())
                ? recorded : Money.zero(command.amount().currency());
        apply(new UserSpendRecorded(command.tenantId(), command.userId(), command.callId(), command.month(),
                command.amount(), before.plus(command.amount()), limit, clock.instant()));
    }

    /** For {@link SpendLimitQueries}: the limit and what {@code inMonth}'s calls spent, or empty without a limit. */
    java.util.Optional<SpendLimitQueries.Standing> standing(String inMonth) {
        if (limit == null) {
            return java.util.Optional.empty();
        }
        Money spent = spentByMonth.get(inMonth);
        Money spentInMonth = spent != null && spent.currency().equals(limit.currency()) ? spent : Money.zero(limit.currency());
        return java.util.Optional.of(new SpendLimitQueries.Standing(limit, spentInMonth));
    }

    @EventSourcingHandler
    void on(UserSpendLimitSet event) {
        id = SetUserSpendLimit.aggregateIdOf(event.tenantId(), event.userId());
        limit = event.monthlyLimit();
    }

    @EventSourcingHandler
    void on(UserSpendRecorded event) {
        spentByMonth.put(event.month(), event.spentAfter());
    }
}
